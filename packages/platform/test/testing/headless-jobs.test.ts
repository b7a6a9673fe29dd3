import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { SessionsClient } from '@vobridge/sdk';
import { LIMITS } from '../../src/sessions/service.js';
import { deleteSessions, launchHeadlessJobs } from '../../src/testing/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
let sessions: SessionsClient;
beforeAll(async () => {
  platform = await startTestPlatform();
  const token = await platform.login('alice');
  sessions = new SessionsClient({
    baseUrl: `${platform.url}/skaha/v1`,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });
});
afterAll(async () => {
  await platform.dispose();
});

it('launches more jobs than the live-session cap; all stay listed as Succeeded until deleted', async () => {
  const count = LIMITS.maxSessions * 2 + 3;
  await launchHeadlessJobs(sessions, count);
  const listed = await sessions.list();
  expect(listed).toHaveLength(count);
  expect(new Set(listed.map((s) => s.status))).toEqual(new Set(['Succeeded']));
  expect(new Set(listed.map((s) => s.name)).size).toBe(count);

  await deleteSessions(
    sessions,
    listed.map((s) => s.id),
  );
  expect(await sessions.list()).toEqual([]);
}, 120_000);
