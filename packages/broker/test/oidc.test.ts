import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approveDeviceCode, authorize } from '@vobridge/platform/testing';
import type { BrokerEvent } from '../src/index.js';
import { ALICE, broker, call, eventually, loginAlice, platform, until } from './helpers.js';

type Pending = {
  id: string;
  state: string;
  user_code?: string;
  verification_uri?: string;
  verification_uri_complete?: string;
  authorization_url?: string;
  expires_in: number;
};
type Token = { token: string; expires_at: number; scope: string };

describe('OIDC logins against the reference platform', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    [p, b] = await Promise.all([platform({ accessTokenTtlSeconds: 4 }), broker()]);
  });
  afterAll(async () => {
    await Promise.all([b.close(), p.close()]);
  });

  const whoami = async (token: string): Promise<string> => {
    const reply = await fetch(`${p.url}/ac/whoami`, { headers: { authorization: `Bearer ${token}` } });
    return reply.ok ? ((await reply.json()) as { username: string }).username : `HTTP ${reply.status}`;
  };

  it('discovers the login methods, OIDC first', async () => {
    const reply = await call(b, `/v1/discover?url=${encodeURIComponent(`${p.url}/vospace/nodes/alice`)}`);
    expect(reply.status).toBe(200);
    const discovery = reply.json<{ platform: string; methods: { method: string }[]; challenges: unknown[] }>();
    expect(discovery.platform).toBe(p.url);
    expect(discovery.methods.map((m) => m.method)).toEqual(['device', 'pkce', 'password', 'cookie', 'token']);
    expect(discovery.challenges.length).toBeGreaterThan(0);
  });

  it('answers discovery of an unreachable URL with 502', async () => {
    const reply = await call(b, `/v1/discover?url=${encodeURIComponent('http://127.0.0.1:9/')}`);
    expect(reply.status).toBe(502);
    expect(reply.json()).toMatchObject({ error: 'platform_unreachable' });
  });

  it('device flow: 202 with the code, pending until approved, then active and refreshed with its refresh token', async () => {
    const reply = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: p.url, method: 'device', scopes: ['openid', 'offline_access'] },
    });
    expect(reply.status).toBe(202);
    const pending = reply.json<Pending>();
    expect(pending).toMatchObject({
      state: 'pending',
      user_code: expect.any(String),
      verification_uri: expect.stringContaining(p.url),
    });
    const early = await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`);
    expect(early.status).toBe(409);
    expect(early.json()).toMatchObject({ error: 'login_pending', login_id: pending.id });

    const active = until<BrokerEvent>(
      b.subscribe,
      (e) => e.type === 'login' && e.id === pending.id && e.login?.state === 'active',
    );
    await approveDeviceCode(pending.verification_uri_complete as string, ALICE);
    const event = await active;
    expect(event).toMatchObject({ login: { user: 'alice', method: 'device', refreshable: true } });

    const first = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=0`)).json<Token>();
    expect(await whoami(first.token)).toBe('alice');
    await until<BrokerEvent>(
      b.subscribe,
      (e) =>
        e.type === 'login' &&
        e.id === pending.id &&
        e.login?.state === 'active' &&
        e.login.expires_at > first.expires_at,
    );
    const second = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=0`)).json<Token>();
    expect(second.token).not.toBe(first.token);
    expect(await whoami(second.token)).toBe('alice');
    expect((await call(b, '/v1/logins')).text).not.toContain(second.token);
    await call(b, `/v1/logins/${pending.id}`, { method: 'DELETE' });
    // The platform asks device clients to poll every 5 s; a loaded machine may need longer.
  }, 60_000);

  it('PKCE: 202 with the authorization URL, completed by the redirect to /v1/callback', async () => {
    const redirectUri = 'http://127.0.0.1:8/vobridge/v1/callback';
    const reply = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: p.url, method: 'pkce', redirect_uri: redirectUri },
    });
    expect(reply.status).toBe(202);
    const pending = reply.json<Pending>();
    const authorizationUrl = new URL(pending.authorization_url as string);
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('redirect_uri')).toBe(redirectUri);

    const back = await authorize(pending.authorization_url as string, ALICE);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    const wrongState = new URLSearchParams(back.search);
    wrongState.set('state', 'forged');
    expect((await call(b, `/v1/callback?${wrongState}`)).status).toBe(404);

    const page = await call(b, `/v1/callback${back.search}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Logged in');
    expect(page.text).not.toContain(back.searchParams.get('code') as string);
    expect((await call(b, `/v1/logins/${pending.id}`)).json()).toMatchObject({
      state: 'active',
      user: 'alice',
      method: 'pkce',
    });
    const token = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<Token>();
    expect(await whoami(token.token)).toBe('alice');
    // The code was redeemed once: replaying the redirect finds no waiting login.
    expect((await call(b, `/v1/callback${back.search}`)).status).toBe(404);
  });

  it('PKCE: an error redirect fails the login with a fixed page', async () => {
    const reply = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: p.url, method: 'pkce', redirect_uri: 'http://127.0.0.1:8/cb' },
    });
    const pending = reply.json<Pending>();
    const state = new URL(pending.authorization_url as string).searchParams.get('state') as string;
    const page = await call(
      b,
      `/v1/callback?state=${state}&error=access_denied&error_description=${encodeURIComponent('<script>x</script>')}`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('The login failed');
    expect(page.text).not.toContain('<script>x');
    expect((await call(b, `/v1/logins/${pending.id}`)).json()).toMatchObject({ state: 'failed' });
  });

  it('a failed login is listed a while with its reason, then forgotten (the list is not a history)', async () => {
    const brief = await broker({ failedLoginsKeptSeconds: 0.3 });
    try {
      const pending = (
        await call(brief, '/v1/logins', {
          method: 'POST',
          body: { url: p.url, method: 'pkce', redirect_uri: 'http://127.0.0.1:8/cb' },
        })
      ).json<Pending>();
      const state = new URL(pending.authorization_url as string).searchParams.get('state') as string;
      await call(brief, `/v1/callback?state=${state}&error=access_denied`);
      expect((await call(brief, '/v1/logins')).json<{ id: string; state: string }[]>()).toEqual([
        expect.objectContaining({ id: pending.id, state: 'failed' }),
      ]);
      await eventually(async () => (await call(brief, '/v1/logins')).json<unknown[]>().length === 0);
      expect((await call(brief, `/v1/logins/${pending.id}`)).status).toBe(404);
    } finally {
      await brief.close();
    }
  });
});

describe('token exchange for another audience (RFC 8693)', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    [p, b] = await Promise.all([platform(), broker()]);
  });
  afterAll(async () => {
    await Promise.all([b.close(), p.close()]);
  });

  it('gives an audience-restricted token, cached, and refuses an audience outside the platform', async () => {
    await loginAlice(b, p.url);
    const audience = `${p.url}/vospace`;
    const url = `/v1/token?url=${encodeURIComponent(`${p.url}/vospace/nodes/alice`)}&audience=${encodeURIComponent(audience)}`;
    const first = await call(b, url);
    expect(first.status).toBe(200);
    const exchanged = first.json<Token>();
    const own = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<Token>();
    expect(exchanged.token).not.toBe(own.token);
    const claims = JSON.parse(Buffer.from(exchanged.token.split('.')[1] as string, 'base64url').toString()) as {
      aud: string | string[];
      sub: string;
    };
    expect([claims.aud].flat()).toContain(audience);
    expect(claims.sub).toBe('alice');
    expect((await call(b, url)).json<Token>().token).toBe(exchanged.token);

    const elsewhere = await call(
      b,
      `/v1/token?url=${encodeURIComponent(p.url)}&audience=${encodeURIComponent('https://evil.example/api')}`,
    );
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json()).toMatchObject({ error: 'out_of_scope' });
  });
});
