// Token verification over HTTP against the real API, Temporal and PostgreSQL, in production mode (NODE_ENV=production,
// a configuration production accepts): pinned algorithms, `typ` at+jwt, a maximum token age, and 401s that keep their
// type and title but leave the reason to the log. In development mode the answer says why.
import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Principal } from '../../libs/auth/src';
import { Api, openApi } from '../support/api';
import { Harness, openHarness } from '../support/harness';
import { outputOf } from '../support/output';

const ISSUER = 'https://idp.test.example';
const kari: Principal = { sub: 'kari.tokens', name: 'Kari Saksbehandler', role: 'KE_CASEWORKER', municipalities: ['4601'] };
let h: Harness;
let prod: Api;
let dev: Api;
let es256: { kid: string; key: Awaited<ReturnType<typeof importJWK>> };
let rs256: { kid: string; key: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'] };

beforeAll(async () => {
  h = await openHarness();

  dev = await openApi(h.taskQueue, { OIDC_MAX_TOKEN_AGE: '1h' });
  // The identity provider's keys: the local issuer's ES256 key and an RS256 key, copied where no private key lies.
  const privateJwk = JSON.parse(readFileSync(join(dirname(dev.issuer.jwksFile), 'issuer-private.jwk.json'), 'utf8')) as JWK;
  es256 = { kid: privateJwk.kid!, key: await importJWK(privateJwk, 'ES256') };
  const rsa = await generateKeyPair('RS256', { extractable: true });
  rs256 = { kid: 'idp-rsa', key: rsa.privateKey };
  const jwks = JSON.parse(readFileSync(dev.issuer.jwksFile, 'utf8')) as { keys: JWK[] };
  jwks.keys.push({ ...(await exportJWK(rsa.publicKey)), kid: 'idp-rsa', use: 'sig' });
  const idpDir = mkdtempSync(join(tmpdir(), 'ke-ip-idp-'));
  writeFileSync(join(idpDir, 'jwks.json'), JSON.stringify(jwks));

  prod = await openApi(h.taskQueue, {
    NODE_ENV: 'production',
    // The application role, as in production: its password is drawn at each start, so production mode takes it.
    DATABASE_URL: process.env.TEST_DATABASE_URL!,
    PAYLOAD_ENCRYPTION_KEYS: `prod-test:${randomBytes(32).toString('base64')}`,
    OIDC_ISSUER: ISSUER,
    OIDC_JWKS_FILE: join(idpDir, 'jwks.json'),
    OIDC_ALGORITHMS: 'ES256',
    OIDC_TOKEN_TYPE: 'at+jwt',
    OIDC_MAX_TOKEN_AGE: '1h',
    LOG_LEVEL: 'warn',
  });
});
afterAll(async () => {
  await prod?.close();
  await dev?.close();
  await h?.close();
});

interface Claims {
  alg?: 'ES256' | 'RS256';
  typ?: string | null;
  issuer?: string;
  iat?: number;
  exp?: number;
  sub?: string;
  municipalities?: string[];
}
async function token(c: Claims = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { kid, key } = c.alg === 'RS256' ? rs256 : es256;
  const typ = c.typ === undefined ? 'at+jwt' : c.typ;
  return new SignJWT({ name: kari.name, role: kari.role, municipalities: c.municipalities ?? kari.municipalities })
    .setProtectedHeader({ alg: c.alg ?? 'ES256', kid, ...(typ ? { typ } : {}) })
    .setSubject(c.sub ?? kari.sub)
    .setIssuer(c.issuer ?? ISSUER)
    .setAudience('ke-ip-api')
    .setIssuedAt(c.iat ?? now - 60)
    .setExpirationTime(c.exp ?? now + 1800)
    .sign(key);
}
const get = (api: Api, t: string) => api.http.get('/tasks').set('Authorization', `Bearer ${t}`);
const hoursAgo = (n: number) => Math.floor(Date.now() / 1000) - n * 3600;

describe('production mode', () => {
  it('takes an at+jwt access token of the pinned algorithm, issuer and age', async () => {
    expect((await get(prod, await token())).status).toBe(200);
  });

  it('refuses another algorithm, another typ, another issuer: 401 with the reason in the log, not the answer', async () => {
    for (const [claims, reason] of [
      [{ alg: 'RS256' }, 'algorithm'],
      [{ typ: 'JWT' }, 'type'],
      [{ typ: null }, 'type'],
      [{ issuer: 'https://evil.example' }, 'issuer'],
      [{ municipalities: ['4603'], sub: 'marker-sub-7f3a' }, 'municipalities'],
    ] as [Claims, string][]) {
      let res: Awaited<ReturnType<typeof get>> | undefined;
      const log = await outputOf(async () => (res = await get(prod, await token(claims))));
      expect({ claims, status: res!.status }).toEqual({ claims, status: 401 });
      expect(res!.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res!.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(res!.body).toEqual({ type: 'https://ke-ip.example/problems/unauthorized', title: 'Unauthorized', status: 401, detail: 'The bearer token was refused.', instance: '/tasks' });
      expect({ claims, logged: log.includes(`bearer token refused (${reason}) on GET /tasks`) }).toEqual({ claims, logged: true });
      // The log names the reason, never a value from the token.
      for (const value of ['marker-sub-7f3a', '4603', 'evil.example']) expect(log).not.toContain(value);
    }
  });

  it('keeps an expired token its own type (token-expired) without saying when; a token older than the maximum age too', async () => {
    for (const [claims, reason] of [
      [{ iat: hoursAgo(2), exp: hoursAgo(1) }, 'expired'],
      [{ iat: hoursAgo(2), exp: hoursAgo(-1) }, 'too-old'],
    ] as [Claims, string][]) {
      let res: Awaited<ReturnType<typeof get>> | undefined;
      const log = await outputOf(async () => (res = await get(prod, await token(claims))));
      expect({ reason, status: res!.status }).toEqual({ reason, status: 401 });
      expect(res!.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="The token expired"');
      expect(res!.body).toEqual({ type: 'https://ke-ip.example/problems/token-expired', title: 'Token Expired', status: 401, detail: 'The bearer token expired; get a new token.', instance: '/tasks' });
      expect(log).toContain(`bearer token refused (${reason}) on GET /tasks`);
    }
  });

  it('says no more than that a token is required when there is none', async () => {
    const res = await prod.http.get('/tasks');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toMatchObject({ title: 'Unauthorized', detail: 'A bearer token is required.' });
  });
});

describe('development mode', () => {
  it('answers with the reason, and when an expired or too old token stopped being accepted', async () => {
    const old = await dev.issuer.mint(kari);
    // The local issuer's tokens are 8h; this API takes them for 1h (OIDC_MAX_TOKEN_AGE) after they were issued.
    expect((await get(dev, old)).status).toBe(200);
    const iat = hoursAgo(2);
    const tooOld = await new SignJWT({ name: kari.name, role: kari.role, municipalities: kari.municipalities })
      .setProtectedHeader({ alg: 'ES256', kid: es256.kid })
      .setSubject(kari.sub)
      .setIssuer('http://localhost/ke-ip-local-issuer')
      .setAudience('ke-ip-api')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 8 * 3600)
      .sign(es256.key);
    const res = await get(dev, tooOld);
    const at = new Date((iat + 3600) * 1000).toISOString();
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: 'https://ke-ip.example/problems/token-expired', title: 'Token Expired', expiredAt: at, detail: `The bearer token is older than this API accepts (since ${at}); get a new token.` });
    const rsa = await get(dev, await token({ alg: 'RS256', issuer: 'http://localhost/ke-ip-local-issuer' }));
    expect(rsa.body.detail).toMatch(/^The bearer token was refused: /);
  });
});
