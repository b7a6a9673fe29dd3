// Offline access-token validation against the issuer's JWKS (no
// introspection: SciTokens-style issuers do not offer it). jose does the
// cryptography and the key cache; this module pins the algorithms (never
// `none`, never HMAC, so a public key can't be used as an HMAC secret) and
// turns jose's errors into one error type with a precise `reason`.

// jose's subpaths, not its root: the root loads all of JOSE (JWE, key generation), a third of a broker's start-up memory.
import * as errors from 'jose/errors';
import { createRemoteJWKSet, customFetch } from 'jose/jwks/remote';
import type { JWTPayload } from 'jose';
import { jwtVerify } from 'jose/jwt/verify';
import { JwtValidationError, VobridgeError, type JwtRejection } from '../../errors.js';
import type { FetchLike } from '../../lib/request.js';

/** Options of {@link createJwtValidator}. */
export interface JwtValidatorOptions {
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud` (any of them). */
  audience: string | string[];
  /** The issuer's JWKS URL (`jwks_uri` from its metadata). */
  jwksUri: string | URL;
  /** Accepted signature algorithms (default RS256, PS256, ES256, EdDSA). Symmetric and `none` are refused. */
  algorithms?: string[];
  /** Leeway for `exp`/`nbf` in seconds (default 30). */
  clockToleranceSec?: number;
  /** Minimum time between two JWKS fetches caused by unknown `kid`s, ms (default 30 000). */
  cooldownMs?: number;
  /** How long fetched keys are trusted before a refetch, ms (default 600 000). */
  cacheMaxAgeMs?: number;
  /** `fetch` for the JWKS. */
  fetch?: FetchLike;
  /** Clock in epoch ms for claim checks (default `Date.now`). */
  now?: () => number;
}

/** Validates JWTs from one issuer. */
export interface JwtValidator {
  /** Verifies signature and claims; resolves to the payload or rejects with {@link JwtValidationError}. */
  verify(token: string): Promise<JWTPayload>;
}

const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** Creates a validator with a cached remote JWKS (one refetch per unknown `kid`, subject to a cooldown). */
export function createJwtValidator(options: JwtValidatorOptions): JwtValidator {
  const algorithms = options.algorithms ?? DEFAULT_ALGORITHMS;
  const unsafe = algorithms.filter((a) => a === 'none' || a.startsWith('HS'));
  if (unsafe.length)
    throw new VobridgeError(`Refusing unsafe JWT algorithms for JWKS validation: ${unsafe.join(', ')}.`);
  const jwks = createRemoteJWKSet(new URL(String(options.jwksUri)), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: options.cacheMaxAgeMs ?? 600_000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
  const now = options.now ?? Date.now;
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms,
          clockTolerance: options.clockToleranceSec ?? 30,
          currentDate: new Date(now()),
          requiredClaims: ['exp'],
        });
        return payload;
      } catch (error) {
        throw toRejection(error);
      }
    },
  };
}

function toRejection(error: unknown): JwtValidationError {
  const reject = (reason: JwtRejection, message: string): JwtValidationError =>
    new JwtValidationError(reason, message, { cause: error });
  if (error instanceof errors.JWTExpired)
    return reject('expired', 'The token has expired: refresh it or log in again.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'nbf':
        return reject('not-yet-valid', 'The token is not valid yet (nbf in the future): check the clock.');
      case 'iss':
        return reject('issuer', 'The token was issued by an unexpected issuer.');
      case 'aud':
        return reject('audience', 'The token is not meant for this service (audience mismatch).');
      default:
        return reject('claim', `The token's "${error.claim}" claim is missing or invalid.`);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return reject('algorithm', 'The token is signed with an algorithm that is not allowed.');
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return reject('signature', 'The token signature is invalid: it was altered or signed by another key.');
  if (error instanceof errors.JWKSNoMatchingKey)
    return reject('unknown-key', "The token's signing key (kid) is not in the issuer's key set.");
  if (error instanceof errors.JWKSMultipleMatchingKeys)
    return reject('unknown-key', "The token's key id matches several keys in the issuer's key set.");
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return reject('jwks-unavailable', "The issuer's key set could not be fetched or is invalid.");
  }
  if (error instanceof errors.JOSENotSupported)
    return reject('algorithm', 'The token uses an unsupported algorithm or key type.');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return reject('malformed', 'The token is not a well-formed signed JWT.');
  if (error instanceof TypeError || error instanceof errors.JOSEError) {
    return reject('jwks-unavailable', "The issuer's key set could not be fetched.");
  }
  return reject('malformed', 'The token could not be validated.');
}
