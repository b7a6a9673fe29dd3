// The request path every SDK client goes through. Credentials are attached
// per redirect hop by origin (see CredentialStore), refreshed ahead of expiry
// with one refresh per credential however many requests are waiting, and a
// 401 gets exactly one retry with a fresh credential before it becomes an
// AuthenticationError.

import { freshEnough, refusedForGood } from '../credentials/freshness.js';
import type { Middleware } from 'openapi-fetch';
import { AuthenticationError, errorFromResponse } from '../../errors.js';
import { parseChallenges } from '../challenges/parse.js';
import type { Challenge } from '../challenges/challenge.js';
import { authorizationHeader, type Credential } from '../credentials/credential.js';
import type { CredentialStore } from '../credentials/store.js';
import { fetchFollowingRedirects, type HopRequest } from '../../lib/redirects.js';
import type { FetchLike } from '../../lib/request.js';

/** What {@link AuthFetchOptions.onUnauthorized} is told about a 401. */
export interface UnauthorizedContext {
  /** Redacted-safe URL that answered 401 (full URL; do not log it). */
  url: URL;
  /** Challenges the service sent with the 401. */
  challenges: Challenge[];
  /** The credential that was rejected, if one was sent. */
  credential: Credential | undefined;
}

/** Options of {@link createAuthFetch}. */
export interface AuthFetchOptions {
  /** Where credentials come from. Refreshed credentials are put back here. */
  store: CredentialStore;
  /** Underlying fetch (default: global `fetch`). */
  fetch?: FetchLike;
  /** Per-hop time limit in ms (default 30 000). */
  timeoutMs?: number;
  /** Refresh a credential this long before it expires (default 60 000 ms). */
  refreshSkewMs?: number;
  /** Most redirects followed per request (default 10). */
  maxRedirects?: number;
  /**
   * Called on a 401 when the rejected credential cannot refresh itself: may log
   * in again (with the challenges just received) and return the new credential,
   * which is stored for the URL's origin and used for the one retry.
   */
  onUnauthorized?: (context: UnauthorizedContext) => Promise<Credential | undefined>;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

/** A `fetch`-compatible function that authenticates, plus the same logic as openapi-fetch middleware. */
export interface AuthFetch {
  (input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /** openapi-fetch middleware: `client.use(authFetch.middleware)`. */
  readonly middleware: Middleware;
  /** Refreshes a credential now (single-flight) and stores the result. */
  refresh(credential: Credential): Promise<Credential>;
  /**
   * The same credentials for a request sent on a connection of the caller's
   * own (the Node file transfers move bytes on their own sockets). Offered
   * only when this AuthFetch sends through the runtime's `fetch`: a `fetch`
   * given in {@link AuthFetchOptions.fetch} (a proxy, a test's fault
   * injector) must never be bypassed.
   */
  readonly direct: DirectCredentials | undefined;
}

/** Credentials per URL, for a request an {@link AuthFetch} does not send itself. */
export interface DirectCredentials {
  /**
   * Headers carrying the credential stored for `url`'s origin (refreshed
   * first when due), and that credential, to {@link AuthFetch.refresh} after a 401.
   * Cookies a response sets are not stored back.
   */
  headersFor(url: URL): Promise<{ headers: Record<string, string>; credential: Credential | undefined }>;
  /** {@link AuthFetch.refresh}: after a 401, once. */
  refresh(credential: Credential): Promise<Credential>;
}

const DEFAULT_REFRESH_SKEW_MS = 60_000;

/**
 * Creates an authenticating `fetch`. Never sends a credential to an origin it
 * was not stored for, redirects included; 401 after one retry rejects with
 * {@link AuthenticationError} (carrying the challenges). Other statuses are
 * returned as responses, as with `fetch`.
 */
export function createAuthFetch(options: AuthFetchOptions): AuthFetch {
  const { store } = options;
  const now = options.now ?? Date.now;
  const skew = options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
  // Keyed weakly by the credential being replaced. Entries stay after they
  // settle, so a request that picked up the old credential just before the
  // refresh finished gets the same result instead of refreshing again.
  const refreshes = new WeakMap<Credential, Promise<Credential>>();

  function refresh(credential: Credential): Promise<Credential> {
    let pending = refreshes.get(credential);
    if (!pending) {
      const run = credential.refresh;
      if (!run) return Promise.resolve(credential);
      pending = run().then((next) => {
        store.replace(credential, next);
        return next;
      });
      // A refresh that failed for a passing reason may be retried by a later
      // request; one the server refused for good (`invalid_grant`: the refresh
      // token is revoked or expired) is remembered, so later requests fail at
      // once instead of asking again each time.
      pending.catch((error: unknown) => {
        if (!refusedForGood(error)) refreshes.delete(credential);
      });
      refreshes.set(credential, pending);
    }
    return pending;
  }

  async function usable(credential: Credential): Promise<Credential> {
    if (!credential.refresh || freshEnough(credential, skew, now())) return credential;
    try {
      return await refresh(credential);
    } catch (error) {
      // Keep using the old credential while it is still valid; the next request tries again.
      if (credential.expiresAt !== undefined && credential.expiresAt > now()) return credential;
      throw error;
    }
  }

  async function headersFor(
    url: URL,
  ): Promise<{ headers: Record<string, string>; credential: Credential | undefined }> {
    const found = store.get(url);
    const credential = found && (await usable(found));
    if (!credential) return { headers: {}, credential };
    if (credential.type !== 'cookie')
      return { headers: { authorization: authorizationHeader(credential) }, credential };
    const cookie = credential.cookies.cookieHeader(url);
    return { headers: cookie ? { cookie } : {}, credential };
  }

  async function run(
    request: HopRequest,
    signal: AbortSignal | undefined,
  ): Promise<{ response: Response; credential: Credential | undefined }> {
    let last: Credential | undefined;
    const response = await fetchFollowingRedirects(request, {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
      // Responses are handed to the caller, who may stream a large body for longer than the limit.
      timeoutUntilHeaders: true,
      ...(signal ? { signal } : {}),
      attach: async (url, headers) => {
        const found = await headersFor(url);
        last = found.credential;
        for (const [name, value] of Object.entries(found.headers)) headers.set(name, value);
      },
      observe: (url, response) => {
        if (last?.type === 'cookie') last.cookies.storeFromResponse(url, response);
      },
    });
    return { response, credential: last };
  }

  const authFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const hop: HopRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: await replayableBody(request, init?.body),
    };
    const signal = request.signal;

    const first = await run(hop, signal);
    if (first.response.status !== 401) return first.response;
    const url = new URL(first.response.url || hop.url);
    const challenges = parseChallenges(first.response.headers.get('www-authenticate'));
    await first.response.body?.cancel();

    let next: Credential | undefined;
    let cause: unknown;
    if (first.credential?.refresh) {
      try {
        next = await refresh(first.credential);
      } catch (error) {
        // The refresh token is dead too: fall through to a new login, if the caller can do one.
        cause = error;
      }
    }
    if (!next && options.onUnauthorized) {
      next = await options.onUnauthorized({ url, challenges, credential: first.credential });
      if (next) store.set(url, next);
    }
    if (!next || hop.body instanceof ReadableStream) {
      // A streamed body is spent: the caller has to send it again (with the refreshed credential, if any).
      throw new AuthenticationError(401, url, { challenges, ...(cause === undefined ? {} : { cause }) });
    }

    const second = await run(hop, signal);
    if (second.response.status !== 401) return second.response;
    const error = await errorFromResponse(
      second.response,
      second.response.url || hop.url,
      parseChallenges(second.response.headers.get('www-authenticate')),
    );
    throw error;
  };

  const middleware: Middleware = {
    // Returning a Response from onRequest makes openapi-fetch skip its own fetch,
    // so redirects and retries happen here, with per-hop credential rules.
    onRequest: ({ request }) => authFetch(request),
  };

  const direct = options.fetch ? undefined : { headersFor, refresh };
  return Object.assign(authFetch, { middleware, refresh, direct });
}

/**
 * The request body in a form that can be sent again after a refresh: strings,
 * buffers and Blobs as they are (a Blob is re-readable without copying it into
 * memory); a `ReadableStream` passed in `init` is streamed once, never buffered,
 * so uploads of any size stay in constant memory.
 */
async function replayableBody(request: Request, body: BodyInit | null | undefined): Promise<HopRequest['body']> {
  if (body instanceof ReadableStream || body instanceof Blob || typeof body === 'string') return body;
  return request.body === null ? undefined : await request.arrayBuffer();
}
