// What a client can do to log in to a service, derived from its challenges
// and its VOSI capabilities. IVOA has spelled the same thing several ways
// over the years (`ivoa standard_id=...`, `ivoa_bearer`, `ivoa-bearer`...);
// everything is normalised here so callers see one vocabulary.

import { isSecureTarget } from '../../lib/urls.js';
import type { Challenge } from '../challenges/challenge.js';

/** Kinds of login the SDK knows. */
export type LoginMethodType =
  /** OpenID Connect: device authorization grant or authorization code + PKCE. */
  | 'oidc'
  /** POST user name + password to `accessUrl`, get a bearer token back (CADC `/ac/login`). */
  | 'password-token'
  /** POST user name + password to `accessUrl`, get a session cookie back (IVOA `#cookie`). */
  | 'password-cookie'
  /** HTTP Basic (DaCHS-style), sent only to the challenging origin. */
  | 'basic'
  /** A bearer token obtained elsewhere (static token, WLCG token file). */
  | 'bearer-token'
  /** X.509 client certificate: recognised but not supported by the SDK. */
  | 'x509';

/** One way to log in, as advertised by a service. */
export interface LoginMethod {
  type: LoginMethodType;
  /** IVOA security method id (`ivo://ivoa.net/sso#tls-with-password`, ...), when known. */
  standardId?: string;
  /** Where to log in (absolute URL), when the service said. */
  accessUrl?: string;
  /**
   * How a token from this method goes back to the service: `Bearer` (RFC 6750)
   * or the legacy `ivoa` form, used only when the service offers nothing else.
   */
  tokenScheme?: 'Bearer' | 'ivoa';
  /** `realm` from the challenge. */
  realm?: string;
  /** `scope` from a Bearer challenge. */
  scope?: string;
  /** `error` from a Bearer challenge (`invalid_token` means: the one sent was rejected). */
  error?: string;
  /** Where this came from. */
  source: 'challenge' | 'capabilities';
}

/** IVOA SSO security method ids. */
export const SSO = {
  password: 'ivo://ivoa.net/sso#tls-with-password',
  certificate: 'ivo://ivoa.net/sso#tls-with-certificate',
  cookie: 'ivo://ivoa.net/sso#cookie',
  token: 'ivo://ivoa.net/sso#token',
  basic: 'ivo://ivoa.net/sso#BasicAA',
  oauth: 'ivo://ivoa.net/sso#OAuth',
} as const;

const RANK: Record<LoginMethodType, number> = {
  oidc: 0,
  'password-token': 1,
  'password-cookie': 2,
  basic: 3,
  'bearer-token': 4,
  x509: 5,
};

/** Method type for an IVOA standard id, by its fragment (case-insensitive). */
function typeForStandardId(
  standardId: string | undefined,
  scheme: 'bearer' | 'cookie' | 'legacy',
): LoginMethodType | undefined {
  const fragment = standardId?.slice(standardId.indexOf('#') + 1).toLowerCase();
  switch (fragment) {
    case 'tls-with-password':
      return scheme === 'cookie' ? 'password-cookie' : 'password-token';
    case 'cookie':
      return 'password-cookie';
    case 'oauth':
    case 'oidc':
    case 'openid':
      return 'oidc';
    case 'basicaa':
      return 'basic';
    case 'token':
      return 'bearer-token';
    case 'tls-with-certificate':
    case 'x509':
      return 'x509';
    case undefined:
      return scheme === 'cookie' ? 'password-cookie' : scheme === 'bearer' ? 'bearer-token' : undefined;
    default:
      return undefined;
  }
}

/**
 * Interprets challenges as login methods. Unknown schemes are dropped;
 * relative access URLs are resolved against `baseUrl`. Tokens obtained from a
 * legacy `ivoa` challenge go back as `Authorization: ivoa <token>` unless the
 * service also offers a Bearer-style challenge.
 */
export function methodsFromChallenges(challenges: readonly Challenge[], baseUrl: string | URL): LoginMethod[] {
  const offersBearer = challenges.some(
    (c) => c.scheme === 'bearer' || c.scheme === 'ivoa_bearer' || c.scheme === 'ivoa-bearer',
  );
  const methods: LoginMethod[] = [];
  for (const c of challenges) {
    const standardId = c.params.standard_id;
    let type: LoginMethodType | undefined;
    let tokenScheme: 'Bearer' | 'ivoa' = 'Bearer';
    switch (c.scheme) {
      case 'ivoa_bearer':
      case 'ivoa-bearer':
        type = typeForStandardId(standardId, 'bearer');
        break;
      case 'ivoa_cookie':
      case 'ivoa-cookie':
        type = typeForStandardId(standardId, 'cookie');
        break;
      case 'ivoa_x509':
      case 'ivoa-x509':
      case 'ivoa-certificate':
        type = 'x509';
        break;
      case 'ivoa':
        type = typeForStandardId(standardId, 'legacy');
        if (!offersBearer) tokenScheme = 'ivoa';
        break;
      case 'bearer':
        type = 'bearer-token';
        break;
      case 'basic':
        type = 'basic';
        break;
      default:
        type = undefined;
    }
    if (!type) continue;
    const accessUrl = accessUrlOf(c.params.access_url, baseUrl);
    // A challenge pointing at a javascript:, data: or off-machine http URL offers nothing usable.
    if (accessUrl === null) continue;
    const method: LoginMethod = { type, source: 'challenge' };
    if (standardId) method.standardId = standardId;
    if (accessUrl) method.accessUrl = accessUrl;
    if (type === 'password-token' || type === 'oidc' || type === 'bearer-token') method.tokenScheme = tokenScheme;
    if (c.params.realm !== undefined) method.realm = c.params.realm;
    if (c.params.scope !== undefined) method.scope = c.params.scope;
    if (c.params.error !== undefined) method.error = c.params.error;
    methods.push(method);
  }
  return methods;
}

/** Login methods from VOSI `securityMethod` ids and `ivo://ivoa.net/sso#...` login capabilities. */
export function methodsFromCapabilities(
  logins: readonly { standardId: string; accessUrl?: string }[],
  securityMethods: readonly string[],
): LoginMethod[] {
  const methods: LoginMethod[] = [];
  for (const login of logins) {
    const type = typeForStandardId(login.standardId, 'legacy');
    if (!type) continue;
    const accessUrl = accessUrlOf(login.accessUrl, login.accessUrl ?? '');
    if (accessUrl === null) continue;
    const method: LoginMethod = { type, standardId: login.standardId, source: 'capabilities' };
    if (accessUrl) method.accessUrl = accessUrl;
    if (type === 'password-token' || type === 'oidc') method.tokenScheme = 'Bearer';
    methods.push(method);
  }
  for (const standardId of securityMethods) {
    const type = typeForStandardId(standardId, 'legacy');
    // A bare securityMethod says what the service accepts, not where to log in:
    // only the methods that need no login endpoint are usable from it alone.
    if (type === 'bearer-token' || type === 'basic' || type === 'x509') {
      methods.push({
        type,
        standardId,
        source: 'capabilities',
        ...(type === 'bearer-token' ? { tokenScheme: 'Bearer' as const } : {}),
      });
    }
  }
  return methods;
}

/**
 * Sorts methods by preference (OIDC, password → token, password → cookie,
 * Basic, static token, X.509) and drops duplicates (same type and access URL;
 * the first, i.e. challenge-derived, one wins).
 */
export function rankMethods(methods: readonly LoginMethod[]): LoginMethod[] {
  const seen = new Set<string>();
  const unique: LoginMethod[] = [];
  for (const m of methods) {
    const key = `${m.type} ${m.accessUrl ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(m);
  }
  // Array.prototype.sort is stable, so equal ranks keep discovery order.
  return unique.sort((a, b) => RANK[a.type] - RANK[b.type]);
}

/**
 * The absolute access URL, `undefined` when none was given, `null` when one was
 * given that is not safe to send a login to (not https, nor http to loopback).
 */
function accessUrlOf(value: string | undefined, base: string | URL): string | undefined | null {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return isSecureTarget(url) ? url.href : null;
  } catch {
    return null;
  }
}
