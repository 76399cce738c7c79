// The access log says why (issue 10, Normen): every GET of the API that reads case data leaves an entry with its
// purpose (walked from the OpenAPI document, so an endpoint added later is walked too); emergency access is refused
// without a reason and allowed, logged and proposed for review with one; a case's own access log in plain terms and
// as FHIR AuditEvents (IHE BALP); the monthly log review's proposals by each rule, and the review recorded once.
import { randomUUID } from 'node:crypto';
import type { AuditEvent, Bundle } from '@medplum/fhirtypes';
import { storeReport } from '../../libs/audit/src/internal-control/report-store';
import { sampleReport } from '../../libs/audit/src/internal-control/__tests__/report.fixtures';
import type { Principal } from '../../libs/auth/src';
import { balpProblems } from '../../libs/audit/src/fhir/balp-conformance';
import { osloDateOf } from '../../libs/calendar/src';
import { Api, openApi } from '../support/api';
import { fileTestDocument } from '../support/archive-fixtures';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';
import { asOwner } from '../support/owner';

const M = '4635';
/** The municipality of the review fixture: rows of May 2026 written straight into the log. */
const R = '4636';
let h: Harness;
let api: Api;

const P = {
  leader: { sub: 'ap-lars', name: 'Lars Leder', role: 'KE_LEADER', municipalities: [M] },
  caseworker: { sub: 'ap-kari', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] },
  auditor: { sub: 'ap-ida', name: 'Ida Revisor', role: 'AUDITOR', municipalities: [M, R] },
  system: { sub: 'ap-arkiv', name: 'Arkivintegrasjonen', role: 'SYSTEM', municipalities: [M] },
  coordinator: { sub: 'ap-eva', name: 'Eva Koordinator', role: 'COORDINATOR', municipalities: [M] },
  oslo: { sub: 'ap-olav', name: 'Olav Oslo', role: 'COORDINATOR', municipalities: ['0301'] },
  reviewer: { sub: 'ap-rut', name: 'Rut Leder', role: 'KE_LEADER', municipalities: [R] },
  reviewCaseworker: { sub: 'ap-siv', name: 'Siv Saksbehandler', role: 'KE_CASEWORKER', municipalities: [R] },
} satisfies Record<string, Principal>;
type Who = keyof typeof P;
const tokens = {} as Record<Who, string>;
const as = (who: Who) => ({ Authorization: `Bearer ${tokens[who]}` });

let caseId: string;
let taskId: string;
let reportId: string;
let documentId: string;

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const who of Object.keys(P) as Who[]) tokens[who] = await api.token(P[who]);
  const { body } = await api.http.post('/cases').set(as('leader')).send(notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() })).expect(201);
  caseId = body.caseId;
  [{ taskId }] = await h.db.query(`SELECT task_id AS "taskId" FROM case_task WHERE case_id = $1 AND status = 'OPEN' LIMIT 1`, [caseId]);
  // A stored monthly report that names the case.
  const report = sampleReport('2020-03', M);
  report.indicators[0].cases.push(caseId);
  reportId = (await storeReport(h.db, randomUUID(), report, 'access-purpose')).stored.reportId;
  ({ documentId } = await fileTestDocument(h.db, caseId, M));
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

interface Entry {
  id: string;
  actorSub: string;
  actorName: string | null;
  action: string;
  resource: string;
  outcome: number;
  caseId: string | null;
  caseIds: string[] | null;
  municipality: string | null;
  purpose: string | null;
  purposeSource: string | null;
  basis: string | null;
  emergencyReason: string | null;
}
const entriesOf = (requestId: string) =>
  asOwner<Entry>(
    `SELECT id::text, actor_sub AS "actorSub", actor_name AS "actorName", action, resource, outcome, case_id AS "caseId", case_ids AS "caseIds", municipality,
            purpose, purpose_source AS "purposeSource", basis, emergency_reason AS "emergencyReason" FROM access_log WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );

describe('every GET that reads case data leaves an access-log entry with its purpose', () => {
  /** GETs that name no case, each with the reason; every other GET of the document is walked. */
  const EXEMPT: Record<string, string> = {
    '/health': 'public: whether the process runs, no case data',
    '/municipalities/{nr}/settings': "a municipality's deadline settings, no case data",
    '/access-log/reviews': 'the monthly reviews: a month, a reviewer and findings, no case',
    '/internal-control/targets': "a municipality's targets per indicator, no case data",
    '/coordinators/{employeeId}/trainings': "an employee's KE training (the training register), no case data",
    '/coordinator-trainings': 'the training register: employees and courses, no case data',
    '/municipalities/{nr}/archive-settings': "a municipality's archive settings (what it agreed with its vendor), no case data",
  };
  /** Who reads, in this order: the first answered 2xx is the one asserted (a KE leader reads nearly everything). */
  const READERS: Who[] = ['leader', 'auditor', 'system', 'caseworker'];

  /** A value for a path parameter, by its name and the resource it is under. */
  function pathValue(path: string, name: string): string {
    if (name === 'nr' || name === 'municipality') return M;
    if (name === 'id' && path.startsWith('/cases/')) return caseId;
    if (name === 'id' && path.startsWith('/tasks/')) return taskId;
    if (name === 'id' && path.startsWith('/internal-control/reports/')) return reportId;
    if (name === 'docId') return documentId;
    throw new Error(`${path}: no value for path parameter {${name}}: teach the walk (pathValue) or list the endpoint in EXEMPT with the reason`);
  }

  /** A value for a required query parameter, by its name, else its schema. */
  function queryValue(path: string, p: { name: string; schema?: { format?: string; pattern?: string; enum?: string[] } }): string {
    const today = osloDateOf(Date.now());
    if (p.name === 'municipality') return M;
    if (p.name === 'month') return today.slice(0, 7);
    if (p.name === 'caseId') return caseId;
    if (p.name === 'from') return `${today.slice(0, 4)}-01-01`;
    if (p.name === 'to') return today;
    if (p.schema?.enum?.length) return p.schema.enum[0];
    if (p.schema?.format === 'date-time') return new Date().toISOString(); // now: never before the fixture, never in the future
    if (p.schema?.format === 'date') return today;
    if (p.schema?.format === 'uuid') return caseId;
    throw new Error(`${path}: no value for the required query parameter ${p.name}: teach the walk (queryValue) or list the endpoint in EXEMPT with the reason`);
  }

  it('walks the OpenAPI document: each GET, as the first reader it answers, logs the reader by name with a purpose and a basis, and names the cases it showed', async () => {
    const doc = (await api.http.get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[] } }>;
    };
    const walked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get || EXEMPT[path]) continue;
      const params = ops.get.parameters ?? [];
      const url = path.replace(/\{(\w+)\}/g, (_, name) => pathValue(path, name));
      const query = new URLSearchParams(params.filter((p) => p.in === 'query' && p.required).map((p): [string, string] => [p.name, queryValue(path, p)]));
      const target = `${url}${query.size ? `?${query}` : ''}`;
      let answered: { who: Who; res: Awaited<ReturnType<typeof api.http.get>> } | undefined;
      const statuses: string[] = [];
      for (const who of READERS) {
        const res = await api.http.get(target).set(as(who));
        statuses.push(`${who} ${res.status}`);
        if (res.status >= 200 && res.status < 300) {
          answered = { who, res };
          break;
        }
      }
      if (!answered) throw new Error(`GET ${target}: no reader was answered 2xx (${statuses.join(', ')}): give the walk a reader, or list it in EXEMPT`);
      const entries = await entriesOf(answered.res.headers['x-request-id']);
      const reader = P[answered.who];
      expect({ target, logged: entries.length > 0 }).toEqual({ target, logged: true });
      for (const e of entries) {
        expect({ target, actor: e.actorSub, name: e.actorName, outcome: e.outcome, hasPurpose: !!e.purpose, hasBasis: !!e.basis, source: e.purposeSource }).toEqual({
          target, actor: reader.sub, name: reader.name, outcome: answered.res.status, hasPurpose: true, hasBasis: true, source: 'BASIS',
        });
      }
      const named = new Set(entries.flatMap((e) => [e.caseId, ...(e.caseIds ?? [])]));
      if (/\{id\}/.test(path)) expect({ target, named: named.has(caseId) }).toEqual({ target, named: true });
      // A row of any answer that shows the fixture case (a list, a report) is logged with it.
      if (JSON.stringify(answered.res.body).includes(caseId)) expect({ target, namesShownCase: named.has(caseId) }).toEqual({ target, namesShownCase: true });
      walked.push(`${path} as ${answered.who}`);
    }
    // The walk saw what exists today (others add theirs: they are walked the same way).
    expect(walked).toEqual(expect.arrayContaining([
      '/cases as leader', '/cases/{id} as leader', '/cases/{id}/history as leader', '/tasks as leader', '/tasks/{id} as leader',
      '/deadlines as leader', '/incidents as leader', '/cases/{id}/access-log as leader', '/access-log/review-proposals as leader',
      '/internal-control/reports as leader', '/internal-control/reports/{id} as leader',
      '/cases/{id}/archive as leader', '/cases/{id}/documents/{docId} as leader', '/archive/incidents as leader',
    ]));
  });

  it('keeps the purpose a request states: the X-Purpose header, or the token\'s purpose claim (which a header may repeat, not replace)', async () => {
    const viaHeader = await api.http.get(`/cases/${caseId}`).set(as('caseworker')).set('X-Purpose', 'Forberede%20ansvarsgruppem%C3%B8te').expect(200);
    expect(await entriesOf(viaHeader.headers['x-request-id'])).toEqual([
      expect.objectContaining({ purpose: 'Forberede ansvarsgruppemøte', purposeSource: 'HEADER', basis: 'ASSIGNED_TASK', municipality: M }),
    ]);
    const stated = await api.issuer.mint({ ...P.caseworker, purpose: 'Klagebehandling' });
    const viaToken = await api.http.get(`/cases/${caseId}/history`).set('Authorization', `Bearer ${stated}`).set('X-Purpose', 'Klagebehandling').expect(200);
    expect(await entriesOf(viaToken.headers['x-request-id'])).toEqual([expect.objectContaining({ purpose: 'Klagebehandling', purposeSource: 'TOKEN' })]);
    const replaced = await api.http.get(`/cases/${caseId}`).set('Authorization', `Bearer ${stated}`).set('X-Purpose', 'Noe annet');
    expect(replaced.status).toBe(400);
    expect(replaced.body.errors).toEqual([{ field: 'X-Purpose', reason: 'differs from the purpose your token states' }]);
    const bad = await api.http.get('/tasks').set(as('caseworker')).set('X-Purpose', '%E0%A4%A');
    expect([bad.status, bad.headers['content-type']]).toEqual([400, expect.stringMatching(/problem\+json/)]);
    const badClaim = await api.issuer.mint(P.caseworker, { claims: { purpose: 'x'.repeat(201) } });
    expect((await api.http.get('/tasks').set('Authorization', `Bearer ${badClaim}`)).status).toBe(401);
  });

  it('gives a KE person a task relationship only where they hold, held or are offered a task', async () => {
    const read = async (who: Who) => (await entriesOf((await api.http.get(`/cases/${caseId}`).set(as(who)).expect(200)).headers['x-request-id']))[0];
    // The case waits at REGISTER_NOTIFICATION, offered to caseworkers: Kari has a task relationship; the leader has none.
    expect(await read('caseworker')).toMatchObject({ basis: 'ASSIGNED_TASK', purpose: 'ASSIGNED_TASK' });
    expect(await read('leader')).toMatchObject({ basis: 'KE_MUNICIPALITY' });
    expect(await read('auditor')).toMatchObject({ basis: 'INTERNAL_CONTROL' });
    expect(await read('system')).toMatchObject({ basis: 'SYSTEM_INTEGRATION' });
  });

  it('gives writes their purpose too: the registration, and a claim of the task', async () => {
    const [registered] = await asOwner<Entry>(`SELECT action, basis, purpose, actor_name AS "actorName" FROM access_log WHERE case_id = $1 AND action = 'CREATE'`, [caseId]);
    expect(registered).toEqual({ action: 'CREATE', basis: 'KE_MUNICIPALITY', purpose: 'KE_MUNICIPALITY', actorName: P.leader.name });
    const claim = await api.http.post(`/tasks/${taskId}/claim`).set(as('caseworker')).set('X-Purpose', 'Registrere meldingen').expect(200);
    expect((await entriesOf(claim.headers['x-request-id'])).find((e) => e.action === 'COMMAND')).toMatchObject({
      resource: `tasks/${taskId}/claim`, outcome: 200, basis: 'ASSIGNED_TASK', purpose: 'Registrere meldingen', purposeSource: 'HEADER', caseId,
    });
  });
});

describe('emergency access ("break the glass")', () => {
  it('is refused without a reason, allowed and flagged with one, for reads only and within the municipality', async () => {
    const plain = await api.http.get(`/cases/${caseId}`).set(as('coordinator'));
    expect(plain.status).toBe(404);
    expect(plain.body.detail).toMatch(/X-Emergency-Access-Reason/);
    for (const reason of ['', 'akutt']) {
      const res = await api.http.get(`/cases/${caseId}`).set(as('coordinator')).set('X-Emergency-Access-Reason', reason);
      expect([res.status, res.body.errors?.[0]?.field]).toEqual([400, 'X-Emergency-Access-Reason']);
    }
    const reason = 'Akutt innleggelse på sykehus, trenger kontaktinformasjon til ansvarsgruppen';
    const read = await api.http.get(`/cases/${caseId}`).set(as('coordinator')).set('X-Emergency-Access-Reason', reason).expect(200);
    expect(read.body.caseId).toBe(caseId);
    expect(await entriesOf(read.headers['x-request-id'])).toEqual([
      expect.objectContaining({ actorSub: P.coordinator.sub, action: 'READ', outcome: 200, basis: 'EMERGENCY', emergencyReason: reason, purpose: 'EMERGENCY', municipality: M }),
    ]);
    const history = await api.http.get(`/cases/${caseId}/history`).set(as('coordinator')).set('X-Emergency-Access-Reason', reason).expect(200);
    expect((await entriesOf(history.headers['x-request-id']))[0]).toMatchObject({ basis: 'EMERGENCY', emergencyReason: reason });
    // No command breaks the glass, and no other municipality's case is readable with it.
    const command = await api.http.post(`/cases/${caseId}/events`).set(as('coordinator')).set('X-Emergency-Access-Reason', reason).send({ type: 'START_MAPPING' });
    expect(command.status).toBe(404);
    const oslo = await api.http.get(`/cases/${caseId}`).set(as('oslo')).set('X-Emergency-Access-Reason', reason);
    expect(oslo.status).toBe(404);
    expect((await entriesOf(oslo.headers['x-request-id']))[0]).toMatchObject({ outcome: 404, basis: null, emergencyReason: null });
    // Flagged: this month's review proposes it.
    const proposals = await api.http.get(`/access-log/review-proposals?municipality=${M}&month=${osloDateOf(Date.now()).slice(0, 7)}`).set(as('leader')).expect(200);
    expect(proposals.body.items).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule: 'EMERGENCY_ACCESS', who: { sub: P.coordinator.sub, name: P.coordinator.name, role: 'COORDINATOR' }, caseIds: [caseId], emergencyReason: reason }),
    ]));
  });
});

describe("a case's own access log", () => {
  it('tells the person who (by name and role), what, when and why, newest first, in cursor pages; for the KE leader and the integration only', async () => {
    await api.http.get(`/cases/${caseId}/history`).set(as('caseworker')).set('X-Purpose', 'Forberede ansvarsgruppemøte').expect(200);
    const first = await api.http.get(`/cases/${caseId}/access-log?limit=2`).set(as('system')).expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toEqual({
      at: expect.any(String),
      who: { name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', roleInWords: 'caseworker at the coordinating unit (koordinerende enhet)' },
      action: 'read',
      what: 'the case history',
      why: 'Forberede ansvarsgruppemøte (has a task on the case)',
      basis: 'ASSIGNED_TASK',
      emergency: null,
      summary: expect.stringMatching(/^Kari Saksbehandler, caseworker at the coordinating unit \(koordinerende enhet\), read the case history on .+ \(Oslo time\), because: Forberede ansvarsgruppemøte \(has a task on the case\)\.$/),
    });
    // Every page, to the first entry: the registration; the emergency access is there with its reason.
    const all = [...first.body.items];
    for (let cursor = first.body.nextCursor; cursor; ) {
      const page = await api.http.get(`/cases/${caseId}/access-log?limit=50&cursor=${cursor}`).set(as('leader')).expect(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    }
    expect(all[all.length - 1]).toMatchObject({ who: { name: 'Lars Leder', role: 'KE_LEADER' }, action: 'registered', what: 'the list of cases' });
    expect(all).toEqual(expect.arrayContaining([
      expect.objectContaining({ who: expect.objectContaining({ name: 'Eva Koordinator' }), why: expect.stringMatching(/^emergency access: Akutt innleggelse/), emergency: { reason: expect.any(String) } }),
      expect.objectContaining({ action: 'saw in a list', what: 'the list of cases' }),
    ]));
    const times = all.map((i: { at: string }) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    // Reading the log is logged too, on the person's behalf.
    expect((await entriesOf(first.headers['x-request-id']))[0]).toMatchObject({ resource: `cases/${caseId}/access-log`, basis: 'ON_BEHALF_OF_PERSON' });
    // Internal control reads it too (basis INTERNAL_CONTROL); others may not: a caseworker (403), another municipality (404).
    const audited = await api.http.get(`/cases/${caseId}/access-log`).set(as('auditor')).expect(200);
    expect((await entriesOf(audited.headers['x-request-id']))[0]).toMatchObject({ resource: `cases/${caseId}/access-log`, basis: 'INTERNAL_CONTROL' });
    expect((await api.http.get(`/cases/${caseId}/access-log`).set(as('caseworker'))).status).toBe(403);
    expect((await api.http.get(`/cases/${caseId}/access-log`).set(as('oslo'))).status).toBe(404);
    expect((await api.http.get(`/cases/${randomUUID()}/access-log`).set(as('leader'))).status).toBe(404);
  });

  it('is a FHIR searchset of BALP AuditEvents with Accept: application/fhir+json, and 406 for a format it does not give', async () => {
    const res = await api.http.get(`/cases/${caseId}/access-log?limit=500`).set(as('leader')).set('Accept', 'application/fhir+json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = res.body as Bundle<AuditEvent>;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', link: expect.arrayContaining([expect.objectContaining({ relation: 'self' })]) });
    const events = bundle.entry!.map((e) => e.resource!);
    expect(events.length).toBeGreaterThan(3);
    for (const e of events) {
      if (e.action === 'R' || e.action === 'E') expect({ id: e.id, problems: balpProblems(e) }).toEqual({ id: e.id, problems: [] });
      const user = e.agent.find((a) => a.requestor)!;
      expect(user.who?.display).toEqual(expect.any(String));
      expect(user.role?.[0].coding?.[0].code).toEqual(expect.any(String));
    }
    const emergency = events.find((e) => e.agent.some((a) => a.purposeOfUse?.some((u) => u.coding?.some((c) => c.code === 'BTG'))))!;
    expect(emergency).toMatchObject({ action: 'R', subtype: [{ code: 'read' }] });
    expect(emergency.agent.find((a) => a.requestor)).toMatchObject({ who: { display: 'Eva Koordinator' }, purposeOfUse: [{ text: expect.stringMatching(/^Akutt innleggelse/) }] });
    const queries = events.filter((e) => e.action === 'E').map((e) => Buffer.from(e.entity!.find((x) => x.role?.code === '24')!.query!, 'base64').toString());
    expect(queries).toEqual(expect.arrayContaining(['deadlines', `access-log/review-proposals?month=${osloDateOf(Date.now()).slice(0, 7)}&municipality=${M}`]));
    expect(events.find((e) => e.action === 'C')).toMatchObject({ subtype: [{ code: 'create' }] });
    const refused = await api.http.get(`/cases/${caseId}/access-log`).set(as('leader')).set('Accept', 'text/csv');
    expect([refused.status, refused.headers['content-type']]).toEqual([406, expect.stringMatching(/problem\+json/)]);
  });
});

describe('the monthly log review (K18)', () => {
  const ids = { c1: randomUUID(), c2: randomUUID(), c3: randomUUID() };
  const row = (o: { at: string; sub?: string; name?: string; role?: string; action?: string; caseId?: string | null; caseIds?: string[] | null; outcome?: number; basis?: string; reason?: string; municipality?: string }) =>
    asOwner(
      `INSERT INTO access_log (at, actor_sub, actor_name, actor_role, case_id, case_ids, municipality, action, resource, outcome, purpose, purpose_source, basis, emergency_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'BASIS', $11, $12) RETURNING id::text`,
      [o.at, o.sub ?? 'ap-natt', o.name ?? 'Nils Natt', o.role ?? 'KE_CASEWORKER', o.caseId === undefined ? ids.c1 : o.caseId, o.caseIds ?? null, o.municipality ?? R,
        o.action ?? 'READ', o.caseId ? `cases/${o.caseId}` : 'tasks', o.outcome ?? 200, o.basis ?? 'ASSIGNED_TASK', o.reason ?? null],
    ).then(([r]) => r.id as string);
  const e: Record<string, string> = {};

  beforeAll(async () => {
    // May 2026 in Oslo is UTC+2. 1 May (Friday) is a public holiday; 31 May a Sunday.
    e.early = await row({ at: '2026-05-04T04:59:00Z', caseId: ids.c1 }); //              06:59 Monday: outside
    e.seven = await row({ at: '2026-05-04T05:00:00Z', caseId: ids.c1 }); //              07:00: inside
    e.noTask = await row({ at: '2026-05-04T14:59:00Z', caseId: ids.c2, basis: 'KE_MUNICIPALITY' }); // 16:59: inside, no task
    e.five = await row({ at: '2026-05-04T15:00:00Z', caseId: ids.c2 }); //               17:00: outside
    e.holidayList = await row({ at: '2026-05-01T08:00:00Z', action: 'LIST', caseId: null, caseIds: [ids.c1, ids.c2], basis: 'KE_MUNICIPALITY' }); // 1 May 10:00
    e.refused = await row({ at: '2026-05-01T08:00:00Z', caseId: ids.c3, outcome: 404 }); // a refusal is no access
    e.emergency = await row({ at: '2026-05-05T08:00:00Z', sub: 'ap-eva-r', name: 'Eva Koordinator', role: 'COORDINATOR', caseId: ids.c3, basis: 'EMERGENCY', reason: 'Akutt innleggelse, trenger planen' });
    e.elsewhere = await row({ at: '2026-05-04T01:00:00Z', caseId: ids.c1, municipality: '4601' });
    e.lastMinute = await row({ at: '2026-05-31T21:59:00Z', caseId: ids.c1 }); //          23:59 on 31 May: May, outside
    e.june = await row({ at: '2026-05-31T22:00:00Z', caseId: ids.c1 }); //                00:00 on 1 June: not May
    // One person reads 20 different cases on 6 May and 19 on 7 May, in working hours.
    for (let i = 0; i < 20; i++) await row({ at: `2026-05-06T08:${String(i).padStart(2, '0')}:00Z`, sub: 'ap-bulk', name: 'Bo Bulk', caseId: randomUUID() });
    for (let i = 0; i < 19; i++) await row({ at: `2026-05-07T08:${String(i).padStart(2, '0')}:00Z`, sub: 'ap-bulk', name: 'Bo Bulk', caseId: randomUUID() });
  });

  const proposals = (who: Who, query = '') => api.http.get(`/access-log/review-proposals?municipality=${R}&month=2026-05${query}`).set(as(who));
  interface Proposal { rule: string; entryIds: string[]; caseIds: string[]; reason: string }
  const ofRule = (body: { items: Proposal[] }, rule: string) => body.items.filter((i) => i.rule === rule);

  it('proposes reads outside 07:00–17:00 Oslo time or on a day off, reads without a task relationship, emergency accesses, and many cases in a day', async () => {
    const { body } = await proposals('reviewer').expect(200);
    expect(ofRule(body, 'OUTSIDE_WORKING_HOURS').map((i) => i.entryIds[0])).toEqual([e.holidayList, e.early, e.five, e.lastMinute]);
    expect(ofRule(body, 'OUTSIDE_WORKING_HOURS')[0]).toMatchObject({ reason: 'at 10:00 on 2026-05-01', caseIds: [ids.c1, ids.c2], who: { sub: 'ap-natt', name: 'Nils Natt', role: 'KE_CASEWORKER' } });
    expect(ofRule(body, 'NO_TASK_RELATIONSHIP').map((i) => i.entryIds[0])).toEqual([e.noTask]);
    expect(ofRule(body, 'EMERGENCY_ACCESS')).toEqual([expect.objectContaining({ entryIds: [e.emergency], caseIds: [ids.c3], emergencyReason: 'Akutt innleggelse, trenger planen' })]);
    expect(ofRule(body, 'MANY_CASES_IN_A_DAY')).toEqual([expect.objectContaining({ who: { sub: 'ap-bulk', name: 'Bo Bulk', role: 'KE_CASEWORKER' }, reason: '20 cases on 2026-05-06 (threshold 20)', entryIds: [] })]);
    expect(ofRule(body, 'MANY_CASES_IN_A_DAY')[0].caseIds).toHaveLength(20);
    expect(body.rules.map((r: { rule: string; count: number; truncated: boolean }) => [r.rule, r.count, r.truncated])).toEqual([
      ['OUTSIDE_WORKING_HOURS', 4, false], ['NO_TASK_RELATIONSHIP', 1, false], ['EMERGENCY_ACCESS', 1, false], ['MANY_CASES_IN_A_DAY', 1, false],
    ]);
    expect(body).toMatchObject({ municipality: R, month: '2026-05', threshold: 20, workingHours: '07:00–17:00 Europe/Oslo on working days' });
    // The threshold is the reviewer's to lower; limit shows fewer and says so.
    const lower = (await proposals('reviewer', '&threshold=19').expect(200)).body;
    expect(ofRule(lower, 'MANY_CASES_IN_A_DAY').map((i) => i.reason)).toEqual(['20 cases on 2026-05-06 (threshold 19)', '19 cases on 2026-05-07 (threshold 19)']);
    const short = (await proposals('reviewer', '&limit=1').expect(200)).body;
    expect(short.rules[0]).toMatchObject({ rule: 'OUTSIDE_WORKING_HOURS', count: 4, truncated: true });
  });

  it('are read by auditors and KE leaders of the municipality, not by caseworkers or others', async () => {
    expect((await proposals('auditor')).status).toBe(200);
    expect((await proposals('reviewCaseworker')).status).toBe(403);
    expect((await proposals('leader')).status).toBe(403); // a KE leader of another municipality
    expect((await api.http.get(`/access-log/review-proposals?municipality=${R}&month=2026-13`).set(as('reviewer'))).status).toBe(422);
  });

  it('is recorded by the KE leader once per month (a second is 409 with the first), append-only, and listed', async () => {
    const findings = 'Gjennomgått 4 lesninger utenfor arbeidstid og én nødtilgang; nødtilgangen var begrunnet.';
    expect((await api.http.post('/access-log/reviews').set(as('auditor')).send({ municipality: R, month: '2026-05', findings })).status).toBe(403);
    const thisMonth = osloDateOf(Date.now()).slice(0, 7);
    const early = await api.http.post('/access-log/reviews').set(as('reviewer')).send({ municipality: R, month: thisMonth, findings });
    expect([early.status, early.body.errors]).toEqual([422, [{ field: 'month', reason: 'month must have ended (Europe/Oslo)' }]]);
    const { body: review } = await api.http.post('/access-log/reviews').set(as('reviewer')).send({ municipality: R, month: '2026-05', findings }).expect(201);
    expect(review).toEqual({
      reviewId: expect.any(String), municipality: R, month: '2026-05', reviewedBy: { sub: P.reviewer.sub, name: P.reviewer.name }, reviewedAt: expect.any(String), findings,
      proposalCounts: { OUTSIDE_WORKING_HOURS: 4, NO_TASK_RELATIONSHIP: 1, EMERGENCY_ACCESS: 1, MANY_CASES_IN_A_DAY: 1 },
    });
    const again = await api.http.post('/access-log/reviews').set(as('reviewer')).send({ municipality: R, month: '2026-05', findings: 'En gang til' });
    expect([again.status, again.body.code, again.body.review]).toEqual([409, 'MONTH_ALREADY_REVIEWED', review]);
    const listed = await api.http.get(`/access-log/reviews?municipality=${R}`).set(as('auditor')).expect(200);
    expect(listed.body).toEqual({ items: [review], nextCursor: null });
    await expect(asOwner(`UPDATE access_log_review SET findings = 'endret' WHERE review_id = $1`, [review.reviewId])).rejects.toMatchObject({ code: '42501' });
  });
});
