import 'reflect-metadata';
// Configuration from the environment, validated at start: a bad value stops the process with a clear message.
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf, validateSync } from 'class-validator';

export class EnvConfig {
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

  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsIn(['error', 'warn', 'log', 'debug']) LOG_LEVEL = 'log';
  @Transform(({ value }) => value === true || value === 'true') SEARCH_ATTRIBUTES = true;
  /** Accept Skatteetaten's synthetic test numbers (Tenor) as identity numbers: test data, never in production. */
  @Transform(({ value }) => value === true || value === 'true')
  SYNTHETIC_NATIONAL_IDS = process.env.NODE_ENV !== 'production';
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): EnvConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(EnvConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
