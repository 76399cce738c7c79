// The API process is killed (SIGKILL) after it answered, and while a request waits for its case: a retry with the
// same Idempotency-Key gets the first answer, or runs the command once — never twice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { LocalIssuer } from '../../libs/auth/src';
import { stop } from '../../scripts/services';
import { ApiProcess, startApiProcess } from '../support/api-process';
import { kari } from '../support/case-flows';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';

// A short wait for the case, so the dead process's lease (that wait + 15 s) ends within the test.
const env = { TEMPORAL_UPDATE_TIMEOUT_MS: '3000' };
let h: Harness;
let issuer: LocalIssuer;
let api: ApiProcess;
let token: string;

beforeAll(async () => {
  h = await openHarness();
  issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-issuer-')));
  token = await issuer.mint(kari);
  api = await startApiProcess(h.taskQueue, issuer, { env });
});
afterAll(async () => {
  await stop(api?.process, 'SIGKILL');
  await h?.close();
});

const post = (path: string, key: string, body: object) =>
  request(api.url).post(path).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
const historyOf = async (caseId: string) =>
  (await request(api.url).get(`/cases/${caseId}/history`).set('Authorization', `Bearer ${token}`).expect(200)).body.map((e: { eventType: string }) => e.eventType);

/** A new API process in place of the killed one (the client's retry goes to whichever process answers). */
async function crashApi() {
  await stop(api.process, 'SIGKILL');
  api = await startApiProcess(h.taskQueue, issuer, { env });
}

it('gives a retry after the crash the first answer, for an intake and for an event', async () => {
  const intakeKey = `intake-${Date.now()}`;
  const body = notificationBody();
  const first = await post('/cases', intakeKey, body);
  expect(first.status).toBe(201);
  await crashApi();
  const retried = await post('/cases', intakeKey, body);
  expect(retried.status).toBe(201);
  expect(retried.body).toEqual(first.body);
  expect(retried.headers.location).toBe(first.headers.location);
  const caseId = first.body.caseId;
  const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM ip_case WHERE case_id = $1`, [caseId]);
  expect(n).toBe(1);

  const eventKey = `register-${Date.now()}`;
  const registered = await post(`/cases/${caseId}/events`, eventKey, { type: 'REGISTER' });
  expect(registered.status).toBe(200);
  await crashApi();
  const again = await post(`/cases/${caseId}/events`, eventKey, { type: 'REGISTER' });
  expect(again.status).toBe(200);
  expect(again.body).toEqual(registered.body);
  expect(await historyOf(caseId)).toEqual(['NOTIFICATION_RECEIVED', 'REGISTER']);
});

it('applies a command once when the API died while it waited for the case, and its retry came to another process', async () => {
  const { body: created } = await post('/cases', `intake-${Date.now()}`, notificationBody()).expect(201);
  const caseId = created.caseId;
  const key = `assess-${Date.now()}`;
  await post(`/cases/${caseId}/events`, key, { type: 'REGISTER' }).expect(200);

  // A second API process is up already: the client's retry goes to it at once.
  const other = await startApiProcess(h.taskQueue, issuer, { env });
  // No worker: the request holds its key and waits for the case; the API is killed under it.
  await h.stopWorker();
  const cut = post(`/cases/${caseId}/events`, `${key}-2`, { type: 'START_ASSESSMENT' }).then(
    (r) => r.status,
    (e: Error) => e.message,
  );
  for (let i = 0; i < 100; i++) {
    const [held] = await h.db.query(`SELECT 1 FROM api_idempotency WHERE idempotency_key = $1 AND completed_at IS NULL`, [`${key}-2`]);
    if (held) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 500)); // the Update is with Temporal now
  await stop(api.process, 'SIGKILL');
  api = other;
  expect(await cut).toMatch(/socket hang up|ECONNRESET/);
  await h.startWorker();

  // While the dead request could still have been answering, its key is held: the retry waits, it does not run.
  const early = await post(`/cases/${caseId}/events`, `${key}-2`, { type: 'START_ASSESSMENT' });
  expect(early.status).toBe(409);
  expect(early.body.code).toBe('idempotency-key-in-flight');

  let retried = early;
  for (const until = Date.now() + 40_000; retried.status === 409 && Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 1000));
    retried = await post(`/cases/${caseId}/events`, `${key}-2`, { type: 'START_ASSESSMENT' });
  }
  expect(retried.status).toBe(200);
  expect(retried.body.status).toBe('ASSESSMENT');
  expect(await historyOf(caseId)).toEqual(['NOTIFICATION_RECEIVED', 'REGISTER', 'START_ASSESSMENT']);
}, 120_000);
