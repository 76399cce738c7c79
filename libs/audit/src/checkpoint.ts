// Signed checkpoints of the audit chains: the head of a chain (position, hash, time) signed with a key the database
// does not hold (Ed25519, JWS with a key id for rotation). Even someone with full database rights who rewrites a chain
// consistently cannot make it match a checkpoint signed before.
import { CompactSign, compactVerify, importJWK, JWK } from 'jose';

export interface ChainHead {
  municipality: string;
  position: number;
  hash: string;
  at: string;
}

export interface SigningKey {
  kid: string;
  privateJwk: JWK;
}

export async function signCheckpoint(head: ChainHead, key: SigningKey): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, 'EdDSA');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(head))).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'audit-checkpoint' }).sign(privateKey);
}

/** The head a checkpoint vouches for, if one of `publicJwks` (by kid) signed it; throws when none did. */
export async function verifyCheckpoint(jws: string, publicJwks: Record<string, JWK>): Promise<ChainHead> {
  const { payload } = await compactVerify(jws, async (header) => {
    const jwk = header.kid ? publicJwks[header.kid] : undefined;
    if (!jwk || header.alg !== 'EdDSA') throw new Error(`no audit checkpoint key with id ${header.kid ?? '(none)'}`);
    return importJWK(jwk, 'EdDSA');
  });
  return JSON.parse(new TextDecoder().decode(payload)) as ChainHead;
}
