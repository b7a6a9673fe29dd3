// What may appear of a URL in an error, a log line or an event: never its
// query, fragment or user-info, where tokens and signed URLs live.

/**
 * Reduces a URL to origin + path: drops the query, the fragment and any
 * user-info, which may carry credentials. Invalid input yields `'(invalid URL)'`
 * rather than echoing it.
 */
export function redactUrl(url: string | URL): string {
  try {
    const u = new URL(String(url));
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
