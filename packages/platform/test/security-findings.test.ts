// Regression tests for the outside review's findings on the platform: a token
// for one service opening sessions through a dot-segment path (websockets), and
// authorization codes sent silently to any loopback port after one login.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeadlessUserAgent } from '../src/testing/index.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let alice: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  alice = await platform.login('alice');
});
afterAll(async () => {
  await platform.dispose();
});

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

async function runningSession(type: string, image: string): Promise<string> {
  const query = new URLSearchParams({ name: 'probe', image, type });
  const res = await fetch(`${platform.url}/skaha/v1/session?${query}`, { method: 'POST', headers: auth(alice) });
  expect(res.status).toBe(200);
  const id = (await res.text()).trim();
  for (let i = 0; i < 200; i++) {
    const s = (await (await fetch(`${platform.url}/skaha/v1/session/${id}`, { headers: auth(alice) })).json()) as {
      status: string;
    };
    if (s.status === 'Running') return id;
    await sleep(50);
  }
  throw new Error('session never ran');
}

/**
 * The status a websocket upgrade to `path` gets (101 when it opens). Sent with
 * node:http so the path goes out exactly as given: WebSocket clients normalise
 * `..` away before sending, an attacker's raw socket does not.
 */
function upgradeStatus(path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(platform.url);
    const req = request({
      hostname,
      port,
      path,
      headers: {
        ...auth(token),
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('one normalised path for routing and authorisation', () => {
  it('a VOSpace-only token cannot open a session through a dot-segment path, over HTTP or websocket', async () => {
    const id = await runningSession('firefly', 'images.canfar.net/skaha/firefly:2025.2');
    const vospaceOnly = (
      await platform.context.tokens.issue({ username: 'alice', audience: `${platform.url}/vospace` })
    ).token;
    const events = `session/firefly/${id}/firefly/sticky/firefly/events?channelID=c1`;
    // The full token opens it (the test can fail): the attacks below are refused for the path, not by accident.
    expect(await upgradeStatus(`/${events}`, alice)).toBe(101);
    for (const path of [
      `/vospace/../${events}`,
      `/vospace/%2e%2e/${events}`,
      `/vospace/%2E%2E/${events}`,
      `/vospace/./../${events}`,
    ]) {
      expect({ path, status: await upgradeStatus(path, vospaceOnly) }).toEqual({ path, status: 400 });
    }
    // The same session with the VOSpace token directly: its audience does not cover it.
    expect(await upgradeStatus(`/${events}`, vospaceOnly)).toBe(401);
    const page = await fetch(`${platform.url}/session/firefly/${id}/firefly/status`, { headers: auth(vospaceOnly) });
    expect(page.status).toBe(401);
    await fetch(`${platform.url}/skaha/v1/session/${id}`, { method: 'DELETE', headers: auth(alice) });
  });
});

describe('the platform credentials never reach a session process', () => {
  it('sets the OIDC provider cookies for /oidc only and strips them (and CADC_SSO) in the session proxy', async () => {
    const id = await runningSession('carta', 'images.canfar.net/skaha/carta:4.1');
    const res = await fetch(`${platform.url}/session/carta/${id}/`, {
      headers: { ...auth(alice), cookie: '_session=s; _session.sig=t; _session.legacy=u; _interaction=i; CADC_SSO=x' },
    });
    expect(res.status).toBe(200);
    // The stand-in logs the request as it answers: on a loaded machine the line can land a moment later.
    let seen: string[] = [];
    for (let i = 0; i < 100 && seen.length === 0; i++) {
      const log = await readFile(join(platform.sessionsDir, id, 'session.log'), 'utf8');
      seen = log.split('\n').filter((line) => line.includes(' headers: '));
      if (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const line of seen) expect(line).not.toMatch(/headers: .*\bcookie\b/);

    const agent = new HeadlessUserAgent(platform.url);
    const signIn = await agent.open(authorizationUrl('http://127.0.0.1:9/cb').href);
    await agent.submit(signIn, { username: 'alice', password: 'alice-demo-password' });
    expect(agent.setCookies.join('\n')).toMatch(/(^|\n)_session=/);
    expect(agent.setCookies.join('\n')).toMatch(/(^|\n)_interaction=/);
    for (const cookie of agent.setCookies) expect(cookie).toMatch(/; path=\/oidc(\/|;|$)/i);
    await fetch(`${platform.url}/skaha/v1/session/${id}`, { method: 'DELETE', headers: auth(alice) });
  });
});

function authorizationUrl(redirectUri: string): URL {
  const url = new URL(`${platform.url}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: 'vobridge',
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'openid offline_access',
    state: randomBytes(8).toString('hex'),
    code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return url;
}

describe('authorization codes go only to loopback redirect URIs the user approved', () => {
  it('asks for each new redirect URI, remembers only the approved one, and denies on Deny', async () => {
    const agent = new HeadlessUserAgent(platform.url);
    const approved = 'http://127.0.0.1:8888/vobridge/v1/callback';
    const signIn = await agent.open(authorizationUrl(approved).href);
    const consent = await agent.submit(signIn, { username: 'alice', password: 'alice-demo-password' });
    expect(consent.leftTo).toBeUndefined();
    expect(consent.html).toContain(approved);
    const allowed = await agent.submit(consent, { decision: 'allow' });
    expect(new URL(allowed.leftTo ?? 'x:').searchParams.get('code')).toBeTruthy();

    // The same browser, already signed in: the approved URI gets its code with no page shown.
    const again = await agent.open(authorizationUrl(approved).href);
    expect(new URL(again.leftTo ?? 'x:').searchParams.get('code')).toBeTruthy();

    // Any other local port or path (what a local process would send the user to): a consent page, no code.
    for (const other of ['http://127.0.0.1:41234/cb', 'http://localhost:8888/vobridge/v1/callback', `${approved}/x`]) {
      const asked = await agent.open(authorizationUrl(other).href);
      expect({ other, leftTo: asked.leftTo }).toEqual({ other, leftTo: undefined });
      expect(asked.html).toContain(other);
      const denied = await agent.submit(asked, { decision: 'deny' });
      const back = new URL(denied.leftTo ?? 'x:');
      expect(back.searchParams.get('error')).toBe('access_denied');
      expect(back.searchParams.get('code')).toBeNull();
    }
    // A denial is not remembered as an approval.
    const stillAsked = await agent.open(authorizationUrl('http://127.0.0.1:41234/cb').href);
    expect(stillAsked.leftTo).toBeUndefined();
  });
});
