// Faults: the platform SIGKILLed in the middle of a download, an upload and a
// job, and while the broker needs it for a refresh; the broker SIGKILLed while
// logged in. Each ends in a typed error or a recovery after restart — never a
// half-written file, a lost login or a crashed survivor. Nothing is mocked:
// the processes are the real bins (the broker through broker-child.mjs).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UwsClient, VoSpaceClient, VobridgeError, type FetchLike } from '@vobridge/sdk';
import { downloadFile, uploadFile } from '@vobridge/sdk/node';
import { TEST_TIMEOUT_MS } from './support/budget.js';
import { send } from './support/http.js';
import { ALICE, passwordToken } from './support/platform-session.js';
import {
  removeDir,
  startBrokerProcess,
  startPlatformProcess,
  tempDir,
  type BrokerProcess,
  type ChildServer,
} from './support/processes.js';

const MiB = 1024 * 1024;
/** Larger than loopback socket buffers, so a kill after the first MiB always lands mid-transfer. */
const FILE_SIZE = 24 * MiB;

let work: string;
let dataDir: string;
let platform: ChildServer;
let token: string;

const md5 = (bytes: Buffer): string => createHash('md5').update(bytes).digest('hex');
const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Bearer-token fetch for the platform's own origin (the SDK clients never add credentials themselves). */
const authed: FetchLike = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

/** A fetch whose response bodies SIGKILL the platform once `after` bytes went through, the first time only. */
function killingFetch(after: number): { fetch: FetchLike; killed: () => boolean } {
  let killed = false;
  const wrapped: FetchLike = async (input, init) => {
    const response = await authed(input, init);
    if (killed || !response.body) return response;
    let seen = 0;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        async transform(chunk, controller) {
          seen += chunk.byteLength;
          if (!killed && seen > after) {
            killed = true;
            await platform.kill();
          }
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch: wrapped, killed: () => killed };
}

async function restartPlatform(): Promise<void> {
  if (platform.process.exitCode === null && platform.process.signalCode === null) await platform.kill();
  platform = await startPlatformProcess({ dataDir, port: platform.port });
}

beforeAll(async () => {
  work = await tempDir('faults');
  dataDir = join(work, 'platform');
  platform = await startPlatformProcess({ dataDir });
  token = await passwordToken(platform.url, ALICE);
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  if (work) await removeDir(work);
});

describe('the platform killed mid-transfer', () => {
  it(
    'a download fails with a typed error, leaves no destination file, and resumes after the restart',
    async () => {
      const content = randomBytes(FILE_SIZE);
      const put = await send(platform.url, {
        method: 'PUT',
        path: '/vospace/data/alice/big.bin',
        headers: { authorization: `Bearer ${token}` },
        body: content,
      });
      expect(put.status).toBeLessThan(300);
      const dest = join(work, 'big.bin');
      const killer = killingFetch(MiB);
      const client = new VoSpaceClient({ baseUrl: `${platform.url}/vospace`, fetch: killer.fetch });

      const failure = await downloadFile(client, 'alice/big.bin', dest, { retries: 0 }).catch(
        (error: unknown) => error,
      );
      expect(killer.killed()).toBe(true);
      expect(failure).toBeInstanceOf(VobridgeError);
      expect(await exists(dest)).toBe(false);
      const partial = (await stat(`${dest}.part`)).size;
      expect(partial).toBeLessThan(FILE_SIZE);

      await restartPlatform();
      const again = new VoSpaceClient({ baseUrl: `${platform.url}/vospace`, fetch: authed });
      const result = await downloadFile(again, 'alice/big.bin', dest);
      expect(result.bytes).toBe(FILE_SIZE);
      expect(result.resumedFrom).toBe(partial);
      expect(md5(await readFile(dest))).toBe(md5(content));
      expect(await exists(`${dest}.part`)).toBe(false);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'an upload fails with a typed error, the restarted platform shows no partial node, and a retry lands whole',
    async () => {
      const content = randomBytes(FILE_SIZE);
      const source = join(work, 'up.bin');
      await writeFile(source, content);
      let killed = false;
      const client = new VoSpaceClient({ baseUrl: `${platform.url}/vospace`, fetch: authed });
      const failure = await uploadFile(client, 'alice/up.bin', source, {
        onProgress: ({ bytes }) => {
          if (!killed && bytes > MiB) {
            killed = true;
            void platform.kill();
          }
        },
      }).catch((error: unknown) => error);
      expect(killed).toBe(true);
      expect(failure).toBeInstanceOf(VobridgeError);

      await restartPlatform();
      const after = await send(platform.url, {
        method: 'GET',
        path: '/vospace/data/alice/up.bin',
        headers: { authorization: `Bearer ${token}` },
      });
      // Either nothing, or (had the bytes all arrived) the whole file: never a torn one.
      if (after.status === 200) expect(Buffer.byteLength(after.body, 'latin1')).toBe(FILE_SIZE);
      else expect(after.status).toBe(404);

      const again = new VoSpaceClient({ baseUrl: `${platform.url}/vospace`, fetch: authed });
      await uploadFile(again, 'alice/up.bin', source);
      const back = join(work, 'up.back');
      await downloadFile(again, 'alice/up.bin', back);
      expect(md5(await readFile(back))).toBe(md5(content));
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the platform killed mid-job', () => {
  it(
    'a running job ends, after the restart, in a final phase a client can wait for — with a reason if it failed',
    async () => {
      const uws = new UwsClient({ baseUrl: `${platform.url}/uws/sleep`, fetch: authed });
      const created = await send(platform.url, {
        method: 'POST',
        path: '/uws/sleep',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'DURATION=3&PHASE=RUN',
      });
      const jobId = /\/uws\/sleep\/([^/?]+)/.exec(String(created.headers.location))?.[1];
      expect(jobId).toBeDefined();
      const running = await uws.waitForJob(jobId as string, { phases: ['EXECUTING'] });
      expect(running.phase).toBe('EXECUTING');
      await platform.kill();
      await restartPlatform();

      const job = await uws.waitForJob(jobId as string);
      expect(['COMPLETED', 'ERROR', 'ABORTED']).toContain(job.phase);
      if (job.phase === 'ERROR') expect(job.errorSummary?.message ?? '').not.toBe('');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the broker and its platform failing', () => {
  let broker: BrokerProcess;
  let persist: string;
  const secret = randomBytes(32).toString('base64url');
  const ask = (minValid: number) =>
    send(broker.url, {
      method: 'GET',
      path: `/v1/token?url=${encodeURIComponent(`${platform.url}/vospace/nodes/alice`)}&min_valid=${minValid}`,
      headers: { authorization: `Bearer ${secret}` },
    });

  beforeAll(async () => {
    persist = join(work, 'broker-state');
    broker = await startBrokerProcess({ secret, persist });
    const login = await send(broker.url, {
      method: 'POST',
      path: '/v1/logins',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: platform.url, method: 'password', ...ALICE }),
    });
    expect(login.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await broker?.stop();
  });

  it(
    'with the platform dead, the broker keeps handing out the still-valid token (no 5xx, no crash), and tokens flow again once it is back',
    async () => {
      const first = await ask(60);
      expect(first.status).toBe(200);
      const held = (JSON.parse(first.body) as { token: string }).token;
      await platform.kill();
      // More life than the token has asks for a renewal, which needs the platform: the valid token it holds is the answer.
      for (const minValid of [60, 86_400]) {
        const reply = await ask(minValid);
        expect(reply.status).toBe(200);
        expect((JSON.parse(reply.body) as { token: string }).token).toBe(held);
      }
      expect(broker.process.exitCode).toBeNull();

      await restartPlatform();
      const back = await ask(60);
      expect(back.status).toBe(200);
      const { token: fresh } = JSON.parse(back.body) as { token: string };
      expect(
        (await send(platform.url, { method: 'GET', path: '/ac/whoami', headers: { authorization: `Bearer ${fresh}` } }))
          .status,
      ).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a broker killed with SIGKILL refuses connections, and once restarted serves the same login without a new one',
    async () => {
      const before = JSON.parse((await ask(60)).body) as { login_id: string };
      const port = broker.port;
      // A login is on disk once acknowledged (its 201): kill at once.
      await broker.kill();
      await expect(ask(60)).rejects.toThrow(/ECONNREFUSED/);

      broker = await startBrokerProcess({ secret, persist, port });
      const after = await ask(60);
      expect(after.status).toBe(200);
      expect((JSON.parse(after.body) as { login_id: string }).login_id).toBe(before.login_id);
    },
    TEST_TIMEOUT_MS,
  );
});
