import 'reflect-metadata';
// Configuration from the environment, validated at start: a bad value stops the process with a clear message.
import { plainToInstance, Transform, Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LOCAL_ISSUER, parseExpiresIn } from '../../auth/src/local-issuer';

/** Signature algorithms a token may use: asymmetric only (a JWKS holds public keys; `none` and HS* are never taken). */
export const TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export const API_DOCS_MODES = ['off', 'authenticated', 'public'] as const;

/** A lifetime in seconds (`900`, `30m`, `8h`, `2d`), NaN when it is not one (the validator names the variable). */
const seconds = () => Transform(({ value }) => {
  if (typeof value === 'number') return value;
  try {
    return parseExpiresIn(String(value));
  } catch {
    return NaN;
  }
});
const list = () => Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value));

export class EnvConfig {
  /** `production` turns on the checks in `productionProblems` and keeps the reasons for refused tokens in the log. */
  @IsIn(['development', 'test', 'production']) NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @IsString() TEMPORAL_ADDRESS = '127.0.0.1:7233';
  @IsString() TEMPORAL_NAMESPACE = 'default';
  @IsString() TEMPORAL_TASK_QUEUE = 'ip-case';
  /** Mutual TLS to Temporal (production): the CA that signed the server's certificate, and this client's pair. */
  @IsOptional() @IsString() TEMPORAL_TLS_CA_FILE?: string;
  @ValidateIf((o: EnvConfig) => !!o.TEMPORAL_TLS_KEY_FILE) @IsString({ message: 'TEMPORAL_TLS_CERT_FILE is required with TEMPORAL_TLS_KEY_FILE' })
  TEMPORAL_TLS_CERT_FILE?: string;
  @ValidateIf((o: EnvConfig) => !!o.TEMPORAL_TLS_CERT_FILE) @IsString({ message: 'TEMPORAL_TLS_KEY_FILE is required with TEMPORAL_TLS_CERT_FILE' })
  TEMPORAL_TLS_KEY_FILE?: string;
  @IsOptional() @IsString() TEMPORAL_TLS_SERVER_NAME?: string;
  /** How long the API waits for a case to answer a command before it answers 504 (the command may still apply). */
  @Type(() => Number) @IsInt() @Min(1000) @Max(600_000) TEMPORAL_UPDATE_TIMEOUT_MS = 30_000;
  /**
   * Worker: how many case workflows it keeps in memory between tasks (the SDK's `maxCachedWorkflows`). 3,000: since
   * the holiday calendar is shared by the workflow thread, the scale bench measured 0.28 MiB of RSS per cached case up
   * to 3,000 (1.8 GiB for the worker) at a steady ~50 ms of worker CPU per intake; at 6,000 it still ran (3.1 GiB) but
   * at 70–90 ms. (Before, at 2.66 MiB per case, a worker degraded past ~1,600 and died before 1,900.) Workflows beyond the
   * cache keep running and replay from history on their next task. 0 turns the cache and sticky task queues off: a
   * worker that dies leaves no sticky queue behind (the time-skipping test server never times one out).
   */
  @Type(() => Number) @IsInt({ message: 'TEMPORAL_MAX_CACHED_WORKFLOWS must be a whole number of workflows' }) @Min(0)
  TEMPORAL_MAX_CACHED_WORKFLOWS = 3000;

  /** "keyId:base64(32 bytes)[,olderId:base64...]": the first key encrypts, all decrypt. */
  @Matches(/^[A-Za-z0-9_.-]+:[A-Za-z0-9+/=]{44}(,[A-Za-z0-9_.-]+:[A-Za-z0-9+/=]{44})*$/, {
    message: 'PAYLOAD_ENCRYPTION_KEYS must be "<keyId>:<base64 of 32 bytes>" (comma-separated for rotation)',
  })
  PAYLOAD_ENCRYPTION_KEYS: string;

  @IsString() OIDC_ISSUER: string;
  @IsString() OIDC_AUDIENCE: string;
  @ValidateIf((o: EnvConfig) => !o.OIDC_JWKS_FILE) @IsUrl({ require_tld: false }, { message: 'OIDC_JWKS_URI must be a URL (or set OIDC_JWKS_FILE)' })
  OIDC_JWKS_URI?: string;
  @IsOptional() @IsString() OIDC_JWKS_FILE?: string;
  /** The algorithms a token's signature may use (its `alg`); anything else is refused. */
  @list() @IsArray() @ArrayMinSize(1, { message: 'OIDC_ALGORITHMS must name at least one algorithm' })
  @IsIn(TOKEN_ALGORITHMS, { each: true, message: `OIDC_ALGORITHMS must be a comma-separated list of ${TOKEN_ALGORITHMS.join(', ')}` })
  OIDC_ALGORITHMS: string[] = ['RS256', 'ES256'];
  /** The `typ` header a token must carry, e.g. `at+jwt` (RFC 9068); unset: not checked. */
  @IsOptional() @Matches(/^[A-Za-z0-9.+-]+(\/[A-Za-z0-9.+-]+)?$/, { message: 'OIDC_TOKEN_TYPE must be a media type such as at+jwt' })
  OIDC_TOKEN_TYPE?: string;
  /** Seconds since `iat` after which a token is refused even if it has not expired; unset: no limit but `exp`. */
  @IsOptional() @seconds() @IsInt({ message: 'OIDC_MAX_TOKEN_AGE must be a lifetime such as 900 (seconds), 30m or 8h' })
  OIDC_MAX_TOKEN_AGE?: number;

  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsIn(['error', 'warn', 'log', 'debug']) LOG_LEVEL = 'log';
  @Transform(({ value }) => value === true || value === 'true') SEARCH_ATTRIBUTES = true;
  /** Accept Skatteetaten's synthetic test numbers (Tenor) as identity numbers: test data, never in production. */
  /** Absent: allowed, except in production (set in loadConfig from NODE_ENV). */
  @IsOptional() @Transform(({ value }) => value === true || value === 'true')
  SYNTHETIC_NATIONAL_IDS?: boolean;

  /** Largest JSON request body; a larger one is 413. */
  @Matches(/^[1-9]\d*(b|kb|mb)$/, { message: 'HTTP_BODY_LIMIT must be a size such as 256kb or 1mb' }) HTTP_BODY_LIMIT = '256kb';
  /** Requests per principal (the token's subject; the client address without a valid token) per window. */
  @Type(() => Number) @IsInt({ message: 'RATE_LIMIT_REQUESTS must be a whole number of requests' }) @Min(1) RATE_LIMIT_REQUESTS = 6000;
  @seconds() @IsInt({ message: 'RATE_LIMIT_WINDOW must be a duration such as 60 (seconds), 1m or 1h' }) RATE_LIMIT_WINDOW = 60;
  /** The worker's Ed25519 private JWK (with kid) that signs audit checkpoints; never in the database. */
  @IsOptional() @IsString() AUDIT_CHECKPOINT_KEY_FILE?: string;
  /** The API's JWKS of checkpoint public keys (every key id that signed checkpoints still to be verified). */
  @IsOptional() @IsString() AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE?: string;
  /** Where the worker also writes each checkpoint (JSON lines, a file per month), outside the database. */
  @IsOptional() @IsString() AUDIT_CHECKPOINT_EXPORT_DIR?: string;
  /** How often the schedule signs the chains' heads. */
  @seconds() @IsInt({ message: 'AUDIT_CHECKPOINT_EVERY must be a duration such as 3600 (seconds), 15m or 1h' }) @Min(60) AUDIT_CHECKPOINT_EVERY = 3600;

  /** How the worker delivers records to the archive: `file` (a drop folder, the embedded default), `http`, or `off` (kept in the outbox). */
  @IsIn(['off', 'file', 'http'], { message: 'ARCHIVE_TRANSPORT must be one of off, file, http' }) ARCHIVE_TRANSPORT: 'off' | 'file' | 'http' = 'off';
  /** The drop folder of the file transport: {dir}/outbox/<message>/ out, {dir}/replies/<message>/replies.json back. */
  @ValidateIf((c: EnvConfig) => c.ARCHIVE_TRANSPORT === 'file') @IsString({ message: 'ARCHIVE_DROP_DIR is required when ARCHIVE_TRANSPORT is file' })
  ARCHIVE_DROP_DIR?: string;
  /** The archive endpoint of the http transport. */
  @ValidateIf((c: EnvConfig) => c.ARCHIVE_TRANSPORT === 'http') @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'ARCHIVE_HTTP_URL must be an http(s) URL when ARCHIVE_TRANSPORT is http' })
  ARCHIVE_HTTP_URL?: string;
  /** How long one delivery attempt waits for the archive's kvittering before it is resent (same payload, same message id). */
  @seconds() @IsInt({ message: 'ARCHIVE_RECEIPT_WAIT must be a duration such as 60 (seconds) or 2m' }) @Min(1) ARCHIVE_RECEIPT_WAIT = 60;
  /** Back-off of resends: first interval and the longest; attempts of one message before it becomes an incident. */
  @seconds() @IsInt() @Min(1) ARCHIVE_RETRY_INITIAL = 2;
  @seconds() @IsInt() @Min(1) ARCHIVE_RETRY_MAX = 300;
  @Type(() => Number) @IsInt() @Min(1) ARCHIVE_RETRY_ATTEMPTS = 100;
  /** An attempt heartbeats while it waits for the kvittering: a worker gone mid-attempt is noticed after this. */
  @seconds() @IsInt() @Min(1) ARCHIVE_HEARTBEAT_TIMEOUT = 10;

  /** The monthly log review proposes a person who read at least this many cases on one day (GET /access-log/review-proposals). */
  @Type(() => Number) @IsInt({ message: 'ACCESS_REVIEW_DAILY_CASES must be a whole number of cases' }) @Min(1) ACCESS_REVIEW_DAILY_CASES = 20;
  /** `/docs` and `/docs/openapi.json`: `off`, `authenticated` (the JSON document with a valid token, no UI) or `public`. */
  @IsOptional() @IsIn(API_DOCS_MODES, { message: `API_DOCS must be one of ${API_DOCS_MODES.join(', ')}` }) API_DOCS?: (typeof API_DOCS_MODES)[number];
}

export class ConfigError extends Error {}

interface Problem {
  property: string;
  message: string;
}

/** Passwords the compose file, the embedded server and examples use: never a production database's. */
const DEFAULT_DATABASE_PASSWORDS = ['change-me', 'changeme', 'postgres', 'password', 'secret', 'admin', 'example', 'ke', 'ke_ip', 'temporal', 'test'];

function payloadKeyProblems(value: string, production: boolean): Problem[] {
  const problems: Problem[] = [];
  const keys = value.split(',').map((k) => k.split(':'));
  const ids = keys.map(([id]) => id);
  const duplicates = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (duplicates.length) problems.push({ property: 'PAYLOAD_ENCRYPTION_KEYS', message: `key id ${duplicates.join(', ')} is given more than once (each key needs its own id)` });
  for (const [id, b64] of keys) {
    const bytes = Buffer.from(b64, 'base64');
    if (bytes.length !== 32) {
      problems.push({ property: 'PAYLOAD_ENCRYPTION_KEYS', message: `key ${id} is not 32 bytes of base64` });
    } else if (production) {
      // A random 32-byte key has about 30 distinct byte values and is almost never all printable text.
      const distinct = new Set(bytes).size;
      if (bytes.every((b) => b === 0)) problems.push({ property: 'PAYLOAD_ENCRYPTION_KEYS', message: `key ${id} is all zeros` });
      else if (distinct < 16) problems.push({ property: 'PAYLOAD_ENCRYPTION_KEYS', message: `key ${id} is weak (${distinct} distinct byte values): use 32 random bytes` });
      else if (bytes.every((b) => b >= 0x20 && b <= 0x7e)) problems.push({ property: 'PAYLOAD_ENCRYPTION_KEYS', message: `key ${id} is text, not random bytes: use 32 random bytes` });
    }
  }
  return problems;
}

/** What production mode (`NODE_ENV=production`) refuses on top of the checks every mode makes. */
function productionProblems(c: EnvConfig, env: Record<string, string | undefined>): Problem[] {
  const problems: Problem[] = [];
  if (c.OIDC_JWKS_URI && !/^https:\/\//i.test(c.OIDC_JWKS_URI)) {
    problems.push({ property: 'OIDC_JWKS_URI', message: 'OIDC_JWKS_URI must be an https:// URL in production' });
  }
  if (c.OIDC_ISSUER === LOCAL_ISSUER) {
    problems.push({ property: 'OIDC_ISSUER', message: 'OIDC_ISSUER is the local development issuer; production takes tokens from the real identity provider' });
  }
  // The local issuer keeps its private key beside its JWKS: a process that can read it can mint any token.
  if (c.OIDC_JWKS_FILE && existsSync(join(dirname(c.OIDC_JWKS_FILE), 'issuer-private.jwk.json'))) {
    problems.push({ property: 'OIDC_JWKS_FILE', message: "OIDC_JWKS_FILE is the local issuer's key file (its private key lies beside it); production takes the identity provider's keys" });
  }
  let url: URL | undefined;
  try {
    url = new URL(c.DATABASE_URL);
  } catch {
    problems.push({ property: 'DATABASE_URL', message: 'DATABASE_URL is not a URL' });
  }
  if (url) {
    const user = decodeURIComponent(url.username);
    const password = url.password ? decodeURIComponent(url.password) : env.PGPASSWORD;
    // No password at all is left to the server (certificates, peer authentication, .pgpass).
    if (password !== undefined && (DEFAULT_DATABASE_PASSWORDS.includes(password.toLowerCase()) || password === user || password.length === 0)) {
      problems.push({ property: 'DATABASE_URL', message: 'the database password is a default or example one; set a real secret' });
    }
  }
  return problems;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): EnvConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(EnvConfig, defined, { exposeDefaultValues: true });
  const problems: Problem[] = validateSync(config, { whitelist: false }).map((e) => ({ property: e.property, message: Object.values(e.constraints ?? {}).join('; ') }));
  const production = config.NODE_ENV === 'production';
  if (!problems.some((p) => p.property === 'PAYLOAD_ENCRYPTION_KEYS')) problems.push(...payloadKeyProblems(config.PAYLOAD_ENCRYPTION_KEYS, production));
  if (production && !problems.some((p) => ['DATABASE_URL', 'OIDC_JWKS_URI', 'OIDC_JWKS_FILE'].includes(p.property))) problems.push(...productionProblems(config, env));
  if (problems.length) {
    throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p.property}: ${p.message}`).join('\n')}`);
  }
  config.API_DOCS ??= production ? 'off' : 'public';
  config.SYNTHETIC_NATIONAL_IDS ??= !production;
  return config;
}
