import { ConfigurationError } from '../../errors.js';
import type { RequestControl } from '../../lib/request.js';
import type { OidcMetadata } from './metadata.js';
import { requestTokens, type OAuthClient, type TokenSet } from './token-endpoint.js';

/** Options of {@link exchangeToken}. */
export interface TokenExchangeOptions extends OAuthClient, RequestControl {
  metadata: OidcMetadata;
  /** The token to exchange. */
  subjectToken: string;
  /** Its type (default `urn:ietf:params:oauth:token-type:access_token`). */
  subjectTokenType?: string;
  /** Target service (RFC 8693 `audience`). */
  audience?: string;
  /** Target resource URL (RFC 8693 `resource`). */
  resource?: string;
  scope?: string;
  /** Wanted token type (default: the server's choice). */
  requestedTokenType?: string;
}

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** RFC 8693 token exchange: trade a token for one scoped to another audience or resource. */
export async function exchangeToken(options: TokenExchangeOptions): Promise<TokenSet> {
  if (options.metadata.grant_types_supported && !options.metadata.grant_types_supported.includes(GRANT)) {
    throw new ConfigurationError('This provider does not support token exchange (RFC 8693).');
  }
  return requestTokens(
    options.metadata.token_endpoint,
    {
      grant_type: GRANT,
      subject_token: options.subjectToken,
      subject_token_type: options.subjectTokenType ?? 'urn:ietf:params:oauth:token-type:access_token',
      ...(options.audience ? { audience: options.audience } : {}),
      ...(options.resource ? { resource: options.resource } : {}),
      ...(options.scope ? { scope: options.scope } : {}),
      ...(options.requestedTokenType ? { requested_token_type: options.requestedTokenType } : {}),
    },
    options,
    options,
  );
}
