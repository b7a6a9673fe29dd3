// The benchmark as an OAuth client of the platform: a device login (RFC 8628)
// it approves itself (as a person at a browser would, through the platform's
// pages), and the refresh_token grant.
import { approveDeviceCode } from '@vobridge/platform/testing';

/** An OAuth client: public (no secret) or confidential (HTTP Basic). */
export interface OAuthClient {
  id: string;
  secret?: string;
}

/** Tokens from the token endpoint. */
export interface TokenSet {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/** Logs `username` in at `platformUrl` with the device flow of `client`, approving the code itself. */
export async function deviceLogin(
  platformUrl: string,
  client: OAuthClient,
  scope: string,
  username: string,
  password: string,
): Promise<TokenSet> {
  const started = await tokenEndpoint<Record<string, string>>(`${platformUrl}/oidc/device/auth`, client, { scope });
  const complete = started.verification_uri_complete;
  const deviceCode = started.device_code;
  if (complete === undefined || deviceCode === undefined) throw new Error('device authorization answer incomplete');
  await approveDeviceCode(complete, { username, password });
  const tokens = await tokenEndpoint<Partial<TokenSet>>(`${platformUrl}/oidc/token`, client, {
    grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    device_code: deviceCode,
  });
  if (typeof tokens.access_token !== 'string' || typeof tokens.refresh_token !== 'string')
    throw new Error('the device login gave no access and refresh token');
  return tokens as TokenSet;
}

/**
 * A refresh_token grant per call, resolving with the new access token; keeps
 * the refresh token the platform rotates to (it does for public clients).
 */
export function refresher(platformUrl: string, client: OAuthClient, tokens: TokenSet): () => Promise<string> {
  let refreshToken = tokens.refresh_token;
  return async () => {
    const next = await tokenEndpoint<Partial<TokenSet>>(`${platformUrl}/oidc/token`, client, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    if (typeof next.access_token !== 'string') throw new Error('the refresh gave no access token');
    refreshToken = next.refresh_token ?? refreshToken;
    return next.access_token;
  };
}

async function tokenEndpoint<T>(url: string, client: OAuthClient, params: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = {};
  const body = new URLSearchParams(params);
  if (client.secret === undefined) body.set('client_id', client.id);
  else {
    const pair = `${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  // The OAuth error names what went wrong and never carries a credential.
  if (!res.ok) throw new Error(`${new URL(url).pathname}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
