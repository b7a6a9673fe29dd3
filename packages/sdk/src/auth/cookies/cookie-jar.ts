// A small RFC 6265 cookie jar for Node and CLI use (browsers keep cookies
// out of reach of scripts). Enough of §5 for IVOA cookie logins: Domain,
// Path, Secure, Expires, Max-Age, host-only cookies and deletion. No public
// suffix list: a Domain attribute must cover the setting host and contain a
// dot, which stops the common abuse (`Domain=com`) without shipping the PSL.

import { isSecureTarget } from '../../lib/urls.js';

interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  /** Epoch ms; undefined for a session cookie. */
  expiresAt: number | undefined;
}

/** Options of {@link CookieJar}. */
export interface CookieJarOptions {
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

/** Stores cookies from `Set-Cookie` and produces the `Cookie` header for a URL. */
export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();
  readonly #now: () => number;

  constructor(options: CookieJarOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Stores the cookies of `Set-Cookie` header values received from `url`. Invalid ones are ignored. */
  setCookies(url: string | URL, setCookie: readonly string[]): void {
    const from = new URL(String(url));
    for (const header of setCookie) this.#store(from, header);
  }

  /** Stores the cookies a response sets (`Headers.getSetCookie`). */
  storeFromResponse(url: string | URL, response: Response): void {
    // getSetCookie is missing from older browsers, where Set-Cookie is unreadable anyway.
    const values = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
    if (values.length) this.setCookies(url, values);
  }

  /** The `Cookie` header value for a request to `url`, or undefined when no cookie applies. */
  cookieHeader(url: string | URL): string | undefined {
    const to = new URL(String(url));
    const host = to.hostname.toLowerCase();
    const now = this.#now();
    const matching: StoredCookie[] = [];
    for (const [key, c] of this.#cookies) {
      if (c.expiresAt !== undefined && c.expiresAt <= now) {
        this.#cookies.delete(key);
        continue;
      }
      if (c.hostOnly ? host !== c.domain : !domainMatch(host, c.domain)) continue;
      if (!pathMatch(to.pathname, c.path)) continue;
      if (c.secure && !isSecureTarget(to)) continue;
      matching.push(c);
    }
    if (!matching.length) return undefined;
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** Earliest expiry among persistent cookies (epoch ms), if any. */
  earliestExpiry(): number | undefined {
    let earliest: number | undefined;
    for (const c of this.#cookies.values()) {
      if (c.expiresAt !== undefined && (earliest === undefined || c.expiresAt < earliest)) earliest = c.expiresAt;
    }
    return earliest;
  }

  /** Number of stored cookies (expired ones included until next use). */
  get size(): number {
    return this.#cookies.size;
  }

  /** Removes every cookie. */
  clear(): void {
    this.#cookies.clear();
  }

  #store(from: URL, header: string): void {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (!name) return;
    const host = from.hostname.toLowerCase();
    let domain: string | undefined;
    let path: string | undefined;
    let secure = false;
    let maxAge: number | undefined;
    let expires: number | undefined;
    for (const attribute of attributes) {
      const i = attribute.indexOf('=');
      const key = (i < 0 ? attribute : attribute.slice(0, i)).trim().toLowerCase();
      const val = i < 0 ? '' : attribute.slice(i + 1).trim();
      switch (key) {
        case 'domain':
          domain = val.replace(/^\./, '').toLowerCase() || undefined;
          break;
        case 'path':
          path = val.startsWith('/') ? val : undefined;
          break;
        case 'secure':
          secure = true;
          break;
        case 'max-age':
          if (/^-?\d+$/.test(val)) maxAge = Number(val);
          break;
        case 'expires': {
          const t = Date.parse(val);
          if (!Number.isNaN(t)) expires = t;
          break;
        }
      }
    }
    if (domain !== undefined && (!domainMatch(host, domain) || (!domain.includes('.') && domain !== host))) return;
    if (secure && !isSecureTarget(from)) return;
    const now = this.#now();
    const expiresAt = maxAge !== undefined ? now + maxAge * 1000 : expires;
    const cookie: StoredCookie = {
      name,
      value,
      domain: domain ?? host,
      hostOnly: domain === undefined,
      path: path ?? defaultPath(from.pathname),
      secure,
      expiresAt,
    };
    const key = `${cookie.domain};${cookie.path};${name}`;
    if (expiresAt !== undefined && expiresAt <= now) this.#cookies.delete(key);
    else this.#cookies.set(key, cookie);
  }
}

function domainMatch(host: string, domain: string): boolean {
  if (host === domain) return true;
  // An IP address only ever matches itself.
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return false;
  return host.endsWith(`.${domain}`);
}

function pathMatch(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

function defaultPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
