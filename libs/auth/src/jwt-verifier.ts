// Verifies OIDC bearer tokens (signature against a JWKS with pinned algorithms, issuer, audience, expiry, and where
// configured the `typ` header and a maximum age) and reads our claims.
import { LIMITS } from '../../persistence/src/limits';
import { createLocalJWKSet, createRemoteJWKSet, JSONWebKeySet, jwtVerify, JWTVerifyGetKey } from 'jose';
import { readFileSync } from 'node:fs';
import type { Role } from '../../case-machine/src/ip-case.meta';
import { isKnownMunicipality, MUNICIPALITY_REGISTER } from '../../municipalities/src/register';
import { Principal, ROLES } from './principal';
import { checkPurpose } from './purpose';

/**
 * Why a token was refused, as a code without any value from the token: what the API logs. The message (which may
 * quote claims) is for development answers only.
 */
export type TokenRefusal =
  | 'malformed'
  | 'algorithm'
  | 'unknown-key'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'type'
  | 'missing-claim'
  | 'not-yet-valid'
  | 'issued-in-future'
  | 'expired'
  | 'too-old'
  | 'subject'
  | 'role'
  | 'municipalities'
  | 'purpose'
  | 'keys-unavailable';

export class InvalidTokenError extends Error {
  constructor(
    message: string,
    readonly refusal: TokenRefusal = 'malformed',
  ) {
    super(message);
  }
}

/** A token that was valid (signature, issuer, audience) but whose `exp` has passed, or that is older than the maximum age. */
export class TokenExpiredError extends InvalidTokenError {
  constructor(
    readonly expiredAt: Date,
    refusal: 'expired' | 'too-old' = 'expired',
  ) {
    super(
      refusal === 'expired' ? `the token expired at ${expiredAt.toISOString()}` : `the token is older than this API accepts (since ${expiredAt.toISOString()})`,
      refusal,
    );
  }
}

/** Asymmetric algorithms only: the keys come from a JWKS of public keys. */
export const DEFAULT_TOKEN_ALGORITHMS = ['RS256', 'ES256'];

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  jwksUri?: string;
  jwksFile?: string;
  /** Accepted `alg` header values (default RS256, ES256); any other is refused. */
  algorithms?: string[];
  /** Required `typ` header, e.g. `at+jwt` (RFC 9068); unset: not checked. */
  tokenType?: string;
  /** Seconds after `iat` from which a token is refused although it has not expired; unset: `exp` only. */
  maxTokenAgeSeconds?: number;
}

const CLAIM_REFUSALS: Record<string, TokenRefusal> = { iss: 'issuer', aud: 'audience', typ: 'type', nbf: 'not-yet-valid', iat: 'issued-in-future' };
const CODE_REFUSALS: Record<string, TokenRefusal> = {
  ERR_JOSE_ALG_NOT_ALLOWED: 'algorithm',
  ERR_JWKS_NO_MATCHING_KEY: 'unknown-key',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'unknown-key',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'signature',
  ERR_JWS_INVALID: 'malformed',
  ERR_JWT_INVALID: 'malformed',
  ERR_JOSE_NOT_SUPPORTED: 'malformed',
};

export class JwtVerifier {
  private readonly keys: JWTVerifyGetKey;
  constructor(private readonly o: JwtVerifierOptions) {
    if (o.jwksUri) this.keys = createRemoteJWKSet(new URL(o.jwksUri));
    else if (o.jwksFile) this.keys = createLocalJWKSet(JSON.parse(readFileSync(o.jwksFile, 'utf8')) as JSONWebKeySet);
    else throw new Error('OIDC_JWKS_URI or OIDC_JWKS_FILE is required');
  }

  /**
   * Tokens verified lately, until they expire (or reach their maximum age), and for a minute at most so a key taken
   * out of the key set stops working soon: a client sends the same token with every request, and the signature check
   * is the API's costliest step.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && hit.until > now) return { ...hit.principal, municipalities: [...hit.principal.municipalities] };
    if (hit) this.verified.delete(token);
    const { principal, payload } = await this.verifyAfresh(token);
    const limits = [now + VERIFIED_FOR_MS, Number(payload.exp) * 1000];
    if (this.o.maxTokenAgeSeconds !== undefined) limits.push((Number(payload.iat) + this.o.maxTokenAgeSeconds) * 1000);
    const until = Math.min(...limits);
    if (until > now) {
      if (this.verified.size >= VERIFIED_MAX) this.verified.clear();
      this.verified.set(token, { principal: { ...principal, municipalities: [...principal.municipalities] }, until });
    }
    return principal;
  }

  private async verifyAfresh(token: string): Promise<{ principal: Principal; payload: Record<string, unknown> }> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.o.issuer,
        audience: this.o.audience,
        algorithms: this.o.algorithms ?? DEFAULT_TOKEN_ALGORITHMS,
        typ: this.o.tokenType,
        maxTokenAge: this.o.maxTokenAgeSeconds,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      throw refusalOf(e, this.o.maxTokenAgeSeconds);
    }
    // The subject is stored with every access-log entry and command: it must fit its column (LIMITS).
    if (typeof payload.sub !== 'string' || !payload.sub.trim() || payload.sub.length > LIMITS.personRef) {
      throw new InvalidTokenError(`the sub claim must be 1 to ${LIMITS.personRef} characters`, 'subject');
    }
    const role = payload.role as Role;
    const municipalities = payload.municipalities;
    if (!ROLES.includes(role)) throw new InvalidTokenError('the token has no known role', 'role');
    if (!Array.isArray(municipalities) || !municipalities.every((m) => typeof m === 'string' && /^\d{4}$/.test(m))) {
      throw new InvalidTokenError('the token has no municipality numbers', 'municipalities');
    }
    const unknown = municipalities.filter((m) => !isKnownMunicipality(m));
    if (unknown.length) {
      throw new InvalidTokenError(
        `the municipalities claim holds ${unknown.join(', ')}, not ${unknown.length === 1 ? 'a municipality number' : 'municipality numbers'} in SSB's register valid from ${MUNICIPALITY_REGISTER.validFrom}`,
        'municipalities',
      );
    }
    // A purpose the token states is the access log's for every request made with it: it must be one it can keep.
    let purpose: string | undefined;
    if (payload.purpose !== undefined) {
      const checked = checkPurpose(payload.purpose);
      if ('refusal' in checked) throw new InvalidTokenError(`the purpose claim ${checked.refusal}`, 'purpose');
      purpose = checked.text;
    }
    // The client is logged where it fits; a token is not refused for it.
    const client = payload.azp ?? payload.client_id;
    const clientId = typeof client === 'string' && client.length <= LIMITS.clientId ? client : undefined;
    const principal: Principal = {
      sub: String(payload.sub), name: String(payload.name ?? payload.sub), role, municipalities,
      ...(purpose ? { purpose } : {}), ...(clientId ? { clientId } : {}),
    };
    return { principal, payload };
  }
}

const VERIFIED_FOR_MS = 60_000;
const VERIFIED_MAX = 10_000;

/** jose's error as our refusal. jose checks signature, issuer and audience before the times: an expired token is otherwise genuine. */
function refusalOf(e: unknown, maxTokenAgeSeconds: number | undefined): InvalidTokenError {
  const { code, claim, reason, payload, message } = e as { code?: string; claim?: string; reason?: string; payload?: { exp?: unknown; iat?: unknown }; message?: string };
  if (code === 'ERR_JWT_EXPIRED' && claim === 'iat' && typeof payload?.iat === 'number' && maxTokenAgeSeconds !== undefined) {
    return new TokenExpiredError(new Date((payload.iat + maxTokenAgeSeconds) * 1000), 'too-old');
  }
  if (code === 'ERR_JWT_EXPIRED' && typeof payload?.exp === 'number') return new TokenExpiredError(new Date(payload.exp * 1000));
  const text = message ?? 'the token could not be verified';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return new InvalidTokenError(text, reason === 'missing' ? 'missing-claim' : (CLAIM_REFUSALS[claim ?? ''] ?? 'malformed'));
  // Anything else (the JWKS could not be fetched or read) is not the token's fault.
  return new InvalidTokenError(text, (code ? CODE_REFUSALS[code] : undefined) ?? (!code || code.startsWith('ERR_JWKS') ? 'keys-unavailable' : 'malformed'));
}
