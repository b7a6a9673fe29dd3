import { spawn, spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { approveDeviceCode } from '@vobridge/platform/testing';
import { BIN, collect, createSandbox, waitForStderr, type Sandbox } from './helpers/cli.js';
import { ALICE, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// The runnable examples in examples/ts and examples/shell, run against the
// real platform so they never rot.

const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));
const TSC = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));

let platform: TestPlatform;
let sandbox: Sandbox;
let path: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  sandbox = await createSandbox();
  // `vobridge` on PATH, as an installed CLI would be.
  const bin = join(sandbox.dir, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'vobridge'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(bin, 'vobridge'), 0o755);
  path = `${bin}:${process.env.PATH ?? ''}`;
});
afterAll(async () => {
  await sandbox.cleanup();
  await platform.close();
});

test('examples/shell/vobridge-tour.sh runs start to finish', async () => {
  const child = spawn('bash', [join(EXAMPLES, 'shell', 'vobridge-tour.sh'), platform.url, ALICE.username], {
    env: { ...sandbox.env, PATH: path, VOBRIDGE_PASSWORD: ALICE.password },
  });
  const result = await collect(child);
  expect(result.stderr).not.toContain(ALICE.password);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain(`logged in to ${platform.url} as alice`);
  expect(result.stdout).toContain('round trip OK');
  expect(result.stdout).toMatch(/^COMPLETED$/m);
  expect(result.stdout).toContain(`logged out of ${platform.url}`);
});

test('examples/ts/device-login-download.ts logs in with the device flow and downloads with progress', async () => {
  const compiled = spawnSync(process.execPath, [TSC, '-p', join(EXAMPLES, 'ts')], { encoding: 'utf8' });
  expect(compiled.stdout + compiled.stderr).toBe('');
  // A file to download, put there with the CLI.
  const content = Buffer.from('x'.repeat(200_000));
  const source = join(sandbox.dir, 'spectrum.dat');
  await writeFile(source, content);
  expect(
    (await sandbox.run(['login', platform.url, '-u', ALICE.username, '--password-stdin'], { input: ALICE.password }))
      .code,
  ).toBe(0);
  expect((await sandbox.run(['cp', source, 'vos:alice/spectrum.dat'])).code).toBe(0);

  const destination = join(sandbox.dir, 'downloaded.dat');
  const child = spawn(
    process.execPath,
    [join(EXAMPLES, 'ts', 'dist', 'device-login-download.js'), platform.url, 'alice/spectrum.dat', destination],
    { env: sandbox.env },
  );
  const done = collect(child);
  const [, url] = await waitForStderr(child, /\(or open (\S+)\)/);
  await approveDeviceCode(url as string, ALICE);
  const result = await done;
  expect(result).toMatchObject({ code: 0 });
  expect(result.stdout).toMatch(/^\d+ session\(s\)$/m);
  expect(result.stderr).toMatch(/downloading alice\/spectrum\.dat: 100%/);
  expect(result.stdout).toContain(`downloaded ${content.length} bytes to ${destination}`);
  expect((await readFile(destination)).equals(content)).toBe(true);
});
