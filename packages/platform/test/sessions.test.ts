import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { startTestPlatform, type TestPlatform } from './support/platform.js';
import { conforming } from './support/spec.js';

let platform: TestPlatform;
let alice: string;
let bob: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  alice = await platform.login('alice');
  bob = await platform.login('bob');
});
afterAll(async () => {
  await platform.dispose();
});

const skaha = (path: string): string => `${platform.url}/skaha/v1/${path}`;
const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

async function launch(token: string, params: Record<string, string | string[]>): Promise<string> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) query.append(key, v);
  const res = await fetch(`${skaha('session')}?${query}`, { method: 'POST', headers: auth(token) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`launch failed: ${res.status} ${text}`);
  expect(text).toMatch(/^[a-z0-9]+\n$/);
  return text.trim();
}

async function session(token: string, id: string): Promise<Record<string, unknown>> {
  const res = await fetch(skaha(`session/${id}`), { headers: auth(token) });
  expect(res.status).toBe(200);
  return (await conforming('sessions.yaml', 'GET', '/session/{id}', res)) as Record<string, unknown>;
}

/** Polls until the session reaches one of `statuses` (bounded). */
async function until(token: string, id: string, statuses: string[]): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const s = await session(token, id);
    if (statuses.includes(String(s.status))) return s;
    await sleep(50);
  }
  throw new Error(`session ${id} never reached ${statuses.join('/')}`);
}

describe('skaha API', () => {
  it('lists images, context and repositories', async () => {
    const images = (await conforming(
      'sessions.yaml',
      'GET',
      '/image',
      await fetch(skaha('image'), { headers: auth(alice) }),
    )) as Array<{ id: string }>;
    expect(images.map((i) => i.id)).toContain('images.canfar.net/skaha/firefly:2025.2');
    const context = await conforming(
      'sessions.yaml',
      'GET',
      '/context',
      await fetch(skaha('context'), { headers: auth(alice) }),
    );
    expect(context).toHaveProperty('maxInteractiveSessions');
    const repositories = await conforming(
      'sessions.yaml',
      'GET',
      '/repository',
      await fetch(skaha('repository'), { headers: auth(alice) }),
    );
    expect(repositories).toEqual(['images.canfar.net']);
    await conforming(
      'sessions.yaml',
      'GET',
      '/session',
      await fetch(`${skaha('session')}?view=stats`, { headers: auth(alice) }),
    );
  });

  it('requires authentication, with challenges', async () => {
    const res = await fetch(skaha('session'));
    expect(res.status).toBe(401);
    await conforming('sessions.yaml', 'GET', '/session', res.clone());
    expect(res.headers.get('www-authenticate')).toContain('ivoa_bearer');
  });

  it('rejects bad launches with 400', async () => {
    const launches: Array<Record<string, string>> = [
      { name: 'x', image: 'images.canfar.net/skaha/nope:1' },
      { name: 'bad name!', image: 'images.canfar.net/skaha/terminal:1.1.1' },
      { name: 'x', image: 'images.canfar.net/skaha/terminal:1.1.1', cores: '3' },
      { name: 'x', image: 'images.canfar.net/skaha/terminal:1.1.1', env: 'NODE_OPTIONS=--require=/tmp/x.js' },
      { name: 'x', image: 'images.canfar.net/skaha/carta:4.1', type: 'carta', cmd: 'echo' },
    ];
    for (const params of launches) {
      const res = await fetch(`${skaha('session')}?${new URLSearchParams(params)}`, {
        method: 'POST',
        headers: auth(alice),
      });
      expect(res.status).toBe(400);
    }
  });
});

describe('a CARTA session', () => {
  let id: string;

  it('launches a real process reachable through the proxy by its owner only', async () => {
    id = await launch(alice, {
      name: 'cube',
      image: 'images.canfar.net/skaha/carta:4.1',
      type: 'carta',
      cores: '2',
      ram: '4',
    });
    const running = await until(alice, id, ['Running', 'Failed']);
    expect(running).toMatchObject({
      status: 'Running',
      type: 'carta',
      userid: 'alice',
      requestedRAM: '4G',
      requestedCPUCores: '2',
      isFixedResources: true,
    });
    const connect = String(running.connectURL);
    expect(connect).toBe(`${platform.url}/session/carta/${id}/`);

    const page = await fetch(connect, {
      headers: { ...auth(alice), cookie: 'CADC_SSO=x; theme=dark', 'x-cadc-delegationtoken': alice },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('CARTA');
    // The session never sees the platform credential; other cookies pass.
    const seen = await (await fetch(`${skaha(`session/${id}`)}?view=logs`, { headers: auth(alice) })).text();
    const line = seen.split('\n').find((l) => l.includes(`GET /session/carta/${id}/ 200`)) ?? '';
    expect(line).toContain('cookie');
    expect(line).toContain('x-forwarded-host');
    expect(line).not.toMatch(/authorization|x-cadc-delegationtoken/);
    expect((await fetch(connect)).status).toBe(401);
    expect((await fetch(connect, { headers: auth(bob) })).status).toBe(404);
    expect((await fetch(skaha(`session/${id}`), { headers: auth(bob) })).status).toBe(404);
    expect((await fetch(skaha(`session/${id}`), { method: 'DELETE', headers: auth(bob) })).status).toBe(404);
  });

  it('opens logged in through a one-time link: an HttpOnly cookie for session pages only, the link good once', async () => {
    const asked = await fetch(skaha(`session/${id}/login-link`), { method: 'POST', headers: auth(alice) });
    expect(asked.status).toBe(200);
    const { url, expires_in } = (await conforming('sessions.yaml', 'POST', '/session/{id}/login-link', asked)) as {
      url: string;
      expires_in: number;
    };
    expect(expires_in).toBe(60);
    expect(url).toMatch(new RegExp(`^${platform.url}/session-login/[A-Za-z0-9_-]{43}$`));
    expect(url).not.toContain(alice);

    // A browser follows it with nothing but the link.
    const landed = await fetch(url, { redirect: 'manual' });
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe(`/session/carta/${id}/`);
    expect(landed.headers.get('referrer-policy')).toBe('no-referrer');
    const setCookie = landed.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^CADC_SSO=[^;]+; Max-Age=\d+; Path=\/session\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    const cookie = setCookie.split(';')[0] as string;
    const page = await fetch(`${platform.url}/session/carta/${id}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('CARTA');
    // The cookie opens session pages, nothing else.
    expect((await fetch(skaha('session'), { headers: { cookie } })).status).toBe(401);
    // Spent: a second use, or someone who saw it later, gets nothing.
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(404);
    expect(again.headers.get('set-cookie')).toBeNull();
    // Only the owner can ask for one.
    expect((await fetch(skaha(`session/${id}/login-link`), { method: 'POST', headers: auth(bob) })).status).toBe(404);
    expect((await fetch(skaha(`session/${id}/login-link`), { method: 'POST' })).status).toBe(401);
  });

  it('allows one interactive session of a type', async () => {
    const res = await fetch(
      `${skaha('session')}?${new URLSearchParams({ name: 'again', image: 'images.canfar.net/skaha/carta:4.1', type: 'carta' })}`,
      {
        method: 'POST',
        headers: auth(alice),
      },
    );
    expect(res.status).toBe(409);
  });

  it('shows logs and events, renews and deletes', async () => {
    const logs = await (await fetch(`${skaha(`session/${id}`)}?view=logs`, { headers: auth(alice) })).text();
    expect(logs).toContain('listening on 127.0.0.1');
    const events = await (await fetch(`${skaha(`session/${id}`)}?view=events`, { headers: auth(alice) })).text();
    expect(events).toContain('Scheduled');
    const before = String((await session(alice, id)).expiryTime);
    await sleep(1100);
    expect(
      (await fetch(`${skaha(`session/${id}`)}?action=renew`, { method: 'POST', headers: auth(alice) })).status,
    ).toBe(200);
    expect(String((await session(alice, id)).expiryTime) > before).toBe(true);
    const list = (await (await fetch(`${skaha('session')}?type=carta`, { headers: auth(alice) })).json()) as Array<{
      id: string;
    }>;
    expect(list.map((s) => s.id)).toContain(id);
    expect((await fetch(skaha(`session/${id}`), { method: 'DELETE', headers: auth(alice) })).status).toBe(200);
    expect((await fetch(skaha(`session/${id}`), { headers: auth(alice) })).status).toBe(404);
    expect((await fetch(`${platform.url}/session/carta/${id}/`, { headers: auth(alice) })).status).toBe(404);
  });
});

describe('session expiry', () => {
  it('stops and forgets a session once it expires', async () => {
    const short = await startTestPlatform({ sessionLifetimeSeconds: 1 });
    try {
      const token = await short.login('alice');
      const res = await fetch(
        `${short.url}/skaha/v1/session?name=brief&image=images.canfar.net/skaha/notebook:1.0&type=notebook`,
        {
          method: 'POST',
          headers: auth(token),
        },
      );
      const id = (await res.text()).trim();
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        await sleep(100);
        status = (await fetch(`${short.url}/skaha/v1/session/${id}`, { headers: auth(token) })).status;
      }
      expect(status).toBe(404);
    } finally {
      await short.dispose();
    }
  });
});

describe('a headless session', () => {
  it('runs its command and ends Succeeded with the output as its log', async () => {
    const id = await launch(alice, {
      name: 'job',
      image: 'images.canfar.net/skaha/terminal:1.1.1',
      cmd: 'echo',
      args: 'hello from headless',
      env: ['REPLICA_ID=1', 'REPLICA_COUNT=1'],
    });
    const done = await until(alice, id, ['Succeeded', 'Failed']);
    expect(done.status).toBe('Succeeded');
    const logs = await (await fetch(`${skaha(`session/${id}`)}?view=logs`, { headers: auth(alice) })).text();
    expect(logs).toContain('hello from headless');
  });
});

describe('a Firefly session', () => {
  it('answers firefly_client endpoints and websockets behind the proxy, relaying a delegated token', async () => {
    const id = await launch(bob, { name: 'explore', image: 'images.canfar.net/skaha/firefly:2025.2', type: 'firefly' });
    const running = await until(bob, id, ['Running', 'Failed']);
    const url = String(running.connectURL);
    expect(url).toBe(`${platform.url}/session/firefly/${id}/firefly/`);
    expect((await fetch(`${url}healthz`, { headers: auth(bob) })).status).toBe(200);

    const wsUrl = `${url.replace(/^http/, 'ws')}sticky/firefly/events?channelID=ch1`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
    const ws = new WebSocket(wsUrl, { headers: auth(bob) });
    const messages: Array<{ name: string; data: Record<string, unknown> }> = [];
    const received = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        messages.push(JSON.parse(String(data)) as { name: string; data: Record<string, unknown> });
        if (messages.length === 2) resolve();
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));

    const alive = await fetch(`${url}sticky/CmdSrv?cmd=pushAliveCheck&channelID=ch1`, { headers: auth(bob) });
    expect(await alive.json()).toEqual([{ active: true }]);

    const action = { type: 'ImagePlotCntlr.PlotImage', payload: { url: `${platform.url}/gms/search` } };
    const pushed = await fetch(`${url}sticky/CmdSrv`, {
      method: 'POST',
      headers: auth(bob),
      body: new URLSearchParams({ channelID: 'ch1', cmd: 'pushAction', action: JSON.stringify(action) }),
    });
    expect(await pushed.json()).toEqual([{ success: true }]);
    await received;
    ws.close();
    expect(messages[0]?.name).toBe('EVT_CONN_EST');
    expect(messages[1]?.name).toBe('ImagePlotCntlr.PlotImage');

    // The stand-in fetched the platform URL with its own delegated token (audience-restricted, act = the session).
    const status = (await (await fetch(`${url}status`, { headers: auth(bob) })).json()) as {
      actions: Array<{ fetched?: { status?: number } }>;
    };
    expect(status.actions[0]?.fetched?.status).toBe(200);
    expect((await fetch(skaha(`session/${id}`), { method: 'DELETE', headers: auth(bob) })).status).toBe(200);
  });
});
