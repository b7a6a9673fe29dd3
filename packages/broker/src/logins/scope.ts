import { BadRequestError } from '../errors.js';

/**
 * Where a login's token may go: exact origins (the platform's and its
 * services'), plus domains a platform declared for its tokens (e.g. CADC
 * tokens valid on two internet domains). A domain matches itself and its
 * subdomains over https only, so a declared domain never downgrades a token to
 * plain HTTP.
 */
export interface LoginScope {
  readonly origins: readonly string[];
  readonly domains: readonly string[];
}

/** Parse an http(s) URL given by a client, or fail with a 400-class error naming the problem. */
export function parseServiceUrl(raw: string | undefined, name = 'url'): URL {
  if (!raw) throw new BadRequestError(`Missing query parameter "${name}" (the service URL a token is wanted for).`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadRequestError(`"${name}" is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BadRequestError(`"${name}" must be an http or https URL.`);
  }
  if (url.username || url.password) {
    throw new BadRequestError(`"${name}" must not carry credentials.`);
  }
  return url;
}

/** True when a token scoped by `scope` may be sent to `url`. */
export function scopeCovers(scope: LoginScope, url: URL): boolean {
  if (scope.origins.includes(url.origin)) return true;
  if (url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return scope.domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** Normalise declared domains: lower case, no leading dot or wildcard, must contain a dot (no TLD-wide scopes). */
export function normaliseDomains(domains: readonly string[]): string[] {
  return domains.map((raw) => {
    const domain = raw
      .trim()
      .toLowerCase()
      .replace(/^\*?\./, '');
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
      throw new BadRequestError(`Declared domain "${raw}" is not a domain name with at least two labels.`);
    }
    return domain;
  });
}
