import { afterEach, describe, expect, it } from '@jest/globals';
import { HttpPlatformClient, type BrokerEvent, type Renewal } from '../src/index.js';
import { broker, call, loginAlice, platform, until } from './helpers.js';

type Token = { token: string; expires_at: number; login_id: string };

/** The real HTTP client, counting renewals: instrumentation, not a stand-in. */
class CountingClient extends HttpPlatformClient {
  renewals = 0;

  override renew(renewal: Renewal): ReturnType<HttpPlatformClient['renew']> {
    this.renewals += 1;
    return super.renew(renewal);
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('token refresh', () => {
  it('refreshes proactively before expiry, so every token served is valid', async () => {
    const p = await platform({ accessTokenTtlSeconds: 4 });
    const b = await broker();
    cleanups.push(p.close, b.close);
    const login = await loginAlice(b, p.url);
    const first = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=0`)).json<Token>();
    const refreshed = await until<BrokerEvent>(
      b.subscribe,
      (e) => e.type === 'login' && e.id === login.id && e.login?.expires_at !== first.expires_at,
    );
    expect(refreshed.type).toBe('login');
    const second = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=0`)).json<Token>();
    expect(second.token).not.toBe(first.token);
    expect(second.expires_at).toBeGreaterThan(first.expires_at);
    const whoami = await fetch(`${p.url}/ac/whoami`, { headers: { authorization: `Bearer ${second.token}` } });
    expect(whoami.status).toBe(200);
  }, 60_000);

  it('refreshes first when min_valid asks for more than is left, once for many concurrent callers', async () => {
    const p = await platform({ accessTokenTtlSeconds: 20 });
    const client = new CountingClient();
    const renewals = (): number => client.renewals;
    const b = await broker({ platformClient: client, rateLimit: { perSecond: 1000, burst: 1000 } });
    cleanups.push(p.close, b.close);
    await loginAlice(b, p.url);
    const before = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<Token>();
    // Let the token age until it has less than 15 s left; a fresh one has ~20 s, so one renewal satisfies everyone.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (before.expires_at - 14) * 1000 - Date.now())));
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => call(b, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=15`)),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(new Set(replies.map((r) => r.json<Token>().token)).size).toBe(1);
    expect(replies[0]?.json<Token>().token).not.toBe(before.token);
    expect(renewals()).toBe(1);
  }, 60_000);

  it('does not renew again when the platform cannot give the validity asked for', async () => {
    const p = await platform({ accessTokenTtlSeconds: 30 });
    const client = new CountingClient();
    const renewals = (): number => client.renewals;
    const b = await broker({ platformClient: client });
    cleanups.push(p.close, b.close);
    await loginAlice(b, p.url);
    for (let i = 0; i < 5; i += 1) {
      expect((await call(b, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=3600`)).status).toBe(200);
    }
    expect(renewals()).toBe(0);
  }, 60_000);

  it('serves the old token while it is valid when the platform is down, then says the platform is unreachable, keeping the login', async () => {
    const p = await platform({ accessTokenTtlSeconds: 3 });
    const b = await broker();
    cleanups.push(b.close);
    const login = await loginAlice(b, p.url);
    const events: BrokerEvent[] = [];
    b.subscribe((e) => events.push(e));
    const held = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=0`)).json<Token>();
    await p.close();
    // The proactive refresh (at ~75 % of the lifetime) fails: the broker says so and keeps the valid token.
    const failed = await until<BrokerEvent>(b.subscribe, (e) => e.type === 'refresh_failed' && e.id === login.id);
    expect(failed).toMatchObject({ error: 'platform_unreachable' });
    if (Date.now() / 1000 < held.expires_at - 0.5) {
      const during = await call(b, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=0`);
      expect(during.status).toBe(200);
      expect(during.json<Token>().token).toBe(held.token);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, held.expires_at * 1000 - Date.now() + 600)));
    const after = await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`);
    // Not login_required: nothing refused the login, it renews once the platform answers again.
    expect(after.status).toBe(502);
    expect(after.json()).toMatchObject({ error: 'platform_unreachable', login_id: login.id, platform: p.url });
    expect((await call(b, `/v1/logins/${String(login.id)}`)).json()).toMatchObject({ refreshable: true });
    expect(after.text).not.toContain(held.token);
    expect(events.some((e) => e.type === 'expiring' && e.id === login.id)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(held.token);
  }, 60_000);

  it('reports a refresh token the platform refuses as login_required', async () => {
    const p = await platform({ accessTokenTtlSeconds: 3 });
    const b = await broker();
    cleanups.push(p.close, b.close);
    const issued = await fetch(`${p.url}/ac/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=alice&password=alice-demo-password',
    });
    const token = (await issued.text()).trim();
    const started = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: p.url, method: 'token', token, refresh_token: 'not-a-refresh-token' },
    });
    if (started.status !== 201) {
      // The platform offers no OIDC yet: a refresh token cannot be adopted, and the broker says so.
      expect(started.json()).toMatchObject({ error: 'method_unsupported' });
      return;
    }
    const id = started.json<{ id: string }>().id;
    const failed = await until<BrokerEvent>(b.subscribe, (e) => e.type === 'refresh_failed' && e.id === id);
    expect(failed).toMatchObject({ error: 'login_required' });
  }, 60_000);
});
