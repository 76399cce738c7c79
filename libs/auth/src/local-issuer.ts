// A local OIDC token issuer for the embedded default and tests: an ES256 key pair on disk, a JWKS beside it.
import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from './principal';

export const LOCAL_ISSUER = 'http://localhost/ke-ip-local-issuer';
export const LOCAL_AUDIENCE = 'ke-ip-api';

export class LocalIssuer {
  private constructor(private readonly privateJwk: JWK, readonly jwksFile: string) {}

  /** Loads the key pair in `dir`, creating it on first use. */
  static async open(dir: string): Promise<LocalIssuer> {
    const privateFile = join(dir, 'issuer-private.jwk.json');
    const jwksFile = join(dir, 'jwks.json');
    if (!existsSync(privateFile)) {
      mkdirSync(dir, { recursive: true });
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      const kid = `local-${Date.now()}`;
      writeFileSync(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }), { mode: 0o600 });
      writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }));
    }
    return new LocalIssuer(JSON.parse(readFileSync(privateFile, 'utf8')), jwksFile);
  }

  /**
   * A signed token for `p`. `expiresIn` is a lifetime (`30m`, `8h`, `2d`, or seconds: `900`, `900s`; default 8h);
   * `expiresAt` an exact expiry instead (tests mint expired tokens with a past one).
   */
  async mint(p: Principal, options: { expiresIn?: string | number; expiresAt?: Date; audience?: string; issuer?: string; claims?: Record<string, unknown> } = {}): Promise<string> {
    const key = await importJWK(this.privateJwk, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const exp = options.expiresAt ? Math.floor(options.expiresAt.getTime() / 1000) : now + parseExpiresIn(options.expiresIn ?? '8h');
    const stated = { ...(p.purpose ? { purpose: p.purpose } : {}), ...(p.clientId ? { azp: p.clientId } : {}) };
    return new SignJWT({ name: p.name, role: p.role, municipalities: p.municipalities, ...stated, ...options.claims })
      .setProtectedHeader({ alg: 'ES256', kid: this.privateJwk.kid })
      .setSubject(p.sub)
      .setIssuer(options.issuer ?? LOCAL_ISSUER)
      .setAudience(options.audience ?? LOCAL_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(key);
  }
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A token lifetime in seconds: a positive whole number with an optional unit s, m, h or d (`30m`, `8h`, `3600`). */
export function parseExpiresIn(value: string | number): number {
  const m = /^(\d+)([smhd]?)$/.exec(String(value).trim());
  const seconds = m ? Number(m[1]) * UNIT_SECONDS[m[2] || 's'] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new Error(`expires-in must be a positive lifetime such as 900 (seconds), 30m, 8h or 2d, not "${value}"`);
  }
  return seconds;
}
