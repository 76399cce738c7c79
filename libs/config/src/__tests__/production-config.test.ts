// Production mode (NODE_ENV=production) refuses configuration that is only fit for a developer's machine.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCAL_ISSUER } from '../../../auth/src/local-issuer';
import { ConfigError, loadConfig } from '../env.config';

const strongKey = (id = 'prod-2026') => `${id}:${randomBytes(32).toString('base64')}`;
const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://ke:Xq7v2LpR9sWm4TzA@db.internal:5432/ke_ip',
  PAYLOAD_ENCRYPTION_KEYS: strongKey(),
  OIDC_ISSUER: 'https://idp.example',
  OIDC_AUDIENCE: 'ke-ip-api',
  OIDC_JWKS_URI: 'https://idp.example/jwks',
};

/** The message of the ConfigError `env` raises ('' when it loads). */
function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
}

describe('production configuration', () => {
  it('accepts a real identity provider, strong keys and a real database password', () => {
    const c = loadConfig(production);
    expect(c.NODE_ENV).toBe('production');
    expect(c.API_DOCS).toBe('off');
    expect(c.OIDC_ALGORITHMS).toEqual(['RS256', 'ES256']);
  });

  it('refuses an http:// JWKS URI', () => {
    expect(refusal({ ...production, OIDC_JWKS_URI: 'http://idp.example/jwks' })).toMatch(/OIDC_JWKS_URI: OIDC_JWKS_URI must be an https:\/\/ URL in production/);
  });

  it("refuses the local issuer and its key file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ke-ip-prod-issuer-'));
    writeFileSync(join(dir, 'jwks.json'), '{"keys":[]}');
    writeFileSync(join(dir, 'issuer-private.jwk.json'), '{}');
    const message = refusal({ ...production, OIDC_JWKS_URI: undefined, OIDC_JWKS_FILE: join(dir, 'jwks.json'), OIDC_ISSUER: LOCAL_ISSUER });
    expect(message).toMatch(/OIDC_JWKS_FILE: OIDC_JWKS_FILE is the local issuer's key file/);
    expect(message).toMatch(/OIDC_ISSUER: OIDC_ISSUER is the local development issuer/);
    // A JWKS file the identity provider's keys were copied to (nothing private beside it) is fine.
    const copy = mkdtempSync(join(tmpdir(), 'ke-ip-prod-jwks-'));
    writeFileSync(join(copy, 'jwks.json'), '{"keys":[]}');
    expect(refusal({ ...production, OIDC_JWKS_URI: undefined, OIDC_JWKS_FILE: join(copy, 'jwks.json') })).toBe('');
  });

  it('refuses an all-zero, weak or text payload key, the old keys too', () => {
    const key = (bytes: Buffer) => `k1:${bytes.toString('base64')}`;
    expect(refusal({ ...production, PAYLOAD_ENCRYPTION_KEYS: key(Buffer.alloc(32)) })).toMatch(/PAYLOAD_ENCRYPTION_KEYS: key k1 is all zeros/);
    expect(refusal({ ...production, PAYLOAD_ENCRYPTION_KEYS: key(Buffer.alloc(32, 7)) })).toMatch(/key k1 is weak \(1 distinct byte values\)/);
    expect(refusal({ ...production, PAYLOAD_ENCRYPTION_KEYS: key(Buffer.from('0123456789abcdef'.repeat(2))) })).toMatch(/key k1 is text, not random bytes/);
    expect(refusal({ ...production, PAYLOAD_ENCRYPTION_KEYS: key(Buffer.from('abcd'.repeat(8))) })).toMatch(/key k1 is weak \(4 distinct/);
    expect(refusal({ ...production, PAYLOAD_ENCRYPTION_KEYS: `${strongKey('new')},${key(Buffer.alloc(32))}` })).toMatch(/key k1 is all zeros/);
  });

  it('refuses duplicate key ids, in every mode', () => {
    const keys = `k1:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`;
    expect(refusal({ ...production, PAYLOAD_ENCRYPTION_KEYS: keys })).toMatch(/PAYLOAD_ENCRYPTION_KEYS: key id k1 is given more than once/);
    expect(refusal({ ...production, NODE_ENV: 'development', PAYLOAD_ENCRYPTION_KEYS: keys })).toMatch(/key id k1 is given more than once/);
  });

  it('refuses default database passwords, in the URL or PGPASSWORD', () => {
    for (const url of ['postgres://ke:change-me@postgres:5432/ke_ip', 'postgres://postgres:postgres@127.0.0.1:5432/ke_ip', 'postgresql://ke:ke@db/ke_ip']) {
      expect({ url, message: refusal({ ...production, DATABASE_URL: url }) }).toEqual({ url, message: expect.stringMatching(/DATABASE_URL: the database password is a default or example one/) });
    }
    expect(refusal({ ...production, DATABASE_URL: 'postgres://ke@db/ke_ip', PGPASSWORD: 'change-me' })).toMatch(/DATABASE_URL: the database password is a default/);
    // Without a password the server decides (client certificates, peer authentication).
    expect(refusal({ ...production, DATABASE_URL: 'postgres://ke@db/ke_ip?sslmode=verify-full' })).toBe('');
  });

  it('lets development keep the local issuer, the test keys and the embedded database', () => {
    const c = loadConfig({
      ...production,
      NODE_ENV: undefined,
      DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:54320/ke_ip',
      PAYLOAD_ENCRYPTION_KEYS: `dev:${Buffer.alloc(32, 7).toString('base64')}`,
      OIDC_ISSUER: LOCAL_ISSUER,
      OIDC_JWKS_URI: 'http://localhost:8080/jwks',
    });
    expect(c.NODE_ENV).toBe('development');
    expect(c.API_DOCS).toBe('public');
  });
});

describe('token and HTTP settings', () => {
  it('reads the algorithms, token type and maximum age', () => {
    const c = loadConfig({ ...production, OIDC_ALGORITHMS: 'PS256, ES384', OIDC_TOKEN_TYPE: 'at+jwt', OIDC_MAX_TOKEN_AGE: '8h' });
    expect(c.OIDC_ALGORITHMS).toEqual(['PS256', 'ES384']);
    expect(c.OIDC_TOKEN_TYPE).toBe('at+jwt');
    expect(c.OIDC_MAX_TOKEN_AGE).toBe(8 * 3600);
    expect(loadConfig(production).OIDC_MAX_TOKEN_AGE).toBeUndefined();
  });

  it('refuses symmetric or unknown algorithms, a bad token type or age', () => {
    const message = refusal({ ...production, OIDC_ALGORITHMS: 'RS256,HS256,none', OIDC_TOKEN_TYPE: 'at jwt', OIDC_MAX_TOKEN_AGE: 'a while' });
    expect(message).toMatch(/OIDC_ALGORITHMS: OIDC_ALGORITHMS must be a comma-separated list of RS256/);
    expect(message).toMatch(/OIDC_TOKEN_TYPE: OIDC_TOKEN_TYPE must be a media type/);
    expect(message).toMatch(/OIDC_MAX_TOKEN_AGE: OIDC_MAX_TOKEN_AGE must be a lifetime/);
  });

  it('has an explicit body limit, generous rate limits and docs modes', () => {
    const c = loadConfig(production);
    expect(c.HTTP_BODY_LIMIT).toBe('256kb');
    expect([c.RATE_LIMIT_REQUESTS, c.RATE_LIMIT_WINDOW]).toEqual([6000, 60]);
    const set = loadConfig({ ...production, HTTP_BODY_LIMIT: '1mb', RATE_LIMIT_REQUESTS: '100', RATE_LIMIT_WINDOW: '10s', API_DOCS: 'authenticated' });
    expect([set.HTTP_BODY_LIMIT, set.RATE_LIMIT_REQUESTS, set.RATE_LIMIT_WINDOW, set.API_DOCS]).toEqual(['1mb', 100, 10, 'authenticated']);
    const message = refusal({ ...production, HTTP_BODY_LIMIT: 'lots', RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_WINDOW: 'soon', API_DOCS: 'yes' });
    for (const v of ['HTTP_BODY_LIMIT', 'RATE_LIMIT_REQUESTS', 'RATE_LIMIT_WINDOW', 'API_DOCS']) expect(message).toMatch(new RegExp(`^  ${v}: `, 'm'));
  });
});
