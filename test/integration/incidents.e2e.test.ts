// A command PostgreSQL refuses for good (a data or integrity error) does not lock the case: the case is left as it was,
// the command is answered with problem+json, an incident opens for the KE leader, and the case takes the next command.
// And the API never hangs on a case: past its deadline it answers 504.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/auth/src';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';
import { asOwner } from '../support/owner';

const M = '4626';
let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.4626', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const lars: Principal = { sub: 'lars.4626', name: 'Lars Leder', role: 'KE_LEADER', municipalities: [M] };
const tokens: Record<string, string> = {};
const marker = `FORCE-REFUSAL-${randomUUID()}`;

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue, { TEMPORAL_UPDATE_TIMEOUT_MS: '3000' });
  for (const p of [kari, lars]) tokens[p.sub] = await api.token(p);
  // A fault only this file's commands hit (DDL, so as the schema owner): PostgreSQL refuses a history row that carries the marker (23514).
  await asOwner(`ALTER TABLE case_history ADD CONSTRAINT test_refuse_marker CHECK (payload::text NOT LIKE '%FORCE-REFUSAL-%')`);
});
afterAll(async () => {
  await asOwner(`ALTER TABLE case_history DROP CONSTRAINT IF EXISTS test_refuse_marker`);
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });

describe('a command PostgreSQL refuses for good', () => {
  it('is answered 422, leaves the case as it was, opens an incident, and the case takes the next command', async () => {
    const { body: created } = await api.http.post('/cases').set(as(kari)).send(notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() })).expect(201);
    const caseId = created.caseId;
    const refused = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: '2030-01-01', reason: marker });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'command-not-recorded', sqlState: '23514', incidentId: expect.any(String) });
    expect(JSON.stringify(refused.body)).not.toContain(marker);

    const view = (await api.http.get(`/cases/${caseId}`).set(as(kari))).body;
    expect(view).toMatchObject({ status: 'RECEIVED', seq: 1 });
    expect(view.allowedEvents).toContain('SEND_PRELIMINARY_REPLY'); // rolled back: the reply was not sent
    expect(view.incidents).toEqual([expect.objectContaining({ incidentId: refused.body.incidentId, eventType: 'SEND_PRELIMINARY_REPLY', sqlState: '23514' })]);

    const leaders = (await api.http.get(`/incidents?municipality=${M}`).set(as(lars))).body.items;
    expect(leaders).toContainEqual(expect.objectContaining({ incidentId: refused.body.incidentId, caseId, actorSub: kari.sub, status: 'OPEN' }));
    expect((await api.http.get('/incidents').set(as(kari))).status).toBe(403);

    // The case is not locked: the next command is accepted and recorded at once.
    const next = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'SEND_PRELIMINARY_REPLY', expectedAnswerBy: '2030-01-01', reason: 'Venter på opplysninger' });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ status: 'RECEIVED', seq: 2 });

    const resolved = await api.http.post(`/incidents/${refused.body.incidentId}/resolve`).set(as(lars)).send({ resolution: 'Sendt på nytt uten feil' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'RESOLVED', resolvedBy: lars.sub });
    expect((await api.http.post(`/incidents/${refused.body.incidentId}/resolve`).set(as(lars)).send({ resolution: 'igjen' })).status).toBe(409);
    expect((await api.http.get(`/cases/${caseId}`).set(as(kari))).body.incidents).toEqual([]);
  });
});

describe('a case that does not answer', () => {
  it('is a 504 problem+json after the deadline, never a hanging request, and the case answers again once its worker is back', async () => {
    const { body: created } = await api.http.post('/cases').set(as(kari)).send(notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() })).expect(201);
    const key = randomUUID();
    await h.stopWorker();
    try {
      const started = Date.now();
      const res = await api.http.post(`/cases/${created.caseId}/events`).set(as(kari)).set('Idempotency-Key', key).send({ type: 'REGISTER' });
      expect(res.status).toBe(504);
      expect(res.body).toMatchObject({ code: 'case-did-not-answer', status: 504 });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await h.startWorker();
    }
    // The command may have been applied meanwhile (504 says so): sent again with the same Idempotency-Key it is the
    // same Update, so it is applied exactly once either way.
    const retried = await api.http.post(`/cases/${created.caseId}/events`).set(as(kari)).set('Idempotency-Key', key).send({ type: 'REGISTER' });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('REGISTERED');
    const history = (await api.http.get(`/cases/${created.caseId}/history`).set(as(kari))).body;
    expect(history.filter((e: { eventType: string }) => e.eventType === 'REGISTER')).toHaveLength(1);
  });
});
