// Logins whose credential is not a bearer token: a session cookie from a
// cookie login (the reference platform's `ivoa_cookie` challenge, as
// cookie-only services such as ESAC's offer) and HTTP Basic (DaCHS-style).
// The Basic service is a stand-in written here: DaCHS cannot run on this
// machine, and the reference platform speaks IVOA logins, not Basic.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LoginStore } from '../src/logins/persistence.js';
import { startBroker } from '../src/index.js';
import { ALICE, broker, call, platform, tempDir } from './helpers.js';

describe('a cookie login', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    [p, b] = await Promise.all([platform(), broker()]);
  });
  afterAll(async () => {
    await Promise.all([b.close(), p.close()]);
  });

  it('is offered where an ivoa_cookie challenge names a login, and hands out the cookie for in-scope origins', async () => {
    const discovery = (await call(b, `/v1/discover?url=${encodeURIComponent(p.url)}`)).json<{
      methods: { method: string; login_url?: string }[];
    }>();
    expect(discovery.methods).toContainEqual(
      expect.objectContaining({ method: 'cookie', login_url: `${p.url}/ac/cookie` }),
    );
    const created = await call(b, '/v1/logins', { method: 'POST', body: { url: p.url, method: 'cookie', ...ALICE } });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({
      method: 'cookie',
      user: 'alice',
      state: 'active',
      renews_with: 'password_in_memory',
    });

    const answer = (await call(b, `/v1/token?url=${encodeURIComponent(`${p.url}/vospace/nodes/alice`)}`)).json<{
      token: string;
      token_type: string;
    }>();
    expect(answer.token_type).toBe('Cookie');
    expect(answer.token).toMatch(/^CADC_SSO=[^;\s]+$/);
    const read = await fetch(`${p.url}/vospace/nodes/alice`, { headers: { cookie: answer.token } });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-vo-authenticated')).toBe('alice');
    // Sessions, through the broker, present the cookie too.
    expect((await call(b, '/v1/sessions')).json()).toMatchObject({ platforms: [{ platform: p.url, ok: true }] });
    // A cookie cannot be exchanged for an audience-limited token.
    const narrowed = await call(b, `/v1/token?url=${encodeURIComponent(p.url)}&audience=vospace`);
    expect(narrowed.status).toBe(403);
    expect(narrowed.json()).toMatchObject({ error: 'out_of_scope' });
  });
});

describe('a Basic login', () => {
  let service: Server;
  let url: string;
  let b: Awaited<ReturnType<typeof broker>>;
  const expected = `Basic ${Buffer.from(`${ALICE.username}:${ALICE.password}`).toString('base64')}`;
  beforeAll(async () => {
    // DaCHS-style: every request needs Basic credentials, and says who it answered for.
    service = createServer((req, res) => {
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="dachs"' }).end('authenticate');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'x-vo-authenticated': ALICE.username }).end('secret table');
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(service.address() as AddressInfo).port}/tap`;
    b = await broker();
  });
  afterAll(async () => {
    await b.close();
    await new Promise<void>((resolve) => service.close(() => resolve()));
  });

  it('is offered for a Basic challenge, checked before it is admitted, and sent as Authorization: Basic', async () => {
    const discovery = (await call(b, `/v1/discover?url=${encodeURIComponent(url)}`)).json<{
      methods: { method: string; login_url?: string }[];
    }>();
    expect(discovery.methods.map((m) => m.method)).toEqual(['basic', 'token']);

    const wrong = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url, method: 'basic', username: 'alice', password: 'not it' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_credentials' });
    const forgetful = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url, method: 'basic', ...ALICE, keep_password: 'no' },
    });
    expect(forgetful.status).toBe(400);

    const created = await call(b, '/v1/logins', { method: 'POST', body: { url, method: 'basic', ...ALICE } });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ method: 'basic', user: 'alice', expires_at: 0 });
    const answer = (await call(b, `/v1/token?url=${encodeURIComponent(url)}`)).json<{
      token: string;
      token_type: string;
    }>();
    expect(answer.token_type).toBe('Basic');
    const read = await fetch(url, { headers: { authorization: `Basic ${answer.token}` } });
    expect(await read.text()).toBe('secret table');
  });

  it('goes to disk only when the user chose keep_password: disk', async () => {
    for (const keep of ['memory', 'disk'] as const) {
      const dir = await tempDir(`basic-${keep}`);
      const running = await startBroker({ runtimeFile: false, persist: { dir } });
      try {
        const created = await call(running, '/v1/logins', {
          method: 'POST',
          body: { url, method: 'basic', ...ALICE, keep_password: keep },
        });
        expect(created.status).toBe(201);
      } finally {
        await running.close();
      }
      const stored = await new LoginStore(`${dir}/broker-logins.enc`, `${dir}/broker-logins.key`).load();
      expect(stored.map((s) => s.method)).toEqual(keep === 'disk' ? ['basic'] : []);
    }
  });
});
