// The keys a local engine runs with (npm start, npm run cluster): the payload key, the local token issuer and the
// audit checkpoint key pair, made once in a data folder and reused; production brings its own (README).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCheckpointKeys } from '../libs/audit/src';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from '../libs/auth/src';

export interface LocalKeys {
  issuer: LocalIssuer;
  /** The configuration they make, each variable only where the environment does not set it already (undefined: unset it). */
  env: Record<string, string | undefined>;
}

export async function openLocalKeys(dataDir: string): Promise<LocalKeys> {
  mkdirSync(dataDir, { recursive: true });
  const keyFile = join(dataDir, 'payload-key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, `dev-1:${randomBytes(32).toString('base64')}`, { mode: 0o600 });
  const issuer = await LocalIssuer.open(join(dataDir, 'issuer'));
  // The audit checkpoint key pair: the worker signs, the API verifies.
  const checkpointKeys = await openCheckpointKeys(join(dataDir, 'audit'));
  return {
    issuer,
    env: {
      PAYLOAD_ENCRYPTION_KEYS: process.env.PAYLOAD_ENCRYPTION_KEYS ?? readFileSync(keyFile, 'utf8').trim(),
      OIDC_ISSUER: process.env.OIDC_ISSUER ?? LOCAL_ISSUER,
      OIDC_AUDIENCE: process.env.OIDC_AUDIENCE ?? LOCAL_AUDIENCE,
      OIDC_JWKS_FILE: process.env.OIDC_JWKS_URI ? undefined : issuer.jwksFile,
      AUDIT_CHECKPOINT_KEY_FILE: process.env.AUDIT_CHECKPOINT_KEY_FILE ?? checkpointKeys.keyFile,
      AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE: process.env.AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE ?? checkpointKeys.publicKeysFile,
      AUDIT_CHECKPOINT_EXPORT_DIR: process.env.AUDIT_CHECKPOINT_EXPORT_DIR ?? join(dataDir, 'audit', 'checkpoints'),
    },
  };
}
