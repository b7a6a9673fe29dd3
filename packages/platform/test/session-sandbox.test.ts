// A session runs code its owner chooses (here: a stand-in program, on a real
// platform: a container). These tests attack the two ways out of it that an
// outside review used: an environment variable that makes the session's
// runtime load an uploaded library, and reading the platform's keys and other
// users' data from inside the session's OS identity.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;
let alice: string;
let bob: string;
let scratch: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  alice = await platform.login('alice');
  bob = await platform.login('bob');
  scratch = await mkdtemp(join(tmpdir(), 'vobridge-sandbox-test-'));
});
afterAll(async () => {
  await platform.dispose();
  await rm(scratch, { recursive: true, force: true });
});

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const TERMINAL = 'images.canfar.net/skaha/terminal:1.1.1';

async function launch(token: string, params: Record<string, string>, env: string[] = []): Promise<Response> {
  const query = new URLSearchParams({ name: 'probe', image: TERMINAL, type: 'headless', ...params });
  for (const entry of env) query.append('env', entry);
  return fetch(`${platform.url}/skaha/v1/session?${query}`, { method: 'POST', headers: auth(token) });
}

async function status(token: string, id: string, wanted: string[]): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${platform.url}/skaha/v1/session/${id}`, { headers: auth(token) });
    const s = String(((await res.json()) as { status: string }).status);
    if (wanted.includes(s)) return s;
    await sleep(50);
  }
  throw new Error(`session ${id} never reached ${wanted.join('/')}`);
}

/** Uploads into the caller's own VOSpace space and returns the file's path on the platform's disk. */
async function upload(token: string, user: string, name: string, body: Uint8Array | string): Promise<string> {
  const res = await fetch(`${platform.url}/vospace/data/${user}/${name}`, {
    method: 'PUT',
    headers: auth(token),
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  expect(res.status).toBeLessThan(300);
  return join(platform.dataDir, 'vospace', user, name);
}

/** A shared library that records being loaded, built with the machine's C compiler (`undefined` without one). */
function buildMarkerLibrary(marker: string): Buffer | undefined {
  const source = join(scratch, 'marker.c');
  const library = join(scratch, 'marker.so');
  const code = `#include <stdio.h>
__attribute__((constructor)) static void loaded(void) {
  FILE *f = fopen("${marker}", "a");
  if (f) { fputs("loaded\\n", f); fclose(f); }
}
`;
  writeFileSync(source, code);
  const cc = spawnSync('cc', ['-shared', '-fPIC', '-o', library, source]);
  if (cc.status !== 0) return undefined;
  return readFileSync(library);
}

describe('the environment of a session is an allow-list', () => {
  it('refuses names outside it with a sentence that says what is allowed', async () => {
    const names = [
      'OPENSSL_CONF',
      'OPENSSL_MODULES',
      'LD_PRELOAD',
      'LD_LIBRARY_PATH',
      'NODE_OPTIONS',
      'NODE_PATH',
      'GCONV_PATH',
      'LOCPATH',
      'LANG',
      'LC_ALL',
      'TZ',
      'SSL_CERT_FILE',
      'PYTHONPATH',
      'PATH',
      'HOME',
      'UV_THREADPOOL_SIZE',
      'user_lowercase',
      'USER_',
      '__proto__',
    ];
    for (const name of names) {
      const res = await launch(alice, { cmd: 'true' }, [`${name}=/tmp/x`]);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(await res.text()).toContain('USER_ prefix');
    }
  });

  it('takes the variables the image documents and USER_* names', async () => {
    const res = await launch(alice, { cmd: 'env' }, ['REPLICA_ID=1', 'USER_TARGET=M31']);
    expect(res.status).toBe(200);
    const id = (await res.text()).trim();
    expect(await status(alice, id, ['Succeeded', 'Failed'])).toBe('Succeeded');
    const log = await (
      await fetch(`${platform.url}/skaha/v1/session/${id}?view=logs`, { headers: auth(alice) })
    ).text();
    expect(log).toContain('USER_TARGET=M31');
    expect(log).toContain('REPLICA_ID=1');
  });

  it('never loads a library uploaded to VOSpace, whichever variable names it', async () => {
    const marker = join(scratch, 'loaded');
    const library = buildMarkerLibrary(marker);
    if (library === undefined) {
      // Without a C compiler the library cannot be built; the refusals above still hold.
      console.warn('no C compiler (cc): the library-loading part of this test did not run');
      return;
    }
    const libraryPath = await upload(alice, 'alice', 'marker.so', library);
    const configPath = await upload(
      alice,
      'alice',
      'openssl.cnf',
      `nodejs_conf = init\n[init]\nproviders = providers\n[providers]\nx = x\n[x]\nmodule = ${libraryPath}\nactivate = 1\n`,
    );
    // The attack works on a process that does take these variables: the test can fail.
    for (const env of [{ LD_PRELOAD: libraryPath }, { OPENSSL_CONF: configPath }]) {
      spawnSync(process.execPath, ['-e', '0'], { env: { PATH: process.env.PATH ?? '', ...env } });
      expect(existsSync(marker)).toBe(true);
      await rm(marker);
    }
    const attempts: string[][] = [
      [`LD_PRELOAD=${libraryPath}`],
      [`OPENSSL_CONF=${configPath}`],
      [`NODE_OPTIONS=--openssl-config=${configPath}`],
      [`LD_LIBRARY_PATH=${join(platform.dataDir, 'vospace', 'alice')}`],
      [`USER_LD_PRELOAD=${libraryPath}`, `USER_OPENSSL_CONF=${configPath}`, `REPLICA_ID=${libraryPath}`],
    ];
    for (const env of attempts) {
      const res = await launch(alice, { cmd: 'true' }, env);
      if (res.status === 200)
        expect(await status(alice, (await res.text()).trim(), ['Succeeded', 'Failed'])).toBe('Succeeded');
      else expect(res.status).toBe(400);
    }
    expect(existsSync(marker)).toBe(false);
  });
});

/** Runs `node` as `uid` and reports which of `paths` it could read (files) or list (directories). */
function readableAs(uid: number, paths: string[]): string[] {
  const script = `
    const fs = require('node:fs');
    const ok = [];
    for (const p of JSON.parse(require('node:fs').readFileSync(0, 'utf8'))) {
      try { fs.statSync(p).isDirectory() ? fs.readdirSync(p) : fs.closeSync(fs.openSync(p, 'r')); ok.push(p); } catch {}
    }
    process.stdout.write(JSON.stringify(ok));`;
  const run = spawnSync(process.execPath, ['-e', script], {
    uid,
    gid: uid,
    input: JSON.stringify(paths),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`probe as uid ${uid} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

async function walk(dir: string): Promise<string[]> {
  const out = [dir];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await walk(path) : [path]));
  }
  return out;
}

/** The pid of the stand-in process of session `id`, from /proc. */
async function processPid(id: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
      const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (cmdline.includes(`--session=${id}`)) return pid;
    }
    await sleep(50);
  }
  throw new Error(`no process for session ${id}`);
}

/** The uid the stand-in process of session `id` runs as. */
async function processUid(id: string): Promise<number> {
  const status = await readFile(`/proc/${await processPid(id)}/status`, 'utf8');
  return Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
}

const asRoot = process.getuid?.() === 0;

describe('a session process is kept away from the platform', () => {
  (asRoot ? it : it.skip)(
    "runs as its owner's uid and cannot read keys, users, other users' data or other sessions",
    async () => {
      await upload(bob, 'bob', 'private.txt', 'bob only');
      const bobsRes = await launch(bob, { cmd: 'sleep', args: '60' });
      const bobs = (await bobsRes.text()).trim();
      // A Firefly session also holds a delegated token file of its own.
      const fireflyRes = await launch(alice, {
        type: 'firefly',
        image: 'images.canfar.net/skaha/firefly:2025.2',
        name: 'ff',
      });
      const firefly = (await fireflyRes.text()).trim();
      const res = await launch(alice, { cmd: 'sleep', args: '60' });
      const mine = (await res.text()).trim();
      await status(alice, firefly, ['Running']);
      await status(bob, bobs, ['Running']);

      const views = (await (
        await fetch(`${platform.url}/skaha/v1/session/${mine}`, { headers: auth(alice) })
      ).json()) as {
        runAsUID: string;
      };
      const uid = await processUid(mine);
      expect(uid).not.toBe(0);
      expect(String(uid)).toBe(views.runAsUID);
      expect(await processUid(bobs)).not.toBe(uid);

      // The data root is the platform's alone; sessions work in a directory of their own outside it.
      expect((await stat(platform.dataDir)).mode & 0o777).toBe(0o700);
      const run = platform.sessionsDir;
      expect(run.startsWith(platform.dataDir)).toBe(false);
      expect(await readlink(`/proc/${await processPid(mine)}/cwd`)).toBe(join(run, mine));
      const everything = [...(await walk(platform.dataDir)), ...(await walk(run))];
      expect(everything).toContain(join(platform.dataDir, 'keys', 'signing-key.json'));
      const readable = readableAs(uid, everything);
      // Only alice's own session directories (and what is in them) are open to her sessions.
      const alicesSessions = (
        (await (await fetch(`${platform.url}/skaha/v1/session`, { headers: auth(alice) })).json()) as Array<{
          id: string;
        }>
      ).map((s) => s.id);
      expect(alicesSessions).not.toContain(bobs);
      const own = (path: string): boolean => alicesSessions.some((id) => path.startsWith(join(run, id)));
      expect(readable.filter((path) => !own(path))).toEqual([]);
      expect(readable).toContain(join(run, firefly, 'token'));
      expect(readable).not.toContain(join(platform.dataDir, 'keys', 'signing-key.json'));
      expect(readable).not.toContain(platform.dataDir);
      expect(readable).not.toContain(run);
      for (const id of [mine, bobs, firefly])
        await fetch(`${platform.url}/skaha/v1/session/${id}`, {
          method: 'DELETE',
          headers: auth(id === bobs ? bob : alice),
        });
    },
  );
});
