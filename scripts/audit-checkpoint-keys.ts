// `npm run audit-keys -- [folder]` (default .certs/audit): an Ed25519 key pair for signing audit checkpoints.
// The private JWK goes to the worker only (AUDIT_CHECKPOINT_KEY_FILE); the public JWKS to the API
// (AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE). Keep the private key out of the database host's reach. To rotate: make a new
// pair in another folder, give the worker the new private key, and give the API a JWKS with both public keys.
import { join } from 'node:path';
import { openCheckpointKeys } from '../libs/audit/src';
import { ROOT } from './services';

async function main() {
  const arg = process.argv[2];
  if (arg === '--help' || arg === '-h') {
    console.log('usage: npm run audit-keys -- [folder]   (default .certs/audit; an existing pair is kept)');
    return;
  }
  const { keyFile, publicKeysFile } = await openCheckpointKeys(arg ?? join(ROOT, '.certs/audit'));
  console.log(`audit checkpoint keys:\n  private (worker, AUDIT_CHECKPOINT_KEY_FILE):     ${keyFile}\n  public  (API, AUDIT_CHECKPOINT_PUBLIC_KEYS_FILE): ${publicKeysFile}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
