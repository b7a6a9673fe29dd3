// Redirects are followed here rather than by fetch, because fetch only drops
// `Authorization` on a cross-origin hop: cookies and custom credential headers
// would travel on. Each hop gets a fresh header set; credentials are added per
// hop by the caller's `attach`, which only ever matches that hop's origin.

import { ProtocolError } from '../errors.js';
import { isRedirect, send, type RequestControl } from './request.js';

/** Headers that carry credentials and never cross an origin change. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'x-cadc-delegationtoken', 'x-vo-bearer'];

/** A request to send with {@link fetchFollowingRedirects}. */
export interface HopRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** A `ReadableStream` is sent once: it cannot follow a 307/308 or be retried. */
  body?: ArrayBuffer | string | Blob | ReadableStream<Uint8Array> | undefined;
}

/** Options of {@link fetchFollowingRedirects}. */
export interface FollowOptions extends RequestControl {
  /** Most redirects to follow (default 10). */
  maxRedirects?: number;
  /** Adds the credential for this hop's URL to its headers. */
  attach?: (url: URL, headers: Headers) => void | Promise<void>;
  /** Sees every response, redirects included (to store cookies). */
  observe?: (url: URL, response: Response) => void;
}

/** Default limit on followed redirects. */
export const DEFAULT_MAX_REDIRECTS = 10;

/**
 * Sends a request and follows redirects itself, stripping credential headers
 * as soon as a hop leaves the original origin. 303 (and 301/302 after a
 * non-GET) continue as a body-less GET; 307/308 repeat method and body.
 *
 * @throws ProtocolError after too many redirects or on a redirect to a non-HTTP URL.
 */
export async function fetchFollowingRedirects(request: HopRequest, options: FollowOptions = {}): Promise<Response> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const origin = request.url.origin;
  let { method, url, body } = request;
  let baseHeaders = new Headers(request.headers);
  for (let hop = 0; ; hop++) {
    const headers = new Headers(baseHeaders);
    if (url.origin !== origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
    await options.attach?.(url, headers);
    const init: RequestInit & { duplex?: 'half' } = { method, headers };
    if (body !== undefined) init.body = body;
    if (body instanceof ReadableStream) {
      // fetch requires half duplex for a streamed request body, and redirect
      // mode `error`: in any other mode it clones the request, teeing the
      // body, and the unread copy keeps every chunk sent — a whole upload in
      // memory. A stream cannot follow a redirect anyway.
      init.duplex = 'half';
      init.redirect = 'error';
    }
    let response: Response;
    try {
      response = await send(url, init, options);
    } catch (error) {
      if (body instanceof ReadableStream && isRedirectRefusal(error)) throw streamRedirected(url);
      throw error;
    }
    if (response.type === 'opaqueredirect') {
      throw new ProtocolError(
        `${url.origin} answered with a redirect this runtime hides from scripts (a browser): call the final URL directly.`,
      );
    }
    options.observe?.(url, response);
    const location = response.headers.get('location');
    if (!isRedirect(response.status) || location === null) return response;
    if (hop >= maxRedirects) {
      await response.body?.cancel();
      throw new ProtocolError(`Too many redirects (more than ${maxRedirects}) starting from ${origin}.`);
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      next = new URL('invalid:');
    }
    await response.body?.cancel();
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw new ProtocolError(`Refusing to follow a redirect from ${url.origin} to a non-HTTP location.`);
    }
    const keepsBody = !(
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method !== 'GET' && method !== 'HEAD')
    );
    // Only a fetch that ignores redirect mode `error` gets here with a stream.
    if (keepsBody && body instanceof ReadableStream) throw streamRedirected(url, response.status);
    if (!keepsBody) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      baseHeaders = new Headers(baseHeaders);
      baseHeaders.delete('content-type');
      baseHeaders.delete('content-length');
    }
    url = next;
  }
}

function streamRedirected(url: URL, status?: number): ProtocolError {
  return new ProtocolError(
    `${url.origin} redirected a streamed upload${status === undefined ? '' : ` (${status})`}; a stream cannot be sent twice: upload to the final URL.`,
  );
}

/** Whether fetch failed because it met a redirect in redirect mode `error` (undici says so in the cause). */
function isRedirectRefusal(error: unknown): boolean {
  // Duck-typed: fetch's errors may come from another realm than this module's Error.
  let e: unknown = error;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    const { message, cause } = e as { message?: unknown; cause?: unknown };
    if (typeof message === 'string' && /unexpected redirect/i.test(message)) return true;
    e = cause;
  }
  return false;
}
