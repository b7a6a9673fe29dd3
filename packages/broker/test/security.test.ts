import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { broker, call } from './helpers.js';

describe('broker request security', () => {
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    b = await broker({ rateLimit: { perSecond: 1000, burst: 1000 } });
  });
  afterAll(() => b.close());

  it('answers 401 with a challenge when the secret is missing', async () => {
    const reply = await call(b, '/healthz', { secret: null });
    expect(reply.status).toBe(401);
    expect(reply.headers['www-authenticate']).toBe('Bearer realm="vobridge-broker"');
    expect(reply.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('answers 401 to a wrong secret, including one of another length or a prefix', async () => {
    for (const secret of ['wrong', `${b.secret}x`, b.secret.slice(0, -1), '']) {
      const reply = await call(b, '/v1/logins', { secret: null, headers: { authorization: `Bearer ${secret}` } });
      expect(reply.status).toBe(401);
    }
    expect((await call(b, '/v1/logins', { secret: null, headers: { authorization: b.secret } })).status).toBe(401);
  });

  it('accepts the right secret', async () => {
    const reply = await call(b, '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'ok', pid: process.pid, logins: 0 });
  });

  it('refuses any Origin header with 403, even with the right secret', async () => {
    for (const origin of ['http://evil.example', 'null', b.url]) {
      const reply = await call(b, '/v1/logins', { headers: { origin } });
      expect(reply.status).toBe(403);
      expect(reply.json()).toMatchObject({ error: 'origin_refused' });
    }
  });

  it('refuses browser fetch metadata and cookies, but serves Node fetch', async () => {
    expect((await call(b, '/v1/logins', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(`${b.url}/healthz`, { headers: { authorization: `Bearer ${b.secret}` } })).status).toBe(200);
    expect((await call(b, '/v1/logins', { headers: { cookie: 'a=b' } })).status).toBe(403);
  });

  it('refuses a Host other than its loopback address and port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${b.port}`, '127.0.0.1', `127.0.0.1:${(b.port ?? 0) + 1}`]) {
      const reply = await call(b, '/healthz', { headers: { host } });
      expect(reply.status).toBe(403);
      expect(reply.json()).toMatchObject({ error: 'origin_refused' });
    }
    expect((await call(b, '/healthz', { headers: { host: `localhost:${b.port}` } })).status).toBe(200);
  });

  it('sends no CORS headers, not even to a preflight', async () => {
    const preflight = await call(b, '/v1/token', {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(403);
    const normal = await call(b, '/healthz');
    for (const reply of [preflight, normal]) {
      expect(Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(normal.headers['cache-control']).toBe('no-store');
  });

  it('answers malformed requests with typed JSON errors', async () => {
    const badJson = await call(b, '/v1/logins', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      raw: '{"url": "secret-looking',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.json()).toMatchObject({ error: 'bad_request' });
    expect(badJson.text).not.toContain('secret-looking');
    const noBody = await call(b, '/v1/logins', { method: 'POST' });
    expect(noBody.status).toBe(400);
    const noUrl = await call(b, '/v1/token');
    expect(noUrl.status).toBe(400);
    expect(noUrl.json()).toMatchObject({ error: 'bad_request' });
    const badMinValid = await call(b, '/v1/token?url=http://127.0.0.1:1/x&min_valid=-5');
    expect(badMinValid.json()).toMatchObject({ error: 'bad_request' });
    const notHttp = await call(b, `/v1/token?url=${encodeURIComponent('file:///etc/passwd')}`);
    expect(notHttp.json()).toMatchObject({ error: 'bad_request' });
    const unknownMethod = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: 'http://127.0.0.1:1', method: 'telepathy' },
    });
    expect(unknownMethod.status).toBe(400);
    const huge = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: 'http://127.0.0.1:1', method: 'password', username: 'a', password: 'x'.repeat(50_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.text).not.toContain('xxxx');
    for (const path of ['/v1/logins/%E0%A4%A', '/v1/logins/%']) {
      const malformed = await call(b, path);
      expect(malformed.status).toBe(400);
      expect(malformed.json()).toMatchObject({ error: 'bad_request' });
    }
    const gzip = await call(b, '/v1/logins', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      raw: '{}',
    });
    expect(gzip.status).toBeGreaterThanOrEqual(400);
    expect(gzip.status).toBeLessThan(500);
    const missing = await call(b, '/v1/nothing');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('says "not logged in" before any login', async () => {
    const reply = await call(b, `/v1/token?url=${encodeURIComponent('https://platform.example.org/tap')}`);
    expect(reply.status).toBe(403);
    expect(reply.json()).toMatchObject({ error: 'not_logged_in' });
  });
});

describe('broker rate limit', () => {
  it('answers 429 with Retry-After once a client exceeds its burst', async () => {
    const b = await broker({ rateLimit: { perSecond: 1, burst: 5 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) statuses.push((await call(b, '/healthz')).status);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      const limited = await call(b, '/healthz');
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    } finally {
      await b.close();
    }
  });

  it('spends nothing of the budget on requests without the secret (no starvation by other local users)', async () => {
    const b = await broker({ rateLimit: { perSecond: 1, burst: 5 } });
    try {
      const anonymous = await Promise.all(
        Array.from({ length: 400 }, () => call(b, '/v1/token?url=http://127.0.0.1/', { secret: null })),
      );
      expect(new Set(anonymous.map((r) => r.status))).toEqual(new Set([401]));
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await call(b, '/healthz')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await b.close();
    }
  });
});
