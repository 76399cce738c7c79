// Verifies OIDC bearer tokens (signature against a JWKS, issuer, audience, expiry) and reads our claims.
import { createLocalJWKSet, createRemoteJWKSet, JSONWebKeySet, jwtVerify, JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import type { Role } from '../../case-machine/src/ip-case.meta';
import { Principal, ROLES } from './principal';

export class InvalidTokenError extends Error {}

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
      throw new InvalidTokenError((e as Error).message);
    }
    const role = payload.role as Role;
    const municipalities = payload.municipalities;
    if (!ROLES.includes(role)) throw new InvalidTokenError('the token has no known role');
    if (!Array.isArray(municipalities) || !municipalities.every((m) => typeof m === 'string' && /^\d{4}$/.test(m))) {
      throw new InvalidTokenError('the token has no municipality numbers');
    }
    return { sub: String(payload.sub), name: String(payload.name ?? payload.sub), role, municipalities };
  }
}
