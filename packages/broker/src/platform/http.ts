import { PlatformUnreachableError } from '../errors.js';

/** Time limit of one request to a platform. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * `fetch` for the platform calls the SDK has no client for (service index,
 * sessions list): bounded in time, never follows redirects (a credential must
 * not travel to wherever a redirect points), and turns network failures into
 * {@link PlatformUnreachableError} naming the URL without its query.
 */
export async function platformFetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new PlatformUnreachableError(`Cannot reach ${withoutQuery(url)}: ${(error as Error).name}.`, {
      cause: error,
    });
  }
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
