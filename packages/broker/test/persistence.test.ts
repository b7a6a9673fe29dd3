import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LoginStore } from '../src/logins/persistence.js';
import { startBroker } from '../src/index.js';
import { ALICE, call, loginAlice, platform, tempDir } from './helpers.js';

describe('login persistence', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  beforeAll(async () => {
    p = await platform();
  });
  afterAll(() => p.close());

  it('keeps logins across a restart only when asked, encrypted in 0600 files', async () => {
    const dir = await tempDir('persist');
    const first = await startBroker({ runtimeFile: false, persist: { dir } });
    const login = await loginAlice(first, p.url);
    const token = (await call(first, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<{ token: string }>().token;
    await first.close();

    for (const name of await readdir(dir)) {
      expect((await stat(join(dir, name))).mode & 0o777).toBe(0o600);
      const content = await readFile(join(dir, name), 'utf8');
      expect(content).not.toContain(token);
      expect(content).not.toContain(ALICE.password);
      expect(content).not.toContain('alice');
    }

    const second = await startBroker({ runtimeFile: false, persist: { dir } });
    try {
      const logins = (await call(second, '/v1/logins')).json<{ id: string; user: string }[]>();
      expect(logins).toEqual([expect.objectContaining({ id: login.id, user: 'alice' })]);
      expect((await call(second, `/v1/token?url=${encodeURIComponent(p.url)}`)).status).toBe(200);
    } finally {
      await second.close();
    }

    const forgetful = await startBroker({ runtimeFile: false });
    try {
      expect((await call(forgetful, '/v1/logins')).json()).toEqual([]);
    } finally {
      await forgetful.close();
    }
  });

  it('has written a login to disk by the time it acknowledges it', async () => {
    const dir = await tempDir('persist-ack');
    const first = await startBroker({ runtimeFile: false, persist: { dir } });
    // A second broker reads the store while the first is still running: nothing was saved by a clean shutdown.
    let second: Awaited<ReturnType<typeof startBroker>> | undefined;
    try {
      const login = await loginAlice(first, p.url);
      second = await startBroker({ runtimeFile: false, persist: { dir } });
      expect((await call(second, '/v1/logins')).json()).toEqual([
        expect.objectContaining({ id: login.id, user: 'alice' }),
      ]);
    } finally {
      await second?.close();
      await first.close();
    }
  });

  it('ignores a store that fails authentication', async () => {
    const dir = await tempDir('persist-bad');
    const first = await startBroker({ runtimeFile: false, persist: { dir } });
    await loginAlice(first, p.url);
    await first.close();
    const file = join(dir, 'broker-logins.enc');
    const envelope = JSON.parse(await readFile(file, 'utf8')) as { data: string };
    const data = Buffer.from(envelope.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    envelope.data = data.toString('base64');
    await (await import('node:fs/promises')).writeFile(file, JSON.stringify(envelope));
    const second = await startBroker({ runtimeFile: false, persist: { dir } });
    try {
      expect((await call(second, '/v1/logins')).json()).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('what is kept of a password', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  beforeAll(async () => {
    p = await platform();
  });
  afterAll(() => p.close());

  /** The renewal each stored login carries, read back from the encrypted store. */
  async function storedRenewals(dir: string): Promise<string[]> {
    const store = new LoginStore(join(dir, 'broker-logins.enc'), join(dir, 'broker-logins.key'));
    return (await store.load()).map((login) =>
      login.renewal.kind === 'password' ? `password:${login.renewal.password === ALICE.password}` : login.renewal.kind,
    );
  }

  it.each([
    [undefined, 'password_in_memory', ['none']],
    ['memory', 'password_in_memory', ['none']],
    ['no', 'none', ['none']],
    ['disk', 'password_on_disk', ['password:true']],
  ] as const)('keep_password %s: renews with %s, and the store holds %j', async (keep, renewsWith, stored) => {
    const dir = await tempDir('keep-password');
    const b = await startBroker({ runtimeFile: false, persist: { dir } });
    try {
      const reply = await call(b, '/v1/logins', {
        method: 'POST',
        body: { url: p.url, method: 'password', ...ALICE, ...(keep === undefined ? {} : { keep_password: keep }) },
      });
      expect(reply.status).toBe(201);
      expect(reply.json()).toMatchObject({ renews_with: renewsWith, refreshable: renewsWith !== 'none' });
    } finally {
      await b.close();
    }
    // Without the user's choice of `disk`, a restarted broker has the login (until its token expires) but not the password.
    expect(await storedRenewals(dir)).toEqual(stored);
  });

  it('refuses an unknown keep_password value', async () => {
    const b = await startBroker({ runtimeFile: false });
    try {
      const reply = await call(b, '/v1/logins', {
        method: 'POST',
        body: { url: p.url, method: 'password', ...ALICE, keep_password: 'forever' },
      });
      expect(reply.status).toBe(400);
      expect(reply.text).not.toContain(ALICE.password);
    } finally {
      await b.close();
    }
  });
});
