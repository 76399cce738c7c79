// Verifies OIDC bearer tokens (signature against a JWKS, issuer, audience, expiry) and reads our claims.
import { createLocalJWKSet, createRemoteJWKSet, JSONWebKeySet, jwtVerify, JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import type { Role } from '../../case-machine/src/ip-case.meta';
import { isKnownMunicipality, MUNICIPALITY_REGISTER } from '../../municipalities/src/register';
import { Principal, ROLES } from './principal';

export class InvalidTokenError extends Error {}

/** A token that was valid (signature, issuer, audience) but whose `exp` has passed. */
export class TokenExpiredError extends InvalidTokenError {
  constructor(readonly expiredAt: Date) {
    super(`the token expired at ${expiredAt.toISOString()}`);
  }
}

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  jwksUri?: string;
  jwksFile?: string;
}

export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;
  constructor(private readonly o: JwtVerifierOptions) {
    if (o.jwksUri) this.keys = createRemoteJWKSet(new URL(o.jwksUri));
    else if (o.jwksFile) this.keys = createLocalJWKSet(JSON.parse(readFileSync(o.jwksFile, 'utf8')) as JSONWebKeySet);
    else throw new Error('OIDC_JWKS_URI or OIDC_JWKS_FILE is required');
  }

  async verify(token: string): Promise<Principal> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { issuer: this.o.issuer, audience: this.o.audience, requiredClaims: ['exp', 'sub'] }));
    } catch (e) {
      // jose checks the signature, issuer and audience before the expiry: an expired token here is otherwise genuine.
      const exp = (e as { code?: string; payload?: { exp?: unknown } }).payload?.exp;
      if ((e as { code?: string }).code === 'ERR_JWT_EXPIRED' && typeof exp === 'number') throw new TokenExpiredError(new Date(exp * 1000));
      throw new InvalidTokenError((e as Error).message);
    }
    const role = payload.role as Role;
    const municipalities = payload.municipalities;
    if (!ROLES.includes(role)) throw new InvalidTokenError('the token has no known role');
    if (!Array.isArray(municipalities) || !municipalities.every((m) => typeof m === 'string' && /^\d{4}$/.test(m))) {
      throw new InvalidTokenError('the token has no municipality numbers');
    }
    const unknown = municipalities.filter((m) => !isKnownMunicipality(m));
    if (unknown.length) {
      throw new InvalidTokenError(
        `the municipalities claim holds ${unknown.join(', ')}, not ${unknown.length === 1 ? 'a municipality number' : 'municipality numbers'} in SSB's register valid from ${MUNICIPALITY_REGISTER.validFrom}`,
      );
    }
    return { sub: String(payload.sub), name: String(payload.name ?? payload.sub), role, municipalities };
  }
}
