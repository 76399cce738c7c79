// `npm run cluster`: the production shape on this machine, each part its own process as an orchestrator would run it —
// PostgreSQL, the real Temporal server as four services (frontend, history, matching, worker) on it, the migrations,
// the archive peer, two of our workers and two of our APIs. startCluster is what the cluster test and benchmarks use:
// it hands back every process by name, to kill and start again.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalIssuer } from '../libs/auth/src';
import { appRoleName, migrate } from '../libs/persistence/src';
import { openLocalKeys } from './local-keys';
import { ManagedProcess, managedProcess, printed, ProcessSpec } from './processes';
import { freePort, ROOT, startEmbeddedDatabase, stop, waitForPort } from './services';
import { provisionTemporalRole, startTemporalCluster, TemporalDatabase, temporalDatabaseFrom, TemporalService } from './temporal-cluster';

export interface ExternalDatabase {
  /** The application role (DATABASE_URL). */
  appUrl: string;
  /** The schema owner (MIGRATION_DATABASE_URL). */
  ownerUrl: string;
  /** Temporal's role on that server: may create databases, or owns `temporal` and `temporal_visibility`. */
  temporalUrl: string;
}

export interface ClusterOptions {
  workers?: number;
  apis?: number;
  /** PostgreSQL's data, Temporal's configuration, the logs (logs/<process>.log). Default .data/cluster. */
  dataDir?: string;
  /** The payload key, the local issuer and the audit keys. Default .data, shared with npm start. */
  keysDir?: string;
  /** A throw-away embedded PostgreSQL (tests), removed when it stops. */
  ephemeral?: boolean;
  /** An existing PostgreSQL server instead of the embedded one. */
  database?: ExternalDatabase;
  pgPort?: number;
  frontendPort?: number;
  /** One per API; free ports by default. */
  apiPorts?: number[];
  /** The local archive peer as a process, the workers delivering to it over HTTP (default); false: records wait in the outbox. */
  archive?: boolean;
  /** Added to the environment of our workers and APIs (ARCHIVE_RECEIPT_WAIT, LOG_LEVEL, …). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface Cluster {
  /** The Temporal frontend: what TEMPORAL_ADDRESS points at. */
  temporalAddress: string;
  apiUrls: string[];
  archivePeerUrl?: string;
  /** The application role's URL (what our processes connect as). */
  databaseUrl: string;
  /** The schema owner's URL (migrations; what the fuzz pass counts rows as). */
  ownerUrl: string;
  taskQueue: string;
  issuer: LocalIssuer;
  logDir: string;
  temporal: Record<TemporalService, ManagedProcess>;
  workers: ManagedProcess[];
  apis: ManagedProcess[];
  archivePeer?: ManagedProcess;
  /** How long each step of the start took, in ms. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

export async function startCluster(o: ClusterOptions = {}): Promise<Cluster> {
  const log = o.log ?? (() => undefined);
  const dataDir = o.dataDir ?? join(ROOT, '.data/cluster');
  const logDir = join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const timings: Record<string, number> = {};
  let t0 = Date.now();
  const step = (name: string) => {
    timings[name] = Date.now() - t0;
    log(`${name}: ${(timings[name] / 1000).toFixed(1)} s`);
    t0 = Date.now();
  };
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
  };
  try {
    const keys = await openLocalKeys(o.keysDir ?? join(ROOT, '.data'));

    let appUrl: string;
    let ownerUrl: string;
    let temporalDb: TemporalDatabase;
    if (o.database) {
      ({ appUrl, ownerUrl } = o.database);
      temporalDb = temporalDatabaseFrom(o.database.temporalUrl);
    } else {
      const pg = await startEmbeddedDatabase(join(dataDir, 'pg'), o.pgPort ?? (await freePort()), o.ephemeral ?? false);
      cleanups.push(() => stop(pg.process));
      ({ appUrl, ownerUrl } = pg);
      temporalDb = await provisionTemporalRole(pg.url);
    }
    step('postgresql');

    const temporal = await startTemporalCluster(temporalDb, join(dataDir, 'temporal'), { frontendPort: o.frontendPort, logDir });
    cleanups.push(temporal.stop);
    step('temporal');

    const migrations = await migrate(ownerUrl, appRoleName());
    log(`migrations: ${migrations.join(', ') || 'up to date'}`);
    step('migrations');

    const spawnOurs = (name: string, main: string, env: Record<string, string | undefined>, ready: ProcessSpec['ready']) =>
      managedProcess({ name, command: process.execPath, args: [...TS_NODE, join(ROOT, main)], cwd: ROOT, env: { ...process.env, ...env }, ready }, logDir);

    let archivePeer: ManagedProcess | undefined;
    let archivePeerUrl: string | undefined;
    if (o.archive ?? true) {
      const port = await freePort();
      archivePeerUrl = `http://127.0.0.1:${port}`;
      archivePeer = spawnOurs('archive-peer', 'apps/archive-peer/src/main.ts', {
        ARCHIVE_PEER_PORT: String(port), ARCHIVE_PEER_HOST: '127.0.0.1', ARCHIVE_PEER_DIR: join(dataDir, 'archive-peer'),
      }, () => waitForPort(port, 120_000));
      cleanups.push(() => archivePeer!.stop());
      await archivePeer.start();
    }

    const taskQueue = o.env?.TEMPORAL_TASK_QUEUE ?? 'ip-case';
    const common = {
      ...keys.env,
      DATABASE_URL: appUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      ...o.env,
    };
    const workers = Array.from({ length: o.workers ?? 2 }, (_, i) =>
      spawnOurs(`worker-${i + 1}`, 'apps/worker/src/main.ts', {
        ...common,
        // The default is one file for every worker on the machine: each its own, as each container has its own /tmp.
        WORKER_HEARTBEAT_FILE: join(dataDir, `worker-${i + 1}.alive`),
        ARCHIVE_TRANSPORT: archivePeerUrl ? 'http' : 'off',
        ARCHIVE_HTTP_URL: archivePeerUrl,
        ...o.env,
      }, printed('polling task queue')),
    );
    cleanups.push(async () => void (await Promise.all(workers.map((w) => w.stop()))));

    const apiPorts = [...(o.apiPorts ?? [])];
    for (let i = apiPorts.length; i < (o.apis ?? 2); i++) apiPorts.push(await freePort());
    const apis = apiPorts.map((port, i) => spawnOurs(`api-${i + 1}`, 'apps/api/src/main.ts', { ...common, PORT: String(port) }, () => waitForPort(port, 300_000)));
    // Stopped first: no request reaches a worker that is going away.
    cleanups.push(async () => void (await Promise.all(apis.map((a) => a.stop()))));
    // Neither waits for the other: an API takes commands once Temporal does, a worker picks them up when it polls.
    await Promise.all([...workers, ...apis].map((p) => p.start()));
    step('workers and apis');

    return {
      temporalAddress: temporal.address,
      apiUrls: apiPorts.map((p) => `http://127.0.0.1:${p}`),
      archivePeerUrl,
      databaseUrl: appUrl,
      ownerUrl,
      taskQueue,
      issuer: keys.issuer,
      logDir,
      temporal: temporal.services,
      workers,
      apis,
      archivePeer,
      timings,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** Idempotent: fetch the CLI (namespace setup) and build the server, each only once. */
export function ensureClusterTools(): void {
  execFileSync('bash', [join(ROOT, 'scripts/temporal-tools.sh'), '--cli-only'], { stdio: 'inherit' });
  execFileSync('bash', [join(ROOT, 'scripts/temporal-server.sh')], { stdio: 'inherit' });
}

function databaseFromEnv(): ExternalDatabase | undefined {
  const { DATABASE_URL, MIGRATION_DATABASE_URL, TEMPORAL_DATABASE_URL } = process.env;
  if (!DATABASE_URL) return undefined;
  if (!MIGRATION_DATABASE_URL || !TEMPORAL_DATABASE_URL) {
    throw new Error('DATABASE_URL is set: set MIGRATION_DATABASE_URL (the schema owner) and TEMPORAL_DATABASE_URL (Temporal\'s role on that server) too');
  }
  return { appUrl: DATABASE_URL, ownerUrl: MIGRATION_DATABASE_URL, temporalUrl: TEMPORAL_DATABASE_URL };
}

async function main() {
  try {
    ensureClusterTools();
  } catch {
    process.exit(1); // the scripts have said why
  }
  const started = Date.now();
  const firstApi = Number(process.env.PORT ?? 3000);
  const cluster = await startCluster({
    workers: 2,
    apis: 2,
    database: databaseFromEnv(),
    pgPort: Number(process.env.EMBEDDED_PG_PORT ?? 54330),
    frontendPort: Number(process.env.TEMPORAL_FRONTEND_PORT ?? 7233),
    apiPorts: [firstApi, firstApi + 1],
    log: (line) => console.log(`cluster: ${line}`),
  });
  const token = await cluster.issuer.mint({ sub: 'dev.caseworker', name: 'Dev Caseworker', role: 'KE_CASEWORKER', municipalities: ['4601'] });
  const pids = (ps: ManagedProcess[]) => ps.map((p) => `${p.name} (pid ${p.child?.pid})`).join(', ');
  console.log(`
KE IP case engine is up on a Temporal cluster (${((Date.now() - started) / 1000).toFixed(1)} s).
  APIs:              ${cluster.apiUrls.join('  ')}   (Swagger UI at /docs)
  Temporal frontend: ${cluster.temporalAddress}   (TEMPORAL_ADDRESS; no UI: temporal --address ${cluster.temporalAddress} workflow list)
  Temporal services: ${pids(Object.values(cluster.temporal))}
  Our processes:     ${pids([...cluster.workers, ...cluster.apis, ...(cluster.archivePeer ? [cluster.archivePeer] : [])])}
  Archive peer:      ${cluster.archivePeerUrl ? `${cluster.archivePeerUrl}/admin/store` : 'off'}
  Logs:              ${cluster.logDir}/<process>.log
  Token (KE caseworker, 4601): ${token}
  More tokens: npm run token -- --role KE_LEADER --municipalities 4601
`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
