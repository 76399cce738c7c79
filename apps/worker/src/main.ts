import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { readSigningKey } from '../../../libs/audit/src';
import { ConfigError, loadConfig } from '../../../libs/config/src';
import { createLogger, exitOnFatalErrors, pinoLevel } from '../../../libs/logging/src';
import { openDataSource } from '../../../libs/persistence/src';
import { dataConverterFor, parseEncryptionKeys, temporalTls } from '../../../libs/temporal/src';
import { archiveDeliveryFrom, createCaseWorker, installWorkerRuntime } from './case-worker';
import { ensureAuditCheckpointSchedule, ensureReportSchedules } from './schedules';

const HEARTBEAT_FILE = process.env.WORKER_HEARTBEAT_FILE ?? '/tmp/ke-ip-worker.alive';

// JSON lines on stdout, redacted; the level from LOG_LEVEL once the configuration is read.
const log = createLogger({ service: 'ke-ip-worker', level: process.env.LOG_LEVEL });
const fatal = exitOnFatalErrors(log, (e) => e instanceof ConfigError);

async function main() {
  const config = loadConfig();
  log.level = pinoLevel(config.LOG_LEVEL);
  installWorkerRuntime(log, config.LOG_LEVEL);
  // Signed audit checkpoints are what a rewrite of the whole database cannot forge: production does not run without.
  if (!config.AUDIT_CHECKPOINT_KEY_FILE && config.NODE_ENV === 'production') {
    throw new ConfigError('invalid configuration:\n  AUDIT_CHECKPOINT_KEY_FILE: required in production (the Ed25519 key that signs audit checkpoints)');
  }
  const auditCheckpointKey = config.AUDIT_CHECKPOINT_KEY_FILE ? readSigningKey(config.AUDIT_CHECKPOINT_KEY_FILE) : undefined;
  const db = await openDataSource(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
  const worker = await createCaseWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    db,
    encryptionKeys: parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS),
    auditCheckpointKey,
    auditCheckpointExportDir: config.AUDIT_CHECKPOINT_EXPORT_DIR,
    archive: archiveDeliveryFrom(config),
    maxCachedWorkflows: config.TEMPORAL_MAX_CACHED_WORKFLOWS,
  });
  // The schedules' client has the payload codec: the monthly reports' runs carry their municipality.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
  try {
    const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS)) });
    if (auditCheckpointKey) await ensureAuditCheckpointSchedule(client, config.TEMPORAL_TASK_QUEUE, config.AUDIT_CHECKPOINT_EVERY);
    else log.warn('no AUDIT_CHECKPOINT_KEY_FILE: audit checkpoints are not signed by this worker');
    // Not fatal: cases go on without a month's report, and the next start tries again.
    await ensureReportSchedules(client, db, config.TEMPORAL_TASK_QUEUE).then(
      (done) => log.info(done, `internal-control report schedules: ${done.created.length} created, ${done.updated.length} updated`),
      (e) => log.error({ err: e }, 'internal-control report schedules could not be ensured; the next worker start tries again'),
    );
  } finally {
    await clientConnection.close();
  }
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

main().catch(fatal('worker stopped'));
