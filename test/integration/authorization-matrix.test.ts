// Every endpoint × role × municipality: each allowed and each refused cell, over HTTP.
// The expectations are written out by hand from the rules (issue: who may do what), not derived from the policy.
import { randomUUID } from 'node:crypto';
import { storeReport } from '../../libs/audit/src/internal-control/report-store';
import { sampleReport } from '../../libs/audit/src/internal-control/__tests__/report.fixtures';
import type { Principal } from '../../libs/auth/src';
import { osloDateOf } from '../../libs/calendar/src/civil-date';
import { notificationBody, consentGrant } from '../support/notification';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { fileTestDocument } from '../support/archive-fixtures';

let h: Harness;
let api: Api;

const P = {
  caseworker: { sub: 'mx-kari', name: 'Kari', role: 'KE_CASEWORKER', municipalities: ['4601'] },
  leader: { sub: 'mx-lars', name: 'Lars', role: 'KE_LEADER', municipalities: ['4601'] },
  coordinator: { sub: 'mx-emp-17', name: 'Ola', role: 'COORDINATOR', municipalities: ['4601'] },
  otherCoordinator: { sub: 'mx-emp-99', name: 'Eva', role: 'COORDINATOR', municipalities: ['4601'] },
  auditor: { sub: 'mx-ida', name: 'Ida', role: 'AUDITOR', municipalities: ['4601'] },
  system: { sub: 'mx-archive', name: 'Arkiv', role: 'SYSTEM', municipalities: ['4601'] },
  caseworkerOslo: { sub: 'mx-nina', name: 'Nina', role: 'KE_CASEWORKER', municipalities: ['0301'] },
  leaderOslo: { sub: 'mx-olav', name: 'Olav', role: 'KE_LEADER', municipalities: ['0301'] },
  interMunicipal: { sub: 'mx-ivar', name: 'Ivar', role: 'KE_CASEWORKER', municipalities: ['0301', '4601'] },
} satisfies Record<string, Principal>;
type Who = keyof typeof P;
const WHO = Object.keys(P) as Who[];
const tokens = {} as Record<Who, string>;

let received: { caseId: string; taskId: string };
let mapping: { caseId: string; taskId: string };
let storedReportId: string;
let archived: { documentId: string; incidentId: string };

const notification = () => notificationBody();
/** The month before this one (Europe/Oslo): a month whose access-log review may be recorded. */
const lastMonth = () => {
  const [y, m] = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' }).split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
const disclosure = { type: 'INFORMATION_DISCLOSED', recipient: 'NAV', scope: 'SHARE_WITH', purpose: 'Søknad om arbeidsavklaringspenger', disclosedOn: osloDateOf(Date.now()) };
/** A coordinator of its own in this file's run, so the one leader's record is never a duplicate. */
const trainee = `mx-emp-${randomUUID().slice(0, 8)}`;
const training = { municipality: '4601', course: 'KE-opplæring for koordinatorer', completedOn: '2026-01-01' };
const grant = (scope: string) => consentGrant(scope, undefined, 'SELF', 'WRITTEN_SIGNED');

async function taskId(caseId: string, kind: string): Promise<string> {
  const [row] = await h.db.query(`SELECT task_id FROM case_task WHERE case_id = $1 AND kind = $2 AND status IN ('OPEN','CLAIMED')`, [caseId, kind]);
  return row.task_id;
}

async function newReceivedCase() {
  const res = await api.http.post('/cases').set('Authorization', `Bearer ${tokens.leader}`).send(notification());
  return { caseId: res.body.caseId as string, taskId: await taskId(res.body.caseId, 'REGISTER_NOTIFICATION') };
}

async function newMappingCase() {
  const { caseId } = await newReceivedCase();
  const send = (who: Who, body: object) => api.http.post(`/cases/${caseId}/events`).set('Authorization', `Bearer ${tokens[who]}`).send(body).expect(200);
  await send('leader', { type: 'REGISTER' });
  await send('leader', { type: 'START_ASSESSMENT' });
  await send('leader', {
    type: 'RECORD_DECISION',
    sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX',
    decisions: [
      { line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
    ],
  });
  await send('leader', { type: 'CONSENT_GIVEN', grants: [grant('ESTABLISH_IP'), grant('APPOINT_COORD'), consentGrant('SHARE_WITH', 'NAV', 'SELF', 'WRITTEN_SIGNED')] });
  await send('leader', { type: 'PROPOSE_COORDINATOR', coordinator: { employeeId: P.coordinator.sub, unit: 'Hjemmetjenesten', line: 'KOORDINATOR', userWishMet: true } });
  await send('coordinator', { type: 'COORDINATOR_ACCEPTED' });
  await send('coordinator', { type: 'START_MAPPING' });
  return { caseId, taskId: await taskId(caseId, 'MAP_NEEDS') };
}

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const who of WHO) tokens[who] = await api.token(P[who]);
  received = await newReceivedCase();
  mapping = await newMappingCase();
  storedReportId = (await storeReport(h.db, randomUUID(), sampleReport('2020-01', '4601'), 'authorization-matrix')).stored.reportId;
  archived = await fileTestDocument(h.db, mapping.caseId);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

interface Cell {
  name: string;
  /** A fresh fixture per principal for cells that change something. */
  fresh?: () => Promise<{ caseId: string; taskId: string }>;
  call: (token: string, f: { caseId: string; taskId: string }) => Promise<{ status: number; body: any; headers: Record<string, string> }>;
  expect: Record<Who, number>;
  /** For lists: whether the principal sees the fixture in the result. */
  sees?: { fixture: () => { caseId: string }; pick: (body: any) => string[]; expect: Record<Who, boolean> };
}

const get = (path: string) => (token: string) => api.http.get(path).set('Authorization', `Bearer ${token}`);
const post = (path: (f: { caseId: string; taskId: string }) => string, body: object = {}) => (token: string, f: { caseId: string; taskId: string }) =>
  api.http.post(path(f)).set('Authorization', `Bearer ${token}`).send(body);
const row = (v: number[]): Record<Who, number> => Object.fromEntries(WHO.map((w, i) => [w, v[i]])) as Record<Who, number>;
const seen = (v: boolean[]): Record<Who, boolean> => Object.fromEntries(WHO.map((w, i) => [w, v[i]])) as Record<Who, boolean>;

//                                 caseworker leader coordinator otherCoord auditor system cwOslo leaderOslo interMunicipal
const CELLS: Cell[] = [
  { name: 'POST /cases (4601)', call: (t) => api.http.post('/cases').set('Authorization', `Bearer ${t}`).send(notification()),
    expect: row([201, 201, 403, 403, 403, 403, 403, 403, 201]) },
  { name: 'GET /cases', call: (t) => get('/cases?limit=200')(t), expect: row([200, 200, 200, 200, 200, 200, 200, 200, 200]),
    sees: { fixture: () => received, pick: (b) => b.items.map((c: any) => c.caseId), expect: seen([true, true, false, false, true, true, false, false, true]) } },
  { name: 'GET /cases/:id (received)', call: (t) => get(`/cases/${received.caseId}`)(t), expect: row([200, 200, 404, 404, 200, 200, 404, 404, 200]) },
  { name: 'GET /cases/:id (coordinated)', call: (t) => get(`/cases/${mapping.caseId}`)(t), expect: row([200, 200, 200, 404, 200, 200, 404, 404, 200]) },
  { name: 'GET /cases/:id/history', call: (t) => get(`/cases/${mapping.caseId}/history`)(t), expect: row([200, 200, 200, 404, 200, 200, 404, 404, 200]) },
  { name: 'GET /cases/:id/as-of', call: (t) => get(`/cases/${mapping.caseId}/as-of?at=${encodeURIComponent(new Date().toISOString())}`)(t),
    expect: row([200, 200, 200, 404, 200, 403, 404, 404, 200]) },
  { name: 'POST /cases/:id/events (caseworker command)', call: (t) => post(() => `/cases/${received.caseId}/events`, { type: 'PLAN_APPROVED' })(t, received),
    expect: row([409, 409, 404, 404, 403, 403, 404, 404, 409]) },
  { name: 'POST /cases/:id/events (leader command)', call: (t) => post(() => `/cases/${mapping.caseId}/events`, { type: 'APPEAL_FORWARDED', forwardedAt: new Date().toISOString() })(t, mapping),
    expect: row([403, 409, 403, 404, 403, 403, 404, 404, 403]) },
  { name: 'POST /cases/:id/events (coordinator command)', call: (t) => post(() => `/cases/${mapping.caseId}/events`, { type: 'PLAN_APPROVED' })(t, mapping),
    expect: row([409, 409, 409, 404, 403, 403, 404, 404, 409]) },
  { name: 'POST /cases/:id/events (Folkeregister event)', call: (t) => post(() => `/cases/${mapping.caseId}/events`, { type: 'USER_MOVED', newMunicipality: '4601', moveDate: '2026-01-01', transferConsent: false })(t, mapping),
    expect: row([409, 409, 403, 404, 403, 409, 404, 404, 409]) },
  // Recorded without a change of state, so every principal allowed to send it is answered 200.
  { name: 'POST /cases/:id/events (disclosure)', call: (t) => post(() => `/cases/${mapping.caseId}/events`, disclosure)(t, mapping),
    expect: row([200, 200, 200, 404, 403, 403, 404, 404, 200]) },
  { name: 'POST /cases/:id/events (child heard; the person is an adult)', call: (t) => post(() => `/cases/${mapping.caseId}/events`, { type: 'CHILD_HEARD', heardOn: '2026-01-01', how: 'CONVERSATION' })(t, mapping),
    expect: row([409, 409, 409, 404, 403, 403, 404, 404, 409]) },
  { name: 'GET /tasks', call: (t) => get('/tasks?limit=200')(t), expect: row([200, 200, 200, 200, 200, 403, 200, 200, 200]),
    sees: { fixture: () => received, pick: (b) => (b.items ?? []).map((x: any) => x.caseId), expect: seen([true, true, false, false, true, false, false, false, true]) } },
  { name: 'GET /tasks/:id', call: (t) => get(`/tasks/${received.taskId}`)(t), expect: row([200, 200, 404, 404, 200, 404, 404, 404, 200]) },
  { name: 'POST /tasks/:id/claim', fresh: newReceivedCase, call: post((f) => `/tasks/${f.taskId}/claim`),
    expect: row([200, 403, 404, 404, 403, 404, 404, 404, 200]) },
  { name: 'POST /tasks/:id/assign', fresh: newReceivedCase, call: post((f) => `/tasks/${f.taskId}/assign`, { assignee: 'mx-kari' }),
    expect: row([403, 200, 404, 404, 403, 404, 404, 404, 403]) },
  { name: 'POST /tasks/:id/complete (caseworker task)', fresh: newReceivedCase, call: post((f) => `/tasks/${f.taskId}/complete`),
    expect: row([200, 200, 404, 404, 403, 404, 404, 404, 200]) },
  { name: "POST /tasks/:id/complete (coordinator's own task)", call: (t) => post(() => `/tasks/${mapping.taskId}/complete`)(t, mapping),
    expect: row([403, 409, 409, 404, 403, 404, 404, 404, 403]) },
  { name: 'GET /deadlines', call: (t) => get('/deadlines?limit=500')(t), expect: row([200, 200, 200, 200, 200, 403, 200, 200, 200]),
    sees: { fixture: () => received, pick: (b) => (b.items ?? []).map((x: any) => x.caseId), expect: seen([true, true, false, false, true, false, false, false, true]) } },
  { name: 'GET /municipalities/4601/settings', call: (t) => get('/municipalities/4601/settings')(t), expect: row([200, 200, 200, 200, 200, 403, 403, 403, 200]) },
  { name: 'PUT /municipalities/4601/settings', call: (t) => api.http.put('/municipalities/4601/settings').set('Authorization', `Bearer ${t}`).send({ christmasEveAndNewYearsEveOff: false }),
    expect: row([403, 200, 403, 403, 403, 403, 403, 403, 403]) },
  // The audit trail: a case's trail for whoever reads the case (not the archive); across cases and its verification for
  // the KE leader and internal control (verification also for the system role); checkpoints written by the system role only.
  { name: 'GET /cases/:id/audit (coordinated)', call: (t) => get(`/cases/${mapping.caseId}/audit`)(t), expect: row([200, 200, 200, 404, 200, 403, 404, 404, 200]) },
  { name: 'GET /audit', call: (t) => get('/audit?limit=500')(t), expect: row([403, 200, 403, 403, 200, 403, 403, 200, 403]),
    sees: { fixture: () => mapping, pick: (b) => b.items.map((e: any) => e.caseId), expect: seen([false, true, false, false, true, false, false, false, false]) } },
  { name: 'GET /audit/verify', call: (t) => get('/audit/verify')(t), expect: row([403, 200, 403, 403, 200, 200, 403, 200, 403]) },
  { name: 'GET /audit/checkpoints', call: (t) => get('/audit/checkpoints')(t), expect: row([403, 200, 403, 403, 200, 200, 403, 200, 403]) },
  { name: 'POST /audit/checkpoints', call: (t) => api.http.post('/audit/checkpoints').set('Authorization', `Bearer ${t}`), expect: row([403, 403, 403, 403, 403, 201, 403, 403, 403]) },
  // The access log: a case's own log for the KE leader, internal control and the integration on the person's behalf;
  // the monthly review's proposals and records read by KE leaders and auditors, recorded by the KE leader only.
  { name: 'GET /cases/:id/access-log (coordinated)', call: (t) => get(`/cases/${mapping.caseId}/access-log`)(t), expect: row([403, 200, 403, 404, 200, 200, 404, 404, 403]) },
  { name: 'GET /access-log/review-proposals (4601)', call: (t) => get(`/access-log/review-proposals?municipality=4601&month=${lastMonth()}`)(t),
    expect: row([403, 200, 403, 403, 200, 403, 403, 403, 403]) },
  { name: 'GET /access-log/reviews (4601)', call: (t) => get('/access-log/reviews?municipality=4601')(t), expect: row([403, 200, 403, 403, 200, 403, 403, 403, 403]) },
  { name: 'POST /access-log/reviews (4601)', call: (t) => api.http.post('/access-log/reviews').set('Authorization', `Bearer ${t}`).send({ municipality: '4601', month: lastMonth(), findings: 'Ingen avvik' }),
    expect: row([403, 201, 403, 403, 403, 403, 403, 403, 403]) },
  { name: 'GET /internal-control/report (4601)', call: (t) => get('/internal-control/report?municipality=4601&from=2026-01-01&to=2026-01-31')(t),
    expect: row([200, 200, 403, 403, 200, 200, 403, 403, 200]) },
  { name: 'GET /internal-control/targets (4601)', call: (t) => get('/internal-control/targets?municipality=4601')(t), expect: row([200, 200, 403, 403, 200, 200, 403, 403, 200]) },
  { name: 'PUT /internal-control/targets/K1 (4601)', call: (t) => api.http.put('/internal-control/targets/K1?municipality=4601').set('Authorization', `Bearer ${t}`).send({ comparison: '>=', value: 1 }),
    expect: row([403, 200, 403, 403, 403, 403, 403, 403, 403]) },
  { name: 'POST /coordinators/:employeeId/trainings (4601)', call: (t) => api.http.post(`/coordinators/${trainee}/trainings`).set('Authorization', `Bearer ${t}`).send(training),
    expect: row([403, 201, 403, 403, 403, 403, 403, 403, 403]) },
  { name: 'GET /coordinators/:employeeId/trainings', call: (t) => get(`/coordinators/${trainee}/trainings`)(t), expect: row([200, 200, 403, 403, 200, 403, 200, 200, 200]) },
  { name: 'GET /coordinator-trainings?municipality=4601', call: (t) => get('/coordinator-trainings?municipality=4601')(t), expect: row([200, 200, 403, 403, 200, 403, 403, 403, 200]) },
  { name: 'GET /internal-control/reports', call: (t) => get('/internal-control/reports?municipality=4601')(t), expect: row([403, 200, 403, 403, 200, 403, 403, 403, 403]) },
  // The archive delivery: a case's records and documents for whoever reads the case; the archive's refusals for the KE
  // leader, internal control and the system role, retried by the KE leader or the system (409 here: no delivery runs);
  // the AGREE settings read by the KE, internal control and the archive system, set by the KE leader.
  { name: 'GET /cases/:id/archive (coordinated)', call: (t) => get(`/cases/${mapping.caseId}/archive`)(t), expect: row([200, 200, 200, 404, 200, 200, 404, 404, 200]) },
  { name: 'GET /cases/:id/documents/:docId (coordinated)', call: (t) => get(`/cases/${mapping.caseId}/documents/${archived.documentId}`)(t), expect: row([200, 200, 200, 404, 200, 200, 404, 404, 200]) },
  { name: 'GET /archive/incidents', call: (t) => get('/archive/incidents')(t), expect: row([403, 200, 403, 403, 200, 200, 403, 200, 403]),
    sees: { fixture: () => mapping, pick: (b) => b.items.map((i: any) => i.caseId), expect: seen([false, true, false, false, true, true, false, false, false]) } },
  { name: 'POST /archive/incidents/:id/retry', call: (t) => api.http.post(`/archive/incidents/${archived.incidentId}/retry`).set('Authorization', `Bearer ${t}`),
    expect: row([404, 409, 404, 404, 403, 409, 404, 404, 404]) },
  { name: 'GET /municipalities/4601/archive-settings', call: (t) => get('/municipalities/4601/archive-settings')(t), expect: row([200, 200, 403, 403, 200, 200, 403, 403, 200]) },
  { name: 'PUT /municipalities/4601/archive-settings', call: (t) => api.http.put('/municipalities/4601/archive-settings').set('Authorization', `Bearer ${t}`).send({ accessRestriction: '13' }),
    expect: row([403, 200, 403, 403, 403, 403, 403, 403, 403]) },
  { name: 'GET /internal-control/reports/:id', call: (t) => get(`/internal-control/reports/${storedReportId}`)(t), expect: row([403, 200, 403, 403, 200, 403, 404, 404, 403]) },
];

describe('authorization matrix', () => {
  for (const cell of CELLS) {
    describe(cell.name, () => {
      for (const who of WHO) {
        const expected = cell.expect[who];
        it(`${who} → ${expected}${cell.sees ? (cell.sees.expect[who] ? ', sees the case' : ', does not see the case') : ''}`, async () => {
          const fixture = cell.fresh ? await cell.fresh() : received;
          const res = await cell.call(tokens[who], fixture);
          expect({ who, status: res.status }).toEqual({ who, status: expected });
          if (res.status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          if (cell.sees && res.status === 200) expect(cell.sees.pick(res.body).includes(cell.sees.fixture().caseId)).toBe(cell.sees.expect[who]);
        });
      }
    });
  }

  it('refuses every endpoint without a token (401 problem+json)', async () => {
    for (const path of ['/cases', `/cases/${received.caseId}`, `/cases/${received.caseId}/audit`, '/tasks', `/tasks/${received.taskId}`, '/deadlines', '/municipalities/4601/settings', '/audit', '/audit/verify', '/audit/checkpoints', '/coordinator-trainings', '/internal-control/report?municipality=4601&from=2026-01-01&to=2026-01-31',
      '/internal-control/reports?municipality=4601', `/internal-control/reports/${storedReportId}`, `/cases/${mapping.caseId}/archive`,
      `/cases/${mapping.caseId}/documents/${archived.documentId}`, '/archive/incidents', '/municipalities/4601/archive-settings']) {
      const res = await api.http.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const forged = await api.http.get('/cases').set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(forged.status).toBe(401);
  });
});
