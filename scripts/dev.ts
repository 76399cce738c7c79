// `npm start`: the whole engine on this machine with embedded defaults — Temporal dev server (SQLite under .data/),
// embedded PostgreSQL (.data/pg), migrations, a local token issuer, the worker and the API.
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createApiApp } from '../apps/api/src/create-app';
import { archiveDeliveryFrom, createCaseWorker, installWorkerRuntime } from '../apps/worker/src/case-worker';
import { startArchivePeer } from '../apps/archive-peer/src/main';
import { ensureAuditCheckpointSchedule } from '../apps/worker/src/schedules';
import { readSigningKey } from '../libs/audit/src';
import { createLogger } from '../libs/logging/src';
import { loadConfig } from '../libs/config/src';
import { appRoleName, migrate, openDataSource } from '../libs/persistence/src';
import { parseEncryptionKeys, temporalTls } from '../libs/temporal/src';
import { openLocalKeys } from './local-keys';
import { ROOT, startEmbeddedDatabase, startTemporalDevServer, stop } from './services';

async function main() {
  const data = join(ROOT, '.data');
  mkdirSync(data, { recursive: true });
  // The dev server only: the Java time-skipping test server is for the tests (scripts/test.sh fetches it).
  try {
    execFileSync('bash', [join(ROOT, 'scripts/temporal-tools.sh'), '--cli-only'], { stdio: 'inherit' });
  } catch {
    process.exit(1); // temporal-tools.sh has said why, in one sentence
  }

  const { issuer, env: keysEnv } = await openLocalKeys(data);

  const children: import('node:child_process').ChildProcess[] = [];
  // The API and the worker connect as the application role (DATABASE_URL); migrations run as the schema owner.
  let databaseUrl = process.env.DATABASE_URL;
  let migrationUrl = process.env.MIGRATION_DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedDatabase(join(data, 'pg'), Number(process.env.EMBEDDED_PG_PORT ?? 54320), false);
    children.push(pg.process);
    databaseUrl = pg.appUrl;
    migrationUrl = pg.ownerUrl;
  } else if (!migrationUrl) {
    throw new Error('DATABASE_URL is set but MIGRATION_DATABASE_URL is not: set both, the application role and the schema owner (README, least privilege)');
  }
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const t = await startTemporalDevServer(7233, join(data, 'temporal.sqlite'), 8233);
    children.push(t.process);
    temporalAddress = t.url;
  }
  console.log('migrations:', (await migrate(migrationUrl!, appRoleName())).join(', ') || 'up to date');

  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    ...keysEnv,
    // The embedded default delivers to the local archive peer through a drop folder (ARCHIVE_TRANSPORT=off|http changes it).
    ARCHIVE_TRANSPORT: process.env.ARCHIVE_TRANSPORT ?? 'file',
    ARCHIVE_DROP_DIR: process.env.ARCHIVE_DROP_DIR ?? join(data, 'archive', 'drop'),
  });
  // The local archive peer stands in for the municipality's archive: it reads the drop folder and answers over HTTP too.
  const archivePeer = config.ARCHIVE_TRANSPORT === 'off' || process.env.ARCHIVE_HTTP_URL
    ? undefined
    : await startArchivePeer({ port: Number(process.env.ARCHIVE_PEER_PORT ?? 4100), dir: join(data, 'archive', 'peer'), dropDir: config.ARCHIVE_DROP_DIR });
  const db = await openDataSource(config.DATABASE_URL);
  // The worker logs as in production: structured, without personal data (libs/logging).
  installWorkerRuntime(createLogger({ service: 'ke-ip-worker', level: config.LOG_LEVEL }), config.LOG_LEVEL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
  const worker = await createCaseWorker({
    connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, db, encryptionKeys: parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS),
    auditCheckpointKey: readSigningKey(config.AUDIT_CHECKPOINT_KEY_FILE!), auditCheckpointExportDir: config.AUDIT_CHECKPOINT_EXPORT_DIR,
    archive: archiveDeliveryFrom(config),
  });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, tls: temporalTls(config) });
  await ensureAuditCheckpointSchedule(new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE }), config.TEMPORAL_TASK_QUEUE, config.AUDIT_CHECKPOINT_EVERY);
  await clientConnection.close();
  const running = worker.run();
  const app = await createApiApp(config);
  await app.listen(config.PORT, '127.0.0.1');
  const token = await issuer.mint({ sub: 'dev.caseworker', name: 'Dev Caseworker', role: 'KE_CASEWORKER', municipalities: ['4601'] });
  console.log(`\nKE IP case engine is up.\n  API:         http://localhost:${config.PORT}\n  Swagger UI:  http://localhost:${config.PORT}/docs\n  Temporal UI: http://localhost:8233\n${archivePeer ? `  Archive peer: ${archivePeer.url}/admin/store (drop folder ${config.ARCHIVE_DROP_DIR})\n` : ''}  Token (KE caseworker, 4601): ${token}\n  More tokens: npm run token -- --role KE_LEADER --municipalities 4601\n`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    // The Temporal worker stops itself on SIGINT/SIGTERM; only ask when it has not begun.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await connection.close();
    await db.destroy();
    await archivePeer?.close();
    for (const c of children.reverse()) await stop(c);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
