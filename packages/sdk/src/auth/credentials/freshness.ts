// One rule for when a token is fresh enough to hand out and when to renew it,
// shared by the SDK's authFetch and the broker (and mirrored, documented and
// tested, by the kernel bridge's cache in `vobridge/client.py`).

import { OAuthError } from '../../errors.js';

/** A token is renewed proactively once this fraction of its lifetime has passed. */
export const RENEW_AT_FRACTION = 0.75;

/** When a token was obtained and when it expires (epoch ms; no expiry: it never goes stale). */
export interface TokenLifetime {
  readonly issuedAt?: number;
  readonly expiresAt?: number;
}

/** When to renew the token proactively (epoch ms), or `undefined` when it does not expire. */
export function renewalDueAt(token: TokenLifetime): number | undefined {
  if (token.expiresAt === undefined) return undefined;
  if (token.issuedAt === undefined) return token.expiresAt;
  return token.issuedAt + (token.expiresAt - token.issuedAt) * RENEW_AT_FRACTION;
}

/**
 * Whether a token may be handed to a caller that needs it valid `minValidMs`
 * longer: it has that much left, or the platform's tokens live shorter than
 * that anyway and this one is still in the first {@link RENEW_AT_FRACTION}
 * of its life (renewing would only return the same kind of short token).
 */
export function freshEnough(token: TokenLifetime, minValidMs: number, now: number = Date.now()): boolean {
  if (token.expiresAt === undefined) return true;
  if (token.expiresAt - now > minValidMs) return true;
  if (token.issuedAt === undefined) return false;
  const lifetime = token.expiresAt - token.issuedAt;
  return lifetime <= minValidMs && now < token.issuedAt + lifetime * RENEW_AT_FRACTION;
}

/**
 * Whether a failed renewal can never succeed again: the token endpoint
 * refused the refresh token for good (`invalid_grant`: revoked, expired or
 * reused). Anything else (network, 5xx, timeout) is passing; retry later.
 */
export function refusedForGood(error: unknown): boolean {
  return error instanceof OAuthError && error.error === 'invalid_grant';
}
