import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../../libs/config/src';
import { createLogger, exitOnFatalErrors, pinoLevel } from '../../../libs/logging/src';
import { createApiApp } from './create-app';

// The process's own lines; Nest's go through the same structured logger (create-app.ts).
const log = createLogger({ service: 'ke-ip-api', level: process.env.LOG_LEVEL });
const fatal = exitOnFatalErrors(log, (e) => e instanceof ConfigError);

async function main() {
  const config = loadConfig();
  log.level = pinoLevel(config.LOG_LEVEL);
  const app = await createApiApp(config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, '0.0.0.0');
  log.info({ port: config.PORT }, `KE IP API on http://localhost:${config.PORT} (Swagger UI at /docs)`);
}

main().catch(fatal('API stopped'));
