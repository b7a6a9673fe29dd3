import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { discoverOidc, exchangeToken } from '@vobridge/sdk';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { HeadlessUserAgent, type Page } from '../src/testing/index.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let discovery: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform({ accessTokenTtlSeconds: 120 });
  discovery = (await (await fetch(`${platform.url}/.well-known/openid-configuration`)).json()) as Record<
    string,
    string
  >;
});
afterAll(async () => {
  await platform.dispose();
});

async function tokenRequest(
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(discovery.token_endpoint as string, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Logs in through the platform's login page, starting from `url`, following redirects. */
async function signIn(agent: HeadlessUserAgent, url: string, username: string, password: string): Promise<Page> {
  const page = await agent.open(url);
  expect(page.status).toBe(200);
  return agent.submit(page, { username, password });
}

describe('discovery and keys', () => {
  it('publishes the endpoints at the root and under the issuer', async () => {
    expect(discovery.issuer).toBe(`${platform.url}/oidc`);
    expect(discovery.token_endpoint).toBe(`${platform.url}/oidc/token`);
    expect(discovery.device_authorization_endpoint).toBe(`${platform.url}/oidc/device/auth`);
    expect(discovery.grant_types_supported).toEqual(
      expect.arrayContaining([
        'authorization_code',
        'refresh_token',
        'urn:ietf:params:oauth:grant-type:device_code',
        'urn:ietf:params:oauth:grant-type:token-exchange',
      ]),
    );
    const underIssuer = (await (await fetch(`${platform.url}/oidc/.well-known/openid-configuration`)).json()) as Record<
      string,
      string
    >;
    expect(underIssuer.issuer).toBe(discovery.issuer);
  });

  it('verifies password-login tokens against the published JWKS', async () => {
    const token = await platform.login('alice');
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri as string));
    const { payload } = await jwtVerify(token, jwks, { issuer: discovery.issuer as string, audience: platform.url });
    expect(payload.sub).toBe('alice');
  });
});

describe('authorization code + PKCE', () => {
  it('logs in through the login page and issues JWT access and refresh tokens', async () => {
    const agent = new HeadlessUserAgent(platform.url);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:9/callback';
    const auth = new URL(discovery.authorization_endpoint as string);
    auth.search = new URLSearchParams({
      client_id: 'vobridge',
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid offline_access vospace',
      state: 'st-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    const consent = await signIn(agent, auth.href, 'alice', 'alice-demo-password');
    // A redirect URI alice never approved: the platform asks her, showing where the code goes.
    expect(consent.leftTo).toBeUndefined();
    expect(consent.html).toContain(redirectUri);
    const done = await agent.submit(consent, { decision: 'allow' });
    expect(done.leftTo?.startsWith(redirectUri)).toBe(true);
    const callback = new URL(done.leftTo ?? '');
    expect(callback.searchParams.get('state')).toBe('st-1');
    const code = callback.searchParams.get('code') ?? '';

    const tokens = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: 'vobridge',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
    const access = decodeJwt(tokens.body.access_token as string);
    expect(access).toMatchObject({
      iss: `${platform.url}/oidc`,
      sub: 'alice',
      aud: platform.url,
      groups: ['astro', 'demo'],
    });
    expect(String(access.scope).split(' ')).toContain('vospace');
    expect(typeof tokens.body.refresh_token).toBe('string');

    const who = await fetch(`${platform.url}/ac/whoami`, {
      headers: { authorization: `Bearer ${tokens.body.access_token as string}` },
    });
    expect(((await who.json()) as { username: string }).username).toBe('alice');

    const refreshed = await tokenRequest({
      grant_type: 'refresh_token',
      client_id: 'vobridge',
      refresh_token: tokens.body.refresh_token as string,
    });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.access_token as string).sub).toBe('alice');
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);

    // A client whose answer was lost retries with the spent refresh token: within the grace period it still works.
    const retried = await tokenRequest({
      grant_type: 'refresh_token',
      client_id: 'vobridge',
      refresh_token: tokens.body.refresh_token as string,
    });
    expect(retried.status).toBe(200);
    expect(decodeJwt(retried.body.access_token as string).sub).toBe('alice');
  });

  it('refuses a wrong password on the login page without reflecting input', async () => {
    const agent = new HeadlessUserAgent(platform.url);
    const verifier = randomBytes(32).toString('base64url');
    const auth = new URL(discovery.authorization_endpoint as string);
    auth.search = new URLSearchParams({
      client_id: 'vobridge',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:9/cb',
      scope: 'openid',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    const page = await agent.open(auth.href);
    // No scripts; the form may lead back to a loopback redirect URI (a browser applies form-action to that redirect).
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/form-action 'self' http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*/);
    const refused = await agent.submit(page, { username: '<script>alert(1)</script>', password: 'nope' });
    expect(refused.status).toBe(401);
    expect(refused.html).not.toContain('<script>alert(1)</script>');
    expect(refused.html).toContain('&lt;script&gt;');
  });

  it('refuses redirect URIs that are not loopback', async () => {
    const auth = new URL(discovery.authorization_endpoint as string);
    auth.search = new URLSearchParams({
      client_id: 'vobridge',
      response_type: 'code',
      redirect_uri: 'https://evil.example/cb',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const res = await fetch(auth.href, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });
});

describe('device authorization grant', () => {
  it('answers a stale or forged resume link with 400, not a server error', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await fetch(`${platform.url}/oidc/device/not-a-real-interaction`, { method });
      expect(res.status).toBe(400);
    }
    const body = (await (await fetch(`${platform.url}/oidc/device/not-a-real-interaction`)).json()) as {
      error: string;
    };
    expect(body.error).toBe('invalid_request');
  });

  it('issues tokens once the user approved the code in a browser', async () => {
    const start = await fetch(discovery.device_authorization_endpoint as string, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'vobridge', scope: 'openid offline_access' }),
    });
    expect(start.status).toBe(200);
    const device = (await start.json()) as Record<string, string>;
    const pending = await tokenRequest({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: 'vobridge',
      device_code: device.device_code as string,
    });
    expect(pending.body.error).toBe('authorization_pending');

    const agent = new HeadlessUserAgent(platform.url);
    // The user opens verification_uri_complete, confirms the code, then signs in.
    const codePage = await agent.open(device.verification_uri_complete as string);
    const confirmPage = await agent.submit(codePage);
    expect(confirmPage.html).toContain(device.user_code);
    const loginPage = await agent.submit(confirmPage);
    const done = await agent.submit(loginPage, { username: 'bob', password: 'bob-demo-password' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Device connected');

    const tokens = await tokenRequest({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: 'vobridge',
      device_code: device.device_code as string,
    });
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.access_token as string)).toMatchObject({ sub: 'bob', aud: platform.url });
    expect(typeof tokens.body.refresh_token).toBe('string');
  });
});

describe('token exchange (RFC 8693)', () => {
  it('issues a short-lived, audience-restricted token naming the actor', async () => {
    const subject = await platform.login('alice');
    const exchanged = await tokenRequest({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: 'vobridge',
      subject_token: subject,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      resource: `${platform.url}/gms`,
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.issued_token_type).toBe('urn:ietf:params:oauth:token-type:access_token');
    const token = exchanged.body.access_token as string;
    expect(decodeJwt(token)).toMatchObject({ sub: 'alice', aud: `${platform.url}/gms`, act: { sub: 'vobridge' } });
    expect(exchanged.body.expires_in as number).toBeLessThanOrEqual(900);
    expect((await fetch(`${platform.url}/gms/search`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    expect((await fetch(`${platform.url}/ac/whoami`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
  });

  it('works with the SDK exchangeToken()', async () => {
    const metadata = await discoverOidc(platform.url);
    const tokens = await exchangeToken({
      metadata,
      clientId: 'vobridge',
      subjectToken: await platform.login('bob'),
      resource: `${platform.url}/vospace`,
    });
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      sub: 'bob',
      aud: `${platform.url}/vospace`,
      act: { sub: 'vobridge' },
    });
  });

  it('nests an earlier actor and never outlives the subject token', async () => {
    const subject = (await platform.context.tokens.issue({ username: 'alice', ttlSeconds: 30, actor: 'job-1' })).token;
    const exchanged = await tokenRequest({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: 'vobridge',
      subject_token: subject,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.expires_in as number).toBeLessThanOrEqual(30);
    expect(decodeJwt(exchanged.body.access_token as string).act).toEqual({ sub: 'vobridge', act: { sub: 'job-1' } });
  });

  it('refuses an invalid subject token and a foreign audience', async () => {
    const bad = await tokenRequest({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: 'vobridge',
      subject_token: 'forged',
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_grant');
    const foreign = await tokenRequest({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      client_id: 'vobridge',
      subject_token: await platform.login('alice'),
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      audience: 'https://elsewhere.example/api',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toBe('invalid_target');
  });
});
