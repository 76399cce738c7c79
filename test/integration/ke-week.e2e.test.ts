// A week in a KE's life over HTTP, with several people: notifications arrive, caseworkers claim and complete,
// a coordinator accepts, a deadline passes and escalates, a leader reassigns, two people race for one task,
// and someone from another municipality sees nothing. Time-skipping Temporal server, real PostgreSQL.
import type { Principal } from '../../libs/auth/src';
import { notificationBody, consentGrant } from '../support/notification';
import { osloDateOf } from '../../libs/calendar/src/civil-date';
import { openTimeSkippingStack, TimeSkippingStack } from '../support/time-skipping-stack';
import { maybeRecordHistory } from './record-histories';

let stack: TimeSkippingStack;
const kari: Principal = { sub: 'kari', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4621'] };
const per: Principal = { sub: 'per', name: 'Per Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4621'] };
const lars: Principal = { sub: 'lars', name: 'Lars Leder', role: 'KE_LEADER', municipalities: ['4621'] };
const ola: Principal = { sub: 'emp-17', name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: ['4621'] };
const nina: Principal = { sub: 'nina', name: 'Nina Oslo', role: 'KE_CASEWORKER', municipalities: ['0301'] };

beforeAll(async () => {
  stack = await openTimeSkippingStack('ip-case-week');
});
afterAll(async () => {
  await stack?.close();
});

interface Task {
  id: string;
  caseId: string;
  kind: string;
  assignee: string | null;
  status: string;
  version: number;
  candidateRole: string;
  completes: string;
  priority: number;
  due: string | null;
}

const http = () => stack.api.http;
async function inbox(p: Principal, query = ''): Promise<{ items: Task[]; counts: Record<string, number>; nextCursor: string | null }> {
  const res = await http().get(`/tasks${query}`).set(await stack.as(p));
  expect(res.status).toBe(200);
  return res.body;
}
const taskOf = async (p: Principal, caseId: string, kind: string) => (await inbox(p, `?caseId=${caseId}`)).items.find((t) => t.kind === kind)!;

async function notify(n: number): Promise<string> {
  const res = await http()
    .post('/cases')
    .set(await stack.as(kari))
    .send(notificationBody({ municipality: '4621' }, `1980-02-1${n}`));
  expect(res.status).toBe(201);
  return res.body.caseId;
}

async function complete(p: Principal, task: Task, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return http().post(`/tasks/${task.id}/complete`).set(await stack.as(p)).set(headers).send(body);
}

const grant = (scope: string, party?: string) => consentGrant(scope, party);

it('a week in the KE', async () => {
  // Monday: three notifications arrive; the caseworkers' shared inbox shows three unassigned registrations.
  const [c1, c2, c3] = [await notify(1), await notify(2), await notify(3)];
  const monday = await inbox(kari, '?unassigned=true&kind=REGISTER_NOTIFICATION');
  expect(monday.items.map((t) => t.caseId).sort()).toEqual([c1, c2, c3].sort());
  expect(monday.counts.myRoleUnassigned).toBe(3);

  // Kari and Per claim one each (If-Match on the version they saw); Per cannot take Kari's.
  const t1 = await taskOf(kari, c1, 'REGISTER_NOTIFICATION');
  const claimed = await http().post(`/tasks/${t1.id}/claim`).set(await stack.as(kari)).set('If-Match', `"${t1.version}"`);
  expect(claimed.status).toBe(200);
  expect(claimed.body).toMatchObject({ assignee: 'kari', status: 'CLAIMED', version: t1.version + 1 });
  const stolen = await http().post(`/tasks/${t1.id}/claim`).set(await stack.as(per));
  expect(stolen.status).toBe(403);
  const stale = await http().post(`/tasks/${t1.id}/unclaim`).set(await stack.as(kari)).set('If-Match', `"${t1.version}"`);
  expect(stale.status).toBe(412);
  const t2 = await taskOf(per, c2, 'REGISTER_NOTIFICATION');
  expect((await http().post(`/tasks/${t2.id}/claim`).set(await stack.as(per))).status).toBe(200);
  const t3 = await taskOf(kari, c3, 'REGISTER_NOTIFICATION');
  expect((await http().post(`/tasks/${t3.id}/claim`).set(await stack.as(kari))).status).toBe(200);
  expect((await inbox(kari, '?mine=true')).items.map((t) => t.caseId).sort()).toEqual([c1, c3].sort());

  // Kari registers case 1 by completing her task; the next task appears and the old one is gone from inboxes.
  const done = await complete(kari, claimed.body);
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ status: 'COMPLETED', closedBy: { sub: 'kari', name: 'Kari Saksbehandler' } });
  expect((await inbox(kari, `?caseId=${c1}`)).items.map((t) => t.kind)).toEqual(['START_ASSESSMENT']);
  const giveBack = await http().post(`/tasks/${t1.id}/unclaim`).set(await stack.as(kari));
  expect(giveBack.status).toBe(409);
  expect(giveBack.body).toMatchObject({ status: 409, taskStatus: 'COMPLETED', completedBy: { sub: 'kari' } });
  expect((await complete(per, await taskOf(per, c2, 'REGISTER_NOTIFICATION'))).status).toBe(200);

  // Tuesday: case 1 is assessed and decided through its tasks; the task shows the schema of what it expects.
  expect((await complete(kari, await taskOf(kari, c1, 'START_ASSESSMENT'))).status).toBe(200);
  const decide = await taskOf(kari, c1, 'DECIDE');
  const detail = await http().get(`/tasks/${decide.id}`).set(await stack.as(kari));
  expect(detail.headers.etag).toBe(`"${decide.version}"`);
  expect(detail.body.input.command).toBe('RECORD_DECISION');
  expect(detail.body.input.schema.required).toEqual(expect.arrayContaining(['decisions', 'sentAt']));
  expect(detail.body.input.schema.properties.decisions.items.properties.outcome.enum).toContain('PARTLY');
  const invalid = await complete(kari, decide, { decisions: [{ line: 'IP', outcome: 'MAYBE' }] });
  expect(invalid.status).toBe(422);
  expect(invalid.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['decisions.0.outcome', 'sentAt']));
  const decision = {
    sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [
      { line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
    ],
  };
  const first = await complete(kari, decide, decision, { 'Idempotency-Key': 'decide-c1' });
  const retried = await complete(kari, decide, decision, { 'Idempotency-Key': 'decide-c1' });
  expect(first.status).toBe(200);
  expect(retried.status).toBe(200);
  expect(retried.body).toEqual(first.body);
  const decisions = await stack.db.query(`SELECT count(*)::int AS n FROM case_history WHERE case_id = $1 AND event_type = 'RECORD_DECISION'`, [c1]);
  expect(decisions[0].n).toBe(1);

  expect((await complete(kari, await taskOf(kari, c1, 'OBTAIN_CONSENT'), { grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD')] })).status).toBe(200);
  const propose = await complete(kari, await taskOf(kari, c1, 'PROPOSE_COORDINATOR'), {
    coordinator: { employeeId: 'emp-17', unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true },
  });
  expect(propose.status).toBe(200);

  // The proposed coordinator finds the appointment in their own inbox and accepts it.
  const olas = await inbox(ola, '?mine=true');
  expect(olas.items.map((t) => [t.caseId, t.kind])).toEqual([[c1, 'ACCEPT_APPOINTMENT']]);
  expect((await complete(ola, olas.items[0])).status).toBe(200);
  expect((await inbox(ola, '?mine=true')).items.map((t) => t.kind)).toEqual(['START_MAPPING']);

  // Wednesday: Kari and Per race to complete the same task on case 2: exactly one wins.
  const assess2 = await taskOf(kari, c2, 'START_ASSESSMENT');
  const [a, b] = await Promise.all([complete(kari, assess2), complete(per, assess2)]);
  expect([a.status, b.status].sort()).toEqual([200, 409]);
  const loser = a.status === 409 ? a : b;
  const winner = a.status === 200 ? kari : per;
  expect(loser.body.completedBy).toMatchObject({ sub: winner.sub });
  const assessed = await stack.db.query(`SELECT count(*)::int AS n FROM case_history WHERE case_id = $1 AND event_type = 'START_ASSESSMENT'`, [c2]);
  expect(assessed[0].n).toBe(1);

  // Someone from another municipality sees nothing of this.
  const oslo = await inbox(nina);
  expect(oslo.items).toEqual([]);
  expect(oslo.counts.total).toBe(0);
  expect((await http().get(`/tasks/${assess2.id}`).set(await stack.as(nina))).status).toBe(404);
  expect((await http().get(`/cases/${c1}`).set(await stack.as(nina))).status).toBe(404);
  expect((await http().get('/deadlines').set(await stack.as(nina))).body.items).toEqual([]);

  // Weeks pass with case 3 still unregistered: its deadlines are breached and escalate to the KE leader.
  await stack.env.sleep('35 days');
  const escalated = await http().get('/deadlines?escalated=true').set(await stack.as(lars));
  const c3Breaches = escalated.body.items.filter((d: { caseId: string }) => d.caseId === c3).map((d: { kind: string }) => d.kind).sort();
  expect(c3Breaches).toEqual(['ACKNOWLEDGE_RECEIPT', 'DECISION', 'PRELIMINARY_REPLY']);
  expect(escalated.body.items.find((d: { caseId: string; kind: string }) => d.caseId === c3 && d.kind === 'PRELIMINARY_REPLY')).toMatchObject({
    source: 'STATUTORY',
    legalBasis: expect.stringContaining('fvl § 11 a'),
    escalateTo: 'KE_LEADER',
  });
  const leaderInbox = await inbox(lars, '?unassigned=true&kind=ACT_ON_ESCALATION&sort=priority');
  expect(leaderInbox.items.filter((t) => t.caseId === c3)).toHaveLength(3);
  expect(leaderInbox.items.every((t) => t.priority === 1)).toBe(true);
  const history = (await http().get(`/cases/${c3}/history`).set(await stack.as(lars))).body;
  expect(history.filter((h: { eventType: string }) => h.eventType === 'DEADLINE_BREACHED')).toHaveLength(3);
  // (`overdue` compares with the wall clock; the skipped test clock is ahead of it, so ask by date.)
  const skippedToday = osloDateOf(await stack.env.currentTimeMs());
  expect((await inbox(kari, `?dueBefore=${skippedToday}`)).items.map((t) => t.caseId)).toContain(c3);

  // The leader reassigns case 3 from Kari to Per, and acknowledges one escalation with what was done.
  const stuck = await taskOf(lars, c3, 'REGISTER_NOTIFICATION');
  expect(stuck.assignee).toBe('kari');
  const reassigned = await http().post(`/tasks/${stuck.id}/assign`).set(await stack.as(lars)).send({ assignee: 'per' });
  expect(reassigned.status).toBe(200);
  expect(reassigned.body.assignee).toBe('per');
  expect((await inbox(kari, '?mine=true')).items.map((t) => t.caseId)).not.toContain(c3);
  expect((await complete(kari, reassigned.body)).status).toBe(403);
  expect((await complete(per, reassigned.body)).status).toBe(200);
  const escalation = (await inbox(lars, `?caseId=${c3}&kind=ACT_ON_ESCALATION`)).items[0];
  const ack = await complete(lars, escalation, { action: 'Saken er fordelt på nytt og prioritert' });
  expect(ack.status).toBe(200);
  expect((await inbox(lars, `?caseId=${c3}&kind=ACT_ON_ESCALATION`)).items).toHaveLength(2);
  await maybeRecordHistory(stack.env.client, `ip-case-${c3}`, 'claims-reassignment-escalation');
  await maybeRecordHistory(stack.env.client, `ip-case-${c1}`, 'tasks-to-coordinator-acceptance');

  // The inbox pages by cursor without losing or repeating a task.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await inbox(lars, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...page.items.map((t) => t.id));
    cursor = page.nextCursor;
  } while (cursor);
  const all = await inbox(lars, '?limit=200');
  expect(seen).toEqual(all.items.map((t) => t.id));
  expect(new Set(seen).size).toBe(seen.length);
});
