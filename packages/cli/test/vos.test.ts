import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collect, createSandbox, type Sandbox } from './helpers/cli.js';
import { Gate } from './helpers/gate.js';
import { ALICE, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// VOSpace from the terminal: the real binary, broker and platform (reached
// through a TCP gate that can stall a download part way).

const SIZE = 3 * 1024 * 1024;
let gate: Gate;
let platform: TestPlatform;
let sandbox: Sandbox;
let local: string;
let content: Buffer;

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');

beforeAll(async () => {
  gate = await Gate.open();
  platform = await startTestPlatform(gate);
  sandbox = await createSandbox();
  const login = await sandbox.run(['login', platform.url, '-u', ALICE.username, '--password-stdin'], {
    input: ALICE.password,
  });
  expect(login.code).toBe(0);
  local = join(sandbox.dir, 'files');
  await mkdir(local);
  content = randomBytes(SIZE);
  await writeFile(join(local, 'image.fits'), content);
});
afterAll(async () => {
  await sandbox.cleanup();
  await platform.close();
  await gate.close();
});

test('mkdir -p, upload into a container, ls shows name and size', async () => {
  expect((await sandbox.run(['mkdir', '-p', 'vos:alice/data/raw'])).code).toBe(0);
  const up = await sandbox.run(['cp', join(local, 'image.fits'), 'vos:alice/data/']);
  expect(up.code).toBe(0);
  expect(up.stderr).toContain(`MD5 ${md5(content)}`);
  const ls = await sandbox.run(['ls', 'vos:alice/data']);
  expect(ls.stdout).toMatch(new RegExp(`^file\\s+${SIZE}\\s+\\S+\\s+image\\.fits$`, 'm'));
  expect(ls.stdout).toMatch(/^dir\s+.*raw$/m);
  const json = JSON.parse((await sandbox.run(['ls', 'vos:alice/data/image.fits', '--json'])).stdout) as {
    properties: Record<string, string>;
  }[];
  expect(json[0]?.properties['ivo://ivoa.net/vospace/core#MD5']).toBe(md5(content));
});

test('download into a directory keeps the name and verifies the MD5', async () => {
  const out = join(sandbox.dir, 'download-1');
  await mkdir(out);
  const result = await sandbox.run(['cp', 'vos:alice/data/image.fits', out]);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain(`MD5 ${md5(content)} verified`);
  expect((await readFile(join(out, 'image.fits'))).equals(content)).toBe(true);
  expect(existsSync(join(out, 'image.fits.part'))).toBe(false);
});

test('an interrupted download leaves no destination file and resumes where it stopped', async () => {
  const target = join(sandbox.dir, 'resumed.fits');
  const part = `${target}.part`;
  gate.holdAfter = SIZE / 3;
  const child = sandbox.spawn(['cp', 'vos:alice/data/image.fits', target]);
  child.stdin?.end();
  const done = collect(child);
  // The gate holds the transfer a third of the way: wait until that much is on disk.
  while (!existsSync(part) || (await stat(part)).size < SIZE / 4) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await done;
  gate.holdAfter = Infinity;
  const partial = (await stat(part)).size;
  expect(partial).toBeGreaterThan(0);
  expect(partial).toBeLessThan(SIZE);
  expect(existsSync(target)).toBe(false);

  const again = await sandbox.run(['cp', 'vos:alice/data/image.fits', target]);
  expect(again.code).toBe(0);
  expect(again.stderr).toMatch(/resumed at/);
  // Progress counts what the .part already holds: the first line is not 0% of a third-done file.
  const first = /resumed\.fits: (\d+)% \(/.exec(again.stderr);
  expect(Number(first?.[1])).toBeGreaterThanOrEqual(25);
  expect(again.stderr).toContain(`MD5 ${md5(content)} verified`);
  expect((await readFile(target)).equals(content)).toBe(true);
  expect(existsSync(part)).toBe(false);
});

test('Ctrl-C during a download keeps the .part and says how to resume', async () => {
  const target = join(sandbox.dir, 'interrupted.fits');
  const part = `${target}.part`;
  gate.holdAfter = SIZE / 3;
  try {
    const child = sandbox.spawn(['cp', 'vos:alice/data/image.fits', target]);
    child.stdin?.end();
    const done = collect(child);
    while (!existsSync(part) || (await stat(part)).size < SIZE / 4) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(
      /^vobridge: interrupted\nThe [\d.]+ (KiB|MiB) fetched so far are kept in .*interrupted\.fits\.part: run the same command again to resume\.\n$/m,
    );
    expect(existsSync(part)).toBe(true);
    expect(existsSync(target)).toBe(false);
  } finally {
    gate.holdAfter = Infinity;
  }
});

test('a missing local file is named in words, not as a raw ENOENT', async () => {
  const missing = join(sandbox.dir, 'no-such-file.fits');
  const result = await sandbox.run(['cp', missing, 'vos:alice/']);
  expect(result.code).toBe(3);
  expect(result.stderr).toBe(`vobridge: ${missing}: no such file or directory\n`);
});

test('ls -h shows binary units; piped output keeps bytes', async () => {
  const human = await sandbox.run(['ls', '-h', 'vos:alice/data']);
  expect(human.stdout).toMatch(/^file\s+3\.0 MiB\s+\S+\s+image\.fits$/m);
  expect((await sandbox.run(['ls', 'vos:alice/data'])).stdout).toMatch(new RegExp(`^file\\s+${SIZE}\\s`, 'm'));
  expect((await sandbox.run(['ls', '--help'])).stdout).toMatch(/-h, --human-readable/);
});

test('a corrupt partial download fails the checksum: exit 7, nothing left behind', async () => {
  const target = join(sandbox.dir, 'corrupt.fits');
  await writeFile(`${target}.part`, Buffer.alloc(1024, 7));
  const result = await sandbox.run(['cp', 'vos:alice/data/image.fits', target]);
  expect(result.code).toBe(7);
  expect(result.stderr).toMatch(/^vobridge: .*MD5/m);
  expect(existsSync(target)).toBe(false);
  expect(existsSync(`${target}.part`)).toBe(false);
});

test('copy within VOSpace, then rm refuses a container without -r and deletes it with -r', async () => {
  const copied = await sandbox.run(['cp', 'vos:alice/data/image.fits', 'vos:alice/data/raw/']);
  expect(copied.code).toBe(0);
  expect(copied.stderr).toBe('vos:alice/data/image.fits -> vos:alice/data/raw/image.fits: copied\n');
  expect((await sandbox.run(['ls', 'vos:alice/data/raw'])).stdout).toMatch(/image\.fits$/m);
  const refused = await sandbox.run(['rm', 'vos:alice/data']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/is a container\nAdd -r/);
  expect((await sandbox.run(['rm', '-r', 'vos:alice/data'])).code).toBe(0);
  expect((await sandbox.run(['ls', 'vos:alice/data'])).code).toBe(3);
});

test('a platform killed mid-upload: the command stops at once with exit 5, the bar never reaches 100%', async () => {
  const big = join(local, 'big.bin');
  await writeFile(big, randomBytes(64 * 1024 * 1024));
  gate.holdUpAfter = 4 * 1024 * 1024;
  gate.heldUp = 0;
  const child = sandbox.spawn(['cp', big, 'vos:alice/']);
  child.stdin?.end();
  const done = collect(child);
  try {
    while (gate.heldUp === 0) await new Promise((r) => setTimeout(r, 20));
    gate.cut();
    const result = await done;
    expect(result.code).toBe(5);
    expect(result.stderr).not.toMatch(/100%/);
    expect(result.stderr).toMatch(/^vobridge: .+$/m);
  } finally {
    gate.holdUpAfter = Infinity;
    gate.restore();
  }
}, 20_000);

test('errors: missing node 3, bad URI 1, local-only copy 1', async () => {
  expect((await sandbox.run(['rm', 'vos:alice/nothing-here'])).code).toBe(3);
  expect((await sandbox.run(['ls', 'vos:alice/../bob'])).code).toBe(1);
  expect((await sandbox.run(['cp', 'a.txt', 'b.txt'])).code).toBe(1);
  const missing = await sandbox.run(['cp', 'vos:alice/nothing.fits', join(sandbox.dir, 'nothing.fits')]);
  expect(missing.code).toBe(3);
  expect(existsSync(join(sandbox.dir, 'nothing.fits'))).toBe(false);
});
