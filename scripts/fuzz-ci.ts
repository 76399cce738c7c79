// `bash scripts/fuzz-ci.sh` (what .ci/run runs): a bounded schemathesis pass against the whole engine, started here.
// Starts an embedded PostgreSQL and a Temporal dev server on free ports (scripts/services.ts, throw-away), migrates,
// runs the worker and the API in this process, seeds a few cases, then runs schemathesis once per role and once with
// an invalid token, each with the conformance checks on and our own (tools/fuzz/hooks.py): every 4xx problem+json,
// and refused requests change no row in the case tables. Stops everything; exits non-zero when any check failed.
//
// Environment: SCHEMATHESIS (the CLI, default .tools/schemathesis/bin/schemathesis), FUZZ_MAX_TIME (seconds per run,
// default 30), FUZZ_EXAMPLES (examples per operation, default 30), FUZZ_SEED (default fixed: the same inputs each run),
// FUZZ_ROLES (comma-separated subset of the runs, e.g. KE_LEADER,INVALID_TOKEN), FUZZ_REPORT_DIR (default .data/fuzz).
import 'reflect-metadata';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../apps/api/src/create-app';
import { createCaseWorker } from '../apps/worker/src/case-worker';
import { openCheckpointKeys, readSigningKey } from '../libs/audit/src';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer, Principal, ROLES } from '../libs/auth/src';
import { loadConfig } from '../libs/config/src';
import { someNationalId } from '../libs/identity/src/national-id';
import { appRoleName, migrate, openDataSource } from '../libs/persistence/src';
import { parseEncryptionKeys } from '../libs/temporal/src';
import { startCluster } from './cluster';
import { freePort, ROOT, startEmbeddedDatabase, startTemporalDevServer, stop } from './services';

const MUNICIPALITY = '4601';
/** The coordinator token's subject: the seeded cases propose and appoint this employee, so a coordinator sees them. */
const COORDINATOR_SUB = 'fuzz.coordinator';

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
  'problem_json_errors',
  'refusals_change_no_rows',
];

interface Seeded {
  caseIds: string[];
  taskIds: string[];
}

export class Http {
  constructor(readonly base: string) {}

  async call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async expect(token: string, method: string, path: string, body: unknown, status: number) {
    const res = await this.call(token, method, path, body);
    if (res.status !== status) throw new Error(`seeding: ${method} ${path} ${(body as { type?: string })?.type ?? ''} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

const INFORMED = { purpose: true, information: true, recipients: true, sources: true, processor: true, voluntaryAndWithdrawable: true, form: true };
const grant = (scope: string, party?: string) => ({
  scope, ...(party ? { party } : {}), capacity: 'SELF', form: 'WRITTEN_DIGITAL', givenBy: { name: 'Fuzz Person' }, informationGiven: INFORMED,
});
let individual = 300;

/** A few cases in different states (received, coordinator proposed, active), their open tasks. */
export async function seed(http: Http, caseworker: string, coordinator: string, leader: string): Promise<Seeded> {
  const register = async () =>
    (
      await http.expect(caseworker, 'POST', '/cases', {
        municipality: MUNICIPALITY,
        subject: { nationalId: someNationalId('1980-05-05', individual++), name: 'Fuzz Person' },
        notifier: { type: 'HEALTH_PERSONNEL', name: 'Fastlege Per Hansen', relation: 'fastlege' },
        requestedLines: ['IP', 'KOORDINATOR'],
        needsDescription: 'Trenger koordinerte tjenester',
        channel: 'ELECTRONIC_MESSAGE',
        subjectAware: 'YES_CONSENTED',
        receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      }, 201)
    ).caseId as string;
  const event = (token: string, caseId: string, body: Record<string, unknown>) => http.expect(token, 'POST', `/cases/${caseId}/events`, body, 200);
  const toProposed = async (caseId: string) => {
    await event(caseworker, caseId, { type: 'REGISTER' });
    await event(caseworker, caseId, { type: 'START_ASSESSMENT' });
    await event(caseworker, caseId, {
      type: 'RECORD_DECISION', sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
      decisions: [{ line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }],
    });
    await event(caseworker, caseId, { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), grant('PARTICIPANT', 'Fysioterapitjenesten')] });
    await event(caseworker, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: COORDINATOR_SUB, unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } });
  };
  const received = await register();
  const proposed = await register();
  await toProposed(proposed);
  const active = await register();
  await toProposed(active);
  await event(coordinator, active, { type: 'COORDINATOR_ACCEPTED' });
  await event(coordinator, active, { type: 'START_MAPPING' });
  await event(coordinator, active, { type: 'RECORD_MAPPING', summary: 'Mål, ressurser og behov kartlagt' });
  await event(coordinator, active, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'Fysioterapitjenesten', role: 'Fysioterapeut' }] });
  await event(coordinator, active, { type: 'MAPPING_COMPLETED' });
  await event(coordinator, active, {
    type: 'SUBMIT_PLAN_DRAFT',
    plan: {
      goals: [{ lifeArea: 'health', statementInUserWords: 'Jeg vil gå til butikken selv' }],
      measures: [{ description: 'Fysioterapi', responsibleParty: 'Fysioterapitjenesten', scope: '2 t/uke' }],
      revisionDate: new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10),
      userParticipation: 'FULL',
    },
  });
  await event(coordinator, active, { type: 'PLAN_APPROVED' });
  const caseIds = [received, proposed, active];
  const taskIds: string[] = [];
  for (const caseId of caseIds) {
    const tasks = await http.expect(leader, 'GET', `/tasks?caseId=${caseId}&limit=50`, undefined, 200);
    taskIds.push(...tasks.items.map((t: { id: string }) => t.id));
  }
  return { caseIds, taskIds };
}

const toml = (v: unknown): string => JSON.stringify(v); // a JSON string or array of strings is TOML too

/** An [[operations]] table: the operations `filter` selects draw these parameters from dictionaries. */
const operation = (filter: Record<string, string>, parameters: Record<string, [dictionary: string, probability: number]>) =>
  [
    `[[operations]]`,
    ...Object.entries(filter).map(([k, v]) => `${k} = ${toml(v)}`),
    `parameters = { ${Object.entries(parameters).map(([p, [d, pr]]) => `${toml(p)} = { dictionary = ${toml(d)}, probability = ${pr} }`).join(', ')} }`,
    ``,
  ].join('\n');

/** The schemathesis configuration of one run: the seeded ids (and valid municipalities, identity numbers) as dictionaries. */
function configFile(dir: string, seeded: Seeded): string {
  const unknown = randomUUID(); // an id nobody has: 404
  const file = join(dir, 'schemathesis.toml');
  writeFileSync(
    file,
    [
      `[cache]`,
      `enabled = false`,
      ``,
      `[dictionaries.case_ids]`,
      `values = ${toml([...seeded.caseIds, unknown])}`,
      `[dictionaries.task_ids]`,
      `values = ${toml(seeded.taskIds.length ? [...seeded.taskIds, unknown] : [unknown])}`,
      `[dictionaries.employee_ids]`,
      `values = ${toml([COORDINATOR_SUB, 'fuzz.nobody'])}`,
      `[dictionaries.municipalities]`,
      `values = ${toml([MUNICIPALITY, '0301', '9999'])}`,
      `[dictionaries.national_ids]`,
      `values = ${toml(Array.from({ length: 5 }, () => someNationalId('1990-01-31', individual++)))}`,
      ``,
      operation({ 'include-name': 'POST /cases' }, { 'body.municipality': ['municipalities', 0.8], 'body.subject.nationalId': ['national_ids', 0.8] }),
      operation({ 'include-path-regex': '^/(cases|deadlines|tasks|incidents|coordinator-trainings)$', 'include-method': 'GET' }, { 'query.municipality': ['municipalities', 0.5] }),
      operation({ 'include-path-regex': '^/cases/\\{id\\}' }, { 'path.id': ['case_ids', 0.8] }),
      operation({ 'include-path-regex': '^/tasks/\\{id\\}' }, { 'path.id': ['task_ids', 0.8] }),
      operation({ 'include-path-regex': '^/municipalities/' }, { 'path.nr': ['municipalities', 0.8] }),
      operation({ 'include-path-regex': '^/coordinators/' }, { 'path.employeeId': ['employee_ids', 0.8], 'body.municipality': ['municipalities', 0.8] }),
    ].join('\n'),
  );
  return file;
}

/**
 * Runs schemathesis with its report in `log`: CI shows the summary line of a passing run and the whole report of a
 * failing one, so the suite's own results stay readable at the end of the CI log.
 */
/**
 * schemathesis's two summary lines, reworded into one. Its pytest-style closing line ("=== 3 warnings in 30.05s ===")
 * reads to CI as a pytest run that executed no test (three landings were judged "ran no test" with it in the log,
 * the plain totals line notwithstanding): so the CI log keeps the figures, not pytest's form (the whole report stays in
 * .data/fuzz/<run>.log).
 */
export function quietSummary(report: string): string {
  const lines = report.split('\n').map((l) => l.trim());
  const counts = lines.find((l) => /^\d+ generated, \d+ passed/.test(l));
  const closing = lines.reverse().find((l) => /^=+ .* in [\d.]+s =+$/.test(l));
  const [generated, passed] = (counts?.match(/\d+/g) ?? []).map(Number);
  const tail = closing?.replace(/^=+\s*|\s*=+$/g, '').match(/^(.*) in ([\d.]+)s$/);
  const parts = [counts ? `generated ${generated}, passed ${passed}${counts.replace(/^\d+ generated, \d+ passed/, '')}` : 'no counts'];
  if (tail) parts.push(`${tail[1]}`, `${tail[2]} s`);
  return `  schemathesis: ${parts.join('; ')}`;
}

function schemathesis(args: string[], env: Record<string, string>, log: string): Promise<number> {
  return new Promise((res, rej) => {
    const cli = process.env.SCHEMATHESIS ?? join(ROOT, '.tools/schemathesis/bin/schemathesis');
    if (!existsSync(cli)) return rej(new Error(`schemathesis not found at ${cli}: run bash scripts/fuzz-ci.sh (it installs tools/fuzz/requirements.txt)`));
    const out = createWriteStream(log);
    const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.once('error', rej);
    child.once('close', (code, signal) =>
      out.end(() => {
        const text = readFileSync(log, 'utf8');
        const status = code ?? (signal ? 128 : 1);
        if (status !== 0 || process.env.FUZZ_VERBOSE) process.stdout.write(text);
        else process.stdout.write(`${quietSummary(text)}\n`);
        res(status);
      }),
    );
  });
}

export interface Engine {
  base: string;
  http: Http;
  databaseUrl: string;
  /** A token per role (municipality 4601) and INVALID_TOKEN. */
  tokens: Record<string, string>;
  work: string;
  close(): Promise<void>;
}

const fuzzPrincipal = (role: (typeof ROLES)[number]): Principal => ({
  sub: role === 'COORDINATOR' ? COORDINATOR_SUB : `fuzz.${role.toLowerCase()}`, name: `Fuzz ${role}`, role, municipalities: [MUNICIPALITY],
});

/** PostgreSQL, Temporal, the worker and the API on free ports, all throw-away (under a temporary folder). */
export async function startEngine(): Promise<Engine> {
  // The worker's notes (bundling, state changes) are noise here; its warnings and errors still show.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const work = mkdtempSync(join(tmpdir(), 'ke-ip-fuzz-'));
  // The roles of production: migrations as the schema owner, the API and the worker as the application role.
  const pg = await startEmbeddedDatabase(join(work, 'pg'), await freePort(), true);
  const temporal = await startTemporalDevServer(await freePort(), undefined, undefined, 'never');
  await migrate(pg.ownerUrl, appRoleName());
  const issuer = await LocalIssuer.open(join(work, 'issuer'));
  const checkpointKeys = await openCheckpointKeys(join(work, 'audit'));
  const config = loadConfig({
    DATABASE_URL: pg.appUrl,
    TEMPORAL_ADDRESS: temporal.url,
    PAYLOAD_ENCRYPTION_KEYS: `fuzz-1:${randomBytes(32).toString('base64')}`,
    OIDC_ISSUER: LOCAL_ISSUER,
    OIDC_AUDIENCE: LOCAL_AUDIENCE,
    OIDC_JWKS_FILE: issuer.jwksFile,
    LOG_LEVEL: 'error',
    PORT: '0',
    API_DOCS: 'public', // schemathesis reads /docs/openapi.json
    AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE: checkpointKeys.publicKeysFile,
  });
  const db = await openDataSource(config.DATABASE_URL);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, db, encryptionKeys: parseEncryptionKeys(config.PAYLOAD_ENCRYPTION_KEYS),
    auditCheckpointKey: readSigningKey(checkpointKeys.keyFile) });
  const running = worker.run();
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await issuer.mint(fuzzPrincipal(r))] as const))) as Record<string, string>;
  // Invalid: well-formed and unexpired, signed by a key the API does not trust.
  tokens.INVALID_TOKEN = await (await LocalIssuer.open(join(work, 'stranger'))).mint(fuzzPrincipal('KE_LEADER'));
  return {
    base,
    http: new Http(base),
    databaseUrl: pg.ownerUrl, // the row counts read every case table
    tokens,
    work,
    async close() {
      await app.close();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      await db.destroy();
      await stop(temporal.process);
      await stop(pg.process);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The cluster shape: the real Temporal server's four services on PostgreSQL, two workers, two APIs (the first fuzzed). */
async function startClusterEngine(): Promise<Engine> {
  const work = mkdtempSync(join(tmpdir(), 'ke-ip-fuzz-cluster-'));
  const cluster = await startCluster({ workers: 2, apis: 2, ephemeral: true, dataDir: join(work, 'cluster'), keysDir: join(work, 'keys'), archive: false,
    env: { API_DOCS: 'public' }, log: (line) => console.log(`fuzz: cluster ${line}`) });
  const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await cluster.issuer.mint(fuzzPrincipal(r))] as const))) as Record<string, string>;
  tokens.INVALID_TOKEN = await (await LocalIssuer.open(join(work, 'stranger'))).mint(fuzzPrincipal('KE_LEADER'));
  const base = cluster.apiUrls[0];
  return {
    base,
    http: new Http(base),
    databaseUrl: cluster.ownerUrl,
    tokens,
    work,
    async close() {
      await cluster.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

async function main() {
  const started = Date.now();
  const reports = process.env.FUZZ_REPORT_DIR ?? join(ROOT, '.data/fuzz');
  mkdirSync(reports, { recursive: true });
  // FUZZ_TARGET=cluster: the same pass against the production shape (npm run cluster's startCluster), once by hand.
  const engine = process.env.FUZZ_TARGET === 'cluster' ? await startClusterEngine() : await startEngine();
  const { base, http, tokens, work } = engine;
  writeFileSync(join(reports, 'openapi.json'), JSON.stringify(await (await fetch(`${base}/docs/openapi.json`)).json(), null, 2));
  console.log(`fuzz: engine up at ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const runs = process.env.FUZZ_ROLES?.split(',').map((r) => r.trim()).filter(Boolean) ?? [...ROLES, 'INVALID_TOKEN'];
  const unknownRuns = runs.filter((r) => !(r in tokens));
  if (unknownRuns.length) throw new Error(`FUZZ_ROLES: unknown ${unknownRuns.join(', ')} (roles: ${[...ROLES, 'INVALID_TOKEN'].join(', ')})`);
  const results: { run: string; code: number; seconds: number }[] = [];
  let exitCode = 0;
  try {
    for (const run of runs) {
      const t0 = Date.now();
      // Fresh cases for every run: an earlier run's commands may have closed or moved the ones before.
      const seeded = await seed(http, tokens.KE_CASEWORKER, tokens.COORDINATOR, tokens.KE_LEADER);
      const dir = join(work, run);
      mkdirSync(dir, { recursive: true });
      console.log(`\nfuzz: ${run} (${seeded.caseIds.length} cases, ${seeded.taskIds.length} tasks seeded)`);
      const code = await schemathesis(
        [
          '--config-file', configFile(dir, seeded), '--no-color',
          'run', `${base}/docs/openapi.json`,
          '--header', `Authorization: Bearer ${tokens[run]}`,
          '--checks', CHECKS.join(','),
          '--workers', '1', // one request at a time, so that row counts before and after belong to it
          '--max-examples', process.env.FUZZ_EXAMPLES ?? '30',
          '--max-time', process.env.FUZZ_MAX_TIME ?? '30',
          '--seed', process.env.FUZZ_SEED ?? '20260101',
          '--request-timeout', '35',
          '--generation-database', 'none',
          '--report', 'junit', '--report-junit-path', join(reports, `${run}.junit.xml`),
        ],
        { SCHEMATHESIS_HOOKS: join(ROOT, 'tools/fuzz/hooks.py'), FUZZ_DATABASE_URL: engine.databaseUrl, PYTHONPATH: join(ROOT, 'tools/fuzz') },
        join(reports, `${run}.log`),
      );
      results.push({ run, code, seconds: (Date.now() - t0) / 1000 });
      if (code !== 0) exitCode = 1;
    }
  } finally {
    await engine.close();
  }
  console.log('\nfuzz: results');
  for (const r of results) console.log(`  ${r.run.padEnd(14)} ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}  ${r.seconds.toFixed(0)} s`);
  const failed = results.filter((r) => r.code !== 0).length;
  console.log(`fuzz: ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  console.log(`fuzz: ${results.length - failed} of ${results.length} runs passed`);
  process.exit(exitCode);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`fuzz: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
