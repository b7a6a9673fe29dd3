// Credentials are looked up by the URL a request goes to, and only an exact
// origin match or an HTTPS request inside a declared domain gets one. That is
// the whole defence against credential leaks to third parties, so the rules
// are deliberately narrow: no scheme downgrade, no port wildcards, no
// "parent path" sharing.

import { ConfigurationError } from '../../errors.js';
import type { Credential } from './credential.js';

/**
 * Where a credential may be sent: one origin (`https://host:port`), or every
 * HTTPS host of an internet domain (for services such as CADC's that span
 * several hosts; Basic credentials cannot be domain-scoped).
 */
export type CredentialScope = { origin: string } | { domain: string };

/** One stored credential with its scope. */
export interface CredentialEntry {
  scope: CredentialScope;
  credential: Credential;
}

/** Holds credentials by scope and finds the one a request may carry. */
export class CredentialStore {
  readonly #byOrigin = new Map<string, Credential>();
  readonly #byDomain = new Map<string, Credential>();

  /**
   * Stores a credential. A string or URL means its origin.
   *
   * @throws ConfigurationError for an unusable scope (not http(s), empty domain, Basic on a domain).
   */
  set(scope: CredentialScope | string | URL, credential: Credential): void {
    const s = normaliseScope(scope);
    if ('origin' in s) this.#byOrigin.set(s.origin, credential);
    else {
      if (credential.type === 'basic')
        throw new ConfigurationError('Basic credentials can only be scoped to one origin.');
      this.#byDomain.set(s.domain, credential);
    }
  }

  /** The credential a request to `url` may carry, or undefined. Exact origin first, then the longest matching domain (HTTPS only). */
  get(url: string | URL): Credential | undefined {
    let u: URL;
    try {
      u = new URL(String(url));
    } catch {
      return undefined;
    }
    const exact = this.#byOrigin.get(u.origin);
    if (exact) return exact;
    if (u.protocol !== 'https:') return undefined;
    const host = u.hostname.toLowerCase();
    let best: { domain: string; credential: Credential } | undefined;
    for (const [domain, credential] of this.#byDomain) {
      if ((host === domain || host.endsWith(`.${domain}`)) && (!best || domain.length > best.domain.length)) {
        best = { domain, credential };
      }
    }
    return best?.credential;
  }

  /** Removes the credential of a scope; true if there was one. */
  delete(scope: CredentialScope | string | URL): boolean {
    const s = normaliseScope(scope);
    return 'origin' in s ? this.#byOrigin.delete(s.origin) : this.#byDomain.delete(s.domain);
  }

  /** Puts `next` wherever `previous` is stored (after a refresh). */
  replace(previous: Credential, next: Credential): void {
    for (const map of [this.#byOrigin, this.#byDomain]) {
      for (const [key, value] of map) if (value === previous) map.set(key, next);
    }
  }

  /** All stored credentials with their scopes. */
  entries(): CredentialEntry[] {
    return [
      ...[...this.#byOrigin].map(([origin, credential]) => ({ scope: { origin }, credential })),
      ...[...this.#byDomain].map(([domain, credential]) => ({ scope: { domain }, credential })),
    ];
  }

  /** Removes everything. */
  clear(): void {
    this.#byOrigin.clear();
    this.#byDomain.clear();
  }
}

function normaliseScope(scope: CredentialScope | string | URL): { origin: string } | { domain: string } {
  if (typeof scope === 'string' || scope instanceof URL) return { origin: originOf(scope) };
  if ('origin' in scope) return { origin: originOf(scope.origin) };
  const domain = scope.domain.trim().replace(/^\./, '').toLowerCase();
  if (!domain || !domain.includes('.')) {
    throw new ConfigurationError(
      `Credential domain must be a registrable internet domain with a dot, got ${JSON.stringify(scope.domain)}.`,
    );
  }
  return { domain };
}

function originOf(value: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch (cause) {
    throw new ConfigurationError('Credential scope must be an absolute http(s) URL or origin.', { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError('Credential scope must be an http(s) origin.');
  }
  return url.origin;
}
