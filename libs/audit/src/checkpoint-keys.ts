// The checkpoint signing key lives with the worker (a file from configuration), never in the database; the API holds
// only the public keys (a JWKS), by key id, so a rotated-out key still verifies the checkpoints it signed.
import { exportJWK, generateKeyPair, JWK } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SigningKey } from './checkpoint';

export function readSigningKey(file: string): SigningKey {
  const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.kid) throw new Error(`${file} is not an Ed25519 private JWK with a kid`);
  return { kid: jwk.kid, privateJwk: jwk };
}

export function readVerifyKeys(file: string): Record<string, JWK> {
  const { keys } = JSON.parse(readFileSync(file, 'utf8')) as { keys: JWK[] };
  return Object.fromEntries(keys.filter((k) => k.kid).map((k) => [k.kid!, k]));
}

/** A key pair in `dir` for the embedded default and tests, made on first use: the private JWK and the public JWKS. */
export async function openCheckpointKeys(dir: string): Promise<{ keyFile: string; publicKeysFile: string }> {
  const keyFile = join(dir, 'checkpoint-private.jwk.json');
  const publicKeysFile = join(dir, 'checkpoint-public.jwks.json');
  if (!existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true });
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const kid = `audit-${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
    writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' }), { mode: 0o600 });
    writeFileSync(publicKeysFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] }));
  }
  return { keyFile, publicKeysFile };
}
