import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../../libs/config/src';
import { createApiApp } from './create-app';

async function main() {
  const config = loadConfig();
  const app = await createApiApp(config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`KE IP API on http://localhost:${config.PORT} (Swagger UI at /docs)`);
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
