// A platform child process with alice logged in and a little content, shared
// by the platform fuzz and load tests.
import { send } from './http.js';
import { removeDir, startPlatformProcess, tempDir, type ChildServer } from './processes.js';

/** Demo users of the reference platform (its README). */
export const ALICE = { username: 'alice', password: 'alice-demo-password' };
export const BOB = { username: 'bob', password: 'bob-demo-password' };

/** A running platform process and what the tests need to talk to it. */
export interface PlatformFixture {
  server: ChildServer;
  dataDir: string;
  aliceToken: string;
  bobToken: string;
  /** The id of a finished UWS `sleep` job of alice's. */
  jobId: string;
  close(): Promise<void>;
}

/** CADC-style password login; the token is the body. */
export async function passwordToken(base: string, user: { username: string; password: string }): Promise<string> {
  const reply = await send(base, {
    method: 'POST',
    path: '/ac/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(user).toString(),
  });
  if (reply.status !== 200) throw new Error(`login of ${user.username} failed: HTTP ${reply.status}`);
  return reply.body.trim();
}

/** Starts a platform process, logs alice and bob in, writes a file and runs a job. */
export async function platformFixture(options: { tokenTtlSeconds?: number } = {}): Promise<PlatformFixture> {
  const dataDir = await tempDir('platform');
  const server = await startPlatformProcess({ dataDir, ...options });
  const aliceToken = await passwordToken(server.url, ALICE);
  const bobToken = await passwordToken(server.url, BOB);
  const auth = { authorization: `Bearer ${aliceToken}` };
  const put = await send(server.url, {
    method: 'PUT',
    path: '/vospace/data/alice/f.txt',
    headers: auth,
    body: 'hello\n',
  });
  if (put.status >= 300) throw new Error(`upload failed: HTTP ${put.status} ${put.body}`);
  const job = await send(server.url, {
    method: 'POST',
    path: '/uws/sleep',
    headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'DURATION=0&PHASE=RUN',
  });
  const jobId = /\/uws\/sleep\/([^/?]+)/.exec(String(job.headers.location))?.[1];
  if (job.status !== 303 || !jobId) throw new Error(`job creation failed: HTTP ${job.status} ${job.body}`);
  return {
    server,
    dataDir,
    aliceToken,
    bobToken,
    jobId,
    close: async () => {
      await server.stop();
      await removeDir(dataDir);
    },
  };
}
