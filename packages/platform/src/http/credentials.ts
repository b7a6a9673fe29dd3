import type { IncomingHttpHeaders } from 'node:http';

/** Name of the cookie set by the cookie login (`POST /ac/cookie`). */
export const SSO_COOKIE = 'CADC_SSO';

/** Names of the OIDC provider's cookies (browser login session, interactions). */
export const OIDC_COOKIES = {
  session: '_session',
  interaction: '_interaction',
  resume: '_interaction_resume',
} as const;

/**
 * Whether a cookie is one of the platform's own (its SSO cookie, the OIDC
 * provider's, with their `.sig` and `.legacy` companions): never forwarded to
 * a session process.
 */
export function isPlatformCookie(name: string): boolean {
  const base = name.replace(/(\.legacy)?(\.sig)?$/, '');
  return base === SSO_COOKIE || Object.values(OIDC_COOKIES).includes(base as '_session');
}

/** Where a credential was found; kept for logs and for choosing challenges. */
export type CredentialSource = 'authorization' | 'delegation-header' | 'cookie';

/** A token presented with a request. */
export interface PresentedCredential {
  /** The raw token. Never log it. */
  token: string;
  /** Which header carried it. */
  source: CredentialSource;
}

/**
 * Finds the token a request carries, in order of precedence:
 * `Authorization: Bearer <t>` (also the legacy `ivoa <t>` scheme), the CADC
 * `X-CADC-DelegationToken` header that `vos` sends, then the SSO cookie.
 * Any other `Authorization` scheme (Basic, ...) counts as no credential.
 */
export function findCredential(headers: IncomingHttpHeaders): PresentedCredential | undefined {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^\s*(bearer|ivoa)\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[2] !== undefined) return { token: match[2], source: 'authorization' };
  }
  const delegation = headers['x-cadc-delegationtoken'];
  const delegationValue = Array.isArray(delegation) ? delegation[0] : delegation;
  if (delegationValue !== undefined && delegationValue.trim() !== '') {
    return { token: delegationValue.trim(), source: 'delegation-header' };
  }
  const cookie = readCookie(headers.cookie, SSO_COOKIE);
  if (cookie !== undefined && cookie !== '') return { token: cookie, source: 'cookie' };
  return undefined;
}

/** The value of cookie `name` in a `Cookie` header (surrounding quotes removed). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    return value;
  }
  return undefined;
}
