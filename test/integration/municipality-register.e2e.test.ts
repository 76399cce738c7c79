// Municipality numbers must be in SSB's register (classification 131): cases, settings and tokens for an unknown one are
// refused, over HTTP against the real API, Temporal and PostgreSQL. And an expired token says it expired.
import { LIMITS } from '../../libs/persistence/src/limits';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIssuer, Principal } from '../../libs/auth/src';
import { notificationBody } from '../support/notification';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';

let h: Harness;
let api: Api;
const leader: Principal = { sub: 'reg-lars', name: 'Lars Leder', role: 'KE_LEADER', municipalities: ['4601', '1580'] };
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
let auth: Record<string, string>;

beforeAll(async () => {
  h = await openHarness();
  api = await openApi(h.taskQueue);
  auth = bearer(await api.token(leader));
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

const caseCount = async () => (await h.db.query('SELECT count(*)::int AS n FROM case_subject'))[0].n as number;

describe('the municipality register over HTTP', () => {
  it('POST /cases with a number not in the register is 422 problem+json naming the field, and registers nothing', async () => {
    const before = await caseCount();
    for (const municipality of ['4603', '9999', '1507']) {
      const res = await api.http.post('/cases').set(auth).send(notificationBody({ municipality }));
      expect({ municipality, status: res.status }).toEqual({ municipality, status: 422 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([
        { field: 'municipality', reason: `municipality ${municipality} is not a municipality number in SSB's register (Standard for kommuneinndeling, Kommuneinndeling 2026) valid from 2026-01-01` },
      ]);
    }
    const malformed = await api.http.post('/cases').set(auth).send(notificationBody({ municipality: '46O1' }));
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors).toEqual([{ field: 'municipality', reason: 'municipality must be a 4-digit kommunenummer' }]);
    expect(await caseCount()).toBe(before);
  });

  it('POST /cases in a municipality of the register (Haram, split from Ålesund in 2024) is accepted', async () => {
    const res = await api.http.post('/cases').set(auth).send(notificationBody({ municipality: '1580' }));
    expect(res.status).toBe(201);
  });

  it('GET and PUT /municipalities/:nr/settings with a number not in the register are 422 naming the path parameter', async () => {
    for (const [nr, reason] of [
      ['4603', /^nr 4603 is not a municipality number in SSB's register .* valid from 2026-01-01$/],
      ['9999', /^nr 9999 is not a municipality number in SSB's register/],
      ['46x1', /^nr must be a 4-digit kommunenummer$/],
    ] as const) {
      const get = await api.http.get(`/municipalities/${nr}/settings`).set(auth);
      const put = await api.http.put(`/municipalities/${nr}/settings`).set(auth).send({ christmasEveAndNewYearsEveOff: true });
      for (const res of [get, put]) {
        expect({ nr, status: res.status }).toEqual({ nr, status: 422 });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors).toEqual([{ field: 'nr', reason: expect.stringMatching(reason) }]);
      }
    }
    expect((await h.db.query(`SELECT 1 FROM municipality_settings WHERE municipality IN ('4603', '9999')`)).length).toBe(0);
    expect((await api.http.get('/municipalities/1580/settings').set(auth)).status).toBe(200);
  });

  it('a token whose municipalities claim holds a number not in the register is 401 problem+json naming the claim and the number', async () => {
    const token = await api.token({ ...leader, municipalities: ['4601', '4603'] });
    for (const path of ['/cases', '/tasks', '/municipalities/4601/settings']) {
      const res = await api.http.get(path).set(bearer(token));
      expect({ path, status: res.status }).toEqual({ path, status: 401 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({
        title: 'Unauthorized',
        detail: "The bearer token was refused: the municipalities claim holds 4603, not a municipality number in SSB's register valid from 2026-01-01.",
      });
    }
  });
});

describe('a token whose subject could not be stored', () => {
  it('is 401 problem+json naming the claim, never a 500 from the access log', async () => {
    const token = await api.token({ ...leader, sub: 'x'.repeat(LIMITS.personRef + 1) });
    const res = await api.http.get('/cases').set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain(`the sub claim must be 1 to ${LIMITS.personRef} characters`);
  });
});

describe('an expired token', () => {
  const expiredAt = new Date(Date.now() - 5 * 60_000);
  const at = new Date(Math.floor(expiredAt.getTime() / 1000) * 1000).toISOString();

  it('is 401 problem+json of its own type, saying it expired and when', async () => {
    const token = await api.issuer.mint(leader, { expiresAt: expiredAt });
    const res = await api.http.get('/cases').set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(res.body).toMatchObject({
      type: 'https://ke-ip.example/problems/token-expired',
      title: 'Token Expired',
      status: 401,
      detail: `The bearer token expired at ${at}; get a new token.`,
      expiredAt: at,
      instance: '/cases',
    });
  });

  it('is not called expired when it is also wrong otherwise; other 401s are as before', async () => {
    const stranger = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-stranger-')));
    const refused = async (token: string) => {
      const res = await api.http.get('/cases').set(bearer(token));
      expect(res.status).toBe(401);
      expect(res.body.title).toBe('Unauthorized');
      expect(res.body.detail).toMatch(/^The bearer token was refused: /);
      expect(res.body.detail).not.toMatch(/expired/);
      return res.body.detail as string;
    };
    await refused(await stranger.mint(leader, { expiresAt: expiredAt })); // signed by another key
    await refused(await api.issuer.mint(leader, { expiresAt: expiredAt, audience: 'someone-else' }));
    expect(await refused('not-a-jwt')).toBe('The bearer token was refused: Invalid Compact JWS.');
    const none = await api.http.get('/cases');
    expect(none.body).toMatchObject({ status: 401, title: 'Unauthorized', detail: 'A bearer token is required.' });
    // A fresh token for the same person is accepted.
    expect((await api.http.get('/cases').set(bearer(await api.issuer.mint(leader, { expiresIn: '30m' })))).status).toBe(200);
  });
});
