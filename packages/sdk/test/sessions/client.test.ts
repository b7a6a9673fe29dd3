import {
  AuthenticationError,
  HttpError,
  NotFoundError,
  SessionsClient,
  TimeoutError,
  VobridgeError,
  discoverSessions,
  type FetchLike,
  type SessionStatus,
} from '../../src/index.js';
import { listen } from '../fixtures/servers.js';
import { startSkahaServer, type SkahaServer } from './skaha-server.js';

/** Stands in for the auth layer's authFetch: adds a bearer token. */
const withToken: FetchLike = (input, init) => {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  headers.set('authorization', 'Bearer test-token');
  return fetch(input, { ...init, headers });
};

let server: SkahaServer;
let sessions: SessionsClient;
beforeAll(async () => {
  server = await startSkahaServer({ failImage: 'images.example.org/broken:1' });
  sessions = new SessionsClient({ baseUrl: server.base, fetch: withToken });
});
afterAll(() => server.close());

test('launch with resources, env and cmd in the query string; get, logs, events, renew, delete', async () => {
  const id = await sessions.launch({
    name: 'job1',
    image: 'images.example.org/skaha/python:3.12',
    type: 'headless',
    cores: 2,
    ram: 4,
    cmd: 'python',
    args: '-c "print(42)"',
    env: { A: '1', B: 'x=y' },
  });
  expect(id).toMatch(/^[a-z0-9]+$/);
  const launched = server.requests.find((r) => r.startsWith('POST /skaha/v1/session?'))!;
  const q = new URL(launched.slice(5), 'http://x').searchParams;
  expect(q.getAll('env')).toEqual(['A=1', 'B=x=y']);
  expect([q.get('cores'), q.get('ram'), q.get('type'), q.get('cmd'), q.get('args')]).toEqual([
    '2',
    '4',
    'headless',
    'python',
    '-c "print(42)"',
  ]);

  const s = await sessions.get(id);
  expect(s).toMatchObject({
    id,
    name: 'job1',
    type: 'headless',
    requestedCPUCores: '2',
    requestedRAM: '4G',
    isFixedResources: true,
  });
  expect(await sessions.logs(id)).toContain('env A=1 B=x=y');
  expect(await sessions.events(id)).toBe('Scheduled\nPulled\n');
  await sessions.renew(id);
  expect((await sessions.get(id)).expiryTime).toBe('2031-01-01T00:00:00Z');
  await sessions.delete(id);
  await expect(sessions.get(id)).rejects.toBeInstanceOf(NotFoundError);
});

test('waitUntilRunning reports statuses and returns the running session', async () => {
  const id = await sessions.launch({ name: 'ff', image: 'images.example.org/skaha/firefly:2025.2', type: 'firefly' });
  const seen: SessionStatus[] = [];
  const running = await sessions.waitUntilRunning(id, {
    timeout: 10_000,
    pollInterval: 20,
    onStatus: (st) => seen.push(st),
  });
  expect(running.status).toBe('Running');
  expect(seen).toEqual(['Pending', 'Running']);
  expect(running.connectURL).toContain(id);
});

test('waitUntilRunning fails fast on a failed session and times out on a stuck one', async () => {
  const bad = await sessions.launch({ name: 'bad', image: 'images.example.org/broken:1' });
  await expect(sessions.waitUntilRunning(bad, { timeout: 10_000 })).rejects.toThrow(/Failed/);
  const stuck = await sessions.launch({ name: 'stuck', image: 'x:1' });
  server.sessions.get(stuck)!.polls = -1_000_000;
  await expect(sessions.waitUntilRunning(stuck, { timeout: 200, pollInterval: 20 })).rejects.toBeInstanceOf(
    TimeoutError,
  );
});

test('list with type/status filters, images, context, stats', async () => {
  expect((await sessions.list({ type: 'firefly' })).every((s) => s.type === 'firefly')).toBe(true);
  expect((await sessions.list({ status: 'Failed' })).map((s) => s.name)).toEqual(['bad']);
  expect((await sessions.images({ type: 'carta' })).map((i) => i.id)).toEqual(['images.example.org/skaha/carta:4.1']);
  expect((await sessions.context()).maxInteractiveSessions).toBe(3);
  expect(await sessions.stats()).toHaveProperty('instances');
});

test('errors are typed and carry the service text: 401, 409', async () => {
  const anonymous = new SessionsClient({ baseUrl: server.base });
  await expect(anonymous.list()).rejects.toBeInstanceOf(AuthenticationError);
  const err = await sessions.launch({ name: 'ff2', image: 'i:1', type: 'firefly' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HttpError);
  expect(err).toMatchObject({ status: 409, detail: 'only one firefly session allowed' });
});

test('discoverSessions merges platforms, tags sessions, reports a platform that is down', async () => {
  const other = await startSkahaServer({ user: 'alice2' });
  const down = await listen((_q, res) => void res.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance'));
  const downUrl = `${down.url}/skaha/v1`;
  try {
    const otherClient = new SessionsClient({ baseUrl: other.base, fetch: withToken });
    await otherClient.launch({ name: 'nb', image: 'nb:1', type: 'notebook' });
    const found = await discoverSessions([
      { name: 'main', sessions },
      { name: 'other', baseUrl: other.base, fetch: withToken },
      { name: 'broken', baseUrl: downUrl },
      { name: 'gone', baseUrl: 'http://127.0.0.1:9/skaha/v1', timeoutMs: 5_000 },
    ]);
    expect(found.sessions.filter((s) => s.platform === 'other').map((s) => s.name)).toEqual(['nb']);
    expect(found.sessions.some((s) => s.platform === 'main')).toBe(true);
    expect(found.failures.map((f) => [f.platform, f.error.code])).toEqual([
      ['broken', 'ERR_HTTP'],
      ['gone', 'ERR_NETWORK'],
    ]);
    expect(found.failures[0]?.error).toBeInstanceOf(VobridgeError);
  } finally {
    await other.close();
    await down.close();
  }
});
