// Credentials are plain objects, but the secret parts are non-enumerable
// properties: `console.log(credential)` or `JSON.stringify(credential)` in
// someone's debugging session shows the type, user and expiry, never the
// token or password.

import { decodeJwt } from 'jose/jwt/decode';
import type { CookieJar } from '../cookies/cookie-jar.js';

/** Refreshes a credential, resolving to its replacement. */
export type RefreshCredential = () => Promise<Credential>;

interface CredentialBase {
  /** User the credential authenticates, when the service said (`x-vo-authenticated`, `sub`). */
  user?: string;
  /** Expiry in epoch milliseconds, when known (`expires_in`, JWT `exp`, cookie expiry). */
  expiresAt?: number;
  /** When it was obtained (epoch ms): with `expiresAt`, its lifetime for the renewal rule (`freshness.ts`). */
  issuedAt?: number;
  /** Obtains a fresh credential (OIDC refresh_token grant, re-login). */
  refresh?: RefreshCredential;
}

/** A bearer token, sent as `Authorization: Bearer <token>` or the legacy `Authorization: ivoa <token>`. */
export interface BearerCredential extends CredentialBase {
  type: 'bearer';
  /** The token (non-enumerable). */
  readonly token: string;
  /** Authorization scheme to send it with. */
  scheme: 'Bearer' | 'ivoa';
}

/** Session cookies from a cookie login, sent as `Cookie`. */
export interface CookieCredential extends CredentialBase {
  type: 'cookie';
  /** The cookies (non-enumerable). */
  readonly cookies: CookieJar;
}

/** HTTP Basic user name and password. */
export interface BasicCredential extends CredentialBase {
  type: 'basic';
  username: string;
  /** The password (non-enumerable). */
  readonly password: string;
}

/** Anything the SDK can attach to a request. */
export type Credential = BearerCredential | CookieCredential | BasicCredential;

type Common = Pick<CredentialBase, 'user' | 'expiresAt' | 'issuedAt' | 'refresh'>;

function hidden<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: false, writable: false });
  return target;
}

function withCommon<T extends CredentialBase>(target: T, common: Common): T {
  if (common.user !== undefined) target.user = common.user;
  if (common.expiresAt !== undefined) target.expiresAt = common.expiresAt;
  target.issuedAt = common.issuedAt ?? Date.now();
  if (common.refresh !== undefined) hidden(target, 'refresh', common.refresh);
  return target;
}

/**
 * Creates a bearer credential. When `expiresAt` is not given and the token is
 * a JWT, its `exp` claim is used (read without verification: only to know when
 * to refresh, never to trust the token).
 */
export function bearerCredential(
  token: string,
  options: Common & { scheme?: 'Bearer' | 'ivoa' } = {},
): BearerCredential {
  const expiresAt = options.expiresAt ?? jwtExpiry(token);
  const credential = withCommon({ type: 'bearer', scheme: options.scheme ?? 'Bearer' } as BearerCredential, {
    ...options,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  });
  return hidden(credential, 'token', token);
}

/** Creates a cookie credential from a jar holding the session cookies. */
export function cookieCredential(cookies: CookieJar, options: Common = {}): CookieCredential {
  const expiresAt = options.expiresAt ?? cookies.earliestExpiry();
  const credential = withCommon({ type: 'cookie' } as CookieCredential, {
    ...options,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  });
  return hidden(credential, 'cookies', cookies);
}

/** Creates an HTTP Basic credential. Scope it to one origin: Basic is replayable. */
export function basicCredential(username: string, password: string, options: Common = {}): BasicCredential {
  const credential = withCommon({ type: 'basic', username } as BasicCredential, { user: username, ...options });
  return hidden(credential, 'password', password);
}

/** The `exp` of a JWT in epoch ms, or undefined when the token is not a JWT or has none. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Value of the `Authorization` header for a bearer or Basic credential. */
export function authorizationHeader(credential: BearerCredential | BasicCredential): string {
  if (credential.type === 'bearer') return `${credential.scheme} ${credential.token}`;
  const bytes = new TextEncoder().encode(`${credential.username}:${credential.password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}
