// Bad input is always a 4xx problem+json, never a 500, over HTTP against the real API, Temporal and PostgreSQL: a body
// over the limit (413), a body that is not JSON (415), malformed JSON (400), a missing nested object, a cursor whose
// values have the wrong type, impossible dates, a huge limit, NUL characters and absurd nesting (422 naming the
// field). Nothing of what the client sent appears in the logs, and nothing reaches the case workflow.
import type { Principal } from '../../libs/auth/src';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';
import { Capture, captureOutput } from '../support/output';

const M = '4631';
let h: Harness;
let api: Api;
const kari: Principal = { sub: 'kari.4631', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: [M] };
const lars: Principal = { sub: 'lars.4631', name: 'Lars Leder', role: 'KE_LEADER', municipalities: [M] };
const tokens: Record<string, string> = {};
const as = (p: Principal) => ({ Authorization: `Bearer ${tokens[p.sub]}` });
const notification = (over: Record<string, unknown> = {}) => notificationBody({ municipality: M, receivedAt: new Date(Date.now() - 60_000).toISOString(), ...over });
const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

let output: Capture;

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  for (const p of [kari, lars]) tokens[p.sub] = await api.token(p);
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.stop());

const caseCount = async () => (await h.db.query('SELECT count(*)::int AS n FROM ip_case WHERE municipality = $1', [M]))[0].n as number;

function expectProblem(res: { status: number; headers: Record<string, string>; body: { status?: number } }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(status);
}
const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];

/** Nothing logged as an error, and none of `values` anywhere in what was logged. */
function expectLogsClean(values: string[]) {
  const text = output.text();
  expect(text).not.toMatch(/"level":"error"|\bERROR\b|unhandled/);
  for (const v of values) expect({ value: v, logged: text.includes(v) }).toEqual({ value: v, logged: false });
}

describe('bodies', () => {
  it('a body over the limit (a 1 MB needs text) is 413 problem+json and registers nothing', async () => {
    const before = await caseCount();
    const res = await api.http.post('/cases').set(as(kari)).send(notification({ needsDescription: 'behov '.repeat(180_000) }));
    expectProblem(res, 413);
    expect(res.body).toMatchObject({ title: 'Payload Too Large', detail: 'The request body is larger than 256kb.' });
    expect(await caseCount()).toBe(before);
    expectLogsClean(['behov behov']);
  });

  it('a body that is not JSON is 415, whatever it holds (text, a form, XML)', async () => {
    const json = JSON.stringify(notification());
    for (const [type, body] of [['text/plain', json], ['application/x-www-form-urlencoded', 'municipality=4631&needsDescription=x'], ['application/xml', '<case/>']]) {
      const res = await api.http.post('/cases').set(as(kari)).set('Content-Type', type).send(body);
      expect({ type, status: res.status }).toEqual({ type, status: 415 });
      expectProblem(res, 415);
      expect(res.body).toMatchObject({ title: 'Unsupported Media Type', detail: 'The request body must be application/json.' });
    }
    // A body without a type is no JSON either; a command without a body needs none.
    const untyped = await api.http.post('/cases').set(as(kari)).set('Content-Type', '').send(json);
    expectProblem(untyped, 415);
    const { body: created } = await api.http.post('/cases').set(as(kari)).send(notification()).expect(201);
    const [task] = (await api.http.get(`/tasks?caseId=${created.caseId}`).set(as(kari))).body.items;
    expect((await api.http.post(`/tasks/${task.id}/claim`).set(as(kari))).status).toBe(200);
  });

  it('malformed JSON, or JSON that is not an object or array, is 400 with a fixed text (it does not quote the body)', async () => {
    for (const body of ['{"municipality": "4631", "subject": {"name": "Hemmelig Navn"', 'null', '"Hemmelig Navn"', '{"a": 1} trailing']) {
      const res = await api.http.post('/cases').set(as(kari)).set('Content-Type', 'application/json').send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expectProblem(res, 400);
      expect(res.body).toMatchObject({ type: 'https://ke-ip.example/problems/bad-request', title: 'Bad Request', detail: 'The request body is not a JSON object or array.' });
    }
    expectLogsClean(['Hemmelig']);
  });

  it('a notification without subject or notifier is 422 naming the field', async () => {
    const before = await caseCount();
    const { subject, notifier, ...rest } = notification();
    for (const [missing, body] of [['subject', { ...rest, notifier }], ['notifier', { ...rest, subject }]] as const) {
      const res = await api.http.post('/cases').set(as(kari)).send(body);
      expectProblem(res, 422);
      expect(res.body.errors).toEqual([{ field: missing, reason: `${missing} is required` }]);
    }
    expect(fields(await api.http.post('/cases').set(as(kari)).send(rest))).toEqual(['subject', 'notifier']);
    expect(await caseCount()).toBe(before);
    expectLogsClean([subject.nationalId]);
  });

  it("a command without the object its type needs (a coordinator, a consent's givenBy) is 422 naming it", async () => {
    const { body: created } = await api.http.post('/cases').set(as(kari)).send(notification()).expect(201);
    const res = await api.http.post(`/cases/${created.caseId}/events`).set(as(kari)).send({ type: 'PROPOSE_COORDINATOR' });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ field: 'coordinator', reason: 'coordinator is required' }]);
    const grant = { scope: 'ESTABLISH_IP', capacity: 'SELF', form: 'WRITTEN_DIGITAL', informationGiven: { purpose: true, information: true, recipients: true, sources: true, processor: true, voluntaryAndWithdrawable: true, form: true } };
    const consent = await api.http.post(`/cases/${created.caseId}/events`).set(as(kari)).send({ type: 'CONSENT_GIVEN', grants: [grant] });
    expectProblem(consent, 422);
    expect(consent.body.errors).toEqual([{ field: 'grants.0.givenBy', reason: 'givenBy is required' }]);
    expectLogsClean([]);
  });

  it('a NUL character anywhere in a body is 422 naming the field, before the case workflow sees it', async () => {
    const before = await caseCount();
    const base = notification();
    const res = await api.http.post('/cases').set(as(kari)).send({ ...base, subject: { ...base.subject, name: 'Kari\u0000Nordmann' } });
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ field: 'subject.name', reason: 'subject.name must not contain the NUL character (U+0000)' }]);
    const key = await api.http.post('/cases').set(as(kari)).send({ ...base, 'x\u0000': 1 });
    expectProblem(key, 422);
    expect(await caseCount()).toBe(before);
    expect((await h.db.query('SELECT count(*)::int AS n FROM case_incident WHERE municipality = $1', [M]))[0].n).toBe(0);
    expectLogsClean([base.subject.nationalId, 'Nordmann']);
  });

  it('JSON nested deeper than any payload is 422 naming where, not a stack overflow', async () => {
    const deep = `{"subject":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const res = await api.http.post('/cases').set(as(kari)).set('Content-Type', 'application/json').send(deep);
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ field: `subject${'.0'.repeat(31)}`, reason: `subject${'.0'.repeat(31)} is nested deeper than 32 levels` }]);
    expectLogsClean([]);
  });
});

describe('query parameters', () => {
  it('a cursor whose values have the wrong type for the list is 422 naming cursor, on every paged list', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    const bad: [string, unknown[]][] = [
      ['/cases', [1, 2]],
      ['/cases', ['2026-02-30T00:00:00.000Z', uuid]],
      ['/cases', ['2026-01-01T00:00:00.000Z', 'not-a-uuid']],
      ['/tasks', [{ a: 1 }, uuid]],
      ['/tasks', ['2026-13-01', uuid]],
      ['/tasks?sort=priority', ['2027-01-01', uuid, 'k']], // a /deadlines cursor
      ['/tasks?sort=priority', [99999, '2027-01-01', uuid]],
      ['/deadlines', [true, uuid, 'k']],
      ['/deadlines', ['2027-01-01', 'x', null]],
      ['/incidents', ['2026-02-30T00:00:00.000Z', uuid]],
      ['/incidents', ['2026-01-01T00:00:00.000Z', 'x']],
    ];
    for (const [path, values] of bad) {
      const res = await api.http.get(`${path}${path.includes('?') ? '&' : '?'}cursor=${cursor(values)}`).set(as(lars));
      expect({ path, values, status: res.status, fields: fields(res) }).toEqual({ path, values, status: 422, fields: ['cursor'] });
    }
    // The cursors the lists give out still page.
    for (const path of ['/cases', '/tasks', '/tasks?sort=priority', '/deadlines']) {
      const first = await api.http.get(`${path}${path.includes('?') ? '&' : '?'}limit=1`).set(as(lars)).expect(200);
      if (first.body.nextCursor) await api.http.get(`${path}${path.includes('?') ? '&' : '?'}limit=1&cursor=${first.body.nextCursor}`).set(as(lars)).expect(200);
    }
    expectLogsClean(['2026-02-30', '2026-13-01', 'not-a-uuid']);
  });

  it('an impossible date is 422 naming the parameter', async () => {
    for (const [path, field] of [
      ['/tasks?dueBefore=2026-02-30', 'dueBefore'],
      ['/tasks?dueAfter=2026-13-01', 'dueAfter'],
      ['/deadlines?dueFrom=2026-02-30', 'dueFrom'],
      ['/deadlines?dueTo=0000-01-01', 'dueTo'],
    ]) {
      const res = await api.http.get(path).set(as(lars));
      expect({ path, status: res.status, fields: fields(res) }).toEqual({ path, status: 422, fields: [field] });
      expect(res.body.errors).toContainEqual({ field, reason: `${field} is not a calendar date` });
    }
    expect((await api.http.get('/tasks?dueBefore=2028-02-29').set(as(lars))).status).toBe(200);
    expectLogsClean(['2026-02-30', '2026-13-01', '0000-01-01']);
  });

  it('a huge limit (or a page parameter, which does not exist) is 422 naming it', async () => {
    for (const path of ['/cases', '/tasks', '/deadlines', '/incidents']) {
      const res = await api.http.get(`${path}?limit=${'9'.repeat(400)}`).set(as(lars));
      expect({ path, status: res.status, fields: fields(res) }).toEqual({ path, status: 422, fields: ['limit'] });
    }
    const page = await api.http.get('/cases?page=99999999999999999999').set(as(lars));
    expect({ status: page.status, fields: fields(page) }).toEqual({ status: 422, fields: ['page'] });
  });

  it('a NUL character in a query parameter is 422 naming it', async () => {
    const res = await api.http.get('/tasks?kind=PLAN%00SECRET').set(as(lars));
    expectProblem(res, 422);
    expect(res.body.errors).toEqual([{ field: 'kind', reason: 'kind must not contain the NUL character (U+0000)' }]);
    expectLogsClean(['SECRET']);
  });
});
