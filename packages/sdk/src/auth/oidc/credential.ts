import { ConfigurationError } from '../../errors.js';
import { bearerCredential, type BearerCredential } from '../credentials/credential.js';
import type { RequestControl } from '../../lib/request.js';
import type { OidcMetadata } from './metadata.js';
import { requestTokens, type OAuthClient, type TokenSet } from './token-endpoint.js';

/** Options of {@link refreshTokens}. */
export interface RefreshOptions extends OAuthClient, Omit<RequestControl, 'signal'> {
  metadata: OidcMetadata;
  refreshToken: string;
  /** Narrower scope to ask for (default: as granted). */
  scope?: string;
  signal?: AbortSignal;
}

/** The refresh_token grant (RFC 6749 §6). */
export function refreshTokens(options: RefreshOptions): Promise<TokenSet> {
  return requestTokens(
    options.metadata.token_endpoint,
    {
      grant_type: 'refresh_token',
      refresh_token: options.refreshToken,
      ...(options.scope ? { scope: options.scope } : {}),
    },
    options,
    options,
  );
}

/** Options of {@link oidcCredential}. */
export interface OidcCredentialOptions extends OAuthClient, Omit<RequestControl, 'signal'> {
  metadata: OidcMetadata;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

/**
 * Turns a token response into a bearer credential. Expiry comes from
 * `expires_in` (else the JWT `exp`); when a refresh token was issued the
 * credential refreshes itself with the refresh_token grant, following
 * refresh-token rotation.
 */
export function oidcCredential(tokens: TokenSet, options: OidcCredentialOptions): BearerCredential {
  if (tokens.token_type.toLowerCase() !== 'bearer') {
    throw new ConfigurationError(`Unsupported token_type "${tokens.token_type}": only Bearer tokens are supported.`);
  }
  const now = options.now ?? Date.now;
  const refreshToken = tokens.refresh_token;
  const { metadata, clientId, clientSecret, fetch, timeoutMs } = options;
  const client: OidcCredentialOptions = { metadata, clientId, now };
  if (clientSecret !== undefined) client.clientSecret = clientSecret;
  if (fetch) client.fetch = fetch;
  if (timeoutMs !== undefined) client.timeoutMs = timeoutMs;
  const issuedAt = now();
  return bearerCredential(tokens.access_token, {
    issuedAt,
    ...(tokens.expires_in !== undefined ? { expiresAt: issuedAt + tokens.expires_in * 1000 } : {}),
    ...(refreshToken
      ? {
          refresh: async () => {
            const next = await refreshTokens({ ...client, refreshToken });
            // Keep the old refresh token when the server does not rotate it.
            return oidcCredential({ ...next, refresh_token: next.refresh_token ?? refreshToken }, client);
          },
        }
      : {}),
  });
}
