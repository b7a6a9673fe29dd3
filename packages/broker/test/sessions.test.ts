import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { broker, call, loginAlice, platform } from './helpers.js';

type Listing = { platforms: { platform: string; ok: boolean; error?: string }[]; sessions: { id: string; type: string; platform: string; userid: string }[] };

describe('GET /v1/sessions', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  let other: Awaited<ReturnType<typeof platform>>;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    [p, other, b] = await Promise.all([platform(), platform(), broker()]);
  });
  afterAll(async () => {
    await Promise.all([b.close(), p.close(), other.close()]);
  });

  it('lists nothing before any login', async () => {
    expect((await call(b, '/v1/sessions')).json()).toEqual({ platforms: [], sessions: [] });
  });

  it('lists the sessions of every logged-in platform, tagged with it, and reports a platform that fails', async () => {
    await loginAlice(b, p.url);
    await loginAlice(b, other.url);
    const { token } = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<{ token: string }>();
    const launched = await fetch(`${p.url}/skaha/v1/session?${new URLSearchParams({ name: 'viewer', image: 'images.canfar.net/skaha/firefly:2025.2', type: 'firefly' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(launched.status).toBe(200);
    const id = (await launched.text()).trim();
    try {
      const listing = (await call(b, '/v1/sessions')).json<Listing>();
      expect(listing.sessions).toEqual([expect.objectContaining({ id, type: 'firefly', platform: p.url, userid: 'alice' })]);
      expect(listing.platforms).toEqual(expect.arrayContaining([{ platform: p.url, ok: true }, { platform: other.url, ok: true }]));

      await other.close();
      const degraded = (await call(b, '/v1/sessions')).json<Listing>();
      expect(degraded.sessions.map((s) => s.id)).toEqual([id]);
      expect(degraded.platforms).toEqual(expect.arrayContaining([{ platform: other.url, ok: false, error: 'platform_unreachable' }]));
    } finally {
      await fetch(`${p.url}/skaha/v1/session/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    }
  });
});
