// What the fuzz pass (scripts/fuzz-ci.sh, schemathesis) found, each pinned here so it stays fixed:
// - a date outside the calendar the engine computes deadlines over (e.g. received in the year 0117) reached the case
//   workflow, whose deadline arithmetic threw on every workflow task: the API answered 500 after 20 s and the workflow
//   stayed stuck. Dates and instants a request carries are now 1900-01-01 to 2999-12-31 (422 naming the field).
// - a command to a closed case (its workflow has completed) was 500: it is 409 problem+json, code CASE_CLOSED, for a
//   case event and for completing one of its tasks, and changes nothing.
// (It found a body larger than the parser takes answered 500 too, fixed meanwhile with the HTTP hardening: 413.)
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/auth/src';
import { SYSTEM_ACTOR } from '../../libs/contracts/src';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';

const M = '4628';
let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.4628', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  tokens[kari.sub] = await api.token(kari);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
const notification = (over: Record<string, unknown> = {}) => notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString(), ...over });
/** Rows in the case tables, leaving out what cases' own timers write meanwhile (as tools/fuzz/hooks.py counts). */
const byTimer = (seq: string) => `EXISTS (SELECT 1 FROM case_history h WHERE h.case_id = x.case_id AND h.seq = x.${seq} AND h.actor_sub = '${SYSTEM_ACTOR.sub}')`;
const COUNTS = {
  ip_case: 'SELECT count(*)::int AS n FROM ip_case',
  case_history: `SELECT count(*)::int AS n FROM case_history WHERE actor_sub <> '${SYSTEM_ACTOR.sub}'`,
  case_task: `SELECT count(*)::int AS n FROM case_task x WHERE NOT ${byTimer('created_seq')}`,
  case_deadline: `SELECT count(*)::int AS n FROM case_deadline x WHERE NOT ${byTimer('opened_seq')}`,
  case_subject: 'SELECT count(*)::int AS n FROM case_subject',
  case_incident: 'SELECT count(*)::int AS n FROM case_incident',
};
const rowCounts = async () => Object.fromEntries(await Promise.all(Object.entries(COUNTS).map(async ([t, sql]) => [t, (await h.db.query(sql))[0].n])));

async function register(): Promise<string> {
  const { body } = await api.http.post('/cases').set(as(kari)).send(notification()).expect(201);
  return body.caseId;
}

describe('what the fuzz pass found', () => {
  it('refuses a notification received before 1900 (the year 0117) with 422 naming receivedAt, at once, and starts no case', async () => {
    const before = await rowCounts();
    const started = Date.now();
    for (const receivedAt of ['0117-11-30T02:40:36+04:29', '1899-12-31T22:59:59Z']) {
      const res = await api.http.post('/cases').set(as(kari)).send(notification({ receivedAt }));
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'receivedAt', reason: 'receivedAt must be from 1900-01-01 to 2999-12-31' }]);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses civil dates past 2999 in a command', async () => {
    const caseId = await register();
    const before = await rowCounts();
    const res = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: '9999-12-31', reason: 'Venter på opplysninger' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'expectedAnswerBy', reason: 'expectedAnswerBy must be from 1900-01-01 to 2999-12-31' }]);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a command to a closed case with 409 CASE_CLOSED, for an event and for one of its tasks, and changes nothing', async () => {
    const caseId = await register();
    const [task] = (await api.http.get(`/tasks?caseId=${caseId}`).set(as(kari)).expect(200)).body.items;
    await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'CLOSE', reason: 'DUPLICATE' }).expect(200);
    const before = await rowCounts();
    const event = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'CLOSE', reason: 'DUPLICATE' });
    expect(event.status).toBe(409);
    expect(event.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(event.body).toMatchObject({ status: 409, code: 'CASE_CLOSED', caseStatus: 'CLOSED', allowedEvents: [] });
    // With an Idempotency-Key a completion goes to the workflow even for a closed task (it answers retries).
    const complete = await api.http.post(`/tasks/${task.id}/complete`).set(as(kari)).set('Idempotency-Key', randomUUID()).send({});
    expect(complete.status).toBe(409);
    expect(complete.body).toMatchObject({ status: 409, code: 'CASE_CLOSED' });
    expect(await rowCounts()).toEqual(before);
  });

  // Last: every deadline of a case received in 1900 is long overdue, so its timers fire at once.
  it('takes the first day of the range', async () => {
    const { body } = await api.http.post('/cases').set(as(kari)).send(notification({ receivedAt: '1900-01-01T00:00:00Z' })).expect(201);
    expect(body.receivedAt).toBe('1900-01-01T00:00:00.000Z');
  });
});
