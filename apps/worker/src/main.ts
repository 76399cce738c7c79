import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ConfigError, EnvConfig, loadConfig } from '../../../libs/config/src';
import { createLogger, exitOnFatalErrors, pinoLevel } from '../../../libs/logging/src';
import { openDataSource } from '../../../libs/persistence/src';
import { dataConverterFor, parseEncryptionKeys, temporalTls } from '../../../libs/temporal/src';
import { createCaseWorker, installWorkerRuntime } from './case-worker';
import { ensureReportSchedules } from './report-schedules';

const HEARTBEAT_FILE = process.env.WORKER_HEARTBEAT_FILE ?? '/tmp/ke-ip-worker.alive';

// JSON lines on stdout, redacted; the level from LOG_LEVEL once the configuration is read.
const log = createLogger({ service: 'ke-ip-worker', level: process.env.LOG_LEVEL });
const fatal = exitOnFatalErrors(log, (e) => e instanceof ConfigError);

async function main() {
  const config = loadConfig();
  log.level = pinoLevel(config.LOG_LEVEL);
  installWorkerRuntime(log, config.LOG_LEVEL);
  const db = await openDataSource(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
  const worker = await createCaseWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    db,
    encryptionKeys: parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS),
  });
  await ensureSchedules(config, db);
  log.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, `KE IP worker polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
  // Liveness for container health checks: the file's age says whether the worker still runs.
  const heartbeat = setInterval(() => {
    if (worker.getState() === 'RUNNING') writeFileSync(HEARTBEAT_FILE, String(Date.now()));
  }, 10_000);
  await worker.run();
  clearInterval(heartbeat);
  await connection.close();
  await db.destroy();
}

/**
 * The monthly internal-control report's schedule of every municipality the engine works for (report-schedules.ts).
 * A failure is logged, not fatal: cases go on, and the next start tries again.
 */
async function ensureSchedules(config: EnvConfig, db: DataSource) {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS)) });
    const done = await ensureReportSchedules(client, db, config.TEMPORAL_TASK_QUEUE);
    log.info(done, `internal-control report schedules: ${done.created.length} created, ${done.updated.length} updated`);
  } catch (e) {
    log.error({ err: e }, 'internal-control report schedules could not be ensured; the next worker start tries again');
  } finally {
    await connection.close();
  }
}

main().catch(fatal('worker stopped'));
