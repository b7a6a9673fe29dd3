// Finding a service the way cadcutils does: resource id → capabilities URL
// from the registry's `resource-caps` file, then the VOSI capabilities
// document. Both are anonymous and cached (10 minutes, as cadcutils); a
// registry that cannot be reached is answered from the stale copy when
// there is one, also as cadcutils does.

import { HttpError, RegistryError } from '../errors.js';
import { checkPlatformUrl } from '../lib/urls.js';
import { send, type FetchLike } from '../lib/request.js';
import { parseCapabilities, type Capability } from '../xml/capabilities.js';
import { parseResourceCaps, type ResourceCaps } from './resource-caps.js';

/** How long a registry file or capabilities document is used before it is fetched again (cadcutils: 600 s). */
export const REGISTRY_TTL_MS = 600_000;

const MAX_REDIRECTS = 5;

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  /** URL of the registry's `resource-caps` file. */
  url: string | URL;
  /** `fetch` to use (default the global one). Registry reads are anonymous: never pass an authenticating fetch. */
  fetch?: FetchLike;
  /** Per-request time limit in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** How long answers are reused (default {@link REGISTRY_TTL_MS}). */
  ttlMs?: number;
  /** Clock, for tests (epoch ms). */
  now?: () => number;
}

interface Cached<T> {
  value: T;
  at: number;
}

/**
 * A registry: resource ids to capabilities. One instance caches for as long
 * as it lives; share it.
 */
export class RegistryClient {
  /** The `resource-caps` URL. */
  readonly url: string;
  readonly #fetch: FetchLike | undefined;
  readonly #timeoutMs: number | undefined;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #caps: Cached<ResourceCaps> | undefined;
  #pendingCaps: Promise<ResourceCaps> | undefined;
  readonly #documents = new Map<string, Cached<Capability[]>>();

  constructor(options: RegistryClientOptions) {
    this.url = checkPlatformUrl(String(options.url), 'registry URL').toString();
    this.#fetch = options.fetch;
    this.#timeoutMs = options.timeoutMs;
    this.#ttlMs = options.ttlMs ?? REGISTRY_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The registry's resource ids and their capabilities URLs.
   *
   * @throws {@link RegistryError} when there is no registry file at the URL;
   *   the network's typed errors when it cannot be read and was never read before.
   */
  async resources(): Promise<ResourceCaps> {
    if (this.#caps !== undefined && this.#now() - this.#caps.at < this.#ttlMs) return this.#caps.value;
    this.#pendingCaps ??= this.#fetchCaps().finally(() => (this.#pendingCaps = undefined));
    return this.#pendingCaps;
  }

  /**
   * Where a resource's capabilities are: from the registry, or
   * `<id>/capabilities` for a resource id that is an http(s) URL.
   *
   * @throws {@link RegistryError} when the registry does not list it.
   */
  async capabilitiesUrl(resourceId: string): Promise<string> {
    if (/^https?:\/\//i.test(resourceId)) return `${resourceId.replace(/\/+$/, '')}/capabilities`;
    const caps = await this.resources();
    const url = caps.get(resourceId);
    if (url === undefined)
      throw new RegistryError(
        `The registry ${this.url} does not list ${resourceId} (it lists ${caps.size} resource${caps.size === 1 ? '' : 's'}).`,
      );
    return url;
  }

  /**
   * A resource's VOSI capabilities.
   *
   * @throws {@link RegistryError} for a resource the registry does not list;
   *   {@link UnsafeUrlError} for a capabilities URL that is not https (or loopback http);
   *   HTTP, network and {@link ProtocolError}s from reading it.
   */
  async capabilities(resourceId: string): Promise<Capability[]> {
    const url = await this.capabilitiesUrl(resourceId);
    const cached = this.#documents.get(url);
    if (cached !== undefined && this.#now() - cached.at < this.#ttlMs) return cached.value;
    try {
      const value = parseCapabilities(await this.#get(checkPlatformUrl(url, `capabilities URL of ${resourceId}`)));
      this.#documents.set(url, { value, at: this.#now() });
      return value;
    } catch (error) {
      if (cached !== undefined && !(error instanceof RegistryError)) return cached.value;
      throw error;
    }
  }

  async #fetchCaps(): Promise<ResourceCaps> {
    try {
      const value = parseResourceCaps(await this.#get(new URL(this.url)));
      if (value.size === 0)
        throw new RegistryError(`${this.url} lists no resources: is it a registry's resource-caps?`);
      this.#caps = { value, at: this.#now() };
      return value;
    } catch (error) {
      // A registry that is down does not stop a client that has read it before.
      if (this.#caps !== undefined && !(error instanceof RegistryError)) return this.#caps.value;
      if (error instanceof HttpError && error.status === 404)
        throw new RegistryError(`There is no registry at ${this.url} (HTTP 404).`, { cause: error });
      throw error;
    }
  }

  /**
   * GETs a registry document, following redirects within its origin only: a
   * registry sent elsewhere would decide where credentials may go.
   */
  async #get(start: URL): Promise<string> {
    let url = start;
    let response: Response | undefined;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      response = await send(
        url,
        { headers: { accept: 'text/plain, text/xml, application/xml' } },
        { ...(this.#fetch ? { fetch: this.#fetch } : {}), ...(this.#timeoutMs ? { timeoutMs: this.#timeoutMs } : {}) },
      );
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || location === null) break;
      const next = new URL(location, url);
      await response.body?.cancel();
      if (next.origin !== start.origin)
        throw new RegistryError(
          `${start.origin}${start.pathname} redirects to another origin (${next.origin}): not followed.`,
        );
      url = next;
    }
    if (response === undefined || !response.ok) {
      await response?.body?.cancel();
      throw new HttpError(response?.status ?? 0, url);
    }
    const text = await response.text();
    if ((response.headers.get('content-type') ?? '').includes('html'))
      throw new RegistryError(`${url.origin}${url.pathname} answered an HTML page, not a registry document.`);
    return text;
  }
}
