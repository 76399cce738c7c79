// The real Temporal server (built by scripts/temporal-server.sh) as a cluster on this machine: its schema on
// PostgreSQL (temporal-sql-tool), a generated configuration, and frontend, history, matching and worker as four
// processes, then the default namespace and the case search attributes (the temporal CLI), as docker-compose.yml's
// temporal-schema, temporal and temporal-setup services do.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { SEARCH_ATTRIBUTE_FLAGS } from '../libs/contracts/src/ip-case.messages';
import { ManagedProcess, managedProcess } from './processes';
import { freePortIn, ROOT, temporalCliPath, waitForPort } from './services';

const run = promisify(execFile);

export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];
/** Fixed when the cluster's database is created: a data folder keeps the number it started with. */
const NUM_HISTORY_SHARDS = 4;
const DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' } as const;

export interface TemporalServerTools {
  server: string;
  sqlTool: string;
  /** schema/postgresql/v12, holding temporal/versioned and visibility/versioned. */
  schemaDir: string;
}

export function temporalServerTools(): TemporalServerTools {
  const dir = join(ROOT, '.tools/temporal-server');
  const tools = { server: join(dir, 'bin/temporal-server'), sqlTool: join(dir, 'bin/temporal-sql-tool'), schemaDir: join(dir, 'schema/postgresql/v12') };
  if (!Object.values(tools).every((p) => existsSync(p))) throw new Error('the Temporal server is not built: run `bash scripts/temporal-server.sh` (once; takes minutes)');
  return tools;
}

/** Where Temporal's own databases live and who owns them: a role that may create databases, or owns these two. */
export interface TemporalDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function temporalDatabaseFrom(url: string): TemporalDatabase {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/**
 * As a superuser (the embedded server's): the `temporal` role, owner of Temporal's databases and nothing else
 * (CREATEDB to create them, no superuser), with a new random password at every start, like the case roles.
 */
export async function provisionTemporalRole(adminUrl: string, name = 'temporal'): Promise<TemporalDatabase> {
  const password = randomBytes(18).toString('hex');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount;
    await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE "${name}" WITH LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
  return { ...temporalDatabaseFrom(adminUrl), user: name, password };
}

/** Creates Temporal's two databases when missing and brings their schema to this release's (idempotent). */
export async function setupTemporalSchema(db: TemporalDatabase, tools = temporalServerTools()): Promise<void> {
  const sql = (database: string, ...args: string[]) =>
    run(tools.sqlTool, ['--plugin', 'postgres12', '--ep', db.host, '-p', String(db.port), '-u', db.user, '--db', database, ...args], {
      env: { ...process.env, SQL_PASSWORD: db.password }, // not on the command line, where ps shows it
    }).catch((e: { stderr?: string; message: string }) => {
      throw new Error(`temporal-sql-tool ${args[0]} on ${database}: ${e.stderr?.trim() || e.message}`);
    });
  const client = new Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: 'postgres' });
  await client.connect();
  try {
    for (const [schema, database] of Object.entries(DATABASES)) {
      if (!(await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount) {
        await sql(database, 'create-database', '--defaultdb', 'postgres');
        // Only Temporal's role connects to its databases (PostgreSQL lets every role connect to a new one).
        await client.query(`REVOKE ALL ON DATABASE "${database}" FROM PUBLIC`);
      }
      await sql(database, 'setup-schema', '-v', '0.0'); // the version tables only; skipped once a version is set
      await sql(database, 'update-schema', '-d', join(tools.schemaDir, schema, 'versioned'));
    }
  } finally {
    await client.end();
  }
}

export interface TemporalPorts {
  grpc: number;
  membership: number;
}

/** The server's configuration as JSON (which YAML reads as it is): PostgreSQL for both stores, the services on loopback. */
export function temporalConfig(db: TemporalDatabase, ports: Record<TemporalService, TemporalPorts>, dynamicConfigFile: string): object {
  const store = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12', databaseName, connectAddr: `${db.host}:${db.port}`, connectProtocol: 'tcp',
      user: db.user, password: db.password, maxConns, maxIdleConns: maxConns, maxConnLifetime: '1h',
    },
  });
  const frontend = `127.0.0.1:${ports.frontend.grpc}`;
  return {
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: NUM_HISTORY_SHARDS,
      // Four processes share the embedded server's 100 connections with the API and the worker processes.
      datastores: { default: store(DATABASES.temporal, 10), visibility: store(DATABASES.visibility, 2) },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: Object.fromEntries(
      TEMPORAL_SERVICES.map((s) => [s, { rpc: { grpcPort: ports[s].grpc, membershipPort: ports[s].membership, bindOnLocalHost: true } }]),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: frontend } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    // How the worker service (schedules, batch operations) reaches the frontend.
    publicClient: { hostPort: frontend },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/** What the dev server gets as --dynamic-config-value (scripts/services.ts) and compose's temporal-dynamic-config. */
export const DYNAMIC_CONFIG = {
  'frontend.enableUpdateWorkflowExecution': [{ value: true }],
};

export interface TemporalCluster {
  /** What TEMPORAL_ADDRESS points at: the frontend. */
  address: string;
  services: Record<TemporalService, ManagedProcess>;
  configFile: string;
  stop(): Promise<void>;
}

/**
 * Writes the configuration into `dir` and starts the four services, each its own process (logs in `logDir`, default
 * dir/logs), then ensures the namespace and the search attributes. `frontendPort` defaults to a free one.
 */
export async function startTemporalCluster(
  db: TemporalDatabase,
  dir: string,
  o: { frontendPort?: number; namespace?: string; logDir?: string } = {},
): Promise<TemporalCluster> {
  const tools = temporalServerTools();
  await setupTemporalSchema(db, tools);
  mkdirSync(dir, { recursive: true });
  const ports = {} as Record<TemporalService, TemporalPorts>;
  // Below the kernel's ephemeral range: the membership table keeps ports as SMALLINT (at most 32767).
  const port = () => freePortIn(20_000, 32_767);
  for (const s of TEMPORAL_SERVICES) ports[s] = { grpc: s === 'frontend' && o.frontendPort ? o.frontendPort : await port(), membership: await port() };
  const dynamicConfigFile = join(dir, 'dynamic-config.yaml');
  writeFileSync(dynamicConfigFile, JSON.stringify(DYNAMIC_CONFIG, null, 2));
  const configFile = join(dir, 'temporal.yaml');
  // It holds the role's password: readable by this user only.
  writeFileSync(configFile, JSON.stringify(temporalConfig(db, ports, dynamicConfigFile), null, 2), { mode: 0o600 });
  const services = Object.fromEntries(
    TEMPORAL_SERVICES.map((s) => [
      s,
      managedProcess(
        {
          name: `temporal-${s}`,
          command: tools.server,
          args: ['--config-file', configFile, '--allow-no-auth', 'start', '--service', s],
          env: process.env,
          ready: () => waitForPort(ports[s].grpc, 120_000),
        },
        o.logDir ?? join(dir, 'logs'),
      ),
    ]),
  ) as Record<TemporalService, ManagedProcess>;
  const stop = async () => {
    for (const s of [...TEMPORAL_SERVICES].reverse()) await services[s].stop();
  };
  const address = `127.0.0.1:${ports.frontend.grpc}`;
  try {
    // History first, alone: on a new database each service would write the cluster's metadata record, and all but the
    // first fail on its key.
    await services.history.start();
    await Promise.all(TEMPORAL_SERVICES.filter((s) => s !== 'history').map((s) => services[s].start()));
    await setupNamespace(address, o.namespace ?? 'default');
  } catch (e) {
    await stop();
    throw e;
  }
  return { address, services, configFile, stop };
}

/** Retries `step` every 2 s until it succeeds or `timeoutMs` passes, then throws its last error. */
async function retrying<T>(what: string, timeoutMs: number, step: () => Promise<T>): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await step();
    } catch (e) {
      if (Date.now() > until) throw new Error(`${what}: ${(e as { stderr?: string }).stderr?.trim() || (e as Error).message}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/**
 * The namespace (the server, unlike the dev server, creates none) and the case search attributes, idempotently;
 * returns once the namespace answers with them (a new namespace takes seconds to reach every service).
 */
export async function setupNamespace(address: string, namespace: string): Promise<void> {
  // This frontend only: neither the caller's TEMPORAL_* variables nor a CLI profile may point it elsewhere.
  const flags = ['--address', address, '--command-timeout', '10s', '--disable-config-env', '--disable-config-file'];
  const cli = (...args: string[]) => run(temporalCliPath(), [...args, ...flags], { timeout: 20_000 });
  await retrying('the Temporal frontend is not serving', 120_000, async () => {
    const { stdout } = await cli('operator', 'cluster', 'health');
    if (!stdout.includes('SERVING')) throw new Error(stdout.trim());
  });
  await retrying(`namespace ${namespace} could not be created`, 60_000, () =>
    cli('operator', 'namespace', 'describe', '--namespace', namespace).catch(() => cli('operator', 'namespace', 'create', '--namespace', namespace, '--retention', '720h')),
  );
  const wanted = SEARCH_ATTRIBUTE_FLAGS.map((f) => f.split('='));
  await retrying(`search attributes of ${namespace} could not be created`, 60_000, async () => {
    const { stdout } = await cli('operator', 'search-attribute', 'list', '--namespace', namespace);
    const missing = wanted.filter(([name]) => !new RegExp(`\\b${name}\\b`).test(stdout));
    if (!missing.length) return;
    // One type per call: the CLI takes several names but a single --type.
    for (const type of new Set(missing.map(([, t]) => t))) {
      const names = missing.filter(([, t]) => t === type).flatMap(([name]) => ['--name', name]);
      await cli('operator', 'search-attribute', 'create', '--namespace', namespace, ...names, '--type', type);
    }
    throw new Error(`created ${missing.map(([n]) => n).join(', ')}; checking again`);
  });
  // Visibility answers for the namespace: workers and clients can start.
  await retrying(`namespace ${namespace} is not usable`, 60_000, () => cli('workflow', 'count', '--namespace', namespace));
}
