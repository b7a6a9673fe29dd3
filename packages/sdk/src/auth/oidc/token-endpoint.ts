// The one place that talks to a token endpoint: form-encoded POST, client
// authentication, OAuth error mapping. Error messages carry the server's
// error code and description, never a token or a client secret.

import type { components } from '../../generated/auth.js';
import { checkPlatformUrl } from '../../lib/urls.js';
import { OAuthError, ProtocolError, errorFromResponse } from '../../errors.js';
import { send, type RequestControl } from '../../lib/request.js';

/** An OAuth client as registered with the provider. */
export interface OAuthClient {
  clientId: string;
  /** For confidential clients (sent with HTTP Basic); public clients omit it. */
  clientSecret?: string;
}

/** A token endpoint answer (RFC 6749 §5.1). */
export type TokenSet = components['schemas']['OidcTokenResponse'] & { [key: string]: unknown };

/** POSTs a grant to a token-like endpoint and returns the parsed JSON body. */
export async function postForm(
  endpoint: string,
  params: Record<string, string>,
  client: OAuthClient,
  control: RequestControl,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const form = new URLSearchParams(params);
  if (client.clientSecret !== undefined) {
    headers.authorization = `Basic ${btoa(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`)}`;
  } else {
    form.set('client_id', client.clientId);
  }
  // Codes, refresh tokens and client secrets go in this body: https, or http to loopback only.
  checkPlatformUrl(endpoint, 'token endpoint');
  const response = await send(endpoint, { method: 'POST', headers, body: form.toString() }, control);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw await errorFromResponse(response, endpoint);
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new ProtocolError(`The authorization server sent invalid JSON (HTTP ${response.status}).`, { cause });
  }
  if (!body || typeof body !== 'object')
    throw new ProtocolError('The authorization server sent a non-object JSON answer.');
  const b = body as Record<string, unknown>;
  if (!response.ok || typeof b.error === 'string') {
    const error = typeof b.error === 'string' ? b.error : 'server_error';
    const description = typeof b.error_description === 'string' ? b.error_description : undefined;
    throw new OAuthError(error, { status: response.status, ...(description ? { description } : {}) });
  }
  return { status: response.status, body: b };
}

/** A token request of openapi/auth.yaml's `TokenRequest` (its grants), without the client's credentials (added here). */
export type TokenGrant =
  | Omit<Schemas['AuthorizationCodeGrant'], ClientFields>
  | Omit<Schemas['RefreshTokenGrant'], ClientFields>
  | Omit<Schemas['DeviceCodeGrant'], ClientFields>
  | Omit<Schemas['TokenExchangeGrant'], ClientFields>;
type Schemas = components['schemas'];
type ClientFields = 'client_id' | 'client_secret';

/** Sends a grant and validates the token response. */
export async function requestTokens(
  endpoint: string,
  grant: TokenGrant,
  client: OAuthClient,
  control: RequestControl,
): Promise<TokenSet> {
  const params = Object.fromEntries(Object.entries(grant).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
  const { body } = await postForm(endpoint, params, client, control);
  if (typeof body.access_token !== 'string' || !body.access_token) {
    throw new ProtocolError('The token response has no access_token.', { element: 'access_token' });
  }
  if (typeof body.token_type !== 'string')
    throw new ProtocolError('The token response has no token_type.', { element: 'token_type' });
  if (body.expires_in !== undefined && typeof body.expires_in !== 'number') {
    throw new ProtocolError('The token response has a non-numeric expires_in.', { element: 'expires_in' });
  }
  return body as TokenSet;
}
