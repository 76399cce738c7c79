// Starts the real servers the engine needs, for `npm start` and the test suite:
// embedded PostgreSQL (own process, ESM package) and the Temporal CLI dev server.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { SEARCH_ATTRIBUTE_FLAGS } from '../libs/contracts/src/ip-case.messages';
import { appRoleName, ownerRoleName, provisionRoles } from '../libs/persistence/src/roles';

export const ROOT = resolve(__dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

/**
 * A free port in [min, max]: for servers that keep their port in a narrower type than the kernel's ephemeral range
 * (Temporal's cluster_membership.rpc_port is a SMALLINT, so 32767 at most).
 */
export async function freePortIn(min: number, max: number): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = min + Math.floor(Math.random() * (max - min + 1));
    const free = await new Promise<boolean>((res) => {
      const srv = createServer();
      srv.unref();
      srv.once('error', () => res(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${min} and ${max}`);
}

export async function waitForPort(port: number, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((res) => {
      const s = new Socket();
      s.once('connect', () => (s.destroy(), res(true)));
      s.once('error', () => (s.destroy(), res(false)));
      s.connect(port, '127.0.0.1');
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}

export interface Started {
  url: string;
  process: ChildProcess;
}

// Servers started here end with the process that started them, even when it exits without cleaning up.
const started = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGTERM');
});
export function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/**
 * A real PostgreSQL in its own process (scripts/embedded-postgres.mjs), from any folder, as root or a plain user.
 * When it cannot start, the promise rejects with the launcher's one sentence (why, and what to do).
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, ephemeral: boolean): Promise<Started> {
  // stdin stays open as a lifeline: the server stops when this process goes away, however it goes.
  const child = track(
    spawn(process.execPath, [join(ROOT, 'scripts/embedded-postgres.mjs'), dataDir, String(port), ...(ephemeral ? ['--ephemeral'] : [])], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: process.env, // named, so that a test's changes to it count (jest gives each test file its own)
    }),
  );
  let ready = false;
  let reason = '';
  let pending = '';
  child.stderr!.on('data', (b) => {
    pending += String(b);
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const m = /^embedded-postgres: (.*)$/.exec(line);
      // Before READY its own sentence becomes the rejection; anything else (PG_DEBUG logs) passes through.
      if (m && !ready) reason = m[1];
      else process.stderr.write(`${line}\n`);
    }
  });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (b) => {
      out += String(b);
      const m = /READY (\S+)/.exec(out);
      if (m) (ready = true), res(m[1]);
    });
    // 'close', not 'exit': by then its last words on stderr have been read.
    child.once('close', (code) => rej(new Error(`embedded PostgreSQL: ${reason || `exited with code ${code}`}`)));
  });
  return { url, process: child };
}

export interface EmbeddedDatabase extends Started {
  /** The schema owner (ke_ip_owner): migrations. */
  ownerUrl: string;
  /** The application role (ke_ip_app): the API and the worker. */
  appUrl: string;
  appRole: string;
}

/**
 * The embedded PostgreSQL with the roles of production: its superuser only provisions them; migrations run as the
 * schema owner, the API and the worker connect as the application role (DATABASE_APP_ROLE, default ke_ip_app).
 * Both roles get new random passwords at every start (provisioning sets them), handed over in the URLs: no fixed
 * secret, so even production mode (which refuses default passwords) takes the application role's URL.
 */
export async function startEmbeddedDatabase(dataDir: string, port: number, ephemeral: boolean): Promise<EmbeddedDatabase> {
  const pg = await startEmbeddedPostgres(dataDir, port, ephemeral);
  const owner = { name: ownerRoleName(), password: randomBytes(18).toString('hex') };
  const app = { name: appRoleName(), password: randomBytes(18).toString('hex') };
  try {
    return { ...pg, ...(await provisionRoles(pg.url, owner, app)), appRole: app.name };
  } catch (e) {
    await stop(pg.process);
    throw e;
  }
}

export function temporalCliPath(): string {
  const candidates = [process.env.TEMPORAL_CLI_PATH, join(ROOT, '.tools/bin/temporal')].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Temporal CLI not found: run `npm run tools` (scripts/temporal-tools.sh) first');
  return found;
}

export function timeSkippingServerPath(): string {
  const p = join(ROOT, '.tools/temporal-test-server/bin/temporal-test-server');
  if (!existsSync(p)) throw new Error('Temporal test server not found: run `npm run tools` first');
  return p;
}

/** `temporal server start-dev` with a SQLite file (persistent) or in memory (dbFile undefined). */
export async function startTemporalDevServer(port: number, dbFile?: string, uiPort?: number, logLevel = 'error'): Promise<Started> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', logLevel];
  if (dbFile) {
    mkdirSync(resolve(dbFile, '..'), { recursive: true });
    args.push('--db-filename', dbFile);
  }
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  for (const sa of SEARCH_ATTRIBUTE_FLAGS) args.push('--search-attribute', sa);
  // Updates are on by default in the server this CLI embeds (1.32), which no longer knows enableExecuteMultiOperation
  // (multi-operations, Update-with-Start, are always on): said anyway, so an older server fails loudly rather than late.
  args.push('--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true');
  const child = track(spawn(temporalCliPath(), args, { stdio: ['ignore', 'ignore', 'inherit'] }));
  await waitForPort(port, 60_000);
  return { url: `127.0.0.1:${port}`, process: child };
}

export function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((res) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return res();
    child.once('exit', () => res());
    child.kill(signal);
    setTimeout(() => (child.kill('SIGKILL'), res()), 10_000).unref();
  });
}
