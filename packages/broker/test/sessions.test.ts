import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerEvent } from '../src/index.js';
import { broker, call, loginAlice, platform, until } from './helpers.js';

type Listing = {
  platforms: { platform: string; ok: boolean; error?: string }[];
  sessions: { id: string; type: string; platform: string; userid: string }[];
};

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
    const launched = await fetch(
      `${p.url}/skaha/v1/session?${new URLSearchParams({ name: 'viewer', image: 'images.canfar.net/skaha/firefly:2025.2', type: 'firefly' })}`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(launched.status).toBe(200);
    const id = (await launched.text()).trim();
    try {
      const listing = (await call(b, '/v1/sessions')).json<Listing>();
      expect(listing.sessions).toEqual([
        expect.objectContaining({ id, type: 'firefly', platform: p.url, userid: 'alice' }),
      ]);
      expect(listing.platforms).toEqual(
        expect.arrayContaining([
          { platform: p.url, ok: true },
          { platform: other.url, ok: true },
        ]),
      );

      await other.close();
      const degraded = (await call(b, '/v1/sessions')).json<Listing>();
      expect(degraded.sessions.map((s) => s.id)).toEqual([id]);
      expect(degraded.platforms).toEqual(
        expect.arrayContaining([{ platform: other.url, ok: false, error: 'platform_unreachable' }]),
      );
    } finally {
      await fetch(`${p.url}/skaha/v1/session/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
    }
  });
});

describe('sessions events', () => {
  it("emits a sessions event when a platform's sessions change, while a stream is open", async () => {
    const p = await platform();
    const b = await broker({ sessionsPollSeconds: 1 });
    const stream = request(new URL('/v1/events', b.url), { headers: { authorization: `Bearer ${b.secret}` } });
    try {
      await loginAlice(b, p.url);
      const opened = new Promise<void>((resolve) =>
        stream.on('response', (res) => {
          res.resume();
          resolve();
        }),
      );
      stream.end();
      await opened;
      const { token } = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<{ token: string }>();
      // Let the watch take its first look before anything changes.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const changed = until<BrokerEvent>(b.subscribe, (e) => e.type === 'sessions' && e.platform === p.url);
      const launched = await fetch(
        `${p.url}/skaha/v1/session?${new URLSearchParams({ name: 'watched', image: 'images.canfar.net/skaha/firefly:2025.2', type: 'firefly' })}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        },
      );
      const id = (await launched.text()).trim();
      expect(await changed).toEqual({ type: 'sessions', platform: p.url });
      await fetch(`${p.url}/skaha/v1/session/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
    } finally {
      stream.destroy();
      await b.close();
      await p.close();
    }
  }, 60_000);
});
