// GMS client: IVOA GMS 1.0 `search` for membership checks, vobridge's JSON
// listings for groups and members. Answers are cached per (identity, key),
// honouring `Cache-Control`, and concurrent lookups of one key share a
// request. Tokens that carry trusted group claims answer `isMember` offline.
import createClient, { type Client } from 'openapi-fetch';
import { ProtocolError } from '../errors.js';
import type { components, paths } from '../generated/gms.js';
import { transportOf, typedFetch, type CallOptions, type ServiceClientOptions } from '../lib/transport.js';
import { groupsFromClaims, normalizeGroup, type TrustedGroupClaims } from './token-groups.js';

/** A group. */
export type Group = components['schemas']['Group'];

/** Options of {@link GmsClient}. */
export interface GmsClientOptions extends ServiceClientOptions {
  /** How long answers are kept when the service sends no `Cache-Control: max-age`, in ms (default 60 000; 0 disables). */
  cacheTtlMs?: number;
  /**
   * Who is asking: answers are cached per identity, so a client whose `fetch`
   * switches users never serves one user's groups to another. Defaults to
   * the token's `iss` + `sub` when `claims` is given, else one shared identity.
   */
  identity?: () => string | Promise<string>;
  /**
   * Claims of the caller's current access token, **already validated** (for
   * instance by the auth layer's JWT validator); used with `trustedClaims`.
   */
  claims?: () => Readonly<Record<string, unknown>> | undefined | Promise<Readonly<Record<string, unknown>> | undefined>;
  /** Per issuer, which token claims are trusted to list group membership. */
  trustedClaims?: TrustedGroupClaims;
}

interface Entry<T> {
  /** Set right after creation; the entry is stored only then. */
  value?: Promise<T>;
  expires: number;
}

/**
 * Client of a GMS. `baseUrl` is the service root holding `search` and `groups`.
 *
 * @example
 * ```ts
 * const gms = new GmsClient({
 *   baseUrl: 'https://host/gms',
 *   fetch: authFetch,
 *   claims: () => validatedClaims,
 *   trustedClaims: { 'https://wlcg.example/': ['wlcg.groups'] },
 * });
 * if (await gms.isMember('survey-team')) { ... }
 * ```
 */
export class GmsClient {
  readonly #api: Client<paths>;
  readonly #options: GmsClientOptions;
  readonly #cache = new Map<string, Entry<unknown>>();

  constructor(options: GmsClientOptions) {
    this.#options = options;
    this.#api = createClient<paths>({
      baseUrl: String(options.baseUrl).replace(/\/+$/, ''),
      fetch: typedFetch(transportOf(options)),
    });
  }

  /** The caller's groups. */
  myGroups(options: CallOptions = {}): Promise<Group[]> {
    return this.#cached('groups', async () => {
      const { data, response } = await this.#api.GET('/groups', { signal: options.signal });
      if (!Array.isArray(data)) throw new ProtocolError('The GMS did not answer with a list of groups.');
      return { value: data, response };
    });
  }

  /**
   * Whether the caller is a member of `group` (a name or `ivo://…/gms?name`).
   * Answered from the token when its issuer is trusted for a group claim it
   * carries; otherwise by the GMS `search` endpoint.
   */
  async isMember(group: string, options: CallOptions = {}): Promise<boolean> {
    const wanted = normalizeGroup(group);
    const claims = await this.#options.claims?.();
    const fromToken =
      claims && this.#options.trustedClaims ? groupsFromClaims(claims, this.#options.trustedClaims) : undefined;
    if (fromToken) return fromToken.includes(wanted);
    return this.#cached(`member\u0000${wanted}`, async () => {
      const { data, response } = await this.#api.GET('/search', {
        params: { query: { group: [wanted] } },
        parseAs: 'text',
        signal: options.signal,
      });
      const names = (data ?? '')
        .split(/\r?\n/)
        .map((l) => normalizeGroup(l.trim()))
        .filter(Boolean);
      return { value: names.includes(wanted), response };
    });
  }

  /** User names of a group's members (visible to its members and administrators). */
  async members(group: string, options: CallOptions = {}): Promise<string[]> {
    return (await this.group(group, options)).members ?? [];
  }

  /** One group with its members and administrators. */
  group(group: string, options: CallOptions = {}): Promise<Group> {
    const name = normalizeGroup(group);
    return this.#cached(`group\u0000${name}`, async () => {
      const { data, response } = await this.#api.GET('/groups/{name}', {
        params: { path: { name } },
        signal: options.signal,
      });
      if (!data) throw new ProtocolError(`The GMS sent no description of group ${name}.`);
      return { value: data, response };
    });
  }

  /** Forgets every cached answer (after a login change, for instance). */
  clearCache(): void {
    this.#cache.clear();
  }

  async #identity(): Promise<string> {
    if (this.#options.identity) return this.#options.identity();
    const claims = await this.#options.claims?.();
    return claims ? `${String(claims.iss)}\u0000${String(claims.sub)}` : '';
  }

  async #cached<T>(key: string, load: () => Promise<{ value: T; response: Response }>): Promise<T> {
    const fullKey = `${await this.#identity()}\u0000${key}`;
    const now = Date.now();
    const hit = this.#cache.get(fullKey) as Entry<T> | undefined;
    if (hit?.value && hit.expires > now) return hit.value;
    // Stored before it settles, so concurrent callers share this request.
    const entry: Entry<T> = { expires: Infinity };
    const value = load().then(
      ({ value, response }) => {
        const ttl = ttlOf(response.headers.get('cache-control'), this.#options.cacheTtlMs ?? 60_000);
        if (ttl > 0) entry.expires = Date.now() + ttl;
        else if (this.#cache.get(fullKey) === entry) this.#cache.delete(fullKey);
        return value;
      },
      (error: unknown) => {
        if (this.#cache.get(fullKey) === entry) this.#cache.delete(fullKey);
        throw error;
      },
    );
    entry.value = value;
    this.#cache.set(fullKey, entry as Entry<unknown>);
    return value;
  }
}

/** Cache lifetime from `Cache-Control` (ms): `no-store`/`no-cache`/`private=…` forbid, `max-age` sets it, else the default. */
function ttlOf(header: string | null, fallback: number): number {
  if (!header) return fallback;
  const h = header.toLowerCase();
  if (/\bno-store\b|\bno-cache\b/.test(h)) return 0;
  const m = /\bmax-age\s*=\s*"?(\d+)"?/.exec(h);
  return m?.[1] !== undefined ? Number(m[1]) * 1000 : fallback;
}
