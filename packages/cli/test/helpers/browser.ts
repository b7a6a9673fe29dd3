// Approving a device login as a person would in a browser: open the
// verification URL, confirm the code, sign in. The platform's pages are
// plain HTML forms, so following them with fetch and a cookie jar is enough.

/** Approves the device code behind `verificationUriComplete` as `username`. */
export async function approveDeviceCode(
  verificationUriComplete: string,
  username: string,
  password: string,
): Promise<void> {
  const origin = new URL(verificationUriComplete).origin;
  const browser = new CookieBrowser();
  const confirm = await browser.follow(verificationUriComplete, origin);
  const codeForm = await confirm.res.text();
  const confirmed = await browser.follow(new URL(formAction(codeForm), confirm.url).href, origin, {
    method: 'POST',
    body: new URLSearchParams(formFields(codeForm)),
  });
  const confirmForm = await confirmed.res.text();
  const signIn = await browser.follow(new URL(formAction(confirmForm), confirmed.url).href, origin, {
    method: 'POST',
    body: new URLSearchParams(formFields(confirmForm)),
  });
  const loginForm = await signIn.res.text();
  const done = await browser.follow(new URL(formAction(loginForm), signIn.url).href, origin, {
    method: 'POST',
    body: new URLSearchParams({ ...formFields(loginForm), username, password }),
  });
  const page = await done.res.text();
  if (done.res.status !== 200 || !/connected/i.test(page))
    throw new Error(`device approval failed: HTTP ${done.res.status} ${page.slice(0, 200)}`);
}

class CookieBrowser {
  readonly #cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const jar = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (jar !== '') headers.set('cookie', jar);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.delete(pair.slice(0, eq).trim());
      else this.#cookies.set(pair.slice(0, eq).trim(), value);
    }
    return res;
  }

  async follow(url: string, origin: string, init: RequestInit = {}): Promise<{ res: Response; url: string }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; hops < 20 && res.status >= 300 && res.status < 400; hops++) {
      const location = res.headers.get('location');
      if (location === null) break;
      const next = new URL(location, current).href;
      if (!next.startsWith(origin)) break;
      await res.arrayBuffer();
      current = next;
      res = await this.request(current);
    }
    return { res, url: current };
  }
}

function formAction(html: string): string {
  const match = /<form[^>]*action="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  return match[1].replace(/&amp;/g, '&');
}

function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name !== undefined) fields[name] = value ?? '';
  }
  return fields;
}
