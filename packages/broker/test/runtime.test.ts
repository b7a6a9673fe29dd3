import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AlreadyRunningError, defaultRuntimeFile, readRuntimeFile, startBroker } from '../src/index.js';
import { call, tempDir } from './helpers.js';

const BIN = fileURLToPath(new URL('../dist/bin/vobridge-broker.js', import.meta.url));

describe('runtime file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('runtime');
  });

  it('is written 0600 with url, secret and pid, and removed on close', async () => {
    const file = join(dir, 'a', 'vobridge-broker.json');
    const b = await startBroker({ runtimeFile: file });
    const info = await readRuntimeFile(file);
    expect(info).toMatchObject({ url: b.url, secret: b.secret, pid: process.pid });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(b.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await b.close();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('replaces a stale file left by a dead broker, and a half-written one', async () => {
    const file = join(dir, 'stale.json');
    await writeFile(file, JSON.stringify({ url: 'http://127.0.0.1:1', secret: 'old', pid: 2 ** 22 + 12345 }), {
      mode: 0o644,
    });
    const b = await startBroker({ runtimeFile: file });
    expect((await readRuntimeFile(file))?.secret).toBe(b.secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await b.close();
    await writeFile(file, '{"url": "http://127.0.0.1:1", "sec');
    const c = await startBroker({ runtimeFile: file });
    expect((await readRuntimeFile(file))?.secret).toBe(c.secret);
    await c.close();
  });

  it('refuses to start over a live broker of another process', async () => {
    const file = join(dir, 'live.json');
    const child = spawn(process.execPath, [BIN, '--port', '0', '--runtime-file', file, '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    expect(line).toMatch(/^vobridge-broker listening on http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const second = startBroker({ runtimeFile: file });
      await expect(second).rejects.toBeInstanceOf(AlreadyRunningError);
      expect((await readRuntimeFile(file))?.pid).toBe(child.pid);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it("defaults to $JUPYTER_RUNTIME_DIR, else Jupyter's runtime dir under XDG_DATA_HOME", () => {
    expect(defaultRuntimeFile({ JUPYTER_RUNTIME_DIR: '/run/j' })).toBe('/run/j/vobridge-broker.json');
    expect(defaultRuntimeFile({ XDG_DATA_HOME: '/d' })).toBe('/d/jupyter/runtime/vobridge-broker.json');
  });
});

describe('vobridge-broker bin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('bin');
  });
  afterAll(() => undefined);

  it('prints its URL once it answers, serves with the runtime file secret, and cleans up on SIGTERM', async () => {
    const file = join(dir, 'vobridge-broker.json');
    const child = spawn(process.execPath, [BIN, '--port', '0', '--runtime-file', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const url = /listening on (\S+)$/.exec(line)?.[1] as string;
    const info = JSON.parse(await readFile(file, 'utf8')) as { url: string; secret: string; pid: number };
    expect(info).toMatchObject({ url, pid: child.pid });
    expect((await call({ url, secret: info.secret }, '/healthz')).status).toBe(200);
    expect((await call({ url, secret: 'nope' }, '/healthz')).status).toBe(401);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(stderr).not.toContain(info.secret);
  });

  it('rejects a bad port with a usage message', async () => {
    const child = spawn(process.execPath, [BIN, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toContain('--port');
  });
});
