/**
 * A minimal browser for OIDC flows in tests: keeps cookies per origin and
 * follows redirects by hand, so a test can stop at the one that leaves the
 * platform (the client's redirect_uri).
 */
export class TestBrowser {
  readonly #cookies = new Map<string, string>();

  /** One request, no redirect following; stores Set-Cookie. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const jar = [...this.#cookies.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
    if (jar !== '') headers.set('cookie', jar);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair === undefined || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects while they stay under `origin`; returns the last response and its URL. */
  async follow(url: string, origin: string, init: RequestInit = {}): Promise<{ res: Response; url: string }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; hops < 20 && res.status >= 300 && res.status < 400; hops++) {
      const location = res.headers.get('location');
      if (location === null) break;
      const next = new URL(location, current).href;
      if (!next.startsWith(origin)) return { res, url: next };
      await res.arrayBuffer();
      current = next;
      res = await this.request(current);
    }
    return { res, url: current };
  }
}

/** The form `action` of an HTML page. */
export function formAction(html: string): string {
  const match = /<form[^>]*action="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  return match[1].replace(/&amp;/g, '&');
}

/** The named inputs (and their values) of an HTML page's forms. */
export function formFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name !== undefined) out[name] = value ?? '';
  }
  return out;
}
