// GET /cases/:id/as-of over HTTP, against real Temporal and PostgreSQL: one case driven through registration,
// assessment, consent, coordinator and plan, asked about at five moments of its life (and now); the record of states is
// immutable and idempotent; a case from before the record answers with what can be known.
import type { Principal } from '../../libs/auth/src';
import { createProjectionActivities } from '../../apps/worker/src/activities/projection.activities';
import { BACKFILL_CASE_VERSIONS } from '../../libs/persistence/src/migrations/1795380000000-case-versions';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { consentGrant, notificationBody } from '../support/notification';
import { asOwner, withTriggerOff } from '../support/owner';

const M = '4628';
let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.4628', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const ola: Principal = { sub: 'emp-17.4628', name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: [M] };
const ida: Principal = { sub: 'ida.4628', name: 'Ida Revisor', role: 'AUDITOR', municipalities: [M] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [kari, ola, ida]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
// Transitions a few milliseconds apart, so that an instant between two of them exists.
const pause = () => new Promise((r) => setTimeout(r, 25));
const asOf = (p: Principal, caseId: string, at: string) => api.http.get(`/cases/${caseId}/as-of`).query({ at }).set(as(p));

async function event(p: Principal, caseId: string, body: Record<string, unknown>) {
  await pause();
  const res = await api.http.post(`/cases/${caseId}/events`).set(as(p)).send(body);
  if (res.status !== 200) throw new Error(`${body.type}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function register(name: string) {
  const body = notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 86_400_000).toISOString() });
  const res = await api.http.post('/cases').set(as(kari)).send({ ...body, subject: { ...body.subject, name } });
  expect(res.status).toBe(201);
  return res.body.caseId as string;
}

async function toConsentPending(caseId: string) {
  await event(kari, caseId, { type: 'REGISTER' });
  await event(kari, caseId, { type: 'START_ASSESSMENT' });
  await event(kari, caseId, {
    type: 'RECORD_DECISION',
    sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [
      { line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
    ],
  });
}

/** When each transition happened, by seq (the history's occurredAt). */
async function instants(caseId: string): Promise<Record<number, number>> {
  const { body } = await api.http.get(`/cases/${caseId}/history`).set(as(kari)).expect(200);
  return Object.fromEntries(body.map((e: { seq: number; occurredAt: string }) => [e.seq, Date.parse(e.occurredAt)]));
}

const iso = (t: number) => new Date(t).toISOString();
const between = (a: number, b: number) => {
  expect(b - a).toBeGreaterThan(1);
  return iso(Math.floor((a + b) / 2));
};
const scopes = (body: { consents: { scope: string; party?: string }[] }) => body.consents.map((c) => (c.party ? `${c.scope}:${c.party}` : c.scope)).sort();
const kinds = (items: { kind: string }[]) => items.map((i) => i.kind).sort();
const byKey = <T extends { key: string }>(items: T[]) => [...items].sort((a, b) => a.key.localeCompare(b.key));

describe('GET /cases/:id/as-of', () => {
  const PERSON = 'Astrid Tidsreise';
  const revisionDate = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  let caseId: string;
  let t: Record<number, number>;
  const seqOf: Record<string, number> = {};

  beforeAll(async () => {
    caseId = await register(PERSON);
    await toConsentPending(caseId);
    await event(kari, caseId, {
      type: 'CONSENT_GIVEN',
      grants: [consentGrant('ESTABLISH_IP'), consentGrant('APPOINT_COORD'), consentGrant('PARTICIPANT', 'Fysioterapitjenesten', 'SELF', 'WRITTEN_DIGITAL', { name: PERSON })],
    });
    await event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: ola.sub, unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } });
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    await event(ola, caseId, { type: 'START_MAPPING' });
    await event(ola, caseId, { type: 'RECORD_MAPPING', summary: 'Mål, ressurser og behov kartlagt' });
    await event(ola, caseId, { type: 'FORM_ANSVARSGRUPPE', members: [{ party: 'Fysioterapitjenesten', role: 'Fysioterapeut' }] });
    await event(ola, caseId, { type: 'MAPPING_COMPLETED' });
    await event(ola, caseId, {
      type: 'SUBMIT_PLAN_DRAFT',
      plan: {
        goals: [{ lifeArea: 'health', statementInUserWords: 'Jeg vil gå til butikken selv' }],
        measures: [{ description: 'Fysioterapi', responsibleParty: 'Fysioterapitjenesten', scope: '2 t/uke' }],
        revisionDate,
        userParticipation: 'FULL',
      },
    });
    await event(ola, caseId, { type: 'PLAN_APPROVED' });
    // A change after the plan: today's case has one consent fewer than the case had then.
    await event(kari, caseId, { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'PARTICIPANT', party: 'Fysioterapitjenesten' }], consequencesExplained: true });
    await pause();
    t = await instants(caseId);
    const { body: history } = await api.http.get(`/cases/${caseId}/history`).set(as(kari));
    for (const e of history as { seq: number; eventType: string }[]) seqOf[e.eventType] = e.seq;
  });

  it('answers at five moments of one case: before it existed, received, between decision and consent, coordinator appointed, plan approved', async () => {
    // 1. Before the case existed: a clear 404 of its own.
    const before = await asOf(ida, caseId, iso(t[1] - 1));
    expect(before.status).toBe(404);
    expect(before.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(before.body).toMatchObject({ code: 'CASE_NOT_YET_EXISTING', firstRecordedAt: iso(t[1]), type: 'https://ke-ip.example/problems/case-did-not-exist-yet' });

    // 2. The instant it was received.
    const received = await asOf(ida, caseId, iso(t[1]));
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ caseId, at: iso(t[1]), asOfSeq: 1, recordedAt: iso(t[1]), eventType: 'NOTIFICATION_RECEIVED', status: 'RECEIVED', consents: [], coordinator: null, plan: null });
    expect(kinds(received.body.tasks)).toEqual(['REGISTER_NOTIFICATION']);
    expect(kinds(received.body.deadlines)).toEqual(expect.arrayContaining(['DECISION']));

    // 3. Between two changes: after the decision, before the consent.
    const decided = seqOf.RECORD_DECISION;
    expect(seqOf.CONSENT_GIVEN).toBe(decided + 1);
    const pending = await asOf(ida, caseId, between(t[decided], t[decided + 1]));
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ asOfSeq: decided, recordedAt: iso(t[decided]), status: 'CONSENT_PENDING', consents: [], coordinator: null, plan: null });
    expect(kinds(pending.body.tasks)).not.toContain('REGISTER_NOTIFICATION');
    expect(kinds(pending.body.deadlines)).not.toContain('DECISION');

    // 4. The coordinator appointed, before mapping started: three consents, no plan.
    const appointed = seqOf.COORDINATOR_ACCEPTED;
    const coordinated = await asOf(ida, caseId, between(t[appointed], t[appointed + 1]));
    expect(coordinated.body).toMatchObject({ asOfSeq: appointed, status: 'COORDINATOR_APPOINTED', plan: null });
    expect(coordinated.body.coordinator).toEqual({ employeeId: ola.sub, unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true });
    expect(scopes(coordinated.body)).toEqual(['APPOINT_COORD', 'ESTABLISH_IP', 'PARTICIPANT:Fysioterapitjenesten']);

    // 5. The plan approved, before the withdrawal: version 1, and the consent withdrawn since was active then.
    const approved = seqOf.PLAN_APPROVED;
    const active = await asOf(ida, caseId, between(t[approved], t[approved + 1]));
    expect(active.body).toMatchObject({ asOfSeq: approved, status: 'ACTIVE', plan: { version: 1, approvedAt: iso(t[approved]), revisionDate } });
    expect(scopes(active.body)).toEqual(['APPOINT_COORD', 'ESTABLISH_IP', 'PARTICIPANT:Fysioterapitjenesten']);

    // Now: the same as the case view says.
    const now = await asOf(ida, caseId, new Date().toISOString());
    const { body: view } = await api.http.get(`/cases/${caseId}`).set(as(ida)).expect(200);
    expect(now.body).toMatchObject({ asOfSeq: view.seq, status: view.status, state: view.state, coordinator: view.coordinator });
    expect(scopes(now.body)).toEqual(['APPOINT_COORD', 'ESTABLISH_IP']);
    expect(kinds(now.body.tasks)).toEqual(kinds(view.tasks));
    expect(byKey(now.body.deadlines)).toEqual(byKey(view.deadlines.filter((d: { source: string }) => d.source !== 'AUTOMATIC')));

    // The person's name and identity number are in none of the answers.
    const [subject] = await asOwner(`SELECT national_id AS "nationalId" FROM case_subject WHERE case_id = $1`, [caseId]);
    for (const res of [received, pending, coordinated, active, now]) {
      expect(JSON.stringify(res.body)).not.toContain(PERSON);
      expect(JSON.stringify(res.body)).not.toContain(subject.nationalId);
    }
  });

  it('logs each read in the access log, with the instant asked about', async () => {
    const at = iso(t[1]);
    const res = await asOf(ida, caseId, at).expect(200);
    const [entry] = await asOwner(`SELECT actor_sub AS "actorSub", action, resource, outcome, case_id AS "caseId", filters FROM access_log WHERE request_id = $1`, [res.headers['x-request-id']]);
    expect(entry).toEqual({ actorSub: ida.sub, action: 'READ', resource: `cases/${caseId}/as-of`, outcome: 200, caseId, filters: { at } });
    const early = await asOf(ida, caseId, iso(t[1] - 60_000)).expect(404);
    const [refused] = await asOwner(`SELECT outcome, case_id AS "caseId" FROM access_log WHERE request_id = $1`, [early.headers['x-request-id']]);
    expect(refused).toEqual({ outcome: 404, caseId });
  });

  it('refuses an instant that is not a valid ISO 8601 instant with time and offset, or is in the future: 422 naming at', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    for (const at of ['yesterday', '2026-03-03', '2026-02-30T10:00:00Z', '2026-03-03T10:00:00', future]) {
      const res = await asOf(ida, caseId, at);
      expect({ at, status: res.status }).toEqual({ at, status: 422 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('at');
    }
    const missing = await api.http.get(`/cases/${caseId}/as-of`).set(as(ida));
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('at');
    // An offset other than Z, encoded as a query must (+ as %2B).
    const oslo = await api.http.get(`/cases/${caseId}/as-of?at=${encodeURIComponent(iso(t[1]).replace('Z', '+00:00'))}`).set(as(ida));
    expect(oslo.body).toMatchObject({ asOfSeq: 1, at: iso(t[1]) });
  });

  it('lets the coordinator the case has now read its whole past, before they were proposed too', async () => {
    const res = await asOf(ola, caseId, iso(t[1]));
    expect(res.body).toMatchObject({ asOfSeq: 1, coordinator: null });
  });

  it('records a version once per transition: a retried projection adds or changes nothing', async () => {
    const [v] = await asOwner(`SELECT * FROM case_version WHERE case_id = $1 AND seq = 2`, [caseId]);
    const [{ count }] = await asOwner(`SELECT count(*)::int AS count FROM case_version WHERE case_id = $1`, [caseId]);
    expect(count).toBe(Object.keys(t).length);
    const retried = await createProjectionActivities(h.db).projectTransition({
      caseId, municipality: M, seq: 2, eventType: 'REGISTER', payload: {}, actor: { sub: kari.sub, name: kari.name, role: kari.role }, at: new Date().toISOString(),
      legalBasis: null, fromStatus: 'RECEIVED', toStatus: 'TAMPERED', stateValue: 'tampered', allowedEvents: [], context: {}, closed: false, deadlines: [], tasks: [],
    });
    expect(retried).toEqual({ applied: false });
    expect(await asOwner(`SELECT * FROM case_version WHERE case_id = $1 AND seq = 2`, [caseId])).toEqual([v]);
    expect(await asOwner(`SELECT count(*)::int AS count FROM case_version WHERE case_id = $1`, [caseId])).toEqual([{ count }]);
  });

  it('may not change or delete a version (the application role: SELECT and INSERT only)', async () => {
    await expect(h.db.query(`UPDATE case_version SET status = status WHERE case_id = $1`, [caseId])).rejects.toMatchObject({ code: '42501' });
    await expect(h.db.query(`DELETE FROM case_version WHERE case_id = $1`, [caseId])).rejects.toMatchObject({ code: '42501' });
  });
});

describe('a case from before the record of states', () => {
  it('answers from its last transition on (rebuilt from the read model) and says so before it: 409 STATE_NOT_RECORDED', async () => {
    const caseId = await register('Gammel Sak');
    await toConsentPending(caseId);
    await pause();
    const t = await instants(caseId);
    const last = Math.max(...Object.keys(t).map(Number));
    const recorded = await asOf(ida, caseId, new Date().toISOString()).expect(200);
    // As the migration finds such a case: no versions; it rebuilds the last one from ip_case, case_task, case_deadline.
    await withTriggerOff('case_version', 'case_version_append_only', (q) => q(`DELETE FROM case_version WHERE case_id = $1`, [caseId]));
    await asOwner(BACKFILL_CASE_VERSIONS);
    const rebuilt = await asOf(ida, caseId, new Date().toISOString()).expect(200);
    const comparable = (b: { at: string; tasks: { key: string }[]; deadlines: { key: string }[] }) => ({ ...b, at: null, tasks: byKey(b.tasks), deadlines: byKey(b.deadlines) });
    expect(comparable(rebuilt.body)).toEqual(comparable(recorded.body));
    expect(rebuilt.body.tasks.length).toBeGreaterThan(0);
    expect(rebuilt.body.deadlines.length).toBeGreaterThan(0);

    const earlier = await asOf(ida, caseId, between(t[1], t[2]));
    expect(earlier.status).toBe(409);
    expect(earlier.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(earlier.body).toMatchObject({ code: 'STATE_NOT_RECORDED', firstRecordedSeq: last, firstRecordedAt: iso(t[last]) });
    // Before it existed is still a 404.
    expect((await asOf(ida, caseId, iso(t[1] - 1))).body.code).toBe('CASE_NOT_YET_EXISTING');
  });
});
