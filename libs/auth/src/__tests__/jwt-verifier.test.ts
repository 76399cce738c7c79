// JwtVerifier: pinned algorithms, the `typ` header where configured, a maximum token age, and a refusal code per reason.
import { exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidTokenError, JwtVerifier, JwtVerifierOptions, TokenExpiredError } from '..';

const ISSUER = 'https://idp.example';
const AUDIENCE = 'ke-ip-api';
const claims = { name: 'Kari', role: 'KE_CASEWORKER', municipalities: ['4601'] };
type Key = { kid: string; alg: string; privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"] };
let keys: Record<string, Key>;
let jwksFile: string;

beforeAll(async () => {
  keys = {};
  const jwks: JWK[] = [];
  for (const alg of ['ES256', 'RS256', 'PS256']) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    keys[alg] = { kid: `k-${alg}`, alg, privateKey };
    jwks.push({ ...(await exportJWK(publicKey)), kid: `k-${alg}`, use: 'sig' });
  }
  jwksFile = join(mkdtempSync(join(tmpdir(), 'ke-ip-jwks-')), 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: jwks }));
});

const verifier = (o: Partial<JwtVerifierOptions> = {}) => new JwtVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksFile, ...o });

function sign(alg = 'ES256', o: { typ?: string; iat?: number; exp?: number; payload?: Record<string, unknown> } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims, ...o.payload })
    .setProtectedHeader({ alg, kid: keys[alg].kid, ...(o.typ ? { typ: o.typ } : {}) })
    .setSubject('kari')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(o.iat ?? now)
    .setExpirationTime(o.exp ?? now + 3600)
    .sign(keys[alg].privateKey);
}

const refusal = (p: Promise<unknown>) => p.then(() => 'accepted', (e: InvalidTokenError) => e.refusal);

describe('JwtVerifier', () => {
  it('takes only the pinned algorithms (RS256 and ES256 unless configured)', async () => {
    await expect(verifier().verify(await sign('ES256'))).resolves.toMatchObject({ sub: 'kari' });
    await expect(verifier().verify(await sign('RS256'))).resolves.toMatchObject({ sub: 'kari' });
    expect(await refusal(verifier().verify(await sign('PS256')))).toBe('algorithm');
    expect(await refusal(verifier({ algorithms: ['ES256'] }).verify(await sign('RS256')))).toBe('algorithm');
    expect(await refusal(verifier({ algorithms: ['PS256'] }).verify(await sign('PS256')))).toBe('accepted');
    // alg "none" and a symmetric key never verify against a JWKS of public keys.
    const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
    const body = Buffer.from(JSON.stringify({ ...claims, sub: 'kari', iss: ISSUER, aud: AUDIENCE, exp: 9999999999 })).toString('base64url');
    expect(await refusal(verifier().verify(`${header({ alg: 'none' })}.${body}.`))).toBe('algorithm');
    expect(await refusal(verifier({ algorithms: ['ES256'] }).verify(`${header({ alg: 'HS256', kid: 'k-ES256' })}.${body}.c2ln`))).toBe('algorithm');
  });

  it('checks typ where configured (at+jwt, RFC 9068), not otherwise', async () => {
    const atJwt = verifier({ tokenType: 'at+jwt' });
    await expect(atJwt.verify(await sign('ES256', { typ: 'at+jwt' }))).resolves.toMatchObject({ sub: 'kari' });
    await expect(atJwt.verify(await sign('ES256', { typ: 'application/at+jwt' }))).resolves.toMatchObject({ sub: 'kari' });
    expect(await refusal(atJwt.verify(await sign('ES256', { typ: 'JWT' })))).toBe('type');
    expect(await refusal(atJwt.verify(await sign('ES256')))).toBe('type');
    expect(await refusal(verifier().verify(await sign('ES256', { typ: 'JWT' })))).toBe('accepted');
  });

  it('refuses a token older than the maximum age as expired since iat + the age, and needs iat then', async () => {
    const now = Math.floor(Date.now() / 1000);
    const eightHours = verifier({ maxTokenAgeSeconds: 8 * 3600 });
    await expect(eightHours.verify(await sign('ES256', { iat: now - 3600, exp: now + 3600 }))).resolves.toMatchObject({ sub: 'kari' });
    const old = await eightHours.verify(await sign('ES256', { iat: now - 9 * 3600, exp: now + 3600 })).catch((e) => e);
    expect(old).toBeInstanceOf(TokenExpiredError);
    expect(old.refusal).toBe('too-old');
    expect(old.expiredAt).toEqual(new Date((now - 9 * 3600 + 8 * 3600) * 1000));
    // Without a maximum age the same token is accepted until exp.
    expect(await refusal(verifier().verify(await sign('ES256', { iat: now - 9 * 3600, exp: now + 3600 })))).toBe('accepted');
    const noIat = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: keys.ES256.kid }).setSubject('kari').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1h').sign(keys.ES256.privateKey);
    expect(await refusal(eightHours.verify(noIat))).toBe('missing-claim');
  });

  it('names each refusal with a code that holds nothing from the token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await verifier().verify(await sign('ES256', { iat: now - 7200, exp: now - 60 })).catch((e) => e);
    expect([expired.constructor, expired.refusal]).toEqual([TokenExpiredError, 'expired']);
    expect(await refusal(verifier({ issuer: 'https://other.example' }).verify(await sign()))).toBe('issuer');
    expect(await refusal(verifier({ audience: 'other' }).verify(await sign()))).toBe('audience');
    expect(await refusal(verifier().verify('not.a.token'))).toBe('malformed');
    expect(await refusal(verifier().verify((await sign()).slice(0, -4) + 'AAAA'))).toBe('signature');
    expect(await refusal(verifier().verify(await sign('ES256', { payload: { role: 'ADMIN' } })))).toBe('role');
    expect(await refusal(verifier().verify(await sign('ES256', { payload: { municipalities: ['4603'] } })))).toBe('municipalities');
  });

  it('remembers a verified token no longer than it is valid: past its expiry or its maximum age it is refused again', async () => {
    const now = Date.now();
    const v = verifier({ maxTokenAgeSeconds: 3600 });
    const shortLived = await sign('ES256', { exp: Math.floor(now / 1000) + 30 });
    const old = await sign('ES256', { iat: Math.floor(now / 1000) - 3590 });
    await expect(v.verify(shortLived)).resolves.toMatchObject({ sub: 'kari' });
    await expect(v.verify(old)).resolves.toMatchObject({ sub: 'kari' });
    // Only the clock moves on (jose reads it too); timers and ticks stay real for its crypto.
    jest.useFakeTimers({ now: now + 31_000, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      expect(await refusal(v.verify(shortLived))).toBe('expired');
      expect(await refusal(v.verify(old))).toBe('too-old');
    } finally {
      jest.useRealTimers();
    }
    // A remembered principal is a copy: changing one answer does not change the next.
    const token = await sign();
    const first = await v.verify(token);
    first.municipalities.push('0301');
    expect((await v.verify(token)).municipalities).toEqual(['4601']);
  });
});
