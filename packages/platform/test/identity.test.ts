import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { conforming } from './support/spec.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform.dispose();
});

describe('password login', () => {
  it('answers the token in the body and headers, with the user name', async () => {
    const res = await fetch(`${platform.url}/ac/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'alice', password: 'alice-demo-password' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-vo-authenticated')).toBe('alice');
    const token = await res.text();
    expect(res.headers.get('x-vo-bearer')).toBe(token);
    const claims = decodeJwt(token);
    expect(claims.sub).toBe('alice');
    expect(claims.iss).toBe(`${platform.url}/oidc`);
    expect(claims.aud).toBe(platform.url);
    expect(claims.groups).toEqual(['astro', 'demo']);
    expect(decodeProtectedHeader(token).typ).toBe('at+jwt');
  });

  it('refuses a wrong password with 401 and challenges, without echoing it', async () => {
    const res = await fetch(`${platform.url}/ac/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'alice', password: 'not-the-password' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('ivoa_bearer');
    expect(await res.text()).not.toContain('not-the-password');
  });

  it('answers 400 to a login without a password', async () => {
    const res = await fetch(`${platform.url}/ac/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'alice' }),
    });
    expect(res.status).toBe(400);
  });

  it('sets an HttpOnly SSO cookie that authenticates', async () => {
    const res = await fetch(`${platform.url}/ac/cookie`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'bob', password: 'bob-demo-password' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^CADC_SSO=[^;]+; .*HttpOnly/);
    const who = await fetch(`${platform.url}/ac/whoami`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(await conforming('auth.yaml', 'GET', '/ac/whoami', who)).toEqual({ username: 'bob', groups: ['demo'] });
  });
});

describe('protected routes', () => {
  it('answer anonymous requests with 401 and the IVOA challenges', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await fetch(`${platform.url}/authcheck`, { method });
      expect(res.status).toBe(401);
      const challenge = res.headers.get('www-authenticate') ?? '';
      expect(challenge).toContain(
        `ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="${platform.url}/ac/login"`,
      );
      expect(challenge).toContain('ivoa_bearer standard_id="ivo://ivoa.net/sso#OAuth"');
      expect(challenge).toContain(
        `ivoa_cookie standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="${platform.url}/ac/cookie"`,
      );
      // AuthVO: standard_id names a login protocol; sso#cookie is a security method, not one.
      expect(challenge).not.toContain('standard_id="ivo://ivoa.net/sso#cookie"');
      expect(challenge).toContain('Bearer realm="vobridge"');
    }
  });

  it('accept the token as Bearer and as X-CADC-DelegationToken', async () => {
    const token = await platform.login('alice');
    const variants: Array<Record<string, string>> = [
      { authorization: `Bearer ${token}` },
      { 'x-cadc-delegationtoken': token },
    ];
    for (const headers of variants) {
      const res = await fetch(`${platform.url}/authcheck`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-vo-authenticated')).toBe('alice');
    }
  });

  it('say who they answered for: X-VO-Authenticated on every authenticated answer (AuthVO)', async () => {
    const token = await platform.login('alice');
    for (const path of ['/vospace/nodes/alice', '/uws/sleep', '/gms/search', '/skaha/v1/session', '/ac/whoami']) {
      const res = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect({ path, status: res.status, user: res.headers.get('x-vo-authenticated') }).toEqual({
        path,
        status: 200,
        user: 'alice',
      });
      const anonymous = await fetch(`${platform.url}${path}`);
      expect(anonymous.headers.get('x-vo-authenticated')).toBeNull();
    }
  });

  it('refuse forged and expired tokens with invalid_token', async () => {
    const token = await platform.login('alice');
    const [header, payload] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: 'bob' })).toString('base64url');
    const forged = `${header}.${forgedPayload}.${token.split('.')[2]}`;
    const expired = (await platform.context.tokens.issue({ username: 'alice', ttlSeconds: -10 })).token;
    for (const bad of [forged, expired, `${header}.${payload}.AAAA`, 'not-a-jwt']) {
      const res = await fetch(`${platform.url}/ac/whoami`, { headers: { authorization: `Bearer ${bad}` } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('unauthorized');
      expect(body.message).not.toContain(bad);
    }
  });

  it('limit an audience-restricted token to its service', async () => {
    const { token } = await platform.context.tokens.issue({
      username: 'alice',
      audience: `${platform.url}/gms`,
      actor: 'job-1',
    });
    const ok = await fetch(`${platform.url}/gms/search`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const refused = await fetch(`${platform.url}/ac/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
  });
});

describe('discovery', () => {
  it('serves capabilities anonymously with challenges on the 200', async () => {
    const res = await fetch(`${platform.url}/capabilities`);
    expect(res.status).toBe(200);
    expect(res.headers.get('www-authenticate')).toContain('ivoa_bearer');
    const xml = await res.text();
    expect(xml).toContain('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
    expect(xml).toContain(`<accessURL use="full">${platform.url}/ac/login</accessURL>`);
  });

  it('serves the root index, health and the registry', async () => {
    const index = (await conforming('auth.yaml', 'GET', '/', await fetch(`${platform.url}/`))) as {
      services: Array<{ name: string }>;
    };
    expect(index.services.map((s) => s.name)).toEqual(expect.arrayContaining(['auth', 'gms', 'sessions']));
    const health = (await conforming('auth.yaml', 'GET', '/healthz', await fetch(`${platform.url}/healthz`))) as {
      status: string;
    };
    expect(health.status).toBe('ok');
    const bearer = { authorization: `Bearer ${await platform.login('alice')}` };
    const groups = await conforming(
      'gms.yaml',
      'GET',
      '/groups',
      await fetch(`${platform.url}/gms/groups`, { headers: bearer }),
    );
    expect(groups).toEqual([expect.objectContaining({ name: 'astro' }), expect.objectContaining({ name: 'demo' })]);
    const group = await conforming(
      'gms.yaml',
      'GET',
      '/groups/{name}',
      await fetch(`${platform.url}/gms/groups/astro`, { headers: bearer }),
    );
    expect(group).toMatchObject({ name: 'astro', members: ['alice', 'carol'] });
    const carol = { authorization: `Bearer ${await platform.login('carol')}` };
    const refused = await fetch(`${platform.url}/gms/groups/demo`, { headers: carol });
    expect(refused.status).toBe(403);
    await conforming('gms.yaml', 'GET', '/groups/{name}', refused);
    const caps = await (await fetch(`${platform.url}/reg/resource-caps`)).text();
    expect(caps).toContain(`ivo://cadc.nrc.ca/gms = ${platform.url}/gms/capabilities`);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await fetch(`${platform.url}/no/such/thing`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('not_found');
  });
});
