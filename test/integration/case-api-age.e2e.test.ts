// End to end over HTTP on Temporal's time-skipping test server: a child turns 16, and later 18, mid-case.
// The time-skipping server does not skip while a client waits on an Update, so the test skips explicitly.
import type { Principal } from '../../libs/auth/src';
import { notificationBody, consentGrant } from '../support/notification';
import { addDays, addYears, osloDateOf } from '../../libs/calendar/src/civil-date';
import { openTimeSkippingStack, TimeSkippingStack } from '../support/time-skipping-stack';

let stack: TimeSkippingStack;
const kari: Principal = { sub: 'kari.saksbehandler', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4601'] };
const ola: Principal = { sub: 'emp-17', name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: ['4601'] };

beforeAll(async () => {
  stack = await openTimeSkippingStack('ip-case-age');
});
afterAll(async () => {
  await stack?.close();
});

async function event(p: Principal, caseId: string, body: Record<string, unknown>, expected = 200) {
  const res = await stack.api.http.post(`/cases/${caseId}/events`).set(await stack.as(p)).send(body);
  if (res.status !== expected) throw new Error(`${body.type}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
const parentGrant = (scope: string) => consentGrant(scope, undefined, 'PARENT', 'WRITTEN_SIGNED');

async function registerChild(birthDate: string, lines: string[]) {
  // receivedAt: the API checks "not in the future" against the wall clock (the skipped test clock is ahead of it).
  const res = await stack.api.http
    .post('/cases')
    .set(await stack.as(kari))
    .send(notificationBody({ requestedLines: lines, notifier: { type: 'SCHOOL_KINDERGARTEN', name: 'Rektor', relation: 'skole' } }, birthDate));
  if (res.status !== 201) throw new Error(`POST /cases: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
  const caseId = res.body.caseId as string;
  await event(kari, caseId, { type: 'REGISTER' });
  await event(kari, caseId, { type: 'START_ASSESSMENT' });
  await event(kari, caseId, {
    type: 'RECORD_DECISION',
    sentAt: new Date(await stack.env.currentTimeMs()).toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: lines.map((line) => ({ line, outcome: 'GRANTED', legalBasis: line === 'BARNEKOORDINATOR' ? 'pbrl § 2-5 c' : 'pbrl § 2-5 b' })),
  });
  return caseId;
}

describe('age events over the API (time-skipping)', () => {
  it('a child who turns 16 mid-case takes over consent and must re-confirm what the parents gave', async () => {
    const today = osloDateOf(await stack.env.currentTimeMs());
    const caseId = await registerChild(addDays(addYears(today, -16), 10), ['KOORDINATOR']);
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [parentGrant('APPOINT_COORD')] });
    await event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: 'emp-17', unit: 'Helsestasjon', line: 'KOORDINATOR', userWishMet: true } });
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    await event(ola, caseId, { type: 'START_FOLLOW_UP' });

    await stack.env.sleep('11 days');

    const view = (await stack.api.http.get(`/cases/${caseId}`).set(await stack.as(kari))).body;
    expect(view.status).toBe('ACTIVE');
    expect(view.tasks.map((t: { kind: string }) => t.kind)).toContain('RECONFIRM_CONSENT');
    expect(view.deadlines.map((d: { kind: string }) => d.kind)).toContain('RECONSENT_AT_16');
    // Parents can no longer consent for a 16-year-old; the young person can.
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [parentGrant('DIGITAL_TOOL')] }, 409);
    const after = await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [consentGrant('APPOINT_COORD')] });
    expect(after.tasks.map((t: { kind: string }) => t.kind)).not.toContain('RECONFIRM_CONSENT');
    const history = (await stack.api.http.get(`/cases/${caseId}/history`).set(await stack.as(kari))).body;
    expect(history.find((h: { eventType: string }) => h.eventType === 'TURNS_16')).toMatchObject({ actorRole: 'SYSTEM', legalBasis: expect.stringContaining('pbrl § 4-3') });
  });

  it('at 18 the child coordinator ends and the case asks to convert or close', async () => {
    const today = osloDateOf(await stack.env.currentTimeMs());
    const caseId = await registerChild(addDays(addYears(today, -18), 5), ['BARNEKOORDINATOR']);
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [consentGrant('APPOINT_CHILD_COORD', undefined, 'PARENT', 'WRITTEN_SIGNED')] });
    await event(kari, caseId, { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: 'emp-17', unit: 'Helsestasjon', line: 'BARNEKOORDINATOR', userWishMet: true } });
    await event(ola, caseId, { type: 'COORDINATOR_ACCEPTED' });
    await event(ola, caseId, { type: 'START_FOLLOW_UP' });

    await stack.env.sleep('6 days');

    const view = (await stack.api.http.get(`/cases/${caseId}`).set(await stack.as(kari))).body;
    expect(view.tasks.map((t: { kind: string }) => t.kind)).toContain('HANDLE_TURNS_18');
    await event(kari, caseId, { type: 'CONSENT_GIVEN', grants: [consentGrant('APPOINT_COORD')] });
    const converted = await event(kari, caseId, { type: 'CONVERT_TO_COORDINATOR' });
    expect(converted.coordinator.line).toBe('KOORDINATOR');
    expect(converted.tasks.map((t: { kind: string }) => t.kind)).not.toContain('HANDLE_TURNS_18');
  });
});
