// The request path shared by the XML service clients (UWS, VOSpace): typed
// errors for network failures, timeouts and error statuses, and the caller's
// `fetch` (for instance the auth layer's `authFetch`) used for every request.
import { errorFromResponse, ProtocolError, redactUrl } from '../errors.js';
import { send, type FetchLike } from '../auth/http/request.js';

export type { FetchLike };

/** Options every service client takes. */
export interface ServiceClientOptions {
  /** Base URL of the service (for UWS: the job list URL). */
  baseUrl: string | URL;
  /**
   * `fetch` used for every request; defaults to the global one. Pass the auth
   * layer's `authFetch` to send credentials: the clients never handle them.
   */
  fetch?: FetchLike;
  /** Per-request time limit in milliseconds (default 30 000). */
  timeoutMs?: number;
}

/** Cancellation accepted by every client call. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Internal: the resolved settings a client sends requests with. */
export interface Transport {
  fetch: FetchLike | undefined;
  timeoutMs: number | undefined;
}

/** Internal: a transport from client options. */
export function transportOf(options: ServiceClientOptions): Transport {
  return { fetch: options.fetch, timeoutMs: options.timeoutMs };
}

/**
 * Sends a request, following redirects (303 after a POST becomes a GET), and
 * turns a non-2xx answer into the matching typed error.
 */
export async function request(
  t: Transport,
  url: string | URL,
  init: RequestInit & { timeoutMs?: number },
  signal?: AbortSignal,
): Promise<Response> {
  const { timeoutMs, ...rest } = init;
  const response = await send(
    url,
    { redirect: 'follow', ...rest },
    { ...(t.fetch ? { fetch: t.fetch } : {}), timeoutMs: timeoutMs ?? t.timeoutMs, ...(signal ? { signal } : {}) },
  );
  if (!response.ok) throw await errorFromResponse(response, url);
  return response;
}

/** Reads an XML body, refusing an HTML page where a document was expected. */
export async function readXml(response: Response, what: string): Promise<string> {
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  if (type.includes('html')) {
    throw new ProtocolError(`Expected ${what} (XML) from ${redactUrl(response.url)}, got an HTML page.`);
  }
  return text;
}

/** `base` with a trailing slash, so relative paths resolve below it. */
export function asDirectory(base: string | URL): URL {
  const u = new URL(String(base));
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return u;
}
