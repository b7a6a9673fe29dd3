// A person at a browser, for the OIDC flows: the platform's pages are plain
// HTML forms, so fetch with a cookie jar can follow them. Redirects are
// followed only within the platform's origin; the first one leaving it (the
// PKCE redirect to the app) is returned instead.

/** Follows pages on one origin, keeping cookies. */
class Browser {
  readonly #cookies = new Map<string, string>();
  readonly #origin: string;

  constructor(origin: string) {
    this.#origin = origin;
  }

  /** Request `url`, following same-origin redirects; stops at one that leaves the origin. */
  async go(url: string, init: RequestInit = {}): Promise<{ res: Response; url: string; leftTo?: string }> {
    let current = url;
    let res = await this.#request(current, init);
    for (let hops = 0; hops < 20 && res.status >= 300 && res.status < 400; hops += 1) {
      const next = new URL(res.headers.get('location') ?? '', current).href;
      await res.arrayBuffer();
      if (!next.startsWith(this.#origin)) return { res, url: current, leftTo: next };
      current = next;
      res = await this.#request(current);
    }
    return { res, url: current };
  }

  /** Submit the page's (first) form with its hidden fields plus `fields`. */
  async submit(
    page: { res: Response; url: string },
    fields: Record<string, string> = {},
  ): Promise<{ res: Response; url: string; leftTo?: string }> {
    const html = await page.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (action === undefined) throw new Error(`no form on ${page.url}: ${html.slice(0, 200)}`);
    const inputs: Record<string, string> = {};
    for (const match of html.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(match[0])?.[1];
      if (name !== undefined) inputs[name] = /value="([^"]*)"/.exec(match[0])?.[1] ?? '';
    }
    return this.go(new URL(action.replace(/&amp;/g, '&'), page.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...inputs, ...fields }).toString(),
    });
  }

  async #request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookies.size > 0) headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.#cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return res;
  }
}

/** Approve a device login at its `verification_uri_complete` as `username`. */
export async function approveDevice(
  verificationUriComplete: string,
  username: string,
  password: string,
): Promise<void> {
  const browser = new Browser(new URL(verificationUriComplete).origin);
  let page = await browser.go(verificationUriComplete);
  // Code page (pre-filled), confirm page, then the sign-in form.
  for (let step = 0; step < 4; step += 1) {
    const html = await page.res.clone().text();
    if (/name="password"/.test(html)) {
      page = await browser.submit(page, { username, password });
      break;
    }
    page = await browser.submit(page);
  }
  const done = await page.res.text();
  if (page.res.status !== 200 || !/connected|success|signed in|logged in|done/i.test(done)) {
    throw new Error(`device approval failed: ${page.res.status} ${done.slice(0, 200)}`);
  }
}

/** Sign in at a PKCE authorization URL; resolves to the redirect URL the browser is sent back to. */
export async function authorize(authorizationUrl: string, username: string, password: string): Promise<URL> {
  const browser = new Browser(new URL(authorizationUrl).origin);
  let page = await browser.go(authorizationUrl);
  for (let step = 0; step < 4 && page.leftTo === undefined; step += 1) {
    const html = await page.res.clone().text();
    page = /name="password"/.test(html)
      ? await browser.submit(page, { username, password })
      : await browser.submit(page);
  }
  if (page.leftTo === undefined) throw new Error(`authorization did not redirect back: ${page.res.status}`);
  return new URL(page.leftTo);
}
