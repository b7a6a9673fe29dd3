// Authorization code + PKCE (RFC 7636, S256 only) for browser-based logins
// such as the JupyterLab popup. Split in two halves because a browser
// redirect separates them: start() gives the URL to open and the secrets to
// keep; finish() checks `state` and trades the code for tokens.

import { checkPlatformUrl } from '../../lib/urls.js';
import { ConfigurationError, OAuthError, ProtocolError } from '../../errors.js';
import type { RequestControl } from '../../lib/request.js';
import type { OidcMetadata } from './metadata.js';
import { requestTokens, type OAuthClient, type TokenSet } from './token-endpoint.js';

/** Options of {@link startAuthorizationCode}. */
export interface AuthorizationCodeStartOptions extends OAuthClient {
  metadata: OidcMetadata;
  redirectUri: string;
  scope?: string;
  /** Extra authorization request parameters (`prompt`, `resource`, ...). */
  extraParams?: Record<string, string>;
}

/** What {@link startAuthorizationCode} returns: open `url`; keep the rest for {@link finishAuthorizationCode}. */
export interface AuthorizationCodeRequest {
  /** The authorization URL to open in a browser. */
  url: string;
  /** Anti-CSRF value to check on the callback. */
  state: string;
  /** PKCE code verifier (secret: keep it in memory, never in a URL or log). */
  codeVerifier: string;
  /** Replay-protection value for the ID token. */
  nonce: string;
  redirectUri: string;
}

/** Starts an authorization code + PKCE (S256) login. */
export async function startAuthorizationCode(
  options: AuthorizationCodeStartOptions,
): Promise<AuthorizationCodeRequest> {
  const endpoint = options.metadata.authorization_endpoint;
  if (!endpoint) throw new ConfigurationError('This provider offers no authorization endpoint.');
  const methods = options.metadata.code_challenge_methods_supported;
  if (methods && !methods.includes('S256'))
    throw new ConfigurationError('This provider does not support PKCE with S256.');
  const codeVerifier = randomString(32);
  const state = randomString(16);
  const nonce = randomString(16);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier))),
  );
  const url = checkPlatformUrl(endpoint, 'authorization_endpoint');
  const params: Record<string, string> = {
    ...options.extraParams,
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    nonce,
    scope: options.scope ?? 'openid',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url: url.href, state, codeVerifier, nonce, redirectUri: options.redirectUri };
}

/** Options of {@link finishAuthorizationCode}. */
export interface AuthorizationCodeFinishOptions extends OAuthClient, RequestControl {
  metadata: OidcMetadata;
  /** The request from {@link startAuthorizationCode}. */
  request: AuthorizationCodeRequest;
  /** The full URL the browser was sent back to. */
  callbackUrl: string | URL;
}

/**
 * Completes the login: checks `state`, surfaces an authorization error, and
 * exchanges the code (with the PKCE verifier) for tokens.
 *
 * @throws OAuthError for an error callback or a refused code,
 *   ProtocolError for a state mismatch or a callback without a code.
 */
export async function finishAuthorizationCode(options: AuthorizationCodeFinishOptions): Promise<TokenSet> {
  const callback = new URL(String(options.callbackUrl));
  const params = callback.searchParams;
  if (params.get('state') !== options.request.state) {
    throw new ProtocolError(
      'The authorization callback has a wrong or missing state: possible CSRF; start the login again.',
      { element: 'state' },
    );
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new OAuthError(error, description ? { description } : {});
  }
  const code = params.get('code');
  if (!code) throw new ProtocolError('The authorization callback carries no code.', { element: 'code' });
  const tokens = await requestTokens(
    options.metadata.token_endpoint,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: options.request.redirectUri,
      code_verifier: options.request.codeVerifier,
    },
    options,
    options,
  );
  if (tokens.id_token !== undefined) checkIdToken(tokens.id_token, options);
  return tokens;
}

/**
 * Checks the ID token of a code exchange: its `nonce` must be the one this
 * login sent (a replayed or injected token fails), its `iss` the provider's
 * and its `aud` this client. The token came straight from the token endpoint
 * over TLS, which OIDC Core (3.1.3.7) accepts in place of a signature check.
 */
function checkIdToken(idToken: unknown, options: AuthorizationCodeFinishOptions): void {
  let claims: Record<string, unknown>;
  try {
    const payload = String(idToken).split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<
      string,
      unknown
    >;
  } catch (cause) {
    throw new ProtocolError('The ID token of the login is not a readable JWT.', { element: 'id_token', cause });
  }
  if (claims.nonce !== options.request.nonce)
    throw new ProtocolError('The ID token does not carry the nonce this login sent: start the login again.', {
      element: 'nonce',
    });
  if (claims.iss !== options.metadata.issuer)
    throw new ProtocolError('The ID token was issued by another provider than the one logged in to.', {
      element: 'iss',
    });
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(options.clientId))
    throw new ProtocolError('The ID token was issued for another client.', { element: 'aud' });
}

function randomString(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
