// GET /v1/token is served by node:http ahead of express, from remembered answers.
// These tests show a remembered answer is never served once it would differ from
// a recomputed one, and that the fast path refuses exactly what the API refuses.
import { afterEach, describe, expect, it } from '@jest/globals';
import { issuedToken } from '@vobridge/sdk';
import { startBroker, type BrokerEvent } from '../src/index.js';
import type { Login } from '../src/logins/login.js';
import { TokenAnswers } from '../src/server/token-answers.js';
import { broker, call, loginAlice, platform, tempDir, until } from './helpers.js';

type Token = { token: string; expires_at: number; login_id: string; scope: string };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const tokenPath = (url: string, extra = ''): string => `/v1/token?url=${encodeURIComponent(url)}${extra}`;

describe('the remembered /v1/token answer', () => {
  it('changes with the token when the login renews it', async () => {
    const p = await platform({ accessTokenTtlSeconds: 4 });
    const b = await broker();
    cleanups.push(p.close, b.close);
    const login = await loginAlice(b, p.url);
    const first = (await call(b, tokenPath(p.url, '&min_valid=0'))).json<Token>();
    expect((await call(b, tokenPath(p.url, '&min_valid=0'))).json<Token>().token).toBe(first.token);
    await until<BrokerEvent>(
      b.subscribe,
      (e) => e.type === 'login' && e.id === login.id && e.login?.expires_at !== first.expires_at,
    );
    const second = (await call(b, tokenPath(p.url, '&min_valid=0'))).json<Token>();
    expect(second.token).not.toBe(first.token);
    expect(second.expires_at).toBeGreaterThan(first.expires_at);
  }, 60_000);

  it('is gone once the user logs out, and a newer login answers instead of an older one', async () => {
    const p = await platform();
    const b = await broker();
    cleanups.push(p.close, b.close);
    const older = await loginAlice(b, p.url);
    expect((await call(b, tokenPath(p.url))).json<Token>().login_id).toBe(older.id);
    const bob = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: p.url, method: 'password', username: 'bob', password: 'bob-demo-password' },
    });
    const newer = bob.json();
    expect((await call(b, tokenPath(p.url))).json<Token>().login_id).toBe(newer.id);
    expect((await call(b, `/v1/logins/${String(newer.id)}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(b, tokenPath(p.url))).json<Token>().login_id).toBe(older.id);
    expect((await call(b, `/v1/logins/${String(older.id)}`, { method: 'DELETE' })).status).toBe(204);
    const after = await call(b, tokenPath(p.url));
    expect(after.status).toBe(403);
    expect(after.json().error).toBe('not_logged_in');
  }, 60_000);

  it('keeps scope and min_valid checks per query', async () => {
    const p = await platform({ accessTokenTtlSeconds: 10 });
    const b = await broker();
    cleanups.push(p.close, b.close);
    await loginAlice(b, p.url);
    const plain = (await call(b, tokenPath(p.url, '&min_valid=9'))).json<Token>();
    const unknownScope = await call(b, tokenPath(p.url, '&min_valid=0&scope=not-granted'));
    expect(unknownScope.status).toBe(403);
    expect(unknownScope.json().error).toBe('out_of_scope');
    expect((await call(b, tokenPath(p.url, '&min_valid=9'))).json<Token>().token).toBe(plain.token);
    // The same query once the token has less left than it asks for: renewed first, as without the fast path.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, (plain.expires_at - 8) * 1000 - Date.now())));
    const later = (await call(b, tokenPath(p.url, '&min_valid=9'))).json<Token>();
    expect(later.token).not.toBe(plain.token);
    const repeated = await call(b, `${tokenPath(p.url)}&url=${encodeURIComponent(p.url)}`);
    expect(repeated.status).toBe(400);
    expect(repeated.json().message).toMatch(/"url" is given more than once/);
  }, 60_000);

  it('runs the same checks as every other route, in the same order, for remembered answers too', async () => {
    const p = await platform();
    const b = await broker({ rateLimit: { perSecond: 0.001, burst: 5 } });
    cleanups.push(p.close, b.close);
    await loginAlice(b, p.url);
    expect((await call(b, tokenPath(p.url))).status).toBe(200);
    const host = await call(b, tokenPath(p.url), { headers: { host: 'rebound.example:80' } });
    expect([host.status, host.json().error]).toEqual([403, 'origin_refused']);
    const browser = await call(b, tokenPath(p.url), { headers: { origin: 'https://evil.example' } });
    expect([browser.status, browser.json().error]).toEqual([403, 'origin_refused']);
    const secretless = await call(b, tokenPath(p.url), { secret: null });
    expect([secretless.status, secretless.json().error]).toEqual([401, 'unauthorized']);
    expect(secretless.headers['www-authenticate']).toBe('Bearer realm="vobridge-broker"');
    expect(secretless.headers['cache-control']).toBe('no-store');
    // The refusals above spent none of the budget: 5, of which the login spent 1 and the first token 1.
    const answered = [];
    for (let i = 0; i < 4; i++) answered.push((await call(b, tokenPath(p.url))).status);
    expect(answered).toEqual([200, 200, 200, 429]);
  }, 60_000);

  it('does not outlive the broker: after a restart the persisted login answers', async () => {
    const p = await platform();
    const dir = await tempDir('fast-path');
    cleanups.push(p.close);
    const first = await startBroker({ runtimeFile: false, persist: { dir } });
    await loginAlice(first, p.url);
    const before = (await call(first, tokenPath(p.url))).json<Token>();
    await first.close();
    const second = await startBroker({ runtimeFile: false, persist: { dir } });
    cleanups.push(second.close);
    const old = await call({ url: second.url, secret: first.secret }, tokenPath(p.url));
    expect(old.status).toBe(401);
    const after = (await call(second, tokenPath(p.url))).json<Token>();
    expect(after.login_id).toBe(before.login_id);
    const whoami = await fetch(`${p.url}/ac/whoami`, { headers: { authorization: `Bearer ${after.token}` } });
    expect(whoami.status).toBe(200);
  }, 60_000);
});

describe('TokenAnswers', () => {
  // A stand-in for a Login: the table reads only `active` and `currentToken`.
  const loginHolding = (token: ReturnType<typeof issuedToken>, active = true): Login =>
    ({ active, currentToken: token }) as unknown as Login;
  const body = { text: '{}', bytes: 2 };

  it('serves an answer only while the login holds the same token, active, fresh enough', () => {
    const token = issuedToken('a', { expiresIn: 100 });
    const answers = new TokenAnswers();
    const login = loginHolding(token);
    answers.set('q', { body, login, loginToken: token, token, minValidMs: 10_000 });
    expect(answers.get('q')).toBe(body);

    (login as unknown as { currentToken: unknown }).currentToken = issuedToken('b', { expiresIn: 100 });
    expect(answers.get('q')).toBeUndefined();

    answers.set('q', { body, login: loginHolding(token, false), loginToken: token, token, minValidMs: 10_000 });
    expect(answers.get('q')).toBeUndefined();

    const ageing = issuedToken('c', { expiresIn: 100, now: Date.now() - 90_000 });
    answers.set('q', { body, login: loginHolding(ageing), loginToken: ageing, token: ageing, minValidMs: 5_000 });
    expect(answers.get('q')).toBe(body);
    answers.set('q', { body, login: loginHolding(ageing), loginToken: ageing, token: ageing, minValidMs: 20_000 });
    expect(answers.get('q')).toBeUndefined();
  });

  it('stays bounded', () => {
    const token = issuedToken('a', { expiresIn: 100 });
    const answers = new TokenAnswers();
    for (let i = 0; i < 1000; i++)
      answers.set(`q${i}`, { body, login: loginHolding(token), loginToken: token, token, minValidMs: 0 });
    expect(answers.size).toBeLessThanOrEqual(256);
  });
});
