// A real OpenID provider (node-oidc-provider) for the login tests. The only
// stand-in is the end user: the interaction route approves every login as
// `alice`, which is what a person clicking "approve" would do.
import express from 'express';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import { CookieJar } from '../../../src/index.js';
import { start, type Running } from './servers.js';

export const CLIENT_ID = 'vobridge-cli';
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

export async function oidcServer(): Promise<Running & { issuer: string; tokenRequests: () => number }> {
  const app = express();
  // Created after the server listens, because the issuer is the server's origin.
  const ref: { provider?: Provider } = {};
  let tokenRequests = 0;
  app.use((req, _res, next) => {
    if (req.method === 'POST' && req.path === '/token') tokenRequests++;
    next();
  });
  app.get('/interaction/:uid', async (req, res, next) => {
    try {
      const p = ref.provider as Provider;
      const details = await p.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await p.interactionFinished(req, res, { login: { accountId: 'alice' } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new p.Grant({
        accountId: details.session?.accountId ?? 'alice',
        clientId: String(details.params.client_id),
      });
      const missing = details.prompt.details.missingOIDCScope as string[] | undefined;
      if (missing) grant.addOIDCScope(missing.join(' '));
      const grantId = await grant.save();
      await p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } catch (error) {
      next(error);
    }
  });
  app.use((req, res) => {
    (ref.provider as Provider).callback()(req, res);
  });
  const running = await start(app);
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  ref.provider = new Provider(running.origin, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] },
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token', 'authorization_code'],
        response_types: ['code'],
        redirect_uris: [REDIRECT_URI],
      },
    ],
    features: { deviceFlow: { enabled: true }, devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    cookies: { keys: ['test-cookie-key'] },
    ttl: { AccessToken: 120, DeviceCode: 120 },
  });
  return Object.assign(running, { issuer: running.origin, tokenRequests: () => tokenRequests });
}

/**
 * A minimal browser: follows redirects itself, keeps cookies, stops at
 * `stopAt` (the client's redirect URI) and returns the final URL and page.
 */
export async function browse(
  jar: CookieJar,
  url: string,
  init: { method?: string; form?: Record<string, string> } = {},
  stopAt = REDIRECT_URI,
): Promise<{ url: string; html: string }> {
  let current = new URL(url);
  let method = init.method ?? 'GET';
  let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (current.href.startsWith(stopAt)) return { url: current.href, html: '' };
    const headers: Record<string, string> = {};
    const cookie = jar.cookieHeader(current);
    if (cookie) headers.cookie = cookie;
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(current, { method, headers, redirect: 'manual', ...(body ? { body } : {}) });
    jar.storeFromResponse(current, response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current);
      method = 'GET';
      body = undefined;
      continue;
    }
    return { url: current.href, html: await response.text() };
  }
  throw new Error('too many redirects');
}

/** Hidden inputs of the first form in a page, and its action. */
export function formOf(html: string, base: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[m[1] ?? ''] = m[2] ?? '';
  return { action: new URL(action.replace(/&amp;/g, '&'), base).href, fields };
}

/** What the user does on the device verification page: open the link, confirm, approve. */
export async function approveDevice(verificationUriComplete: string): Promise<string> {
  const jar = new CookieJar();
  const page = await browse(jar, verificationUriComplete);
  const auto = formOf(page.html, page.url);
  const confirmPage = await browse(jar, auto.action, { method: 'POST', form: auto.fields });
  const confirm = formOf(confirmPage.html, confirmPage.url);
  const done = await browse(jar, confirm.action, { method: 'POST', form: confirm.fields });
  return done.html;
}
