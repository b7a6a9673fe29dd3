// The broker's side of vobridge_jupyterhub: under JupyterHub, the hub holds the
// user's platform login (it owns the refresh token) and answers the user's own
// server with a fresh access token at `GET <hub api>/vobridge/token`.
import { issuedToken, type IssuedToken } from '@vobridge/sdk';
import { MethodUnsupportedError, NotFoundError, PlatformUnreachableError } from '../errors.js';
import { RenewalRefusedError, type HubEndpoint } from './platform-client.js';

/** The hub's endpoint for a single-user server's environment, when it runs under JupyterHub. */
export function hubEndpointFrom(env: NodeJS.ProcessEnv): HubEndpoint | undefined {
  const api = env.JUPYTERHUB_API_URL;
  const apiToken = env.JUPYTERHUB_API_TOKEN;
  if (!api || !apiToken) return undefined;
  let url: URL;
  try {
    url = new URL(api.endsWith('/') ? api : `${api}/`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return { tokenUrl: new URL('vobridge/token', url).toString(), apiToken };
}

/** What the hub answered: the token and the platform it belongs to. */
export interface HubToken {
  readonly token: IssuedToken;
  /** Origin of the platform the token is for (the hub's `platform_url`). */
  readonly platform: string;
}

const TIMEOUT_MS = 15_000;
/** The hub's limit on `min_valid` (one day). */
const MAX_MIN_VALID_S = 86_400;

/**
 * Ask the hub for the user's platform token, valid `minValidSeconds` longer
 * where the platform allows. Errors: {@link RenewalRefusedError} when the
 * platform refused to renew the hub's login (the user logs in again at the
 * hub); {@link NotFoundError} when the hub has no vobridge endpoint;
 * {@link MethodUnsupportedError} when it refuses this server's token (the
 * scope is not granted); {@link PlatformUnreachableError} when the hub or the
 * platform does not answer.
 */
export async function fetchHubToken(hub: HubEndpoint, minValidSeconds: number): Promise<HubToken> {
  const url = new URL(hub.tokenUrl);
  url.searchParams.set('min_valid', String(Math.min(MAX_MIN_VALID_S, Math.max(0, Math.ceil(minValidSeconds)))));
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `token ${hub.apiToken}`, accept: 'application/json' },
      // The hub's API token goes to the hub's API only: never after a redirect.
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new PlatformUnreachableError(
      `JupyterHub at ${url.origin} did not answer (${error instanceof Error ? error.name : 'error'}).`,
    );
  }
  const body = await readJson(response);
  const message = typeof body.message === 'string' ? body.message.slice(0, 500) : undefined;
  if (response.status === 401)
    throw new RenewalRefusedError(
      message ?? 'JupyterHub could not renew your platform login; log in again at JupyterHub.',
    );
  if (response.status === 404)
    throw new NotFoundError(
      `JupyterHub at ${url.origin} has no vobridge endpoint (${url.pathname}): its operator has not set up vobridge_jupyterhub.`,
    );
  if (response.status === 403)
    throw new MethodUnsupportedError(message ?? `JupyterHub at ${url.origin} refused this server's API token.`);
  if (!response.ok)
    throw new PlatformUnreachableError(message ?? `JupyterHub at ${url.origin} answered ${response.status}.`);
  return hubTokenOf(body, url.origin);
}

/** The `min_valid` to ask the hub for so that it renews a token that expires at `heldUntil` (epoch ms). */
export function outliving(heldUntil: number | undefined, now: number = Date.now()): number {
  return heldUntil === undefined ? 0 : Math.max(0, (heldUntil - now) / 1000) + 1;
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const value: unknown = await response.json();
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function hubTokenOf(body: Record<string, unknown>, hubOrigin: string): HubToken {
  const { access_token: accessToken, issued_at: issuedAt, expires_at: expiresAt, scope, user, platform } = body;
  const seconds = (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value * 1000 : undefined;
  let platformUrl: URL | undefined;
  try {
    platformUrl = typeof platform === 'string' ? new URL(platform) : undefined;
  } catch {
    platformUrl = undefined;
  }
  if (
    typeof accessToken !== 'string' ||
    accessToken.length === 0 ||
    !platformUrl ||
    (platformUrl.protocol !== 'https:' && platformUrl.protocol !== 'http:')
  )
    throw new PlatformUnreachableError(
      `JupyterHub at ${hubOrigin} answered without a token or platform URL (is vobridge_jupyterhub's platform_url set?).`,
    );
  const claimed = issuedToken(accessToken, typeof scope === 'string' ? { scope } : {});
  // The platform's name for the user (from the token) where it says; else the hub's.
  const decoded = claimed.user === undefined && typeof user === 'string' ? { ...claimed, user } : claimed;
  const expires = seconds(expiresAt);
  return {
    platform: platformUrl.origin,
    token: {
      ...decoded,
      // The platform's issue time, as the hub recorded it: the broker renews at the same mark as the hub.
      issuedAt: Math.min(seconds(issuedAt) ?? decoded.issuedAt, decoded.issuedAt),
      ...(expires !== undefined ? { expiresAt: expires } : {}),
    },
  };
}
