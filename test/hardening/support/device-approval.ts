// A person approving an OIDC device login in a browser, without the person:
// the platform's device pages are plain HTML forms, so fetch with a cookie
// jar follows them (code page, confirm page, sign-in form), as
// packages/broker/test/browser.ts does for the broker's own tests.

/** Follows same-origin redirects, keeping cookies. */
class CookieBrowser {
  readonly #cookies = new Map<string, string>();
  readonly #origin: string;

  constructor(origin: string) {
    this.#origin = origin;
  }

  async go(url: string, init: RequestInit = {}): Promise<{ res: Response; url: string }> {
    let current = url;
    let res = await this.#request(current, init);
    for (let hops = 0; hops < 20 && res.status >= 300 && res.status < 400; hops += 1) {
      const next = new URL(res.headers.get('location') ?? '', current).href;
      if (!next.startsWith(this.#origin)) break;
      await res.arrayBuffer();
      current = next;
      res = await this.#request(current);
    }
    return { res, url: current };
  }

  /** Submits the page's first form with its own fields plus `fields`. */
  async submit(page: { res: Response; url: string }, fields: Record<string, string> = {}) {
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

/** Approves the device login behind `verificationUriComplete` as `user`. */
export async function approveDevice(
  verificationUriComplete: string,
  user: { username: string; password: string },
): Promise<void> {
  const browser = new CookieBrowser(new URL(verificationUriComplete).origin);
  let page = await browser.go(verificationUriComplete);
  for (let step = 0; step < 4; step += 1) {
    const signIn = /name="password"/.test(await page.res.clone().text());
    page = await browser.submit(page, signIn ? user : {});
    if (signIn) break;
  }
  const done = await page.res.text();
  if (page.res.status !== 200 || !/connected/i.test(done))
    throw new Error(`device approval failed: HTTP ${page.res.status} ${done.slice(0, 200)}`);
}
