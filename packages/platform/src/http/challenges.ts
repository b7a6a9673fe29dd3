import { SSO } from '@vobridge/sdk';
/** The IVOA SSO standardIDs (the SDK's list: one place for them). */
export { SSO };

/** Realm of the plain `Bearer` challenge. */
export const REALM = 'vobridge';

/** Why a request is being challenged: no credential at all, or a bad one (RFC 6750 §3.1). */
export type ChallengeReason = 'missing' | 'invalid_token';

/**
 * The `WWW-Authenticate` value every protected route sends: the IVOA
 * password, OAuth and cookie logins, then a plain `Bearer` challenge (which
 * names the RFC 6750 error when a token was presented but refused). As the
 * AuthVO drafts have it, `standard_id` names the login *protocol* and the
 * scheme what it gives back: the cookie login is `tls-with-password` too
 * (`sso#cookie` is the security method capabilities declare, and TOPCAT's
 * auth library skips a challenge naming it).
 */
export function challengeHeader(baseUrl: string, reason: ChallengeReason = 'missing'): string {
  const bearer =
    reason === 'invalid_token' ? `Bearer realm="${REALM}", error="invalid_token"` : `Bearer realm="${REALM}"`;
  return [
    `ivoa_bearer standard_id="${SSO.password}", access_url="${baseUrl}/ac/login"`,
    `ivoa_bearer standard_id="${SSO.oauth}", access_url="${baseUrl}/oidc/auth"`,
    `ivoa_cookie standard_id="${SSO.password}", access_url="${baseUrl}/ac/cookie"`,
    bearer,
  ].join(', ');
}
