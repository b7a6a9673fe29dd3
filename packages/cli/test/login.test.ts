import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { approveDeviceCode, authorize } from '@vobridge/platform/testing';
import { BIN, collect, createSandbox, waitForStderr, type Sandbox } from './helpers/cli.js';
import { ALICE, BOB, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// Logins through the real binary, the real broker (started by the CLI in the
// background) and the real reference platform.

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

describe('password login, then tokens for scripts', () => {
  test('a wrong password exits 2 with one line and never echoes the password', async () => {
    const result = await sandbox.run(['login', platform.url, '-u', 'alice', '--password-stdin'], {
      input: 'not-her-password\n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^vobridge: .+\n.+\n$/);
    expect(result.stderr).not.toContain('not-her-password');
  });

  test('login starts the broker and logs in non-interactively', async () => {
    const result = await sandbox.run(['login', platform.url, '-u', ALICE.username, '--password-stdin'], {
      input: `${ALICE.password}\n`,
    });
    expect(result).toMatchObject({ code: 0, stdout: `logged in to ${platform.url} as alice\n` });
    expect(result.stderr).not.toContain(ALICE.password);
    const broker = await sandbox.run(['broker', 'status', '--json']);
    expect(JSON.parse(broker.stdout)).toMatchObject({ logins: 1 });
  });

  test('status, --json and whoami show the login without any token', async () => {
    const table = await sandbox.run(['status']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^PLATFORM\s+USER\s+METHOD\s+STATE\s+EXPIRES\s+RENEWS WITH\s+ID$/m);
    expect(table.stdout).toMatch(/password \(in memory\)/);
    expect(table.stdout).toMatch(new RegExp(`^${platform.url}\\s+alice\\s+password\\s+active\\s+in \\d+m`, 'm'));
    const json = JSON.parse((await sandbox.run(['status', '--json'])).stdout) as { user: string; platform: string }[];
    expect(json).toEqual([expect.objectContaining({ user: 'alice', platform: platform.url })]);
    expect(JSON.stringify(json)).not.toMatch(/eyJ/);
    expect((await sandbox.run(['whoami', platform.url])).stdout).toBe('alice\n');
  });

  test('token prints only the token, and the platform accepts it', async () => {
    const result = await sandbox.run(['token', `${platform.url}/gms`, '--min-valid', '300']);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(result.stdout).toBe(`${token}\n`);
    const whoami = await fetch(`${platform.url}/ac/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect(whoami.status).toBe(200);
  });

  test('no token for a URL outside every login: exit 2', async () => {
    const result = await sandbox.run(['token', 'http://127.0.0.1:9/elsewhere']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });

  test('env exports let another process find the broker (as kernels do)', async () => {
    const env = await sandbox.run(['env']);
    expect(env.code).toBe(0);
    expect(env.stdout).toMatch(/^export VOBRIDGE_BROKER_URL='http:\/\/127\.0\.0\.1:\d+';$/m);
    // Another process with no runtime file to read: only the exported variables lead it to the broker.
    const elsewhere = { ...sandbox.env, JUPYTER_RUNTIME_DIR: `${sandbox.dir}/no-runtime-here` };
    const shell = spawnSync('bash', ['-c', `${env.stdout}\n"${process.execPath}" "${BIN}" whoami`], {
      env: elsewhere,
      encoding: 'utf8',
    });
    expect(shell.stdout).toBe(`alice @ ${platform.url}\n`);
  });
});

/**
 * Runs `vobridge <args>` on a pseudo-terminal (`script`), as a person at a shell
 * would, until its screen shows `shown`; the caller then types into it.
 */
async function onTerminal(
  args: string,
  shown: RegExp,
): Promise<{ child: ReturnType<typeof spawn>; done: ReturnType<typeof collect>; screen: string }> {
  const child = spawn('script', ['-qfec', `"${process.execPath}" "${BIN}" ${args}`, '/dev/null'], { env: sandbox.env });
  const done = collect(child);
  let screen = '';
  await new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (shown.test(screen)) resolve();
    });
  });
  return { child, done, screen };
}

describe('interactive password prompt', () => {
  test('prompts on a terminal without echoing the password', async () => {
    const { child, done } = await onTerminal(`login ${platform.url} -u alice --method password`, /Password for alice/);
    child.stdin?.write(`${ALICE.password}\r`);
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`logged in to ${platform.url} as alice`);
    expect(result.stdout).not.toContain(ALICE.password);
  });
});

describe('choosing how to log in on a terminal', () => {
  test("the platform's methods are offered to choose from, not picked silently", async () => {
    const { child, done, screen } = await onTerminal(
      `login ${platform.url}`,
      /How do you want to log in[\s\S]*device code/,
    );
    expect(screen).toContain('user name and password');
    expect(screen).toContain('your browser, on this machine (--web)');
    child.stdin?.write('\x03');
    const result = await done;
    expect(result.code).toBe(130);
  });
});

describe('device login', () => {
  test('prints the code, waits for approval done elsewhere, then is logged in', async () => {
    const child = sandbox.spawn(['login', platform.url, '--method', 'device']);
    child.stdin?.end();
    const done = collect(child);
    const [, url] = await waitForStderr(child, /\(or open (\S+)\)/);
    await approveDeviceCode(url as string, BOB);
    const result = await done;
    expect(result.stderr).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/oidc\/device and enter the code [A-Z]{4}-[A-Z]{4}/);
    expect(result).toMatchObject({ code: 0, stdout: `logged in to ${platform.url} as bob\n` });
  });

  test("with alice and bob logged in to one platform, token needs --user and gives that user's token", async () => {
    const ambiguous = await sandbox.run(['token', `${platform.url}/gms`]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toBe('');
    expect(ambiguous.stderr).toMatch(
      /several users are logged in to .* \(alice, bob\): say whose token\nAdd --user <name>/,
    );
    for (const user of ['alice', 'bob']) {
      const token = (await sandbox.run(['token', '--user', user, `${platform.url}/gms`])).stdout.trim();
      const whoami = await fetch(`${platform.url}/ac/whoami`, { headers: { authorization: `Bearer ${token}` } });
      expect(await whoami.text()).toContain(user);
    }
    const nobody = await sandbox.run(['token', '--user', 'carol', `${platform.url}/gms`]);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(/No login as carol covers/);
  });

  test('an unapproved device login times out with exit 8', async () => {
    const result = await sandbox.run(['login', platform.url, '--method', 'device', '--timeout', '1']);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/not approved in time/);
  });
});

describe('method discovery and static tokens', () => {
  test('without a terminal and without a method, login fails at once and lists the ways to choose', async () => {
    const result = await sandbox.run(['login', platform.url]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^vobridge: no terminal to ask how to log in to ${platform.url}\n`));
    expect(result.stderr).toMatch(/Choose one: .*--method device \(a device code, approved in any browser\)/);
    expect(result.stderr).toMatch(/-u NAME --password-stdin \(user name and password\)/);
    expect(result.stderr).toMatch(/--web \(your browser, on this machine/);
  });

  test('something that is not a platform is named as such, not as a refused password', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await sandbox.run(['login', url, '-u', 'alice', '--password-stdin'], { input: 'pw\n' });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/does not look like a science platform/);
      expect(result.stderr).not.toMatch(/user name or password/);
    } finally {
      server.close();
    }
  });

  test('--token - reads a static token from standard input', async () => {
    const issued = await fetch(`${platform.url}/ac/login`, { method: 'POST', body: new URLSearchParams(ALICE) });
    const token = (await issued.text()).trim();
    const result = await sandbox.run(['login', platform.url, '--token', '-'], { input: `${token}\n` });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^logged in to .* as /);
    expect(result.stdout + result.stderr).not.toContain(token);
    expect((await sandbox.run(['token', '--user', 'alice', platform.url])).stdout.trim()).toBe(token);
  });
});

describe('a browser login from the terminal (--web)', () => {
  test("opens the platform's sign-in page, takes the redirect on a loopback port and is logged in", async () => {
    const other = await createSandbox();
    try {
      const seen = join(other.dir, 'browser-was-given');
      const browser = join(other.dir, 'fake-browser.sh');
      await writeFile(browser, `#!/bin/sh\nprintf '%s' "$1" > '${seen}'\n`, { mode: 0o700 });
      const child = other.spawn(['login', platform.url, '--web'], { env: { BROWSER: browser } });
      child.stdin?.end();
      const done = collect(child);
      // The person in the browser: the platform's own sign-in and consent pages, then back to the CLI.
      let url = '';
      while (url === '') {
        url = await readFile(seen, 'utf8').catch(() => '');
        if (url === '') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(url).toMatch(new RegExp(`^${platform.url}/oidc/auth\\?`));
      const redirect = await authorize(url, ALICE);
      expect(redirect.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(redirect.pathname).toBe('/callback');
      const page = await fetch(redirect);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Go back to your terminal/);
      const result = await done;
      expect(result).toMatchObject({ code: 0, stdout: `logged in to ${platform.url} as alice\n` });
      expect(result.stderr).toMatch(/Opening your browser to log in/);
      const json = JSON.parse((await other.run(['status', '--json'])).stdout) as { method: string }[];
      expect(json).toEqual([expect.objectContaining({ method: 'pkce', user: 'alice', state: 'active' })]);
      // The listener took one redirect and is gone.
      await expect(fetch(redirect)).rejects.toThrow();
    } finally {
      await other.cleanup();
    }
  });
});

describe('a cookie login', () => {
  test('--method cookie keeps the session cookie; token --header prints the header to send', async () => {
    const other = await createSandbox();
    try {
      const result = await other.run(
        ['login', platform.url, '--method', 'cookie', '-u', ALICE.username, '--password-stdin', '--json'],
        { input: `${ALICE.password}\n` },
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ method: 'cookie', user: 'alice', state: 'active' });
      const header = (await other.run(['token', '--header', `${platform.url}/ac/whoami`])).stdout.trim();
      expect(header).toMatch(/^Cookie: CADC_SSO=\S+$/);
      const whoami = await fetch(`${platform.url}/ac/whoami`, { headers: { cookie: header.slice('Cookie: '.length) } });
      expect(whoami.status).toBe(200);
    } finally {
      await other.cleanup();
    }
  });
});

describe('logout', () => {
  test('with several logins the platform must be named; --all logs out of all', async () => {
    const ambiguous = await sandbox.run(['logout']);
    expect(ambiguous.code).toBe(1);
    const all = await sandbox.run(['logout', '--all']);
    expect(all.code).toBe(0);
    expect((await sandbox.run(['status', '--json'])).stdout.trim()).toBe('[]');
    const token = await sandbox.run(['token', `${platform.url}/gms`]);
    expect(token.code).toBe(2);
  });

  test('one logout, one line: an unfinished login to the same platform goes with it', async () => {
    await sandbox.run(['login', platform.url, '-u', ALICE.username, '--password-stdin'], { input: ALICE.password });
    expect((await sandbox.run(['login', platform.url, '--method', 'device', '--no-wait'])).code).toBe(0);
    const result = await sandbox.run(['logout', platform.url]);
    expect(result).toMatchObject({ code: 0, stdout: `logged out of ${platform.url} (alice)\n` });
    expect((await sandbox.run(['status', '--json'])).stdout.trim()).toBe('[]');
  });
});
