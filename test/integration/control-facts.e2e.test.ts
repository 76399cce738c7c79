// The facts internal control counts (domain § 5.2), over HTTP: a disclosure outside the consent's scope is refused
// naming the scope, and every accepted one is recorded (K7); a child is heard (K13); each approved plan version keeps
// how the person took part (K12); and the coordinators' training register (K16).
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../libs/auth/src';
import { osloDateOf } from '../../libs/calendar/src/civil-date';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { consentGrant, notificationBody } from '../support/notification';
import { asOwner } from '../support/owner';

const M = '4630';
let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.4630', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const lars: Principal = { sub: 'lars.4630', name: 'Lars Leder', role: 'KE_LEADER', municipalities: [M] };
const ola: Principal = { sub: `emp-4630-${randomUUID().slice(0, 8)}`, name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: [M] };
const ida: Principal = { sub: 'ida.4630', name: 'Ida Revisor', role: 'AUDITOR', municipalities: [M] };
const modalen: Principal = { sub: 'mona.4629', name: 'Mona Leder', role: 'KE_LEADER', municipalities: ['4629'] };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [kari, lars, ola, ida, modalen]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
const today = () => osloDateOf(Date.now());
const daysFromToday = (n: number) => osloDateOf(Date.now() + n * 86_400_000);
const send = (p: Principal, caseId: string, body: Record<string, unknown>) => api.http.post(`/cases/${caseId}/events`).set(as(p)).send(body);

async function event(p: Principal, caseId: string, body: Record<string, unknown>) {
  const res = await send(p, caseId, body);
  if (res.status !== 200) throw new Error(`${body.type}: expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function registered(birthDate?: string): Promise<string> {
  const res = await api.http.post('/cases').set(as(kari)).send(notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() }, birthDate));
  expect(res.status).toBe(201);
  return res.body.caseId;
}

/** Decided (IP and coordinator granted) with consent to the plan, the appointment and sharing with PPT. */
async function withConsent(): Promise<string> {
  const caseId = await registered();
  await event(kari, caseId, { type: 'REGISTER' });
  await event(kari, caseId, { type: 'START_ASSESSMENT' });
  await event(kari, caseId, {
    type: 'RECORD_DECISION', sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [{ line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' }, { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }],
  });
  await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: ['ESTABLISH_IP', 'APPOINT_COORD'].map((s) => consentGrant(s)).concat(consentGrant('SHARE_WITH', 'PPT'), consentGrant('PARTICIPANT', 'PPT')) });
  return caseId;
}

const disclosure = (recipient: string, over: Record<string, unknown> = {}) => ({
  type: 'INFORMATION_DISCLOSED', recipient, scope: 'SHARE_WITH', purpose: 'Søknad om arbeidsavklaringspenger', disclosedOn: today(), ...over,
});

describe('a disclosure of information (K7: hpl § 22, pbrl § 2-5)', () => {
  it('is refused 409 naming the missing scope, accepted with that consent, and refused again once it is withdrawn', async () => {
    const caseId = await withConsent();
    const refused = await send(kari, caseId, disclosure('NAV'));
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      code: 'CONSENT_SCOPE_MISSING',
      detail: 'No active consent covers SHARE_WITH:NAV: the information may not be disclosed to NAV.',
      legalBasis: 'hpl § 22; pbrl § 2-5',
      caseStatus: 'CONSENT_PENDING',
    });

    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [consentGrant('SHARE_WITH', 'NAV')] });
    const accepted = await event(kari, caseId, disclosure('NAV'));
    expect(accepted.status).toBe('CONSENT_PENDING');
    expect(accepted.disclosures).toEqual([
      { recipient: 'NAV', scope: 'SHARE_WITH', purpose: 'Søknad om arbeidsavklaringspenger', disclosedOn: today(), at: expect.any(String), consentActive: true },
    ]);
    const history = (await api.http.get(`/cases/${caseId}/history`).set(as(ida)).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ eventType: 'INFORMATION_DISCLOSED', actorSub: kari.sub, fromStatus: 'CONSENT_PENDING', toStatus: 'CONSENT_PENDING', legalBasis: 'hpl § 22; pbrl § 2-5; fvl § 13 a nr. 1' });

    await event(kari, caseId, { type: 'CONSENT_WITHDRAWN', withdraw: [{ scope: 'SHARE_WITH', party: 'NAV' }], consequencesExplained: true });
    const after = await send(kari, caseId, disclosure('NAV'));
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ code: 'CONSENT_SCOPE_MISSING', detail: expect.stringContaining('SHARE_WITH:NAV') });
    // What was disclosed while the consent held stays recorded.
    expect((await api.http.get(`/cases/${caseId}`).set(as(kari))).body.disclosures).toHaveLength(1);
  });

  it('is refused 409 while the case holds no consent to share, and 422 for a date in the future or a scope that allows no disclosure', async () => {
    const caseId = await registered();
    const view = (await api.http.get(`/cases/${caseId}`).set(as(kari))).body;
    expect(view.blockedEvents).toContainEqual(expect.objectContaining({ type: 'INFORMATION_DISCLOSED', code: 'CONSENT_SCOPE_MISSING' }));
    expect((await send(kari, caseId, disclosure('NAV'))).body).toMatchObject({ status: 409, code: 'CONSENT_SCOPE_MISSING', detail: expect.stringContaining('SHARE_WITH:<party>') });

    const future = await send(kari, caseId, disclosure('NAV', { disclosedOn: daysFromToday(2) }));
    expect(future.status).toBe(422);
    expect(JSON.stringify(future.body.errors)).toContain('disclosedOn');
    const wrongScope = await send(kari, caseId, disclosure('NAV', { scope: 'ESTABLISH_IP' }));
    expect(wrongScope.status).toBe(422);
    expect(JSON.stringify(wrongScope.body.errors)).toContain('scope');
  });
});

describe('the child heard (K13: pbrl § 4-4, barnekonvensjonen art. 12)', () => {
  it('is recorded for a child, its summary kept in the history only; refused for an adult and for a day in the future', async () => {
    const child = await registered('2017-04-03');
    const view = await event(kari, child, { type: 'CHILD_HEARD', heardOn: today(), how: 'CONVERSATION', summary: 'Vil helst ha timene etter skolen' });
    expect(view.status).toBe('RECEIVED');
    expect(view.childHeard).toEqual([{ heardOn: today(), how: 'CONVERSATION', at: expect.any(String) }]);
    const [row] = await h.db.query(`SELECT payload FROM case_history WHERE case_id = $1 AND event_type = 'CHILD_HEARD'`, [child]);
    expect(row.payload).toMatchObject({ heardOn: today(), how: 'CONVERSATION', summary: 'Vil helst ha timene etter skolen' });

    const future = await send(kari, child, { type: 'CHILD_HEARD', heardOn: daysFromToday(2), how: 'IN_WRITING' });
    expect(future.status).toBe(422);
    expect(JSON.stringify(future.body.errors)).toContain('heardOn');

    const adult = await registered('1980-05-05');
    const refused = await send(kari, adult, { type: 'CHILD_HEARD', heardOn: today(), how: 'CONVERSATION' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'NOT_A_CHILD', legalBasis: 'pbrl § 4-4; barnekonvensjonen art. 12' });
  });
});

describe('each approved plan version (K12: pbrl § 3-1)', () => {
  it('keeps how the person took part, and whether every goal is in their own words', async () => {
    const caseId = await withConsent();
    await event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: ola.sub, unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } });
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    await event(ola, caseId, { type: 'START_MAPPING' });
    await event(ola, caseId, { type: 'MAPPING_COMPLETED', summary: 'Mål, ressurser og behov kartlagt' });
    // The coordinator records a disclosure on their own case too.
    expect((await event(ola, caseId, disclosure('PPT', { scope: 'PARTICIPANT' }))).disclosures).toHaveLength(1);
    await event(ola, caseId, {
      type: 'SUBMIT_PLAN_DRAFT',
      plan: {
        goals: [{ lifeArea: 'school/work', statementInUserWords: 'Jeg vil fullføre skolen' }],
        measures: [{ description: 'Tilrettelagt undervisning', responsibleParty: 'PPT', scope: '4 t/uke' }],
        revisionDate: daysFromToday(200),
        userParticipation: 'PARTLY',
      },
    });
    const active = await event(ola, caseId, { type: 'PLAN_APPROVED' });
    expect(active.status).toBe('ACTIVE');
    expect(active.planVersions).toEqual([{ version: 1, approvedAt: active.plan.approvedAt, userParticipation: 'PARTLY', goalsInOwnWords: true }]);
  });
});

describe("the coordinators' training register (K16: hol § 7-3)", () => {
  const path = `/coordinators/${ola.sub}/trainings`;
  const course = { municipality: M, course: 'KE-opplæring for koordinatorer', completedOn: daysFromToday(-30) };

  it('is recorded by the KE leader once per course and day, with Idempotency-Key, and read by the KE and internal control', async () => {
    const key = randomUUID();
    const first = await api.http.post(path).set(as(lars)).set('Idempotency-Key', key).send(course);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ id: expect.any(String), municipality: M, employeeId: ola.sub, course: course.course, completedOn: course.completedOn, recordedBy: lars.sub, recordedAt: expect.any(String) });
    const replay = await api.http.post(path).set(as(lars)).set('Idempotency-Key', key).send(course);
    expect([replay.status, replay.body]).toEqual([201, first.body]);
    const reused = await api.http.post(path).set(as(lars)).set('Idempotency-Key', key).send({ ...course, course: 'Veiledning' });
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency-key-reused']);
    const twice = await api.http.post(path).set(as(lars)).send(course);
    expect([twice.status, twice.body.code]).toEqual([409, 'training-already-recorded']);
    const later = await api.http.post(path).set(as(lars)).send({ ...course, course: 'Veiledning i koordinatorrollen', completedOn: today() });
    expect(later.status).toBe(201);

    for (const reader of [kari, lars, ida]) {
      const own = await api.http.get(path).set(as(reader));
      expect(own.status).toBe(200);
      expect(own.body.items.map((t: { id: string }) => t.id)).toEqual([later.body.id, first.body.id]);
    }
    const register = await api.http.get(`/coordinator-trainings?municipality=${M}&limit=1`).set(as(ida));
    expect(register.status).toBe(200);
    expect(register.body.items).toEqual([later.body]);
    const next = await api.http.get(`/coordinator-trainings?municipality=${M}&limit=1&cursor=${register.body.nextCursor}`).set(as(ida));
    expect(next.body.items[0].id).toBe(first.body.id);
    // Another municipality's KE sees none of it.
    expect((await api.http.get(path).set(as(modalen))).body.items).toEqual([]);
    expect((await api.http.get(`/coordinator-trainings?municipality=${M}`).set(as(modalen))).status).toBe(403);

    const logged = await asOwner(`SELECT actor_sub AS "actorSub", action, outcome FROM access_log WHERE resource = $1 AND action = 'CREATE' ORDER BY id`, [path.slice(1)]);
    expect(logged.map((e: { actorSub: string; outcome: number }) => e.outcome)).toEqual([201, 409, 201]);
  });

  it('refuses others: a caseworker, a leader of another municipality, a coordinator; and invalid input', async () => {
    const refused = await Promise.all([
      api.http.post(path).set(as(kari)).send(course),
      api.http.post(path).set(as(modalen)).send(course),
      api.http.get(path).set(as(ola)),
      api.http.get('/coordinator-trainings').set(as(ola)),
    ]);
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    const future = await api.http.post(path).set(as(lars)).send({ ...course, completedOn: daysFromToday(3) });
    const unknown = await api.http.post(path).set(as(lars)).send({ ...course, municipality: '9999' });
    const tooLong = await api.http.post(`/coordinators/${'x'.repeat(101)}/trainings`).set(as(lars)).send(course);
    expect([future.status, unknown.status, tooLong.status]).toEqual([422, 422, 422]);
    expect(JSON.stringify(future.body.errors)).toContain('completedOn');
    expect(JSON.stringify(tooLong.body.errors)).toContain('employeeId');
    expect(await h.db.query(`SELECT count(*)::int AS n FROM coordinator_training WHERE employee_id = $1`, [ola.sub])).toEqual([{ n: 2 }]);
  });
});
