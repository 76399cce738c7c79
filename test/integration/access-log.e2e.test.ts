// The access log (Normen) ties every entry to its request, records what a list was asked for and which cases it
// showed, and keeps refusals (401/403/404/422) of requests that named a case.
import type { Principal } from '../../libs/auth/src';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';
import { asOwner } from '../support/owner';

const M = '4627';
let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.4627', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const ida: Principal = { sub: 'ida.4627', name: 'Ida Revisor', role: 'AUDITOR', municipalities: [M] };
const oslo: Principal = { sub: 'per.0301.4627', name: 'Per Oslo', role: 'KE_CASEWORKER', municipalities: ['0301'] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [kari, ida, oslo]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
// The application role writes the access log and may not read it: the test reads it as the schema owner.
const entries = (where: string, params: unknown[]) =>
  asOwner(`SELECT actor_sub AS "actorSub", action, resource, outcome, case_id AS "caseId", request_id AS "requestId", filters, case_ids AS "caseIds" FROM access_log WHERE ${where} ORDER BY id`, params);

describe('the access log', () => {
  it('gives every entry its request id (the X-Request-Id answered), and a list its filters and the cases it showed', async () => {
    const { body: created } = await api.http.post('/cases').set(as(kari)).send(notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() })).expect(201);
    const list = await api.http.get(`/cases?municipality=${M}&status=RECEIVED&limit=5`).set(as(kari)).set('X-Request-Id', 'audit-test-0001');
    expect(list.headers['x-request-id']).toBe('audit-test-0001');
    const [entry] = await entries(`request_id = $1`, ['audit-test-0001']);
    expect(entry).toMatchObject({ actorSub: kari.sub, action: 'LIST', resource: 'cases', outcome: 200, filters: { municipality: M, status: 'RECEIVED', limit: 5 } });
    expect(entry.caseIds).toEqual(expect.arrayContaining(list.body.items.map((c: { caseId: string }) => c.caseId)));
    expect(entry.caseIds).toContain(created.caseId);

    const read = await api.http.get(`/cases/${created.caseId}`).set(as(kari));
    const [own] = await entries(`request_id = $1`, [read.headers['x-request-id']]);
    expect(own).toMatchObject({ action: 'READ', caseId: created.caseId, outcome: 200 });
  });

  it('keeps refusals of requests that named a case: 401, 403, 404 and 422', async () => {
    const { body: created } = await api.http.post('/cases').set(as(kari)).send(notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() })).expect(201);
    const id = created.caseId;
    const unauth = await api.http.get(`/cases/${id}`).set('Authorization', 'Bearer not-a-token');
    const hidden = await api.http.get(`/cases/${id}`).set(as(oslo));
    const forbidden = await api.http.post(`/cases/${id}/events`).set(as(ida)).send({ type: 'REGISTER' });
    const invalid = await api.http.post(`/cases/${id}/events`).set(as(kari)).send({ type: 'PAUSE', reason: '' });
    expect([unauth.status, hidden.status, forbidden.status, invalid.status]).toEqual([401, 404, 403, 422]);
    const logged = await entries(`case_id = $1 AND outcome <> 200 AND outcome <> 201`, [id]);
    expect(logged.map((e: { actorSub: string; outcome: number }) => [e.actorSub, e.outcome])).toEqual([
      ['anonymous', 401],
      [oslo.sub, 404],
      [ida.sub, 403],
      [kari.sub, 422],
    ]);
    for (const [res, entry] of [unauth, hidden, forbidden, invalid].map((r, i) => [r, logged[i]] as const)) expect(entry.requestId).toBe(res.headers['x-request-id']);
  });
});
