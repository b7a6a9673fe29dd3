import { PlatformUnreachableError } from '../errors.js';

/** Time limit of one request to a platform. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * `fetch` for platform calls: bounded in time, never follows redirects (a
 * credential must not travel to wherever a redirect points), and turns network
 * failures into {@link PlatformUnreachableError} naming the URL without its
 * query (which may carry codes).
 */
export async function platformFetch(url: string | URL, init: RequestInit = {}, signal?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    return await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new PlatformUnreachableError(`Cannot reach ${withoutQuery(url)}: ${(error as Error).message}`, { cause: error });
  }
}

/** Read a JSON object body, or fail with {@link PlatformUnreachableError}. */
export async function readJsonObject(response: Response, what: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await response.json();
  } catch {
    throw new PlatformUnreachableError(`${what} at ${withoutQuery(response.url)} did not answer JSON (status ${response.status}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PlatformUnreachableError(`${what} at ${withoutQuery(response.url)} did not answer a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/** A URL for messages: origin and path only. */
export function withoutQuery(url: string | URL): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** Form-encoded POST body. */
export function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  };
}
