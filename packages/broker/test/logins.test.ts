import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALICE, broker, call, loginAlice, platform } from './helpers.js';

type Login = {
  id: string;
  user?: string;
  platform: string;
  state: string;
  expires_at: number;
  scopes: string[];
  method: string;
};
type Token = { token: string; token_type: string; expires_at: number; login_id: string; platform: string };

/** Ask the real platform who a token belongs to. */
async function whoami(platformUrl: string, token: string): Promise<number> {
  return (await fetch(`${platformUrl}/ac/whoami`, { headers: { authorization: `Bearer ${token}` } })).status;
}

describe('password logins against the reference platform', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  let other: Awaited<ReturnType<typeof platform>>;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    [p, other, b] = await Promise.all([platform(), platform(), broker()]);
  });
  afterAll(async () => {
    await Promise.all([b.close(), p.close(), other.close()]);
  });

  it('logs in with a password and lists the login without any token', async () => {
    const reply = await call(b, '/v1/logins', { method: 'POST', body: { url: p.url, method: 'password', ...ALICE } });
    expect(reply.status).toBe(201);
    const login = reply.json<Login>();
    expect(reply.headers.location).toBe(`/v1/logins/${login.id}`);
    expect(login).toMatchObject({ user: 'alice', platform: p.url, method: 'password', state: 'active' });
    expect(login.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(reply.text).not.toContain(ALICE.password);

    const list = await call(b, '/v1/logins');
    expect(list.json<Login[]>().map((l) => l.id)).toContain(login.id);
    const token = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<Token>().token;
    expect(list.text).not.toContain(token);
    expect(list.text).not.toContain(ALICE.password);
    expect((await call(b, `/v1/logins/${login.id}`)).json()).toMatchObject({ id: login.id, user: 'alice' });
  });

  it('releases a token that the platform accepts, for any URL of the platform origin', async () => {
    const reply = await call(b, `/v1/token?url=${encodeURIComponent(`${p.url}/vospace/nodes/alice?x=1`)}&min_valid=30`);
    expect(reply.status).toBe(200);
    const body = reply.json<Token>();
    expect(body).toMatchObject({ token_type: 'Bearer', platform: p.url });
    expect(body.expires_at).toBeGreaterThan(Date.now() / 1000 + 30);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(await whoami(p.url, body.token)).toBe(200);
  });

  it('refuses a token for another origin with 403 out_of_scope and a reason', async () => {
    for (const url of [
      other.url,
      'https://evil.example/tap',
      p.url.replace('127.0.0.1', 'localhost'),
      p.url.replace('http:', 'https:'),
    ]) {
      const reply = await call(b, `/v1/token?url=${encodeURIComponent(url)}`);
      expect(reply.status).toBe(403);
      const error = reply.json<{ error: string; message: string }>();
      expect(error.error).toBe('out_of_scope');
      expect(error.message).toContain(p.url);
    }
  });

  it('keeps logins to several platforms apart', async () => {
    await loginAlice(b, other.url);
    const mine = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<Token>();
    const theirs = (await call(b, `/v1/token?url=${encodeURIComponent(other.url)}`)).json<Token>();
    expect(mine.platform).toBe(p.url);
    expect(theirs.platform).toBe(other.url);
    // Each platform signs with its own key: a token is only good where it came from.
    expect(await whoami(other.url, theirs.token)).toBe(200);
    expect(await whoami(other.url, mine.token)).toBe(401);
  });

  it('answers a wrong password with 401 invalid_credentials, never echoing it', async () => {
    const reply = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: p.url, method: 'password', username: 'alice', password: 'not-her-password' },
    });
    expect(reply.status).toBe(401);
    expect(reply.json()).toMatchObject({ error: 'invalid_credentials' });
    expect(reply.text).not.toContain('not-her-password');
  });

  it('answers an unreachable platform with 502 platform_unreachable', async () => {
    const reply = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: 'http://127.0.0.1:9', method: 'password', ...ALICE },
    });
    expect(reply.status).toBe(502);
    expect(reply.json()).toMatchObject({ error: 'platform_unreachable' });
  });

  it('replaces an older login of the same user on the same platform', async () => {
    const before = (await call(b, '/v1/logins')).json<Login[]>().filter((l) => l.platform === p.url);
    const again = await loginAlice(b, p.url);
    const after = (await call(b, '/v1/logins')).json<Login[]>().filter((l) => l.platform === p.url);
    expect(before).toHaveLength(1);
    expect(after.map((l) => l.id)).toEqual([again.id]);
  });

  it('logs out with 204, after which the platform is out of scope', async () => {
    const login = (await call(b, '/v1/logins')).json<Login[]>().find((l) => l.platform === p.url) as Login;
    expect((await call(b, `/v1/logins/${login.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(b, `/v1/logins/${login.id}`, { method: 'DELETE' })).status).toBe(404);
    const reply = await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`);
    expect(reply.status).toBe(403);
    expect(reply.json()).toMatchObject({ error: 'out_of_scope' });
  });

  it('adopts a static token, scoped to its platform', async () => {
    const issued = await fetch(`${p.url}/ac/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(ALICE).toString(),
    });
    const token = (await issued.text()).trim();
    const reply = await call(b, '/v1/logins', { method: 'POST', body: { url: p.url, method: 'token', token } });
    expect(reply.status).toBe(201);
    expect(reply.json()).toMatchObject({ method: 'token', user: 'alice', state: 'active' });
    expect(reply.text).not.toContain(token);
    expect((await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<Token>().token).toBe(token);
  });
});
