// One audit checkpoint key pair for the whole suite (test-only, like TEST_ENCRYPTION_KEYS): every test file's worker
// signs with it and every API verifies with it, so checkpoint runs of one file do not look forged to another.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SigningKey } from '../../libs/audit/src';

const KID = 'test-audit-1';
const X = 'mO3u8d2Q1uC5oJWUoOItj6ipaWy1HLdeQ0IDeLmB5xU';
export const TEST_CHECKPOINT_KEY: SigningKey = {
  kid: KID,
  privateJwk: { kty: 'OKP', crv: 'Ed25519', x: X, d: 'ZKL8kDIgAo2MEI8-HFr4Ug2VXYgWaKBZOs58wuDcDBQ', kid: KID, alg: 'EdDSA' },
};
export const TEST_CHECKPOINT_PUBLIC_JWK = { kty: 'OKP', crv: 'Ed25519', x: X, kid: KID, alg: 'EdDSA', use: 'sig' };

/** The public keys as the API reads them (AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE). */
export function testCheckpointPublicKeysFile(): string {
  const dir = join(tmpdir(), `ke-ip-test-audit-keys-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'checkpoint-public.jwks.json');
  writeFileSync(file, JSON.stringify({ keys: [TEST_CHECKPOINT_PUBLIC_JWK] }));
  return file;
}
