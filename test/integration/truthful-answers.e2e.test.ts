// The engine answers truthfully, over HTTP against real Temporal and PostgreSQL: accepted commands never 404,
// allowed/blocked events and refusals name the rule, one ETag per resource, Idempotency-Key per caller and endpoint,
// what the case will do by itself is visible ahead, ignored fields are refused, and /cases pages by cursor.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/auth/src';
import { addYears, addDays, osloDateOf } from '../../libs/calendar/src/civil-date';
import { fingerprint } from '../../apps/api/src/common/idempotency.service';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { consentGrant, notificationBody } from '../support/notification';

const M = '4624'; // this file's own municipality, so its inboxes are its own
let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.4624', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const kjell: Principal = { sub: 'kjell.4624', name: 'Kjell Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const lars: Principal = { sub: 'lars.4624', name: 'Lars Leder', role: 'KE_LEADER', municipalities: [M] };
const ola: Principal = { sub: 'emp-4624', name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: [M] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [kari, kjell, lars, ola]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
const notification = (over: Record<string, unknown> = {}, birthDate?: string) =>
  notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 3_600_000).toISOString(), ...over }, birthDate);

async function register(over: Record<string, unknown> = {}, birthDate?: string): Promise<string> {
  const res = await api.http.post('/cases').set(as(kari)).send(notification(over, birthDate));
  expect(res.status).toBe(201);
  return res.body.caseId;
}

async function event(p: Principal, caseId: string, body: Record<string, unknown>, expected = 200) {
  const res = await api.http.post(`/cases/${caseId}/events`).set(as(p)).send(body);
  if (res.status !== expected) throw new Error(`${body.type}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const decision = (decisions: object[]) => ({ type: 'RECORD_DECISION', sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions });

async function toProposed(caseId: string, decisions = [{ line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }]) {
  await event(kari, caseId, { type: 'REGISTER' });
  await event(kari, caseId, { type: 'START_ASSESSMENT' });
  await event(kari, caseId, decision(decisions));
  await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [consentGrant('ESTABLISH_IP'), consentGrant('APPOINT_COORD')] });
  return event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: ola.sub, unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } });
}

describe('an accepted command never answers 404', () => {
  it('a proposed coordinator who declines gets 200 with a receipt, and the decline is applied', async () => {
    const caseId = await register();
    await toProposed(caseId);
    const res = await api.http.post(`/cases/${caseId}/events`).set(as(ola)).send({ type: 'COORDINATOR_DECLINED', reason: 'Full kapasitet' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseId, accepted: true, event: 'COORDINATOR_DECLINED', visible: false });
    expect(res.body.subject).toBeUndefined(); // nothing of the case leaks in the receipt
    const after = await api.http.get(`/cases/${caseId}`).set(as(kari));
    expect(after.body.status).toBe('CONSENT_PENDING');
    expect(after.body.proposedCoordinator).toBeNull();
  });

  it('declining through the task answers 200 with the task as closed; the task offers accept and decline with their schemas', async () => {
    const caseId = await register();
    await toProposed(caseId);
    const [task] = (await api.http.get(`/tasks?caseId=${caseId}`).set(as(ola))).body.items;
    const detail = (await api.http.get(`/tasks/${task.id}`).set(as(ola))).body;
    expect(detail.inputs.map((i: { command: string }) => i.command)).toEqual(['COORDINATOR_ACCEPTED', 'COORDINATOR_DECLINED']);
    expect(detail.inputs[1].schema.required).toContain('reason');
    const wrong = await api.http.post(`/tasks/${task.id}/complete`).set(as(ola)).send({ type: 'CLOSE', reason: 'OTHER' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'type', reason: 'type must be one of: COORDINATOR_ACCEPTED, COORDINATOR_DECLINED' }]);
    const res = await api.http.post(`/tasks/${task.id}/complete`).set(as(ola)).send({ type: 'COORDINATOR_DECLINED', reason: 'Permisjon' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: task.id, status: 'COMPLETED', visible: false });
  });
});

describe('allowedEvents and blockedEvents tell the truth', () => {
  it('a coordinator-only case lists START_EVALUATION as blocked with its rule, and refuses it with the same code, sentence and legal basis', async () => {
    const caseId = await register({ requestedLines: ['IP', 'KOORDINATOR'] });
    await toProposed(caseId, [{ line: 'IP', outcome: 'USER_DECLINED', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }]);
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    const active = await event(ola, caseId, { type: 'START_FOLLOW_UP' });
    expect(active.status).toBe('ACTIVE');
    expect(active.allowedEvents).not.toContain('START_EVALUATION');
    const blocked = active.blockedEvents.find((b: { type: string }) => b.type === 'START_EVALUATION');
    expect(blocked).toMatchObject({ code: 'NO_PLAN_TO_EVALUATE', legalBasis: expect.stringContaining('pbrl § 2-5') });
    expect(active.deadlines.filter((d: { source: string }) => d.source !== 'AUTOMATIC')).toEqual([]);
    const refused = await api.http.post(`/cases/${caseId}/events`).set(as(ola)).send({ type: 'START_EVALUATION', trigger: 'USER_REQUEST' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: blocked.code, detail: blocked.reason, legalBasis: blocked.legalBasis, caseStatus: 'ACTIVE' });
  });

  it('an ansvarsgruppe member outside the consent is refused naming the missing scope and its legal basis', async () => {
    const caseId = await register();
    await toProposed(caseId);
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [consentGrant('PARTICIPANT', 'PPT')] });
    const res = await api.http.post(`/cases/${caseId}/events`).set(as(ola)).send({ type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'NAV', role: 'Veileder' }] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'PARTY_NOT_COVERED_BY_CONSENT', detail: 'No active consent for PARTICIPANT:NAV.', legalBasis: 'hpl § 22; fvl § 13 a nr. 1' });
  });
});

describe('one ETag per resource', () => {
  it("a task's ETag from GET is what If-Match takes; every answer that shows the task carries its current one; a stale one is 412", async () => {
    const caseId = await register();
    const [task] = (await api.http.get(`/tasks?caseId=${caseId}`).set(as(kari))).body.items;
    const got = await api.http.get(`/tasks/${task.id}`).set(as(kari));
    expect(got.headers.etag).toBe(`"${got.body.version}"`);
    const claimed = await api.http.post(`/tasks/${task.id}/claim`).set(as(kari)).set('If-Match', got.headers.etag);
    expect(claimed.status).toBe(200);
    expect(claimed.headers.etag).toBe(`"${claimed.body.version}"`);
    expect((await api.http.get(`/tasks/${task.id}`).set(as(kari))).headers.etag).toBe(claimed.headers.etag);
    const stale = await api.http.post(`/tasks/${task.id}/unclaim`).set(as(kari)).set('If-Match', got.headers.etag);
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ currentVersion: claimed.body.version, currentETag: claimed.headers.etag });
  });

  it("a case's ETag is its version: If-Match with it is accepted, a stale one is 412 with the current version and changes nothing", async () => {
    const caseId = await register();
    const got = await api.http.get(`/cases/${caseId}`).set(as(kari));
    expect(got.headers.etag).toBe(`"${got.body.seq}"`);
    const registered = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).set('If-Match', got.headers.etag).send({ type: 'REGISTER' });
    expect(registered.status).toBe(200);
    expect(registered.headers.etag).toBe(`"${got.body.seq + 1}"`);
    const stale = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).set('If-Match', got.headers.etag).send({ type: 'START_ASSESSMENT' });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(got.body.seq + 1);
    expect((await api.http.get(`/cases/${caseId}`).set(as(kari))).body.status).toBe('REGISTERED');
  });
});

describe('Idempotency-Key (IETF draft), scoped to the caller and the endpoint', () => {
  it('same key and body: the first answer; another body: 422 idempotency-key-reused; another caller: its own case', async () => {
    const key = randomUUID();
    const body = notification();
    const first = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', key).send(body);
    const again = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);

    const other = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', key).send(notification());
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');

    const colleague = await api.http.post('/cases').set(as(kjell)).set('Idempotency-Key', key).send(notification());
    expect(colleague.status).toBe(201);
    expect(colleague.body.caseId).not.toBe(first.body.caseId);
  });

  it('a retried event with its key is applied once; while the first is in flight the retry is 409', async () => {
    const caseId = await register();
    const key = randomUUID();
    const first = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).set('Idempotency-Key', key).send({ type: 'REGISTER' });
    const retry = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).set('Idempotency-Key', key).send({ type: 'REGISTER' });
    expect(retry.status).toBe(200);
    expect(retry.body.seq).toBe(first.body.seq);
    const history = (await api.http.get(`/cases/${caseId}/history`).set(as(kari))).body;
    expect(history.filter((e: { eventType: string }) => e.eventType === 'REGISTER')).toHaveLength(1);

    // Another request holds the key (its lease runs): the retry must wait, not run twice.
    const held = randomUUID();
    const body = { type: 'START_ASSESSMENT' };
    await h.db.query(
      `INSERT INTO api_idempotency (actor_sub, route, idempotency_key, request_hash, locked_until) VALUES ($1, $2, $3, $4, now() + interval '1 minute')`,
      [kari.sub, `POST /cases/${caseId}/events`, held, fingerprint({ body, ifMatch: null })],
    );
    const inFlight = await api.http.post(`/cases/${caseId}/events`).set(as(kari)).set('Idempotency-Key', held).send(body);
    expect(inFlight.status).toBe(409);
    expect(inFlight.body.code).toBe('idempotency-key-in-flight');
    expect((await api.http.get(`/cases/${caseId}`).set(as(kari))).body.status).toBe('REGISTERED');
  });
});

describe('Idempotency-Key records', () => {
  it('a replay shows the case only while the caller may still see it', async () => {
    const key = randomUUID();
    const body = notification();
    const first = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    // Kari moves to another municipality's KE: the same person (sub), a token without this municipality.
    const moved = await api.token({ ...kari, municipalities: ['0301'] });
    const replay = await api.http.post('/cases').set('Authorization', `Bearer ${moved}`).set('Idempotency-Key', key).send(body);
    expect(replay.status).toBe(404);
    expect(JSON.stringify(replay.body)).not.toContain(first.body.caseId);
  });

  it('expire after 24 hours: the key then names a new request', async () => {
    const key = randomUUID();
    const first = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', key).send(notification()).expect(201);
    await h.db.query(`UPDATE api_idempotency SET created_at = now() - interval '25 hours' WHERE actor_sub = $1 AND idempotency_key = $2`, [kari.sub, key]);
    const later = await api.http.post('/cases').set(as(kari)).set('Idempotency-Key', key).send(notification());
    expect(later.status).toBe(201);
    expect(later.body.caseId).not.toBe(first.body.caseId);
  });
});

describe('what the engine will do by itself is visible ahead', () => {
  it("a child's 16th birthday (re-consent) and each reminder and breach are deadlines of the case, in the case view and in /deadlines", async () => {
    const birthDate = addDays(addYears(osloDateOf(Date.now()), -16), 20); // turns 16 in 20 days
    const caseId = await register({}, birthDate);
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [consentGrant('OBTAIN_FROM', 'Fastlegen', 'PARENT', 'WRITTEN_SIGNED')], parentalResponsibility: 'SOLE' });
    const view = (await api.http.get(`/cases/${caseId}`).set(as(kari))).body;
    const automatic = view.deadlines.filter((d: { source: string }) => d.source === 'AUTOMATIC');
    const sixteen = automatic.find((d: { kind: string }) => d.kind === 'TURNS_16');
    expect(sixteen).toMatchObject({ due: addYears(birthDate, 16), legalBasis: 'pbrl § 4-3 første ledd bokstav b' });
    expect(sixteen.effect).toMatch(/re-confirmed/);
    const decision = view.deadlines.find((d: { kind: string }) => d.kind === 'DECISION');
    expect(automatic).toContainEqual(expect.objectContaining({ kind: 'DEADLINE_REMINDER', forDeadline: decision.key, due: decision.remindOn }));
    expect(automatic).toContainEqual(expect.objectContaining({ kind: 'DEADLINE_BREACHED', forDeadline: decision.key, effect: expect.stringContaining('KE_LEADER') }));

    const listed = (await api.http.get(`/deadlines?municipality=${M}&kind=TURNS_16&automatic=true`).set(as(kari))).body.items;
    expect(listed.map((d: { caseId: string }) => d.caseId)).toContain(caseId);
  });
});

describe('fields the engine would ignore are refused', () => {
  it('a decision on an upheld appeal, or a plan with outcome CONTINUE, is 422 naming the field', async () => {
    const caseId = await register();
    const upheld = await api.http.post(`/cases/${caseId}/events`).set(as(lars)).send({
      type: 'APPEAL_RECONSIDERED', outcome: 'UPHELD', decisions: [{ line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' }],
    });
    expect(upheld.status).toBe(422);
    expect(upheld.body.errors).toContainEqual({ field: 'decisions', reason: 'decisions is used only when outcome is REVERSED, not UPHELD' });
    const plan = { goals: [{ lifeArea: 'health', statementInUserWords: 'x' }], measures: [{ description: 'x', responsibleParty: 'USER', scope: 'x' }], revisionDate: '2030-01-01', userParticipation: 'FULL' };
    const cont = await api.http.post(`/cases/${caseId}/events`).set(as(lars)).send({ type: 'EVALUATION_COMPLETED', outcome: 'CONTINUE', nextEvaluationDate: '2030-01-01', plan });
    expect(cont.status).toBe(422);
    expect(cont.body.errors.map((e: { field: string }) => e.field)).toEqual(['plan']);
    const close = await api.http.post(`/cases/${caseId}/events`).set(as(lars)).send({ type: 'EVALUATION_COMPLETED', outcome: 'CLOSE' });
    expect(close.body.errors).toContainEqual({ field: 'closureReason', reason: 'closureReason is required when outcome is CLOSE' });
  });
});

describe('/cases pages like /tasks and /deadlines', () => {
  it('limit and cursor walk every case once, newest first', async () => {
    for (let i = 0; i < 3; i++) await register();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { caseId: string; municipality: string }[]; nextCursor: string | null } } = await api.http
        .get(`/cases?municipality=${M}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(as(kari));
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c) => c.caseId));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = (await api.http.get(`/cases?municipality=${M}&limit=200`).set(as(kari))).body;
    expect(seen).toEqual(all.items.map((c: { caseId: string }) => c.caseId));
    expect(new Set(seen).size).toBe(all.total);
    expect((await api.http.get('/cases?cursor=bogus').set(as(kari))).status).toBe(422);
  });
});
