import express from 'express';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload } from 'jose';
import { createHmac } from 'node:crypto';
import { JwtValidationError, createJwtValidator, type JwtRejection } from '../../src/index.js';
import { start, type Running } from './support/servers.js';

const ISSUER = 'https://issuer.example.org';
const AUDIENCE = 'vospace';

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

describe('JWT validation against a JWKS server', () => {
  let jwks: Running;
  let jwksFetches = 0;
  let privateKey: CryptoKey;
  let publicJwk: JWK;
  let otherKey: CryptoKey;
  let otherJwk: JWK;
  const published: JWK[] = [];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const other = await generateKeyPair('RS256');
    otherKey = other.privateKey;
    otherJwk = { ...(await exportJWK(other.publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' };
    published.push(publicJwk);
    const app = express();
    app.get('/jwks', (_req, res) => {
      jwksFetches++;
      res.json({ keys: published });
    });
    jwks = await start(app);
  });
  afterAll(() => jwks.close());

  const validator = (): ReturnType<typeof createJwtValidator> =>
    createJwtValidator({ issuer: ISSUER, audience: AUDIENCE, jwksUri: `${jwks.origin}/jwks`, cooldownMs: 60_000 });

  async function sign(claims: JWTPayload, options: { kid?: string; key?: CryptoKey } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'alice', iat: now, exp: now + 600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'k1' })
      .sign(options.key ?? privateKey);
  }

  async function reason(token: string): Promise<JwtRejection | 'accepted'> {
    try {
      await validator().verify(token);
      return 'accepted';
    } catch (error) {
      expect(error).toBeInstanceOf(JwtValidationError);
      expect((error as Error).message).not.toContain(token);
      return (error as JwtValidationError).reason;
    }
  }

  it('accepts a valid token', async () => {
    const payload = await validator().verify(await sign({}));
    expect(payload.sub).toBe('alice');
  });

  it('rejects each kind of bad token with a distinct reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = b64url(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 'alice', exp: now + 600 }));
    const none = `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${body}.`;
    // Classic key confusion: HS256 "signed" with the issuer's public RSA key as the HMAC secret.
    const hsHeader = b64url(JSON.stringify({ alg: 'HS256', kid: 'k1' }));
    const hmacSecret = JSON.stringify(publicJwk);
    const hs256 = `${hsHeader}.${body}.${b64url(createHmac('sha256', hmacSecret).update(`${hsHeader}.${body}`).digest())}`;
    const valid = await sign({});
    const [h, , s] = valid.split('.');
    const tampered = `${h}.${b64url(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: 'mallory', exp: now + 600 }))}.${s}`;

    const results = {
      none: await reason(none),
      hs256: await reason(hs256),
      expired: await reason(await sign({ exp: now - 3600 })),
      notYetValid: await reason(await sign({ nbf: now + 3600 })),
      wrongIssuer: await reason(await sign({ iss: 'https://evil.example.org' })),
      wrongAudience: await reason(await sign({ aud: 'someone-else' })),
      tampered: await reason(tampered),
      unknownKid: await reason(await sign({}, { kid: 'k-unknown', key: otherKey })),
    };
    expect(results).toEqual({
      none: 'algorithm',
      hs256: 'algorithm',
      expired: 'expired',
      notYetValid: 'not-yet-valid',
      wrongIssuer: 'issuer',
      wrongAudience: 'audience',
      tampered: 'signature',
      unknownKid: 'unknown-key',
    });
  });

  it('refetches the JWKS once for an unknown kid, then waits out the cooldown', async () => {
    const v = validator();
    const before = jwksFetches;
    await v.verify(await sign({}));
    expect(jwksFetches - before).toBe(1);
    const stranger = await sign({}, { kid: 'k-new', key: otherKey });
    await expect(v.verify(stranger)).rejects.toMatchObject({ reason: 'unknown-key' });
    await expect(v.verify(stranger)).rejects.toMatchObject({ reason: 'unknown-key' });
    // Keys were just fetched: the cooldown stops a refetch storm from unknown kids.
    expect(jwksFetches - before).toBe(1);
  });

  it('picks up a rotated key with one refetch once the cooldown allows', async () => {
    const v = createJwtValidator({ issuer: ISSUER, audience: AUDIENCE, jwksUri: `${jwks.origin}/jwks`, cooldownMs: 0 });
    await v.verify(await sign({}));
    published.push(otherJwk);
    try {
      const before = jwksFetches;
      const payload = await v.verify(await sign({}, { kid: 'k2', key: otherKey }));
      expect(payload.sub).toBe('alice');
      expect(jwksFetches - before).toBe(1);
    } finally {
      published.pop();
    }
  });

  it('refuses to be configured with none or HMAC algorithms', () => {
    expect(() =>
      createJwtValidator({ issuer: ISSUER, audience: AUDIENCE, jwksUri: `${jwks.origin}/jwks`, algorithms: ['HS256'] }),
    ).toThrow(/unsafe/);
  });
});
