// End to end over HTTP: real Temporal dev server, real PostgreSQL, the API and a worker.
import { peopleDeadlines } from '../support/notification';
import { randomUUID } from 'node:crypto';
import { notificationBody, consentGrant } from '../support/notification';
import type { Principal } from '../../libs/auth/src';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { asOwner } from '../support/owner';
import { maybeRecordHistory } from './record-histories';

let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.saksbehandler', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4601'] };
const lars: Principal = { sub: 'lars.leder', name: 'Lars Leder', role: 'KE_LEADER', municipalities: ['4601'] };
const ola: Principal = { sub: 'emp-17', name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: ['4601'] };
const oslo: Principal = { sub: 'per.oslo', name: 'Per Oslo', role: 'KE_CASEWORKER', municipalities: ['0301'] };
const auditor: Principal = { sub: 'ida.revisor', name: 'Ida Revisor', role: 'AUDITOR', municipalities: ['4601'] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [kari, lars, ola, oslo, auditor]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
const notification = (over: Record<string, unknown> = {}) => notificationBody({ receivedAt: new Date(Date.now() - 86_400_000).toISOString(), ...over });
const grant = (scope: string, party?: string) => consentGrant(scope, party);
const planDraft = () => ({
  goals: [{ lifeArea: 'health', statementInUserWords: 'Jeg vil gå til butikken selv' }],
  measures: [{ description: 'Fysioterapi', responsibleParty: 'Fysioterapitjenesten', scope: '2 t/uke' }],
  revisionDate: new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10),
  userParticipation: 'FULL',
});

async function register(over: Record<string, unknown> = {}): Promise<string> {
  const res = await api.http.post('/cases').set(as(kari)).send(notification(over));
  expect(res.status).toBe(201);
  return res.body.caseId;
}

async function event(p: Principal, caseId: string, body: Record<string, unknown>, expected = 200) {
  const res = await api.http.post(`/cases/${caseId}/events`).set(as(p)).send(body);
  if (res.status !== expected) throw new Error(`${body.type}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function toConsentPending(caseId: string) {
  await event(kari, caseId, { type: 'REGISTER' });
  await event(kari, caseId, { type: 'START_ASSESSMENT' });
  return event(kari, caseId, {
    type: 'RECORD_DECISION',
    sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [
      { line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
    ],
  });
}

async function toActive(caseId: string) {
  await toConsentPending(caseId);
  await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), grant('PARTICIPANT', 'Fysioterapitjenesten')] });
  await event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: 'emp-17', unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } });
  await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
  await event(ola, caseId, { type: 'START_MAPPING' });
  await event(ola, caseId, { type: 'RECORD_MAPPING', summary: 'Mål, ressurser og behov kartlagt' });
  await event(ola, caseId, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'Fysioterapitjenesten', role: 'Fysioterapeut' }] });
  await event(ola, caseId, { type: 'MAPPING_COMPLETED' });
  await event(ola, caseId, { type: 'SUBMIT_PLAN_DRAFT', plan: planDraft() });
  return event(ola, caseId, { type: 'PLAN_APPROVED' });
}

describe('case API end to end', () => {
  it('registers a notification with deadlines and a task, and a retry with the same Idempotency-Key returns the same case', async () => {
    const key = randomUUID();
    const body = notification();
    const first = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', key).send(body);
    const again = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(again.body.caseId).toBe(first.body.caseId);
    expect(first.body.status).toBe('RECEIVED');
    expect(first.body.allowedEvents).toContain('REGISTER');
    expect(first.body.notification).toMatchObject({
      notifier: { type: 'HEALTH_PERSONNEL', name: 'Fastlege Per Hansen', relation: 'fastlege' },
      needsDescription: 'Trenger koordinerte tjenester',
      channel: 'ELECTRONIC_MESSAGE',
    });
    expect(peopleDeadlines(first.body).map((d: { kind: string }) => d.kind).sort()).toEqual(['ACKNOWLEDGE_RECEIPT', 'DECISION', 'PRELIMINARY_REPLY']);
    expect(first.body.tasks).toEqual([expect.objectContaining({ kind: 'REGISTER_NOTIFICATION', candidateRole: 'KE_CASEWORKER', status: 'OPEN' })]);
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM case_history WHERE case_id = $1', [first.body.caseId]);
    expect(n).toBe(1);
  });

  it('refuses bad input with problem+json naming the field, and changes nothing', async () => {
    const bad = await api.http.post('/cases').set(as(kari)).send(notification({ subject: { nationalId: '15069012346', name: 'X' }, receivedAt: '2999-01-01T00:00:00Z' }));
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['receivedAt', 'subject.nationalId']);
    const caseId = await register();
    const invalid = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'RECORD_DECISION', decisions: [] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['decisions', 'sentAt', 'appealInformationIncluded']));
    const conflict = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'PLAN_APPROVED' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.allowedEvents).toContain('REGISTER');
    const unknown = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'TURNS_16' });
    expect(unknown.status).toBe(422);
    const view = await api.http.get(`/cases/${caseId}`).set(as(kari));
    expect(view.body.seq).toBe(1);
  });

  it('authenticates and scopes: 401 without a token, 404 across municipalities, 403 for an auditor command', async () => {
    const caseId = await register();
    const none = await api.http.get(`/cases/${caseId}`);
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toMatch(/problem\+json/);
    expect((await api.http.get(`/cases/${caseId}`).set(as(oslo))).status).toBe(404);
    expect((await api.http.get('/cases').set(as(oslo))).body.items.find((c: { caseId: string }) => c.caseId === caseId)).toBeUndefined();
    const audit = await api.http.get(`/cases/${caseId}`).set(as(auditor));
    expect(audit.status).toBe(200);
    expect(audit.body.subject.nationalId).toBeUndefined();
    expect((await api.http.post(`/cases/${caseId}/events`).set(as(auditor)).send({ type: 'REGISTER' })).status).toBe(403);
    const logged = await asOwner(`SELECT actor_sub, outcome FROM access_log WHERE case_id = $1 AND actor_sub = 'ida.revisor'`, [caseId]);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('rejected and appealed: KE upholds, Statsforvalteren upholds, the case closes as APPEAL_FINAL_REJECTION', async () => {
    const caseId = await register();
    await event(kari, caseId, { type: 'REGISTER' });
    await event(kari, caseId, { type: 'START_ASSESSMENT' });
    const rejected = await event(kari, caseId, {
      type: 'RECORD_DECISION',
      sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
      decisions: [
        { line: 'IP', outcome: 'REJECTED', reasons: 'Ikke behov for langvarige, koordinerte tjenester', legalBasis: 'pbrl § 2-5' },
        { line: 'KOORDINATOR', outcome: 'REJECTED', reasons: 'Som over', legalBasis: 'pbrl § 2-5 b' },
      ],
    });
    expect(rejected.status).toBe('DECIDED_REJECTED');
    expect(peopleDeadlines(rejected).map((d: { kind: string }) => d.kind)).toEqual(['APPEAL_WINDOW']);
    const appeal = await event(kari, caseId, { type: 'APPEAL_RECEIVED', receivedAt: new Date().toISOString(), contestedLines: ['IP', 'KOORDINATOR'], grounds: 'Uenig i vurderingen' });
    expect(appeal.status).toBe('KE_RECONSIDERATION');
    expect(appeal.tasks[0]).toMatchObject({ kind: 'HANDLE_APPEAL', candidateRole: 'KE_LEADER' });
    await event(kari, caseId, { type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' }, 403); // the leader reconsiders
    await event(lars, caseId, { type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD' });
    await event(lars, caseId, { type: 'APPEAL_FORWARDED', forwardedAt: new Date().toISOString() });
    const closed = await event(kari, caseId, { type: 'STATSFORVALTER_DECIDED', outcome: 'UPHELD' });
    expect(closed.status).toBe('CLOSED');
    expect(closed.closure.reason).toBe('APPEAL_FINAL_REJECTION');
    expect(closed.tasks).toEqual([]);
    const history = (await api.http.get(`/cases/${caseId}/history`).set(as(lars))).body;
    expect(history.map((x: { toStatus: string }) => x.toStatus)).toEqual([
      'RECEIVED', 'REGISTERED', 'ASSESSMENT', 'DECIDED_REJECTED', 'KE_RECONSIDERATION', 'APPEAL_UPHELD', 'AT_STATSFORVALTER', 'CLOSED',
    ]);
    expect(history.every((x: { legalBasis: string }) => x.legalBasis)).toBe(true);
    expect(history[5]).toMatchObject({ actorSub: 'lars.leder', actorRole: 'KE_LEADER', legalBasis: 'pbrl § 7-2' });
    await maybeRecordHistory(h.client, `ip-case-${caseId}`, 'appeal-final-rejection');
  });

  it('consent declined closes the case as USER_DECLINED', async () => {
    const caseId = await register();
    await toConsentPending(caseId);
    const closed = await event(kari, caseId, { type: 'CONSENT_DECLINED', note: 'Ønsker ikke plan nå' });
    expect(closed.closure.reason).toBe('USER_DECLINED');
    const [row] = await h.db.query(`SELECT status, closure_reason FROM ip_case WHERE case_id = $1`, [caseId]);
    expect(row).toEqual({ status: 'CLOSED', closure_reason: 'USER_DECLINED' });
  });

  it('full path: plan, evaluation with a new plan version, then closure; a coordinator change on the way', async () => {
    const caseId = await register();
    const active = await toActive(caseId);
    expect(active.status).toBe('ACTIVE');
    expect(active.plan.version).toBe(1);
    expect(peopleDeadlines(active).map((d: { kind: string }) => d.kind)).toEqual(['EVALUATION']);
    const changed = await event(lars, caseId, {
      type: 'COORDINATOR_CHANGED', reason: 'LEFT_JOB', coordinator: { employeeId: 'emp-42', unit: 'Psykisk helse', line: 'KOORDINATOR', userWishMet: true },
    });
    expect(changed.coordinator.employeeId).toBe('emp-42');
    // The old coordinator no longer sees the case.
    expect((await api.http.get(`/cases/${caseId}`).set(as(ola))).status).toBe(404);
    await event(lars, caseId, { type: 'START_EVALUATION', trigger: 'SCHEDULED' });
    const revised = await event(lars, caseId, { type: 'EVALUATION_COMPLETED', outcome: 'REVISE', plan: planDraft() });
    expect(revised.status).toBe('ACTIVE');
    expect(revised.plan.version).toBe(2);
    await event(lars, caseId, { type: 'START_EVALUATION', trigger: 'USER_REQUEST' });
    const closed = await event(lars, caseId, { type: 'EVALUATION_COMPLETED', outcome: 'CLOSE', closureReason: 'NEED_ENDED' });
    expect(closed.closure.reason).toBe('NEED_ENDED');
    const deadlines = await h.db.query(`SELECT kind, status FROM case_deadline WHERE case_id = $1 ORDER BY opened_seq, kind`, [caseId]);
    expect(deadlines.filter((d: { status: string }) => d.status === 'OPEN')).toEqual([]);
    await maybeRecordHistory(h.client, `ip-case-${caseId}`, 'full-path-evaluation-closure');
  });

  it('consent withdrawn mid-plan: plan work stops, the coordinator continues', async () => {
    const caseId = await register();
    await toConsentPending(caseId);
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD')] });
    await event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: 'emp-17', unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } });
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    await event(ola, caseId, { type: 'START_MAPPING' });
    const after = await event(kari, caseId, { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'ESTABLISH_IP' }], consequencesExplained: true });
    expect(after.status).toBe('ACTIVE');
    expect(after.coordinator.employeeId).toBe('emp-17');
    expect(after.allowedEvents).not.toContain('SUBMIT_PLAN_DRAFT');
    expect(after.consents.find((c: { scope: string }) => c.scope === 'ESTABLISH_IP').status).toBe('WITHDRAWN');
    await maybeRecordHistory(h.client, `ip-case-${caseId}`, 'consent-withdrawn-mid-plan');
  });

  it('the worker is shut down mid-case and restarted: nothing is lost', async () => {
    const caseId = await register();
    await event(kari, caseId, { type: 'REGISTER' });
    await h.stopWorker();
    // While no worker runs, a command waits; the API call completes once a worker is back.
    const pending = api.http.post(`/cases/${caseId}/events`).set(as(kari)).send({ type: 'START_ASSESSMENT' });
    await new Promise((r) => setTimeout(r, 1000));
    await h.startWorker();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ASSESSMENT');
    const [{ n }] = await h.db.query('SELECT count(*)::int AS n FROM case_history WHERE case_id = $1', [caseId]);
    expect(n).toBe(3);
  });

  it('serves health and an OpenAPI 3.1 document', async () => {
    const health = await api.http.get('/health');
    expect(health.body).toEqual({ status: 'up', postgres: 'up', temporal: 'up' });
    const doc = await api.http.get('/docs/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/cases', '/cases/{id}', '/cases/{id}/events', '/health']));
    // Every operation but health documents its problem+json answers.
    const problem = { $ref: '#/components/schemas/ProblemDto' };
    for (const [path, ops] of Object.entries<Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>(doc.body.paths)) {
      if (path === '/health') continue;
      for (const [method, op] of Object.entries(ops)) {
        expect({ path, method, unauthorized: op.responses['401']?.content?.['application/problem+json']?.schema }).toEqual({ path, method, unauthorized: problem });
      }
    }
    const codes = (path: string, method: string) => Object.keys(doc.body.paths[path][method].responses);
    expect(codes('/cases/{id}/events', 'post')).toEqual(expect.arrayContaining(['200', '401', '403', '404', '409', '422']));
    expect(codes('/tasks/{id}/complete', 'post')).toEqual(expect.arrayContaining(['200', '409', '412', '422']));
    expect(doc.body.components.schemas.RecordDecisionDto.required).toEqual(expect.arrayContaining(['decisions', 'sentAt']));
  });
});
