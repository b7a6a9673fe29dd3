// OAuth clients an operator registers besides the platform's own public
// client: e.g. a confidential client for oidc-agent, which authenticates to
// the token endpoint with HTTP Basic. Checked here, before the platform
// starts, with messages that name the client and the field (never a secret).
import { readFile } from 'node:fs/promises';

/** Client id of the platform's public OAuth client (broker, CLI, JupyterLab). */
export const PUBLIC_CLIENT_ID = 'vobridge';
/** The grant type of RFC 8693 token exchange. */
export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** The grant types an operator-registered client may be allowed. */
export const CLIENT_GRANT_TYPES = [
  'authorization_code',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:device_code',
  TOKEN_EXCHANGE,
] as const;

/** How a registered client authenticates to the token endpoint. */
export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;

/** Shortest client secret accepted: long enough that it has to be generated, not typed. */
export const MIN_CLIENT_SECRET_LENGTH = 32;

/**
 * Metadata of an operator-registered OAuth client (RFC 7591 names, as
 * node-oidc-provider takes them). A confidential client
 * (`client_secret_basic`, the default, or `client_secret_post`) needs a
 * generated `client_secret` of at least {@link MIN_CLIENT_SECRET_LENGTH}
 * characters; a public one (`none`) must not have one.
 */
export interface OAuthClientMetadata {
  client_id: string;
  client_secret?: string;
  client_name?: string;
  token_endpoint_auth_method?: (typeof CLIENT_AUTH_METHODS)[number];
  grant_types: ReadonlyArray<(typeof CLIENT_GRANT_TYPES)[number]>;
  /** Required (exact URIs) when `grant_types` has `authorization_code`. */
  redirect_uris?: readonly string[];
  /** Space-separated scopes the client may ask for (default: all the platform offers). */
  scope?: string;
}

/** A client's metadata is not acceptable; the message says which client and field. */
export class OAuthClientError extends Error {
  override name = 'OAuthClientError';
}

const FIELDS = new Set([
  'client_id',
  'client_secret',
  'client_name',
  'token_endpoint_auth_method',
  'grant_types',
  'redirect_uris',
  'scope',
]);

/**
 * Checks operator-registered clients (parsed JSON: one object or a list) and
 * returns them typed. Throws {@link OAuthClientError} naming `source`, the
 * client and the field at fault. Further checks of the metadata happen when
 * the OIDC provider loads the clients at start-up.
 */
export function parseOAuthClients(input: unknown, source: string): OAuthClientMetadata[] {
  const list = Array.isArray(input) ? (input as unknown[]) : [input];
  return list.map((entry, i) => parseClient(entry, list.length > 1 ? `${source}[${i}]` : source));
}

/** Checks that client ids are unique and none takes the platform's own, across every source. */
export function checkClientIds(clients: readonly OAuthClientMetadata[]): void {
  const seen = new Set<string>([PUBLIC_CLIENT_ID]);
  for (const { client_id: id } of clients) {
    if (seen.has(id))
      throw new OAuthClientError(
        id === PUBLIC_CLIENT_ID
          ? `OAuth client '${id}' is the platform's own client id; choose another`
          : `OAuth client '${id}' is registered twice`,
      );
    seen.add(id);
  }
}

function parseClient(entry: unknown, where: string): OAuthClientMetadata {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw new OAuthClientError(`${where}: an OAuth client must be a JSON object`);
  const raw = entry as Record<string, unknown>;
  const id = raw.client_id;
  if (typeof id !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(id))
    throw new OAuthClientError(`${where}: client_id must be 1 to 128 printable ASCII characters without spaces`);
  const fail = (message: string): never => {
    throw new OAuthClientError(`${where}: OAuth client '${id}': ${message}`);
  };
  const unknown = Object.keys(raw).filter((k) => !FIELDS.has(k));
  if (unknown.length > 0) fail(`unsupported field(s) ${unknown.join(', ')}; allowed: ${[...FIELDS].join(', ')}`);

  const method = raw.token_endpoint_auth_method ?? 'client_secret_basic';
  if (!CLIENT_AUTH_METHODS.includes(method as never))
    fail(`token_endpoint_auth_method must be one of ${CLIENT_AUTH_METHODS.join(', ')}`);
  const secret = raw.client_secret;
  if (method === 'none') {
    if (secret !== undefined) fail('a public client (token_endpoint_auth_method none) must not have a client_secret');
  } else if (typeof secret !== 'string' || secret.length < MIN_CLIENT_SECRET_LENGTH || /\s/.test(secret)) {
    fail(
      `client_secret must be a generated secret of at least ${MIN_CLIENT_SECRET_LENGTH} characters without spaces (e.g. from 'openssl rand -base64 32')`,
    );
  }

  const grants = raw.grant_types;
  if (
    !Array.isArray(grants) ||
    grants.length === 0 ||
    !grants.every((g) => CLIENT_GRANT_TYPES.includes(g as never)) ||
    new Set(grants).size !== grants.length
  )
    fail(`grant_types must be a non-empty list of distinct values from ${CLIENT_GRANT_TYPES.join(', ')}`);
  const grantTypes = grants as OAuthClientMetadata['grant_types'];

  const redirects = raw.redirect_uris;
  if (redirects !== undefined && (!Array.isArray(redirects) || !redirects.every((u) => typeof u === 'string')))
    fail('redirect_uris must be a list of URIs');
  const redirectUris = (redirects ?? []) as string[];
  if (grantTypes.includes('authorization_code') && redirectUris.length === 0)
    fail('redirect_uris are required with the authorization_code grant');
  if (!grantTypes.includes('authorization_code') && redirectUris.length > 0)
    fail('redirect_uris are only used with the authorization_code grant');

  for (const field of ['client_name', 'scope'] as const)
    if (raw[field] !== undefined && typeof raw[field] !== 'string') fail(`${field} must be a string`);

  return {
    client_id: id,
    token_endpoint_auth_method: method as NonNullable<OAuthClientMetadata['token_endpoint_auth_method']>,
    grant_types: grantTypes,
    ...(typeof secret === 'string' ? { client_secret: secret } : {}),
    ...(redirectUris.length > 0 ? { redirect_uris: redirectUris } : {}),
    ...(typeof raw.client_name === 'string' ? { client_name: raw.client_name } : {}),
    ...(typeof raw.scope === 'string' ? { scope: raw.scope } : {}),
  };
}

/** Reads and checks a JSON file of OAuth client metadata (one object or a list). */
export async function readClientsFile(path: string): Promise<OAuthClientMetadata[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new OAuthClientError(`${path}: cannot read the OAuth client file (${(err as NodeJS.ErrnoException).code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message may quote the file, secret included.
    throw new OAuthClientError(`${path}: the OAuth client file is not valid JSON`);
  }
  return parseOAuthClients(parsed, path);
}
