import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import { readJsonFile, writeJsonAtomic } from '../store/index.js';

/** The platform's token signing key: the private JWK (for oidc-provider) and imported keys (for jose). */
export interface SigningKey {
  /** Key id, published in the JWKS and in every token header. */
  kid: string;
  /** Signature algorithm. */
  alg: 'RS256';
  /** Private key as a JWK (with `kid`, `alg`, `use`), as oidc-provider's `jwks` option wants it. */
  privateJwk: JWK;
  /** Private key for signing. */
  privateKey: CryptoKey;
  /** Public key for verifying. */
  publicKey: CryptoKey;
}

/**
 * Loads the signing key from `<dataDir>/keys/signing-key.json`, generating
 * and persisting it (mode 0600, atomic write) on first start, so tokens
 * stay valid across restarts.
 */
export async function loadSigningKey(dataDir: string): Promise<SigningKey> {
  const path = join(dataDir, 'keys', 'signing-key.json');
  let jwk = (await readJsonFile(path)) as JWK | undefined;
  if (jwk === undefined) {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    jwk = { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
    await writeJsonAtomic(path, jwk, { mode: 0o600 });
  }
  if (jwk.kty !== 'RSA' || typeof jwk.d !== 'string' || typeof jwk.kid !== 'string') {
    throw new Error(`${path} does not hold an RSA private key with a kid`);
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  return {
    kid: jwk.kid,
    alg: 'RS256',
    privateJwk: jwk,
    privateKey: (await importJWK(jwk, 'RS256')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'RS256')) as CryptoKey,
  };
}
