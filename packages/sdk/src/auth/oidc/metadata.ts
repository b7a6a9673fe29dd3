// OIDC / RFC 8414 discovery. Platforms put the document at the issuer
// (`<issuer>/.well-known/openid-configuration`) or at their origin's root
// with the issuer under a path; IVOA challenges may only give the
// authorization endpoint. Both locations are tried, in that order.

import type { components } from '../../generated/auth.js';
import { ConfigurationError, ProtocolError, errorFromResponse } from '../../errors.js';
import { checkPlatformUrl } from '../../lib/urls.js';
import { send, type RequestControl } from '../../lib/request.js';

type OidcConfiguration = components['schemas']['OidcConfiguration'];

/**
 * Provider metadata (openapi/auth.yaml's `OidcConfiguration`): `issuer` and
 * `token_endpoint` are all the SDK needs; everything else is optional here,
 * because providers leave out what they do not offer.
 */
export type OidcMetadata = Pick<OidcConfiguration, 'issuer' | 'token_endpoint'> &
  Partial<
    Pick<
      OidcConfiguration,
      | 'authorization_endpoint'
      | 'device_authorization_endpoint'
      | 'jwks_uri'
      | 'userinfo_endpoint'
      | 'grant_types_supported'
      | 'code_challenge_methods_supported'
      | 'scopes_supported'
      | 'response_types_supported'
      | 'token_endpoint_auth_methods_supported'
    >
  > & { [key: string]: unknown };

/**
 * Fetches provider metadata for an issuer, or for any URL of the provider
 * (an IVOA `#OAuth` access URL): tries `<url>/.well-known/openid-configuration`,
 * then the same at each parent path up to the origin.
 *
 * @throws ProtocolError when no location yields valid metadata, UnsafeUrlError when
 *   the metadata names an endpoint that is not https (or http to loopback).
 */
export async function discoverOidc(issuerOrUrl: string | URL, control: RequestControl = {}): Promise<OidcMetadata> {
  let base: URL;
  try {
    base = new URL(String(issuerOrUrl));
  } catch (cause) {
    throw new ConfigurationError('The OIDC issuer must be an absolute URL.', { cause });
  }
  let lastError: unknown;
  for (const candidate of candidates(base)) {
    try {
      const response = await send(candidate, { headers: { accept: 'application/json' } }, control);
      if (!response.ok) {
        lastError = await errorFromResponse(response, candidate);
        continue;
      }
      return validate(await response.json(), candidate);
    } catch (error) {
      if (!(error instanceof ProtocolError) && !(error instanceof SyntaxError) && !isHttpError(error)) throw error;
      lastError = error;
    }
  }
  throw new ProtocolError(`No OpenID Connect configuration found for ${base.origin}${base.pathname}.`, {
    cause: lastError,
  });
}

function isHttpError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'status' in error;
}

function candidates(base: URL): URL[] {
  const segments = base.pathname.split('/').filter(Boolean);
  const urls: URL[] = [];
  for (let n = segments.length; n >= 0; n--) {
    const prefix = segments.slice(0, n).join('/');
    urls.push(new URL(`${prefix ? `/${prefix}` : ''}/.well-known/openid-configuration`, base.origin));
  }
  return urls;
}

function validate(body: unknown, from: URL): OidcMetadata {
  if (!body || typeof body !== 'object')
    throw new ProtocolError(`OIDC configuration at ${from.origin}${from.pathname} is not a JSON object.`);
  const m = body as Record<string, unknown>;
  for (const key of ['issuer', 'token_endpoint'] as const) {
    if (typeof m[key] !== 'string' || !(m[key] as string)) {
      throw new ProtocolError(`OIDC configuration at ${from.origin}${from.pathname} lacks "${key}".`, { element: key });
    }
  }
  // Every endpoint is checked here, where it enters: a `javascript:` authorization
  // endpoint would otherwise reach a browser window, a plain-http token endpoint a refresh token.
  for (const [key, value] of Object.entries(m)) {
    if (key === 'issuer' || key === 'jwks_uri' || key.endsWith('_endpoint')) checkPlatformUrl(value, key);
  }
  return m as OidcMetadata;
}
