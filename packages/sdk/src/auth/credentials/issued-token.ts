import { decodeJwt } from 'jose/jwt/decode';
import type { TokenLifetime } from './freshness.js';

/**
 * An access token as a token holder keeps it (the broker, in memory and in its
 * encrypted store): the token, when it was obtained and when it expires (the
 * inputs of the renewal rule, `freshness.ts`), its scopes and user. A plain
 * record, so it can be stored; never logged, never in an error.
 */
export interface IssuedToken extends TokenLifetime {
  /** The bearer token itself. */
  readonly accessToken: string;
  /** When it was obtained (epoch milliseconds). */
  readonly issuedAt: number;
  /** When it expires (epoch milliseconds); `undefined` when the platform does not say. */
  readonly expiresAt?: number;
  /** OAuth scopes it carries, when known. */
  readonly scopes: readonly string[];
  /** User name it was issued to, when known. */
  readonly user?: string;
}

/**
 * Build an {@link IssuedToken}, taking expiry, scopes and user from the
 * response when given and otherwise from the JWT's own claims (decoded, not
 * verified: the broker only needs to know when to refresh; the services that
 * receive the token verify it).
 */
export function issuedToken(
  accessToken: string,
  from: { expiresIn?: number; scope?: string; user?: string; now?: number } = {},
): IssuedToken {
  const now = from.now ?? Date.now();
  let claims: Record<string, unknown> = {};
  try {
    claims = decodeJwt(accessToken);
  } catch {
    // Opaque token: only what the response said is known.
  }
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  const expiresAt = from.expiresIn !== undefined ? now + from.expiresIn * 1000 : exp;
  const scope = from.scope ?? (typeof claims.scope === 'string' ? claims.scope : '');
  const claimedUser = [claims.preferred_username, claims.username, claims.sub].find(
    (v): v is string => typeof v === 'string',
  );
  const user = from.user ?? claimedUser;
  return {
    accessToken,
    issuedAt: now,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    scopes: scope.split(' ').filter(Boolean),
    ...(user !== undefined ? { user } : {}),
  };
}
