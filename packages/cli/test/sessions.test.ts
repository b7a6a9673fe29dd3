import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSandbox, type Sandbox } from './helpers/cli.js';
import { ALICE, BOB, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// Sessions through the real binary and broker, on two real platforms: the
// platform's sessions are real local processes behind its proxy.

let first: TestPlatform;
let second: TestPlatform;
let sandbox: Sandbox;

beforeAll(async () => {
  [first, second] = await Promise.all([startTestPlatform(), startTestPlatform()]);
  sandbox = await createSandbox();
  expect(
    (await sandbox.run(['login', first.url, '-u', ALICE.username, '--password-stdin'], { input: ALICE.password })).code,
  ).toBe(0);
  expect(
    (await sandbox.run(['login', second.url, '-u', BOB.username, '--password-stdin'], { input: BOB.password })).code,
  ).toBe(0);
});
afterAll(async () => {
  await sandbox.cleanup();
  await Promise.all([first.close(), second.close()]);
});

test('launch --wait prints id and URL; the session answers at that URL', async () => {
  const launch = await sandbox.run([
    'sessions',
    'launch',
    'carta',
    '--name',
    'viewer',
    '--wait',
    '--timeout',
    '60',
    '--platform',
    first.url,
  ]);
  expect(launch.code).toBe(0);
  const [id, url] = launch.stdout.trim().split(' ');
  expect(url).toMatch(new RegExp(`^${first.url}/session/carta/${id}/`));
  expect(launch.stderr).toMatch(/: Running$/m);
  const open = await sandbox.run(['sessions', 'open', id as string]);
  expect(open).toMatchObject({ code: 0, stdout: `${url}\n` });
  // --browser hands the browser the platform's one-time login link: it lands on the page logged in.
  const seen = join(sandbox.dir, 'browser-was-given');
  const browser = join(sandbox.dir, 'fake-browser.sh');
  await writeFile(browser, `#!/bin/sh\nprintf '%s' "$1" > '${seen}'\n`, { mode: 0o700 });
  const opened = await sandbox.run(['sessions', 'open', id as string, '--browser'], { env: { BROWSER: browser } });
  expect(opened).toMatchObject({ code: 0, stdout: `${url}\n` });
  let link = '';
  for (let i = 0; i < 100 && link === ''; i++) {
    link = await readFile(seen, 'utf8').catch(() => '');
    if (link === '') await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(link).toMatch(new RegExp(`^${first.url}/session-login/[A-Za-z0-9_-]+$`));
  const landed = await fetch(link, { redirect: 'manual' });
  expect(landed.headers.get('location')).toBe(new URL(url as string).pathname);
  const cookie = (landed.headers.get('set-cookie') ?? '').split(';')[0] as string;
  expect((await fetch(url as string, { headers: { cookie } })).status).toBe(200);
  const token = (await sandbox.run(['token', url as string])).stdout.trim();
  const page = await fetch(url as string, { headers: { authorization: `Bearer ${token}` } });
  expect(page.status).toBe(200);
  await page.arrayBuffer();
});

test('launch headless --wait waits for the end: success exits 0, a failed job exits 7 with where to look', async () => {
  const ok = await sandbox.run(['sessions', 'launch', 'headless', '--cmd', 'true', '--wait', '--platform', first.url]);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toMatch(/^[a-z0-9]+ (Succeeded|Completed)\n$/);
  expect(ok.stderr).not.toMatch(/before it was running/);
  const failed = await sandbox.run([
    'sessions',
    'launch',
    'headless',
    '--cmd',
    'false',
    '--wait',
    '--platform',
    first.url,
  ]);
  expect(failed.code).toBe(7);
  expect(failed.stdout).toBe('');
  expect(failed.stderr).toMatch(
    /^vobridge: job [a-z0-9]+ ended (Failed|Error)\nSee what it printed: vobridge sessions logs [a-z0-9]+\n$/m,
  );
});

test('ls lists sessions across platforms, as a table and as JSON', async () => {
  const id = (
    await sandbox.run(['sessions', 'launch', 'headless', '--cmd', 'true', '--platform', second.url])
  ).stdout.trim();
  expect(id).toMatch(/^[a-z0-9]+$/);
  const json = JSON.parse((await sandbox.run(['sessions', 'ls', '--json'])).stdout) as {
    id: string;
    platform: string;
    type: string;
  }[];
  expect(json).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ platform: first.url, type: 'carta' }),
      expect.objectContaining({ platform: second.url, type: 'headless', id }),
    ]),
  );
  const table = await sandbox.run(['sessions', 'ls', '--type', 'carta']);
  expect(table.stdout).toMatch(/^PLATFORM\s+ID\s+TYPE\s+STATUS\s+NAME\s+EXPIRES\s+URL$/m);
  expect(table.stdout).toMatch(/carta\s+Running\s+viewer\s+in \d+d/);
  expect(table.stdout).not.toMatch(/headless/);
});

test('renew, logs and rm find the session on whichever platform runs it', async () => {
  const [carta] = JSON.parse((await sandbox.run(['sessions', 'ls', '--type', 'carta', '--json'])).stdout) as {
    id: string;
  }[];
  const id = carta?.id as string;
  const renew = await sandbox.run(['sessions', 'renew', id]);
  expect(renew).toMatchObject({ code: 0 });
  expect(renew.stdout).toMatch(new RegExp(`^${id} expires in \\d+d`));
  expect((await sandbox.run(['sessions', 'logs', id, '--events'])).stdout).toMatch(/Renewed/);
  expect((await sandbox.run(['sessions', 'rm', id])).stdout).toBe(`deleted ${id}\n`);
  const gone = await sandbox.run(['sessions', 'rm', id]);
  expect(gone.code).toBe(3);
  expect(gone.stderr).toMatch(/^vobridge: no session /);
});

test('launch needs a platform when logged in to several; an unknown image is not found', async () => {
  const ambiguous = await sandbox.run(['sessions', 'launch', 'firefly']);
  expect(ambiguous.code).toBe(1);
  expect(ambiguous.stderr).toMatch(/--platform/);
  const image = await sandbox.run([
    'sessions',
    'launch',
    'firefly',
    '--image',
    'nowhere/nothing:0',
    '--platform',
    first.url,
  ]);
  expect(image.code).toBe(1);
  expect(image.stderr).toMatch(/^vobridge: unknown image /m);
});
