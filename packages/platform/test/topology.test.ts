// The split topology: the registry, logins and OIDC at the platform's URL,
// GMS, VOSpace, UWS and sessions each at an origin of its own, all under one
// issuer, as CANFAR spreads its services over hosts. What a client learns from
// the registry must be all it needs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCapabilities } from '@vobridge/sdk';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let alice: string;

beforeAll(async () => {
  platform = await startTestPlatform({ topology: 'split' });
  alice = await platform.login('alice');
});
afterAll(async () => {
  await platform.dispose();
});

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** `/reg/resource-caps` as a map of resource id to capabilities URL. */
async function registry(): Promise<Map<string, string>> {
  const res = await fetch(`${platform.url}/reg/resource-caps`);
  expect(res.status).toBe(200);
  const entries = new Map<string, string>();
  for (const line of (await res.text()).split('\n')) {
    if (line.startsWith('#') || !line.includes('=')) continue;
    const [id, url] = line.split('=').map((part) => part.trim());
    entries.set(id as string, url as string);
  }
  return entries;
}

describe('--topology split', () => {
  it('gives GMS, VOSpace, UWS and sessions an origin each, apart from the platform URL', () => {
    const { auth: login, ...services } = platform.serviceOrigins;
    expect(login).toBe(platform.url);
    const origins = Object.values(services);
    expect(new Set([platform.url, ...origins]).size).toBe(5);
    for (const origin of origins) expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lists every service at its own origin in the registry, and their capabilities agree', async () => {
    const entries = await registry();
    const expected: Record<string, string> = {
      'ivo://vobridge.org/auth': platform.url,
      'ivo://cadc.nrc.ca/gms': platform.serviceOrigins.gms,
      'ivo://cadc.nrc.ca/vault': platform.serviceOrigins.vospace,
      'ivo://vobridge.org/uws': platform.serviceOrigins.uws,
      'ivo://cadc.nrc.ca/skaha': platform.serviceOrigins.sessions,
    };
    for (const [id, origin] of Object.entries(expected)) {
      const capsUrl = entries.get(id) ?? '';
      expect(new URL(capsUrl).origin).toBe(origin);
      const caps = parseCapabilities(await (await fetch(capsUrl)).text());
      const urls = caps.flatMap((c) => c.interfaces.map((i) => i.accessURL));
      expect(urls.length).toBeGreaterThan(2);
      // The GMS capabilities also name the login service (UMS#login), which stays at the platform URL.
      for (const url of urls) expect([origin, platform.url]).toContain(new URL(url).origin);
    }
  });

  it('serves each service only at its own origin', async () => {
    expect((await fetch(`${platform.url}/vospace/nodes/alice`, { headers: auth(alice) })).status).toBe(404);
    expect((await fetch(`${platform.serviceOrigins.vospace}/reg/resource-caps`)).status).toBe(404);
    expect((await fetch(`${platform.serviceOrigins.gms}/ac/login`, { method: 'POST' })).status).toBe(404);
    for (const origin of Object.values(platform.serviceOrigins))
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });

  it('accepts one login at every service, and says who it answered for', async () => {
    const { gms, vospace, uws, sessions } = platform.serviceOrigins;
    for (const url of [
      `${gms}/gms/search`,
      `${vospace}/vospace/nodes/alice`,
      `${uws}/uws/sleep`,
      `${sessions}/skaha/v1/session`,
    ]) {
      const res = await fetch(url, { headers: auth(alice) });
      expect({ url, status: res.status, user: res.headers.get('x-vo-authenticated') }).toEqual({
        url,
        status: 200,
        user: 'alice',
      });
    }
    // Challenges point at the login origin wherever they are met.
    const anonymous = await fetch(`${vospace}/vospace/nodes/alice`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain(`access_url="${platform.url}/ac/login"`);
  });

  it('keeps a token minted for VOSpace to VOSpace, whatever origin it is shown at', async () => {
    const { token } = await platform.context.tokens.issue({
      username: 'alice',
      audience: `${platform.serviceOrigins.vospace}/vospace`,
    });
    expect(
      (await fetch(`${platform.serviceOrigins.vospace}/vospace/nodes/alice`, { headers: auth(token) })).status,
    ).toBe(200);
    expect((await fetch(`${platform.serviceOrigins.sessions}/skaha/v1/session`, { headers: auth(token) })).status).toBe(
      401,
    );
  });

  it('runs a cone job that stores its table in VOSpace, another origin, as its owner', async () => {
    const created = await fetch(`${platform.serviceOrigins.uws}/uws/cone`, {
      method: 'POST',
      headers: { ...auth(alice), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        RA: '101.3',
        DEC: '-16.7',
        SR: '1',
        DEST: 'vos://vobridge.org~vault/alice/split-sirius.xml',
        PHASE: 'RUN',
      }),
      redirect: 'manual',
    });
    expect(created.status).toBe(303);
    const job = created.headers.get('location') ?? '';
    expect(new URL(job).origin).toBe(platform.serviceOrigins.uws);
    let phase = '';
    for (let i = 0; i < 60 && !['COMPLETED', 'ERROR', 'ABORTED'].includes(phase); i++) {
      await fetch(`${job}?WAIT=5`, { headers: auth(alice) });
      phase = (await (await fetch(`${job}/phase`, { headers: auth(alice) })).text()).trim();
    }
    expect(phase).toBe('COMPLETED');
    const stored = await fetch(`${platform.serviceOrigins.vospace}/vospace/data/alice/split-sirius.xml`, {
      headers: auth(alice),
    });
    expect(stored.status).toBe(200);
    expect(await stored.text()).toContain('<TD>Sirius</TD>');
  });

  it("proxies a session's page at the sessions origin only", async () => {
    const { sessions } = platform.serviceOrigins;
    const launched = await fetch(
      `${sessions}/skaha/v1/session?${new URLSearchParams({ name: 'split', image: 'images.canfar.net/skaha/notebook:latest', type: 'notebook' })}`,
      { method: 'POST', headers: auth(alice) },
    );
    expect(launched.status).toBe(200);
    const id = (await launched.text()).trim();
    let view: { status?: string; connectURL?: string } = {};
    for (let i = 0; i < 200 && view.status !== 'Running'; i++) {
      view = (await (
        await fetch(`${sessions}/skaha/v1/session/${id}`, { headers: auth(alice) })
      ).json()) as typeof view;
      if (view.status !== 'Running') await sleep(50);
    }
    expect(view.status).toBe('Running');
    const connect = new URL(view.connectURL ?? '');
    expect(connect.origin).toBe(sessions);
    expect((await fetch(connect, { headers: auth(alice) })).status).toBe(200);
    const elsewhere = new URL(connect.pathname, platform.url);
    expect((await fetch(elsewhere, { headers: auth(alice) })).status).toBe(404);
    await fetch(`${sessions}/skaha/v1/session/${id}`, { method: 'DELETE', headers: auth(alice) });
  });
});
