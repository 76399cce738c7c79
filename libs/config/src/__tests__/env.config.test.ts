import { ConfigError, loadConfig } from '../env.config';

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/ke_ip',
  PAYLOAD_ENCRYPTION_KEYS: 'k1:' + Buffer.alloc(32, 1).toString('base64'),
  OIDC_ISSUER: 'https://idp.example',
  OIDC_AUDIENCE: 'ke-ip-api',
  OIDC_JWKS_URI: 'https://idp.example/jwks',
};

describe('loadConfig', () => {
  it('applies defaults to a valid environment', () => {
    const c = loadConfig(valid);
    expect(c.PORT).toBe(3000);
    expect(c.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(c.SEARCH_ATTRIBUTES).toBe(true);
    expect(c.TEMPORAL_MAX_CACHED_WORKFLOWS).toBe(3000); // where the scale bench's worker still ran at its steady cost per case
  });

  it('takes 0 cached workflows (no sticky queue), refuses a negative or fractional count', () => {
    expect(loadConfig({ ...valid, TEMPORAL_MAX_CACHED_WORKFLOWS: '0' }).TEMPORAL_MAX_CACHED_WORKFLOWS).toBe(0);
    expect(() => loadConfig({ ...valid, TEMPORAL_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/TEMPORAL_MAX_CACHED_WORKFLOWS/);
    expect(() => loadConfig({ ...valid, TEMPORAL_MAX_CACHED_WORKFLOWS: '1.5' })).toThrow(/whole number of workflows/);
  });

  it('names every bad variable and why', () => {
    const run = () => loadConfig({ ...valid, DATABASE_URL: 'mysql://x', PORT: 'eighty', PAYLOAD_ENCRYPTION_KEYS: 'k1:short', OIDC_JWKS_URI: undefined });
    expect(run).toThrow(ConfigError);
    const message = (() => { try { run(); } catch (e) { return (e as Error).message; } return ''; })();
    expect(message).toMatch(/DATABASE_URL: DATABASE_URL must be a postgres:\/\/ URL/);
    expect(message).toMatch(/PORT:/);
    expect(message).toMatch(/PAYLOAD_ENCRYPTION_KEYS/);
    expect(message).toMatch(/OIDC_JWKS_URI/);
  });
});
