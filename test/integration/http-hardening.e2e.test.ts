// HTTP hardening over HTTP against the real API, Temporal and PostgreSQL: security headers (helmet) on every answer,
// no X-Powered-By, rate limits per principal (the token's subject, else the address) answered 429 problem+json with
// Retry-After, and the API documentation only as API_DOCS says.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIssuer, Principal } from '../../libs/auth/src';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { notificationBody } from '../support/notification';

const kari: Principal = { sub: 'kari.4632', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4632'] };
const lars: Principal = { sub: 'lars.4632', name: 'Lars Leder', role: 'KE_LEADER', municipalities: ['4632'] };
let h: Harness;
const apis: Api[] = [];
const open = async (overrides: Record<string, string> = {}) => {
  const api = await openApi(h.taskQueue, overrides);
  apis.push(api);
  return api;
};
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  for (const api of apis) await api.close();
  await h?.close();
});

describe('headers', () => {
  it('every answer has the security headers and no X-Powered-By: a resource, a problem, the docs', async () => {
    const api = await open();
    const token = await api.token(kari);
    for (const [path, auth] of [['/tasks', bearer(token)], ['/tasks', {}], ['/no-such-route', bearer(token)], ['/docs/openapi.json', {}]] as const) {
      const res = await api.http.get(path).set(auth);
      expect({ path, poweredBy: res.headers['x-powered-by'] }).toEqual({ path, poweredBy: undefined });
      expect(res.headers).toMatchObject({
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
    }
  });
});

describe('rate limits', () => {
  it('are per principal across routes: the sixth request of five is 429 problem+json with Retry-After, others go on', async () => {
    const api = await open({ RATE_LIMIT_REQUESTS: '5', RATE_LIMIT_WINDOW: '1m' });
    const kariToken = await api.token(kari);
    const paths = ['/tasks', '/cases', '/deadlines', '/tasks', '/cases'];
    for (const path of paths) expect((await api.http.get(path).set(bearer(kariToken))).status).toBe(200);
    const limited = await api.http.get('/deadlines').set(bearer(kariToken));
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).toMatchObject({ type: 'https://ke-ip.example/problems/too-many-requests', title: 'Too Many Requests', status: 429, retryAfter: Number(limited.headers['retry-after']) });
    // A new token for the same person is the same budget; another person has their own.
    expect((await api.http.get('/tasks').set(bearer(await api.token(kari)))).status).toBe(429);
    expect((await api.http.get('/tasks').set(bearer(await api.token(lars)))).status).toBe(200);
  });

  it("without a valid token by address: a forged token naming someone does not spend that person's budget", async () => {
    const api = await open({ RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_WINDOW: '1m' });
    const stranger = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-forger-')));
    const forged = await stranger.mint(kari);
    for (let i = 0; i < 3; i++) expect((await api.http.get('/tasks').set(bearer(forged))).status).toBe(401);
    expect((await api.http.get('/tasks').set(bearer(forged))).status).toBe(429);
    expect((await api.http.get('/health')).status).toBe(429);
    expect((await api.http.get('/tasks').set(bearer(await api.token(kari)))).status).toBe(200);
  });

  it('by default are generous: the suites and the benchmark are not throttled', async () => {
    const api = await open();
    const token = await api.token(kari);
    const res = await api.http.get('/tasks').set(bearer(token));
    expect(res.headers['x-ratelimit-limit']).toBe('6000');
  });
});

describe('API documentation', () => {
  it('API_DOCS=public: the Swagger UI and the document, to anyone (what the test harness sets)', async () => {
    const api = await open({ API_DOCS: 'public' });
    expect((await api.http.get('/docs/openapi.json')).body.openapi).toBe('3.1.0');
    const ui = await api.http.get('/docs/');
    expect([ui.status, ui.headers['content-type']]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    expect((await api.http.get('/docs-yaml')).status).toBe(404);
  });

  it('API_DOCS=authenticated: the document with a valid token only, no UI', async () => {
    const api = await open({ API_DOCS: 'authenticated' });
    const anonymous = await api.http.get('/docs/openapi.json');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    const token = await api.token(kari);
    expect((await api.http.get('/docs/openapi.json').set(bearer(token))).body.openapi).toBe('3.1.0');
    expect((await api.http.get('/docs/').set(bearer(token))).status).toBe(404);
  });

  it('API_DOCS=off (production default): neither, to anyone; the tasks still give their input schemas', async () => {
    const api = await open({ API_DOCS: 'off' });
    const token = await api.token(kari);
    for (const path of ['/docs', '/docs/', '/docs/openapi.json', '/docs-json']) {
      expect({ path, anonymous: (await api.http.get(path)).status, authenticated: (await api.http.get(path).set(bearer(token))).status }).toEqual({ path, anonymous: 404, authenticated: 404 });
    }
    const notFound = await api.http.get('/docs/openapi.json');
    expect(notFound.headers['content-type']).toMatch(/^application\/problem\+json/);
    const { body: created } = await api.http.post('/cases').set(bearer(token)).send(notificationBody({ municipality: '4632' })).expect(201);
    const [task] = (await api.http.get(`/tasks?caseId=${created.caseId}`).set(bearer(token))).body.items;
    const { body: detail } = await api.http.get(`/tasks/${task.id}`).set(bearer(token)).expect(200);
    expect(detail.input.schema).toMatchObject({ type: 'object' });
  });
});
