import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { InvalidTokenError, JwtVerifier, LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer, parseExpiresIn, Principal, TokenExpiredError } from '..';

const kari: Principal = { sub: 'kari', name: 'Kari', role: 'KE_CASEWORKER', municipalities: ['4601'] };

describe('parseExpiresIn', () => {
  it('reads seconds and s, m, h, d', () => {
    expect(parseExpiresIn('900')).toBe(900);
    expect(parseExpiresIn(900)).toBe(900);
    expect(parseExpiresIn('45s')).toBe(45);
    expect(parseExpiresIn('30m')).toBe(1800);
    expect(parseExpiresIn('8h')).toBe(28800);
    expect(parseExpiresIn('2d')).toBe(172800);
  });

  it('refuses anything else', () => {
    for (const bad of ['0', '-5m', '1.5h', '8 hours', 'soon', '', '10w']) expect(() => parseExpiresIn(bad)).toThrow(/positive lifetime/);
  });
});

describe('LocalIssuer and JwtVerifier', () => {
  let issuer: LocalIssuer;
  let verifier: JwtVerifier;
  beforeAll(async () => {
    issuer = await LocalIssuer.open(mkdtempSync(join(tmpdir(), 'ke-ip-issuer-unit-')));
    verifier = new JwtVerifier({ issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksFile: issuer.jwksFile });
  });

  it('mints the lifetime asked for (8h by default)', async () => {
    const lifetime = (t: string) => decodeJwt(t).exp! - decodeJwt(t).iat!;
    expect(lifetime(await issuer.mint(kari))).toBe(8 * 3600);
    expect(lifetime(await issuer.mint(kari, { expiresIn: '30m' }))).toBe(1800);
    expect(lifetime(await issuer.mint(kari, { expiresIn: 60 }))).toBe(60);
    await expect(verifier.verify(await issuer.mint(kari, { expiresIn: '30m' }))).resolves.toEqual(kari);
  });

  it('tells an expired token from other invalid ones, with the time it expired', async () => {
    const expiredAt = new Date('2026-12-01T08:00:00Z');
    const err = await verifier.verify(await issuer.mint(kari, { expiresAt: expiredAt })).catch((e) => e);
    expect(err).toBeInstanceOf(TokenExpiredError);
    expect(err.expiredAt).toEqual(expiredAt);
    expect(err.message).toBe('the token expired at 2026-12-01T08:00:00.000Z');
    const wrongAudience = await verifier.verify(await issuer.mint(kari, { expiresAt: expiredAt, audience: 'other' })).catch((e) => e);
    expect(wrongAudience).toBeInstanceOf(InvalidTokenError);
    expect(wrongAudience).not.toBeInstanceOf(TokenExpiredError);
  });

  it('refuses a municipalities claim with a number not in the register, naming it', async () => {
    const err = await verifier.verify(await issuer.mint({ ...kari, municipalities: ['4601', '4603', '9999'] })).catch((e) => e);
    expect(err).toBeInstanceOf(InvalidTokenError);
    expect(err.message).toBe("the municipalities claim holds 4603, 9999, not municipality numbers in SSB's register valid from 2026-01-01");
  });
});
