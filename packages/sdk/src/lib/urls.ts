// The one place that decides whether a URL is safe to send a secret to, or to
// hand to a browser. Every URL that comes from a platform (OIDC metadata,
// device verification URIs, session connect URLs, challenge and capability
// access URLs) goes through `checkPlatformUrl` where the SDK parses it, so a
// `javascript:`, `data:` or `file:` URL, or plain HTTP off this machine, never
// reaches a login, a fetch or `window.open`.

import { UnsafeUrlError } from '../errors.js';

/** Whether a URL host (as `URL.hostname` gives it) is this machine's loopback. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Whether sending a secret to this URL is safe: HTTPS, or plain HTTP on loopback only. */
export function isSecureTarget(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/**
 * Parses a URL a platform sent and checks it is `https:` (or `http:` to
 * loopback). `field` names where it came from, for the error message.
 *
 * @throws UnsafeUrlError for anything else, including a value that is not an absolute URL.
 */
export function checkPlatformUrl(value: unknown, field: string): URL {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || !isSecureTarget(url) || url.username !== '' || url.password !== '')
    throw new UnsafeUrlError(field, url?.protocol);
  return url;
}
