// A local OIDC token issuer for the embedded default and tests: an ES256 key pair on disk, a JWKS beside it.
import { exportJWK, generateKeyPair, importJWK, JWK, SignJWT } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Principal } from './principal';

export const LOCAL_ISSUER = 'http://localhost/ke-ip-local-issuer';
export const LOCAL_AUDIENCE = 'ke-ip-api';

export class LocalIssuer {
  private constructor(private readonly privateJwk: JWK, readonly jwksFile: string) {}

  /** Loads the key pair in `dir`, creating it on first use. */
  static async open(dir: string): Promise<LocalIssuer> {
    const privateFile = join(dir, 'issuer-private.jwk.json');
    const jwksFile = join(dir, 'jwks.json');
    if (!existsSync(privateFile)) {
      mkdirSync(dir, { recursive: true });
      const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
      const kid = `local-${Date.now()}`;
      writeFileSync(privateFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES256' }), { mode: 0o600 });
      writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }));
    }
    return new LocalIssuer(JSON.parse(readFileSync(privateFile, 'utf8')), jwksFile);
  }

  async mint(p: Principal, options: { expiresIn?: string; audience?: string; issuer?: string } = {}): Promise<string> {
    const key = await importJWK(this.privateJwk, 'ES256');
    return new SignJWT({ name: p.name, role: p.role, municipalities: p.municipalities })
      .setProtectedHeader({ alg: 'ES256', kid: this.privateJwk.kid })
      .setSubject(p.sub)
      .setIssuer(options.issuer ?? LOCAL_ISSUER)
      .setAudience(options.audience ?? LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '8h')
      .sign(key);
  }
}
