// The platform's sign-in, consent and device pages are plain HTML forms
// without scripts, so fetch with a cookie jar can do what a person's browser
// does with them. Redirects are followed by hand so that the one leaving the
// platform (an OAuth client's redirect_uri) is reported instead of fetched.
import { CookieJar } from '@vobridge/sdk';

/** A page the user agent arrived at. */
export interface Page {
  /** The page's URL (the last one on the platform's origin). */
  url: string;
  status: number;
  headers: Headers;
  /** The body, read as text. */
  html: string;
  /** The redirect that would leave the platform's origin, not followed (e.g. to a PKCE client's redirect_uri). */
  leftTo?: string;
}

const MAX_REDIRECTS = 20;

/** A headless browser for the platform's own pages: keeps cookies, follows redirects on one origin, submits forms. */
export class HeadlessUserAgent {
  readonly #origin: string;
  readonly #cookies = new CookieJar();
  /** Every `Set-Cookie` header the platform sent, in order (for tests of cookie attributes). */
  readonly setCookies: string[] = [];

  /** @param origin the platform's origin (or any URL on it); redirects elsewhere are not followed. */
  constructor(origin: string) {
    this.#origin = new URL(origin).origin;
  }

  /** Requests `url` and follows redirects while they stay on the platform's origin. */
  async open(url: string, init: RequestInit = {}): Promise<Page> {
    let current = url;
    let res = await this.#request(current, init);
    for (let hops = 0; hops < MAX_REDIRECTS && res.status >= 300 && res.status < 400; hops++) {
      const location = res.headers.get('location');
      if (location === null) break;
      const next = new URL(location, current).href;
      await res.arrayBuffer();
      if (new URL(next).origin !== this.#origin)
        return { url: current, status: res.status, headers: res.headers, html: '', leftTo: next };
      current = next;
      res = await this.#request(current);
    }
    return { url: current, status: res.status, headers: res.headers, html: await res.text() };
  }

  /** Submits the page's first form with its own fields (hidden ones included) overridden by `fields`. */
  submit(page: Page, fields: Record<string, string> = {}): Promise<Page> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1];
    if (action === undefined)
      throw new Error(`no form on ${page.url} (HTTP ${page.status}): ${page.html.slice(0, 200)}`);
    return this.open(new URL(action.replace(/&amp;/g, '&'), page.url).href, {
      method: 'POST',
      body: new URLSearchParams({ ...formFields(page.html), ...fields }),
    });
  }

  async #request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.#cookies.cookieHeader(url);
    if (cookie !== undefined) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.setCookies.push(...res.headers.getSetCookie());
    this.#cookies.storeFromResponse(url, res);
    return res;
  }
}

/** The named inputs of a page's forms, with their values. */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    if (name !== undefined) fields[name] = /value="([^"]*)"/.exec(match[0])?.[1] ?? '';
  }
  return fields;
}
