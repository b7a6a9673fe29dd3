import { request, type ClientRequest } from 'node:http';
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

/** An open `GET /v1/events` stream (what keeps the broker's sessions watch running). */
async function openEvents(b: Awaited<ReturnType<typeof broker>>): Promise<ClientRequest> {
  const stream = request(new URL('/v1/events', b.url), { headers: { authorization: `Bearer ${b.secret}` } });
  await new Promise<void>((resolve) => {
    stream.on('response', (res) => {
      res.resume();
      resolve();
    });
    stream.end();
  });
  return stream;
}

describe('sessions events', () => {
  it('reports a session launched through the broker at once, and again when it runs, without waiting for the poll interval', async () => {
    const p = await platform();
    // An hour between polls: only the broker's own change and its quick looks at a starting session can report it.
    const b = await broker({ sessionsPollSeconds: 3600 });
    await loginAlice(b, p.url);
    const stream = await openEvents(b);
    try {
      // The watch's first look (the baseline) happens when the stream opens.
      await new Promise((r) => setTimeout(r, 300));
      let id = '';
      const running = until<BrokerEvent>(
        b.subscribe,
        (e) => e.type === 'sessions' && e.sessions.some((s) => s.id === id && s.status === 'Running'),
      );
      const launched = await call(b, `/v1/sessions?platform=${encodeURIComponent(p.url)}`, {
        method: 'POST',
        body: { name: 'quick', image: 'images.canfar.net/skaha/carta:4.1', type: 'carta' },
      });
      id = launched.json<{ id: string }>().id;
      expect((await running).type).toBe('sessions');
      await call(b, `/v1/sessions/${id}?platform=${encodeURIComponent(p.url)}`, { method: 'DELETE' });
    } finally {
      stream.destroy();
      await b.close();
      await p.close();
    }
  });

  it("emits a sessions event when a platform's sessions change, while a stream is open", async () => {
    const p = await platform();
    const b = await broker({ sessionsPollSeconds: 1 });
    await loginAlice(b, p.url);
    const stream = await openEvents(b);
    try {
      const { token } = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<{ token: string }>();
      // Let the watch take its first look before anything changes.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const changed = until<BrokerEvent>(b.subscribe, (e) => e.type === 'sessions' && e.platform === p.url);
      let id = '';
      const running = until<BrokerEvent>(
        b.subscribe,
        (e) => e.type === 'sessions' && e.sessions.some((s) => s.id === id && s.status === 'Running'),
      );
      const launched = await fetch(
        `${p.url}/skaha/v1/session?${new URLSearchParams({ name: 'watched', image: 'images.canfar.net/skaha/firefly:2025.2', type: 'firefly' })}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        },
      );
      id = (await launched.text()).trim();
      // The event carries the platform's new listing: the page needs no second request.
      expect(await changed).toEqual({
        type: 'sessions',
        platform: p.url,
        sessions: [expect.objectContaining({ id, name: 'watched', platform: p.url })],
      });
      // The broker keeps looking and reports it running.
      expect((await running).type).toBe('sessions');
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

describe('sessions through the broker (the only gateway to platforms)', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    [p, b] = await Promise.all([platform(), broker()]);
    await loginAlice(b, p.url);
  });
  afterAll(async () => {
    await Promise.all([b.close(), p.close()]);
  });
  const on = (path: string, query: Record<string, string> = {}): string =>
    `${path}?${new URLSearchParams({ platform: p.url, ...query })}`;

  it('lists images and limits, launches, shows, renews, reads logs of and deletes a session', async () => {
    const images = (await call(b, on('/v1/images', { type: 'carta' }))).json<{ id: string; types: string[] }[]>();
    expect(images.map((i) => i.types)).toEqual([['carta']]);
    expect((await call(b, on('/v1/context'))).json()).toHaveProperty('maxInteractiveSessions');

    const launched = await call(b, on('/v1/sessions'), {
      method: 'POST',
      body: { name: 'cube', image: images[0]?.id, type: 'carta' },
    });
    expect(launched.status).toBe(201);
    const { id, platform: where } = launched.json<{ id: string; platform: string }>();
    expect(where).toBe(p.url);
    // A second CARTA: the platform's refusal, with its status and words.
    const again = await call(b, on('/v1/sessions'), {
      method: 'POST',
      body: { name: 'cube2', image: images[0]?.id, type: 'carta' },
    });
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ error: 'platform_refused', platform: p.url });
    expect(again.json<{ message: string }>().message).toMatch(/already has a carta session/);

    const shown = (await call(b, on(`/v1/sessions/${id}`))).json<{ id: string; platform: string; type: string }>();
    expect(shown).toMatchObject({ id, platform: p.url, type: 'carta' });
    const renewed = await call(b, on(`/v1/sessions/${id}/renew`), { method: 'POST' });
    expect(renewed.status).toBe(200);
    expect(renewed.json()).toMatchObject({ id, platform: p.url });
    const events = await call(b, on(`/v1/sessions/${id}/logs`, { view: 'events' }));
    expect(events.headers['content-type']).toMatch(/^text\/plain/);
    expect(events.text).toMatch(/Renewed until/);

    expect((await call(b, on(`/v1/sessions/${id}`), { method: 'DELETE' })).status).toBe(204);
    const gone = await call(b, on(`/v1/sessions/${id}`));
    expect(gone.status).toBe(404);
    expect(gone.json()).toMatchObject({ error: 'not_found' });
  });

  it('refuses a platform it holds no login for, and bad input, with typed errors', async () => {
    const elsewhere = await call(b, `/v1/images?platform=${encodeURIComponent('https://platform.example.org')}`);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json()).toMatchObject({ error: 'not_logged_in', platform: 'https://platform.example.org' });
    for (const body of [
      {},
      { name: 'bad name!', image: 'x', type: 'carta' },
      { name: 'ok', image: 'x', type: 'spaceship' },
      { name: 'ok', image: 'x', type: 'carta', cores: 0 },
      { name: 'ok', image: 'x', type: 'carta', env: { A: 1 } },
      { name: 'ok', image: 'x', type: 'carta', extra: true },
    ]) {
      const reply = await call(b, on('/v1/sessions'), { method: 'POST', body });
      expect({ body, status: reply.status, error: reply.json<{ error: string }>().error }).toEqual({
        body,
        status: 400,
        error: 'bad_request',
      });
    }
    expect((await call(b, '/v1/images')).status).toBe(400);
    expect((await call(b, on('/v1/sessions/..%2Fx'))).status).toBe(400);
  });
});
