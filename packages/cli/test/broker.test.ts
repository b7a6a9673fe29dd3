import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createSandbox, type Sandbox } from './helpers/cli.js';
import { ALICE, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// `vobridge broker start|stop|status` for a terminal user: a background
// broker whose logins survive a restart, with an optional WLCG token file.

let platform: TestPlatform;
let sandbox: Sandbox;

beforeAll(async () => {
  platform = await startTestPlatform();
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.cleanup();
  await platform.close();
});

test('start writes a private runtime file; a second start finds the running broker', async () => {
  const started = await sandbox.run(['broker', 'start', '--token-file']);
  expect(started.code).toBe(0);
  expect(started.stdout).toMatch(/^broker started at http:\/\/127\.0\.0\.1:\d+ \(pid \d+\)$/m);
  const runtime = join(sandbox.dir, 'runtime', 'vobridge-broker.json');
  expect((await stat(runtime)).mode & 0o777).toBe(0o600);
  const again = await sandbox.run(['broker', 'start']);
  expect(again.stdout).toMatch(/^broker already running at /);
  const status = JSON.parse((await sandbox.run(['broker', 'status', '--json'])).stdout) as {
    url: string;
    logins: number;
  };
  expect(status).toMatchObject({ logins: 0, source: runtime });
});

test('env points WLCG tools at the token file the broker keeps current', async () => {
  expect(
    (await sandbox.run(['login', platform.url, '-u', ALICE.username, '--password-stdin'], { input: ALICE.password }))
      .code,
  ).toBe(0);
  const env = (await sandbox.run(['env'])).stdout;
  const file = /^export BEARER_TOKEN_FILE='([^']+)';$/m.exec(env)?.[1];
  expect(file).toBe(join(sandbox.dir, 'xdg-runtime', `bt_u${process.getuid?.() ?? 0}`));
  expect((await stat(file as string)).mode & 0o777).toBe(0o600);
  const token = (await sandbox.run(['token', platform.url])).stdout.trim();
  expect((await readFile(file as string, 'utf8')).trim()).toBe(token);
  const fish = (await sandbox.run(['env', '--shell', 'fish'])).stdout;
  expect(fish).toMatch(/^set -gx VOBRIDGE_BROKER_URL 'http:\/\/127\.0\.0\.1:\d+';$/m);
});

test('logins survive stop and start (persisted encrypted); stop removes the token file', async () => {
  const stopped = await sandbox.run(['broker', 'stop']);
  expect(stopped).toMatchObject({ code: 0, stdout: 'broker stopped\n' });
  expect((await sandbox.run(['broker', 'status'])).code).toBe(5);
  expect((await sandbox.run(['env'])).code).toBe(5);
  await expect(stat(join(sandbox.dir, 'xdg-runtime', `bt_u${process.getuid?.() ?? 0}`))).rejects.toThrow();
  expect((await sandbox.run(['broker', 'start'])).code).toBe(0);
  expect((await sandbox.run(['whoami', platform.url])).stdout).toBe('alice\n');
  const token = (await sandbox.run(['token', `${platform.url}/gms`])).stdout.trim();
  expect((await fetch(`${platform.url}/ac/whoami`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
    200,
  );
});

test("whatever answers at a dead broker's address learns no secret and plants no token", async () => {
  // An impostor on the address the environment names (as after the broker died and its port was taken).
  const seen: string[] = [];
  const impostor = createServer((req, res) => {
    seen.push(JSON.stringify(req.headers));
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        token: 'planted',
        token_type: 'Bearer',
        expires_at: 0,
        login_id: 'x',
        platform: 'x',
        origin: 'x',
      }),
    );
  });
  await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
  const secret = 'the-real-broker-secret-0123456789abcdef';
  try {
    const url = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
    const result = await sandbox.run(['token', 'https://platform.example.org/tap'], {
      env: { VOBRIDGE_BROKER_URL: url, VOBRIDGE_BROKER_SECRET: secret },
    });
    expect(result.code).toBe(5);
    expect(result.stdout).not.toContain('planted');
    expect(result.stderr).toMatch(/could not prove it is the vobridge broker/);
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) expect(headers).not.toContain(secret);
  } finally {
    await new Promise<void>((resolve) => impostor.close(() => resolve()));
  }
});
