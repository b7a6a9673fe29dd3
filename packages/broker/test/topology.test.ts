// A platform spread over several origins (the reference platform's split
// topology, as CANFAR is): given only its registry, the broker finds every
// service, scopes the login to the origins the registry declares, and reaches
// the sessions service wherever it lives.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { broker, call, loginAlice, platform } from './helpers.js';

describe('a platform whose services live at several origins', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  let b: Awaited<ReturnType<typeof broker>>;
  let login: Record<string, unknown>;
  beforeAll(async () => {
    [p, b] = await Promise.all([platform({ topology: 'split' }), broker()]);
    // The registry's own URL works as well as the origin that serves it.
    login = await loginAlice(b, `${p.url}/reg/resource-caps`);
  });
  afterAll(async () => {
    await Promise.all([b.close(), p.close()]);
  });

  it('says where each service is and covers every origin the registry declares', () => {
    const { vospace, gms, sessions } = p.serviceOrigins;
    expect(login).toMatchObject({
      platform: p.url,
      state: 'active',
      services: {
        registry: `${p.url}/reg/resource-caps`,
        vospace: `${vospace}/vospace`,
        gms: `${gms}/gms`,
        sessions: `${sessions}/skaha/v1`,
        login: `${p.url}/ac/login`,
      },
    });
    expect(new Set(login.domains as string[])).toEqual(new Set([vospace, gms, sessions, p.serviceOrigins.uws]));
  });

  it('releases the token for a service at another origin, and for nothing the registry does not declare', async () => {
    const target = `${p.serviceOrigins.vospace}/vospace/nodes/alice`;
    const reply = await call(b, `/v1/token?url=${encodeURIComponent(target)}`);
    expect(reply.status).toBe(200);
    const { token, origin } = reply.json<{ token: string; origin: string }>();
    expect(origin).toBe(p.serviceOrigins.vospace);
    expect((await fetch(target, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const elsewhere = await call(b, `/v1/token?url=${encodeURIComponent('http://127.0.0.1:9/vospace')}`);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json()).toMatchObject({ error: 'out_of_scope' });
  });

  it('launches, lists and deletes sessions at the sessions origin', async () => {
    const on = (path: string): string => `${path}?${new URLSearchParams({ platform: p.url })}`;
    const launched = await call(b, on('/v1/sessions'), {
      method: 'POST',
      body: { name: 'split', image: 'images.canfar.net/skaha/notebook:latest', type: 'notebook' },
    });
    expect(launched.status).toBe(201);
    const { id } = launched.json<{ id: string }>();
    const listing = (await call(b, '/v1/sessions')).json<{
      platforms: unknown[];
      sessions: { id: string; connectURL: string; platform: string }[];
    }>();
    expect(listing.platforms).toEqual([{ platform: p.url, ok: true }]);
    const session = listing.sessions.find((s) => s.id === id);
    expect(session?.platform).toBe(p.url);
    expect(new URL(session?.connectURL ?? '').origin).toBe(p.serviceOrigins.sessions);

    // Open: a one-time link that logs a browser in at the sessions origin and lands on the page.
    let opened = await call(b, on(`/v1/sessions/${id}/open`), { method: 'POST' });
    for (let i = 0; i < 100 && opened.status === 409; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      opened = await call(b, on(`/v1/sessions/${id}/open`), { method: 'POST' });
    }
    expect(opened.status).toBe(200);
    expect(opened.headers['cache-control']).toBe('no-store');
    const { url } = opened.json<{ url: string; expires_in: number }>();
    expect(new URL(url).origin).toBe(p.serviceOrigins.sessions);
    const landed = await fetch(url, { redirect: 'manual' });
    expect(landed.status).toBe(303);
    const cookie = (landed.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const page = await fetch(new URL(landed.headers.get('location') ?? '', url), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Notebook</h1>');

    expect((await call(b, on(`/v1/sessions/${id}`), { method: 'DELETE' })).status).toBe(204);
  });
});
