// GET /internal-control/report and the targets over HTTP: who may read and set them, 422 naming the field, the read in
// the access log with the cases the report names, and the answer exactly as the OpenAPI document describes it.
// (The figures themselves: internal-control-report.time-skipping.test.ts.)
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Principal } from '../../libs/auth/src';
import { osloDateOf } from '../../libs/calendar/src/civil-date';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';
import { asOwner } from '../support/owner';

const M = '4634';
const P = {
  auditor: { sub: 'ida.4634', name: 'Ida Revisor', role: 'AUDITOR', municipalities: [M] },
  leader: { sub: 'lars.4634', name: 'Lars Leder', role: 'KE_LEADER', municipalities: [M] },
  caseworker: { sub: 'kari.4634', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] },
  coordinator: { sub: 'emp-4634', name: 'Ola Koordinator', role: 'COORDINATOR', municipalities: [M] },
  system: { sub: 'ic-job.4634', name: 'Månedsrapport', role: 'SYSTEM', municipalities: [M] },
  otherAuditor: { sub: 'per.0301', name: 'Per Revisor', role: 'AUDITOR', municipalities: ['0301'] },
} satisfies Record<string, Principal>;
type Who = keyof typeof P;

let h: Harness;
let api: Api;
const tokens = {} as Record<Who, string>;
const as = (who: Who) => ({ Authorization: `Bearer ${tokens[who]}` });
const today = osloDateOf(Date.now());
let decided: string;
let waiting: string;

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const who of Object.keys(P) as Who[]) tokens[who] = await api.token(P[who]);
  const post = (body: object) => api.http.post('/cases').set(as('caseworker')).send(body).expect(201);
  decided = (await post(notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() }))).body.caseId;
  waiting = (await post(notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString() }))).body.caseId;
  for (const event of [
    { type: 'REGISTER' },
    { type: 'START_ASSESSMENT' },
    { type: 'RECORD_DECISION', sentAt: new Date().toISOString(), appealInformationIncluded: true, letterMethod: 'DIGITAL_MAILBOX', decisions: [
      { line: 'IP', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5' },
      { line: 'KOORDINATOR', outcome: 'GRANTED', legalBasis: 'pbrl § 2-5 b' },
    ] },
  ]) {
    await api.http.post(`/cases/${decided}/events`).set(as('caseworker')).send(event).expect(200);
  }
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const report = (who: Who, query: string) => api.http.get(`/internal-control/report?${query}`).set(as(who));

describe('GET /internal-control/report', () => {
  it('answers the auditor with every indicator, the cases by id only, as the OpenAPI document describes', async () => {
    const res = await report('auditor', `municipality=${M}&from=${today}&to=${today}`).expect(200);
    expect(res.body.indicators.map((i: { id: string }) => i.id)).toHaveLength(19);
    const k1 = res.body.indicators.find((i: { id: string }) => i.id === 'K1');
    // Both received today; one decided (in time), the other still inside its month (not counted).
    expect(k1).toMatchObject({ value: 1, numerator: 1, denominator: 1, cases: [decided], casesFailing: [], met: true });
    expect(res.body.indicators.find((i: { id: string }) => i.id === 'K2')).toMatchObject({ value: 0, denominator: 1, cases: [decided] });
    expect(JSON.stringify(res.body)).not.toMatch(/Test Person|\d{11}/);

    const doc = (await api.http.get('/docs/openapi.json').expect(200)).body;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile({ $ref: '#/components/schemas/InternalControlReportDto', components: doc.components });
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    expect(Object.keys(doc.paths['/internal-control/report'].get.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '422']));
  });

  it('logs the read with the period asked for and every case the report names', async () => {
    const res = await report('leader', `municipality=${M}&from=${today}&to=${today}`).set('X-Request-Id', 'ic-report-0001').expect(200);
    expect(res.headers['x-request-id']).toBe('ic-report-0001');
    const [entry] = await asOwner(`SELECT actor_sub AS "actorSub", action, resource, outcome, filters, case_ids AS "caseIds" FROM access_log WHERE request_id = 'ic-report-0001'`);
    expect(entry).toMatchObject({ actorSub: P.leader.sub, action: 'READ', resource: 'internal-control/report', outcome: 200, filters: { municipality: M, from: today, to: today } });
    expect(entry.caseIds).toContain(decided);
    expect(entry.caseIds).not.toContain(waiting); // pending in K1, in no other figure
  });

  it('is for the KE leader, the auditor, the caseworkers and the monthly job of the municipality; not coordinators, not another municipality', async () => {
    const statuses = Object.fromEntries(
      await Promise.all((Object.keys(P) as Who[]).map(async (who) => [who, (await report(who, `municipality=${M}&from=${today}&to=${today}`)).status])),
    );
    expect(statuses).toEqual({ auditor: 200, leader: 200, caseworker: 200, system: 200, coordinator: 403, otherAuditor: 403 });
  });

  it('refuses a bad period with 422 problem+json naming the field', async () => {
    const field = async (query: string) => {
      const res = await report('auditor', query);
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({ query, status: 422, type: expect.stringMatching(/problem\+json/) });
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    expect(await field(`municipality=${M}&to=2027-01-31`)).toContain('from');
    expect(await field(`municipality=${M}&from=2027-02-30&to=2027-03-31`)).toContain('from');
    expect(await field(`municipality=${M}&from=2027-01-01&to=31.01.2027`)).toContain('to');
    expect(await field(`municipality=${M}&from=2027-02-01&to=2027-01-31`)).toEqual(['to']);
    expect(await field(`municipality=${M}&from=2025-01-01&to=2027-01-01`)).toEqual(['to']);
    expect(await field(`municipality=9999&from=2027-01-01&to=2027-01-31`)).toContain('municipality');
    expect(await field(`municipality=${M}&from=2027-01-01&to=2027-01-31&at=2027-01-01`)).toContain('at');
    // Exactly 24 months less a day is the longest period.
    expect((await report('auditor', `municipality=${M}&from=2025-01-01&to=2026-12-31`)).status).toBe(200);
  });
});

describe('internal-control targets', () => {
  const put = (who: Who, indicator: string, body: object) => api.http.put(`/internal-control/targets/${indicator}?municipality=${M}`).set(as(who)).send(body);

  it("lists domain § 5.2's defaults until a KE leader sets one; only the leader sets, within the indicator's direction", async () => {
    const before = await api.http.get(`/internal-control/targets?municipality=${M}`).set(as('auditor')).expect(200);
    expect(before.body.targets).toHaveLength(19);
    expect(before.body.targets.find((t: { indicator: string }) => t.indicator === 'K10')).toEqual({
      indicator: 'K10', comparison: '>=', value: 0.9, default: { comparison: '>=', value: 0.9 }, updatedBy: null, updatedAt: null,
    });

    expect((await put('auditor', 'K10', { comparison: '>=', value: 0.8 })).status).toBe(403);
    expect((await put('caseworker', 'K10', { comparison: '>=', value: 0.8 })).status).toBe(403);
    const fields = async (indicator: string, body: object) => (await put('leader', indicator, body).expect(422)).body.errors.map((e: { field: string }) => e.field);
    expect(await fields('K10', { comparison: '<=', value: 0.8 })).toEqual(['comparison']);
    expect(await fields('K10', { comparison: '>=', value: 1.5 })).toEqual(['value']);
    expect(await fields('K2', { comparison: '<=', value: 20.5 })).toEqual(['value']);
    expect(await fields('K99', { comparison: '>=', value: 1 })).toEqual(['indicator']);
    expect(await fields('K10', { comparison: '>=' })).toContain('value');

    const set = await put('leader', 'K10', { comparison: '>=', value: 0.8 }).expect(200);
    expect(set.body.targets.find((t: { indicator: string }) => t.indicator === 'K10')).toMatchObject({ comparison: '>=', value: 0.8, updatedBy: P.leader.sub });
    const k10 = (await report('auditor', `municipality=${M}&from=${today}&to=${today}`).expect(200)).body.indicators.find((i: { id: string }) => i.id === 'K10');
    expect(k10.target).toEqual({ comparison: '>=', value: 0.8 });
    // A count of zero may be relaxed to "at most".
    expect((await put('leader', 'K3', { comparison: '<=', value: 2 })).status).toBe(200);
  });
});
