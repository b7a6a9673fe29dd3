// The request path shared by the XML service clients (UWS, VOSpace): typed
// errors for network failures, timeouts and error statuses, and the caller's
// `fetch` (for instance the auth layer's `authFetch`) used for every request.
import {
  AbortError,
  NetworkError,
  ProtocolError,
  TimeoutError,
  VobridgeError,
  errorFromResponse,
  redactUrl,
} from '../errors.js';
import { DEFAULT_TIMEOUT_MS, send, type FetchLike } from './request.js';

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

/** Idle-timeout and cancellation for one streamed exchange, from {@link streamControl}. */
export interface StreamControl {
  /** Signal to give `fetch`: fires on the caller's abort or when the exchange sits idle too long. */
  signal: AbortSignal;
  /** `fetch` to send with. */
  fetch: FetchLike;
  /** Notes activity, which restarts the idle limit: call on every body chunk. */
  touch(): void;
  /** Stops the idle timer: call when the exchange is finished or abandoned. */
  done(): void;
  /** Maps a failure of this exchange to a typed error (and stops the timer). */
  fail(error: unknown): Error;
}

/**
 * Controls a request whose body is streamed, in either direction. Unlike
 * {@link request}, the time limit is an idle limit: it covers waiting for the
 * headers and every pause between body chunks, never the whole transfer, so
 * a large file is not cut off while a stalled peer still is.
 *
 * @throws {@link AbortError} when `signal` has already fired.
 */
export function streamControl(t: Transport, url: string | URL, signal?: AbortSignal): StreamControl {
  const idleMs = t.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let last = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle = false;
  const onAbort = (): void => controller.abort();
  // One timer, re-armed for the remainder when it finds activity since it was set: `touch` runs
  // for every chunk of a transfer and only notes the time, so a late touch (after `done`) cannot
  // arm a timer that holds a finished process open.
  const check = (): void => {
    const quiet = performance.now() - last;
    if (quiet < idleMs) {
      timer = setTimeout(check, idleMs - quiet);
      return;
    }
    idle = true;
    controller.abort();
  };
  const touch = (): void => {
    last = performance.now();
  };
  const done = (): void => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  const fail = (error: unknown): Error => {
    done();
    if (signal?.aborted) return new AbortError('The transfer was aborted by the caller.', { cause: error });
    if (idle) {
      return new TimeoutError(idleMs, url, {
        cause: error,
        message: `The transfer with ${redactUrl(url)} stalled for ${idleMs} ms.`,
      });
    }
    if (error instanceof VobridgeError) return error;
    return new NetworkError(url, {
      cause: error,
      message: `The connection to ${redactUrl(url)} failed during the transfer.`,
    });
  };
  if (signal?.aborted) throw new AbortError('The transfer was aborted by the caller.', { cause: signal.reason });
  signal?.addEventListener('abort', onAbort, { once: true });
  timer = setTimeout(check, idleMs);
  return {
    signal: controller.signal,
    fetch: t.fetch ?? globalThis.fetch,
    touch,
    done,
    fail,
  };
}

/**
 * The `fetch` given to openapi-fetch by the JSON clients (sessions, GMS):
 * same timeout and typed errors as {@link request}, so an error status
 * arrives as an {@link HttpError} subclass carrying the service's message.
 */
export function typedFetch(t: Transport): (input: Request) => Promise<Response> {
  return async (input) => {
    const response = await send(
      input.url,
      {
        method: input.method,
        headers: input.headers,
        redirect: 'follow',
        ...(input.body ? { body: await input.arrayBuffer() } : {}),
      },
      { ...(t.fetch ? { fetch: t.fetch } : {}), timeoutMs: t.timeoutMs, signal: input.signal },
    );
    if (!response.ok) throw await errorFromResponse(response, input.url);
    return response;
  };
}
