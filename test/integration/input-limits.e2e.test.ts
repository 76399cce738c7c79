// No value the API accepts can overflow the column it ends up in: every bounded field takes its limit from LIMITS,
// a value at the limit is accepted and stored, one character more is 422 naming the field and changes nothing.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/auth/src';
import { LIMITS } from '../../libs/persistence/src';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { consentGrant, notificationBody } from '../support/notification';

const M = '4625';
let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.4625', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const lars: Principal = { sub: 'lars.4625', name: 'Lars Leder', role: 'KE_LEADER', municipalities: [M] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [kari, lars]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
const long = (n: number) => 'x'.repeat(n);
const notification = (over: Record<string, unknown> = {}) => notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString(), ...over });

async function consentPending(): Promise<string> {
  const { body } = await api.http.post('/cases').set(as(kari)).send(notification()).expect(201);
  const send = (e: object) => api.http.post(`/cases/${body.caseId}/events`).set(as(kari)).send(e).expect(200);
  await send({ type: 'REGISTER' });
  await send({ type: 'START_ASSESSMENT' });
  await send({ type: 'RECORD_DECISION', sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'POST', decisions: [
    { line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
  ] });
  await send({ type: 'CONSENT_GIVEN', grants: [consentGrant('APPOINT_COORD')] });
  return body.caseId;
}

const propose = (employeeId: string) => ({ type: 'PROPOSE_COORDINATOR', coordinator: { employeeId, unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } });

describe('every bounded field: at the limit accepted, one more refused', () => {
  it('a coordinator employee id (ip_case.proposed_coordinator_employee_id)', async () => {
    const caseId = await consentPending();
    const over = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send(propose(long(LIMITS.employeeId + 1)));
    expect(over.status).toBe(422);
    expect(over.body.errors.map((e: { field: string }) => e.field)).toEqual(['coordinator.employeeId']);
    const at = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send(propose(long(LIMITS.employeeId)));
    expect(at.status).toBe(200);
    const [row] = await h.db.query('SELECT length(proposed_coordinator_employee_id) AS n FROM ip_case WHERE case_id = $1', [caseId]);
    expect(row.n).toBe(LIMITS.employeeId);
  });

  it('a task assignee (case_task.assignee)', async () => {
    const { body } = await api.http.post('/cases').set(as(kari)).send(notification()).expect(201);
    const [task] = (await api.http.get(`/tasks?caseId=${body.caseId}`).set(as(lars))).body.items;
    const over = await api.http.post(`/tasks/${task.id}/assign`).set(as(lars)).send({ assignee: long(LIMITS.personRef + 1) });
    expect(over.status).toBe(422);
    expect(over.body.errors.map((e: { field: string }) => e.field)).toEqual(['assignee']);
    const at = await api.http.post(`/tasks/${task.id}/assign`).set(as(lars)).send({ assignee: long(LIMITS.personRef) });
    expect(at.status).toBe(200);
    expect(at.body.assignee).toHaveLength(LIMITS.personRef);
  });

  it.each([
    ['subject.name', {}],
    ['notifier.name', { notifier: { type: 'HEALTH_PERSONNEL', name: long(LIMITS.name + 1), relation: 'fastlege' } }],
    ['needsDescription', { needsDescription: long(LIMITS.text + 1) }],
  ])('the notification: %s', async (field, over) => {
    const base = notification();
    const body = { ...base, ...over, ...(field === 'subject.name' ? { subject: { ...base.subject, name: long(LIMITS.name + 1) } } : {}) };
    const before = await h.db.query('SELECT count(*)::int AS n FROM ip_case');
    const res = await api.http.post('/cases').set(as(kari)).send(body);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    expect(await h.db.query('SELECT count(*)::int AS n FROM ip_case')).toEqual(before);
  });

  it("a training's coordinator and course (coordinator_training.employee_id, .course)", async () => {
    const training = (course: string) => ({ municipality: M, course, completedOn: '2026-01-15' });
    const overCourse = await api.http.post('/coordinators/emp-4625/trainings').set(as(lars)).send(training(long(LIMITS.course + 1)));
    expect([overCourse.status, overCourse.body.errors.map((e: { field: string }) => e.field)]).toEqual([422, ['course']]);
    const overId = await api.http.post(`/coordinators/${long(LIMITS.employeeId + 1)}/trainings`).set(as(lars)).send(training('KE-opplæring'));
    expect([overId.status, overId.body.errors.map((e: { field: string }) => e.field)]).toEqual([422, ['employeeId']]);
    const at = await api.http.post(`/coordinators/${long(LIMITS.employeeId)}/trainings`).set(as(lars)).send(training(long(LIMITS.course)));
    expect(at.status).toBe(201);
    const [row] = await h.db.query('SELECT length(employee_id) AS id, length(course) AS course FROM coordinator_training WHERE id = $1', [at.body.id]);
    expect(row).toEqual({ id: LIMITS.employeeId, course: LIMITS.course });
  });

  it('an escalation deadline key and an Idempotency-Key', async () => {
    const caseId = await consentPending();
    const key = await api.http.post(`/cases/${caseId}/events`).set(as(lars)).send({ type: 'ACKNOWLEDGE_ESCALATION', deadlineKey: long(LIMITS.deadlineKey + 1), action: 'x' });
    expect(key.status).toBe(422);
    expect(key.body.errors.map((e: { field: string }) => e.field)).toEqual(['deadlineKey']);
    const idem = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', long(LIMITS.idempotencyKey + 1)).send(notification());
    expect(idem.status).toBe(400);
    expect(idem.body.errors).toEqual([{ field: 'idempotency-key', reason: `must be 1 to ${LIMITS.idempotencyKey} characters` }]);
    const ok = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', `${randomUUID()}${long(LIMITS.idempotencyKey - 36)}`).send(notification());
    expect(ok.status).toBe(201);
  });
});
