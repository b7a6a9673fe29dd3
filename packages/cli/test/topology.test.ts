import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSandbox, type Sandbox } from './helpers/cli.js';
import { ALICE, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// A platform spread over several origins (the reference platform's split
// topology, as CANFAR is), given to `vobridge` only by its registry URL:
// login, VOSpace and sessions are found through /reg/resource-caps.

let platform: TestPlatform;
let sandbox: Sandbox;

beforeAll(async () => {
  platform = await startTestPlatform(undefined, 'split');
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.cleanup();
  await platform.close();
});

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');

test('login with the registry URL, then cp both ways and ls through the VOSpace origin the registry names', async () => {
  const login = await sandbox.run(
    ['login', `${platform.url}/reg/resource-caps`, '-u', ALICE.username, '--password-stdin'],
    { input: ALICE.password },
  );
  expect(login).toMatchObject({ code: 0, stdout: `logged in to ${platform.url} as alice\n` });

  const local = join(sandbox.dir, 'files');
  await mkdir(local);
  const content = randomBytes(256 * 1024);
  await writeFile(join(local, 'cube.fits'), content);
  expect((await sandbox.run(['mkdir', '-p', 'vos:alice/split'])).code).toBe(0);
  const up = await sandbox.run(['cp', join(local, 'cube.fits'), 'vos:alice/split/']);
  expect(up.code).toBe(0);
  expect(up.stderr).toContain(`MD5 ${md5(content)}`);
  // The node is where the registry says VOSpace is, not at the platform URL.
  const at = await fetch(`${platform.platform.serviceOrigins.vospace}/vospace/nodes/alice/split/cube.fits`, {
    headers: {
      authorization: `Bearer ${(await sandbox.run(['token', `${platform.platform.serviceOrigins.vospace}/vospace`])).stdout.trim()}`,
    },
  });
  expect(at.status).toBe(200);

  // A vos:// URI naming the service resolves through the registry too.
  const back = join(sandbox.dir, 'back.fits');
  const down = await sandbox.run(['cp', 'vos://vobridge.org~vault/alice/split/cube.fits', back]);
  expect(down.code).toBe(0);
  expect((await readFile(back)).equals(content)).toBe(true);
  expect((await sandbox.run(['ls', 'vos:alice/split'])).stdout).toMatch(/cube\.fits$/m);

  const unknown = await sandbox.run(['ls', 'vos://nowhere.org~vault/alice']);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toMatch(/does not list ivo:\/\/nowhere\.org\/vault/);
});

test('sessions launch and list at the sessions origin', async () => {
  const launched = await sandbox.run([
    'sessions',
    'launch',
    'notebook',
    '--platform',
    platform.url,
    '--name',
    'split',
    '--image',
    'images.canfar.net/skaha/notebook:latest',
  ]);
  expect(launched.code).toBe(0);
  const listing = JSON.parse((await sandbox.run(['sessions', 'ls', '--json'])).stdout) as {
    id: string;
    connectURL: string;
    platform: string;
  }[];
  expect(listing).toHaveLength(1);
  expect(listing[0]?.platform).toBe(platform.url);
  expect(new URL(listing[0]?.connectURL ?? '').origin).toBe(platform.platform.serviceOrigins.sessions);
  expect((await sandbox.run(['sessions', 'rm', listing[0]?.id ?? ''])).code).toBe(0);
});
