// A KE leader changes the municipality's deadline settings: validated, and applied to deadlines set afterwards.
import { peopleDeadlines } from '../support/notification';
import type { Principal } from '../../libs/auth/src';
import { notificationBody, consentGrant } from '../support/notification';
import { NorwegianCalendar } from '../../libs/calendar/src';
import { osloDateOf } from '../../libs/calendar/src/civil-date';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';

let h: Harness;
let api: Api;
const leader: Principal = { sub: 'st-leder', name: 'Stine Leder', role: 'KE_LEADER', municipalities: ['4602'] };
const caseworker: Principal = { sub: 'st-saksbehandler', name: 'Sigurd', role: 'KE_CASEWORKER', municipalities: ['4602'] };
const auth: Record<string, string> = {};

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [leader, caseworker]) auth[p.sub] = `Bearer ${await api.token(p)}`;
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const put = (p: Principal, body: object) => api.http.put('/municipalities/4602/settings').set('Authorization', auth[p.sub]).send(body);
async function register(): Promise<{ caseId: string; receivedAt: string }> {
  const receivedAt = new Date().toISOString();
  const res = await api.http.post('/cases').set('Authorization', auth[leader.sub]).send(
    notificationBody({
      municipality: '4602',
      notifier: { type: 'NAV', name: 'NAV Bergen', relation: 'veileder', organisationNumber: '889640782' },
      requestedLines: ['KOORDINATOR'],
      receivedAt,
    }),
  );
  expect(res.status).toBe(201);
  return { caseId: res.body.caseId, receivedAt };
}
const decisionDue = async (caseId: string) =>
  (await h.db.query(`SELECT due FROM case_deadline WHERE case_id = $1 AND kind = 'DECISION'`, [caseId]))[0].due as string;

describe('municipality settings', () => {
  it('refuses settings the law does not allow, naming the field, and changes nothing', async () => {
    const cases: [object, string][] = [
      [{ periods: { PRELIMINARY_REPLY: { unit: 'months', amount: 2 } } }, 'periods.PRELIMINARY_REPLY'],
      [{ periods: { APPEAL_WINDOW: { unit: 'weeks', amount: 3 } } }, 'periods.APPEAL_WINDOW'],
      [{ reminders: { DECISION: { unit: 'weeks', amount: 6 } } }, 'reminders.DECISION'],
      [{ periods: { DECISION: { unit: 'fortnights', amount: 2 } } }, 'periods.DECISION.unit'],
      [{ periods: { SOMETHING: { unit: 'days', amount: 2 } } }, 'periods.SOMETHING'],
    ];
    for (const [body, field] of cases) {
      const res = await put(leader, body);
      expect({ field, status: res.status }).toEqual({ field, status: 422 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const now = await api.http.get('/municipalities/4602/settings').set('Authorization', auth[caseworker.sub]);
    expect(now.body.overrides).toEqual({});
    expect((await put(caseworker, { christmasEveAndNewYearsEveOff: true })).status).toBe(403);
  });

  it('applies a change to deadlines set after it; a running deadline keeps its date', async () => {
    const calendar = new NorwegianCalendar();
    const before = await register();
    expect(await decisionDue(before.caseId)).toBe(calendar.deadline(osloDateOf(before.receivedAt), { unit: 'weeks', amount: 4 }));

    const changed = await put(leader, { periods: { DECISION: { unit: 'weeks', amount: 2 } } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ settings: { periods: { DECISION: { unit: 'weeks', amount: 2 } } }, updatedBy: 'st-leder' });

    const after = await register();
    expect(await decisionDue(after.caseId)).toBe(calendar.deadline(osloDateOf(after.receivedAt), { unit: 'weeks', amount: 2 }));
    await api.http.post(`/cases/${before.caseId}/events`).set('Authorization', auth[caseworker.sub]).send({ type: 'REGISTER' }).expect(200);
    expect(await decisionDue(before.caseId)).toBe(calendar.deadline(osloDateOf(before.receivedAt), { unit: 'weeks', amount: 4 }));
  });

  it('records a pause and a resume of coordinator-only follow-up in the history; without a plan there is no evaluation deadline', async () => {
    const { caseId } = await register();
    const send = (body: object) => api.http.post(`/cases/${caseId}/events`).set('Authorization', auth[leader.sub]).send(body).expect(200);
    await send({ type: 'REGISTER' });
    await send({ type: 'START_ASSESSMENT' });
    await send({ type: 'RECORD_DECISION', sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [{ line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' }] });
    await send({ type: 'CONSENT_GIVEN', grants: [consentGrant('APPOINT_COORD', undefined, 'SELF', 'ORAL_RECORDED')] });
    await send({ type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: 'st-leder', unit: 'KE', line: 'KOORDINATOR', userWishMet: true } });
    const leaderAsCoordinator = await api.token({ ...leader, role: 'COORDINATOR' });
    await api.http.post(`/cases/${caseId}/events`).set('Authorization', `Bearer ${leaderAsCoordinator}`).send({ type: 'COORDINATOR_ACCEPTED' }).expect(200);
    await send({ type: 'START_FOLLOW_UP' });
    const paused = (await send({ type: 'PAUSE', reason: 'Lengre opphold i utlandet', plannedResumeDate: '2099-01-01' })).body;
    expect(paused.status).toBe('PAUSED');
    expect(peopleDeadlines(paused).map((d: { kind: string }) => d.kind)).toEqual(['PLANNED_RESUME']);
    const resumed = (await send({ type: 'RESUME' })).body;
    // Coordinator only (pbrl § 2-5 b): no plan, so no plan evaluation, before or after the pause.
    expect(peopleDeadlines(resumed).map((d: { kind: string }) => d.kind)).toEqual([]);
    const history = (await api.http.get(`/cases/${caseId}/history`).set('Authorization', auth[leader.sub])).body;
    expect(history.slice(-2).map((x: { eventType: string; toStatus: string }) => [x.eventType, x.toStatus])).toEqual([
      ['PAUSE', 'PAUSED'],
      ['RESUME', 'ACTIVE'],
    ]);
  });
});
