// Issue 9: no personal data in logs or in Temporal history when a database write fails. The API and the worker run as
// their own processes (LOG_LEVEL=debug) with stdout and stderr captured. PostgreSQL refuses the projection of one
// person: first with a transient error (a trigger that raises lock_not_available with the identity number, name and
// birth date in its message, DETAIL and HINT), which is retried until the trigger goes; then it refuses keeping the
// API's answer (a 500 whose database error holds the answer); and a second intake of the same person for good (a CHECK
// constraint whose DETAIL is the failing row: 422 and an incident). The number, the name, the birth date and the needs
// text must be nowhere in what the processes printed, in the workflows' histories (raw, and failures decoded with the
// project's data converter) or in what the server says about the case while its projection retries; the first case recovers.
import { defaultPayloadConverter, Payload } from '@temporalio/common';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer, Principal } from '../../libs/auth/src';
import { someNationalId } from '../../libs/identity/src/national-id';
import { AesGcmPayloadCodec, parseEncryptionKeys } from '../../libs/temporal/src';
import { freePort, ROOT, stop } from '../../scripts/services';
import { Harness, openHarness, TEST_ENCRYPTION_KEYS } from '../support/harness';
import { notificationBody } from '../support/notification';
import { asOwner } from '../support/owner';

const BIRTH_DATE = '1987-11-23';
const FNR = someNationalId(BIRTH_DATE, 417);
const NAME = 'Lekka Kontrollsen';
const NEEDS = 'Trenger koordinerte tjenester etter hjerneslag (loggkontroll)';
const VALUES = [FNR, `${FNR.slice(0, 6)} ${FNR.slice(6)}`, NAME, 'Kontrollsen', BIRTH_DATE, NEEDS];

interface Proc {
  child: ChildProcess;
  output: () => string;
}

const common = () => ({
  ...process.env,
  DATABASE_URL: process.env.TEST_DATABASE_URL,
  TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
  TEMPORAL_TASK_QUEUE: h.taskQueue,
  PAYLOAD_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
  LOG_LEVEL: 'debug',
});

/** A process of the engine with everything it prints on stdout and stderr kept, started once it prints `ready`. */
function startProcess(script: string, env: NodeJS.ProcessEnv, ready: string): Promise<Proc> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, script)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const p: Proc = { child, output: () => out };
  return new Promise((resolve, reject) => {
    const take = (b: Buffer) => {
      out += String(b);
      if (out.includes(ready)) resolve(p);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${out}`)));
  });
}

let h: Harness;
let api: Proc;
let worker: Proc;
let http: ReturnType<typeof request>;
let token: string;
const kari: Principal = { sub: 'kari.saksbehandler', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4601'] };

beforeAll(async () => {
  h = await openHarness();
  await h.stopWorker(); // the worker runs as its own process here
  const issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-issuer-')));
  token = await issuer.mint(kari);
  const port = await freePort();
  [api, worker] = await Promise.all([
    startProcess('apps/api/src/main.ts', { ...common(), OIDC_ISSUER: LOCAL_ISSUER, OIDC_AUDIENCE: LOCAL_AUDIENCE, OIDC_JWKS_FILE: issuer.jwksFile, PORT: String(port) }, 'KE IP API on'),
    startProcess('apps/worker/src/main.ts', { ...common(), OIDC_ISSUER: 'unused-by-worker', OIDC_AUDIENCE: 'unused-by-worker', OIDC_JWKS_FILE: '/dev/null' }, 'polling task queue'),
  ]);
  http = request(`http://127.0.0.1:${port}`);
});
afterAll(async () => {
  await stop(api?.child);
  await stop(worker?.child);
  await dropFaults();
  await h?.close();
});

// The faults, for this person only: other cases of the suite are not touched.
const TRIGGER_FAULT = `
  CREATE OR REPLACE FUNCTION test_refuse_subject() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.national_id = '${FNR}' THEN
      RAISE EXCEPTION 'refusing subject % (%), born %', NEW.national_id, NEW.name, NEW.birth_date
        USING ERRCODE = 'lock_not_available', CONSTRAINT = 'case_subject_test_fault', TABLE = 'case_subject',
              DETAIL = row_to_json(NEW)::text, HINT = NEW.name;
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER case_subject_test_fault BEFORE INSERT ON case_subject FOR EACH ROW EXECUTE FUNCTION test_refuse_subject()`;
const CHECK_FAULT = `ALTER TABLE case_subject ADD CONSTRAINT case_subject_test_check CHECK (national_id <> '${FNR}') NOT VALID`;
const ANSWER_FAULT = `
  CREATE OR REPLACE FUNCTION test_refuse_answer() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.response::text LIKE '%${FNR}%' THEN
      RAISE EXCEPTION 'answer names % %', NEW.response->'subject'->>'nationalId', NEW.response->'subject'->>'name'
        USING ERRCODE = 'check_violation', CONSTRAINT = 'api_idempotency_test_fault', DETAIL = NEW.response::text;
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER api_idempotency_test_fault BEFORE UPDATE ON api_idempotency FOR EACH ROW EXECUTE FUNCTION test_refuse_answer()`;

async function dropFaults() {
  // DDL, so as the schema owner: the application role the engine runs as may not.
  await asOwner(`DROP TRIGGER IF EXISTS case_subject_test_fault ON case_subject`);
  await asOwner(`ALTER TABLE case_subject DROP CONSTRAINT IF EXISTS case_subject_test_check`);
  await asOwner(`DROP TRIGGER IF EXISTS api_idempotency_test_fault ON api_idempotency`);
}

const codec = new AesGcmPayloadCodec(parseEncryptionKeys(TEST_ENCRYPTION_KEYS));
const isPayload = (v: unknown): v is Payload => typeof v === 'object' && v !== null && (v as Payload).data instanceof Uint8Array && typeof (v as Payload).metadata === 'object';

/** The text of a history or a server answer as stored: bytes as text, so that a plain-text value would show. */
const rawText = (v: unknown) => JSON.stringify(v, (_k, x) => (x instanceof Uint8Array || (x?.type === 'Buffer' && Array.isArray(x.data)) ? Buffer.from(x.data ?? x).toString('utf8') : x));

/** The same with every payload decoded by the project's data converter (the codec, then the payload converter). */
async function decoded(v: unknown): Promise<unknown> {
  if (isPayload(v)) {
    const [plain] = await codec.decode([v]);
    return { decodedPayload: defaultPayloadConverter.fromPayload(plain) };
  }
  if (Array.isArray(v)) return Promise.all(v.map(decoded));
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = await decoded(x);
    return out;
  }
  return v;
}

/** Every failure in a (decoded) history or answer: activity failures, their last failure on retry, update outcomes. */
function failures(v: unknown, found: unknown[] = []): unknown[] {
  if (Array.isArray(v)) v.forEach((x) => failures(x, found));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (/failure$/i.test(k) && x) found.push(x);
      else failures(x, found);
    }
  }
  return found;
}

const expectNoValues = (where: string, text: string) => {
  for (const value of VALUES) {
    if (text.includes(value)) throw new Error(`${where} holds "${value}" at …${text.slice(Math.max(0, text.indexOf(value) - 300), text.indexOf(value) + 100)}…`);
  }
};

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await probe();
    if (r !== undefined) return r;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

it('failing projections with a known identity number leave it nowhere in the output of API and worker, nor in history; the case recovers', async () => {
  await asOwner(TRIGGER_FAULT);
  // The fault is real: PostgreSQL's error names the person in its message and DETAIL, TypeORM's in its parameters.
  const raw = await h.db
    .query('INSERT INTO case_subject (case_id, national_id, id_type, name, birth_date) VALUES ($1,$2,$3,$4,$5)', [randomUUID(), FNR, 'FNR', NAME, BIRTH_DATE])
    .catch((e: unknown) => e as Record<string, unknown>);
  expect(raw).toMatchObject({ code: '55P03', constraint: 'case_subject_test_fault', message: expect.stringContaining(FNR), detail: expect.stringContaining(NAME), parameters: expect.arrayContaining([FNR]) });
  const intake = (key: string) =>
    http
      .post('/cases')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', `log-redaction-${key}-${h.taskQueue}`)
      .send(notificationBody({ subject: { nationalId: FNR, name: NAME }, needsDescription: NEEDS }, BIRTH_DATE))
      .then((r) => r);
  const workflows = async () => {
    const ids: string[] = [];
    for await (const wf of h.client.workflow.list({ query: `TaskQueue = "${h.taskQueue}"` })) ids.push(wf.workflowId);
    return ids;
  };
  const creating = intake('a');
  const [workflowId] = await until('the case workflow', async () => ((await workflows()).length ? workflows() : undefined));
  const handle = h.client.workflow.getHandle(workflowId);
  const answers: unknown[] = [];

  // Two attempts fail on the trigger and are retried (55P03 may pass). The projection is a local activity: its retries
  // run in the worker, which logs each failed attempt, and the server is asked about the case meanwhile.
  const projectionFailures = () =>
    worker
      .output()
      .split('\n')
      .filter((l) => l.includes('"Activity failed"'))
      .map((l) => JSON.parse(l) as { activityType?: string; attempt?: number; isLocal?: boolean; err?: Record<string, unknown> })
      .filter((l) => l.activityType === 'projectTransition');
  const retrying = await until('attempt 3 of the projection', async () => {
    answers.push((await handle.describe()).raw);
    return projectionFailures().find((l) => (l.attempt ?? 0) >= 3);
  });
  expect(retrying).toMatchObject({
    isLocal: true,
    err: {
      failureType: 'DatabaseError',
      nonRetryable: false,
      message: 'projectTransition: database error SQLSTATE 55P03 (object not in prerequisite state), constraint case_subject_test_fault, table case_subject',
    },
  });

  // The projection passes; keeping the API's answer (which shows the person) fails: an unexpected error, 500.
  await asOwner(ANSWER_FAULT);
  await asOwner(`DROP TRIGGER case_subject_test_fault ON case_subject`);
  const created = await creating;
  expect(created.status).toBe(500);
  expect(created.body).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, instance: '/cases' });
  await asOwner(`DROP TRIGGER api_idempotency_test_fault ON api_idempotency`);

  // The case recovered: projected once, with the person, and readable.
  const caseId = workflowId.replace(/^ip-case-/, '');
  const [subject] = await h.db.query('SELECT national_id, name FROM case_subject WHERE case_id = $1', [caseId]);
  expect(subject).toEqual({ national_id: FNR, name: NAME });
  expect(await h.db.query('SELECT seq FROM case_history WHERE case_id = $1', [caseId])).toEqual([{ seq: 1 }]);
  const view = await http.get(`/cases/${caseId}`).set('Authorization', `Bearer ${token}`);
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ status: 'RECEIVED', subject: { nationalId: FNR, name: NAME } });

  // A second intake of the person meets a CHECK constraint (23514, DETAIL: the failing row): refused for good.
  await asOwner(CHECK_FAULT);
  const refused = await intake('b');
  await asOwner(`ALTER TABLE case_subject DROP CONSTRAINT case_subject_test_check`);
  expect(refused.status).toBe(422);
  expect(refused.body).toMatchObject({ code: 'command-not-recorded', sqlState: '23514', incidentId: expect.any(String) });
  expectNoValues('the 422 answer', JSON.stringify(refused.body));
  const [incident] = await h.db.query('SELECT sql_state, constraint_name FROM case_incident WHERE incident_id = $1', [refused.body.incidentId]);
  expect(incident).toEqual({ sql_state: '23514', constraint_name: 'case_subject_test_check' });
  const secondId = (await workflows()).find((id) => id !== workflowId)!;

  // Temporal history: nothing in plain text; decoded, the values are in the intakes' (encrypted) payloads only.
  const histories = await Promise.all([workflowId, secondId].map((id) => h.client.workflow.getHandle(id).fetchHistory()));
  expectNoValues('the raw histories', rawText(histories));
  expectNoValues('the raw describe answers', rawText(answers));
  // The projection's marker: the first case's after its retries (their failures stay in the worker), the second's
  // with the refusal for good. Core writes the marker's data (attempt, type) in plain JSON, outside the codec.
  const projections = (history: (typeof histories)[number]) =>
    history.events!
      .map((e) => e.markerRecordedEventAttributes)
      .filter((m) => m?.markerName === 'core_local_activity')
      .map((m) => ({ data: JSON.parse(Buffer.from(m!.details!.data!.payloads![0].data!).toString('utf8')), failure: m!.failure }))
      .filter((m) => m.data.activity_type === 'projectTransition');
  expect(projections(histories[0])).toEqual([{ data: expect.objectContaining({ attempt: expect.any(Number) }), failure: null }]);
  expect(projections(histories[0])[0].data.attempt).toBeGreaterThanOrEqual(3);
  const [failedForGood] = projections(histories[1]);
  expect(failedForGood?.failure?.message).toBe('PostgreSQL refused the change for good (SQLSTATE 23514, constraint case_subject_test_check)');
  const decodedHistories = await decoded(histories);
  expect(JSON.stringify(decodedHistories)).toContain(FNR); // the search would find it: it is where it belongs
  const decodedFailures = [...failures(decodedHistories), ...failures(await decoded(answers))];
  expect(decodedFailures.length).toBeGreaterThanOrEqual(2); // the marker's refusal and the Update's outcome
  expectNoValues('a failure in history or in a describe answer, decoded', JSON.stringify(decodedFailures));
  expect(JSON.stringify(decodedFailures)).toContain('"sqlState":"23514"');

  // What the processes printed: the failures are there, by SQLSTATE and constraint, and nothing of the person.
  await stop(api.child);
  await stop(worker.child);
  const workerOut = worker.output();
  const apiOut = api.output();
  expectNoValues("the worker's stdout/stderr", workerOut);
  expectNoValues("the API's stdout/stderr", apiOut);
  const lines = (out: string) => out.split('\n').filter((l) => l.trim());
  for (const l of [...lines(workerOut), ...lines(apiOut)]) expect(() => JSON.parse(l)).not.toThrow(); // JSON lines only
  const activityFailed = lines(workerOut).map((l) => JSON.parse(l)).filter((l) => l.msg === 'Activity failed');
  expect(activityFailed.length).toBeGreaterThanOrEqual(3);
  expect(activityFailed[0]).toMatchObject({ level: 'warn', activityType: 'projectTransition', err: { type: 'ApplicationFailure', failureType: 'DatabaseError', message: expect.stringContaining('constraint case_subject_test_fault') } });
  expect(activityFailed.at(-1)).toMatchObject({ err: { failureType: 'ProjectionRejected', nonRetryable: true, message: expect.stringContaining('SQLSTATE 23514') } });
  const unhandled = lines(apiOut).map((l) => JSON.parse(l)).find((l) => l.component === 'Problem');
  expect(unhandled).toMatchObject({ level: 'error', msg: 'unhandled QueryFailedError SQLSTATE 23514 on POST /cases', err: { sqlState: '23514', constraint: 'api_idempotency_test_fault' } });
});
