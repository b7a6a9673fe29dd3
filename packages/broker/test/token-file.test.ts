import { chown, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerEvent } from '../src/index.js';
import { defaultTokenFile } from '../src/index.js';
import { broker, call, eventually, loginAlice, platform, tempDir, until } from './helpers.js';

describe('WLCG bearer token file sink', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  beforeAll(async () => {
    p = await platform({ accessTokenTtlSeconds: 3 });
  });
  afterAll(() => p.close());

  it('refuses a token file path someone else prepared (a planted file or a symlink), saying so', async () => {
    const dir = await tempDir('token-file');
    try {
      const link = join(dir, 'bt_link');
      await symlink(join(dir, 'elsewhere'), link);
      await expect(broker({ tokenFile: { path: link } })).rejects.toThrow(/not a plain file/);
      if (process.getuid?.() === 0) {
        // Another user's file in a shared directory such as /tmp (only root can make one here).
        const planted = join(dir, 'bt_planted');
        await writeFile(planted, 'attacker-token\n', { mode: 0o644 });
        await chown(planted, 4242, 4242);
        await expect(broker({ tokenFile: { path: planted } })).rejects.toThrow(/belongs to another user \(uid 4242\)/);
        expect(await readFile(planted, 'utf8')).toBe('attacker-token\n');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('defaults to $XDG_RUNTIME_DIR/bt_u<uid>, else /tmp', () => {
    expect(defaultTokenFile({ XDG_RUNTIME_DIR: '/run/user/7' }, 7)).toBe('/run/user/7/bt_u7');
    expect(defaultTokenFile({}, 7)).toBe('/tmp/bt_u7');
  });

  it('holds the current token, 0600, replaced on refresh, removed on logout and on close', async () => {
    const b = await broker();
    const path = join(b.dir, 'bt_u1000');
    await b.close();
    const s = await broker({ tokenFile: { path, url: p.url } });
    try {
      expect(s.tokenFile).toBe(path);
      const login = await loginAlice(s, p.url);
      const current = async (): Promise<string> =>
        (await call(s, `/v1/token?url=${encodeURIComponent(p.url)}&min_valid=0`)).json<{ token: string }>().token;
      const fileHolds = async (token: string): Promise<boolean> =>
        (await readFile(path, 'utf8').catch(() => '')).trim() === token;
      const first = await current();
      await eventually(() => fileHolds(first));
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      await until<BrokerEvent>(
        s.subscribe,
        (e) => e.type === 'login' && e.id === login.id && e.login?.state === 'active',
      );
      const second = await current();
      expect(second).not.toBe(first);
      await eventually(() => fileHolds(second));
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      await call(s, `/v1/logins/${String(login.id)}`, { method: 'DELETE' });
      await eventually(() =>
        stat(path).then(
          () => false,
          () => true,
        ),
      );
      await loginAlice(s, p.url);
      await eventually(() =>
        stat(path).then(
          () => true,
          () => false,
        ),
      );
    } finally {
      await s.close();
    }
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
