// Bounded load on loopback with autocannon: the broker's /v1/token and the
// platform's authenticated routes take a few seconds of concurrent requests
// with zero errors and no 5xx, and their memory does not keep growing. Run
// as child processes so their resident memory can be read from /proc.
// Nothing here asserts on time: throughput is for bench/, not for tests.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_TIMEOUT_MS } from './support/budget.js';
import { send } from './support/http.js';
import { load, serverErrors } from './support/load.js';
import { ALICE, platformFixture, type PlatformFixture } from './support/platform-session.js';
import { startBrokerProcess, type BrokerProcess } from './support/processes.js';

/** Resident memory may grow this much between the end of a warm-up run and the end of the main run: generous for heap churn, far below what a per-request leak builds up over tens of thousands of requests. */
const RSS_GROWTH_LIMIT = 96 * 1024 * 1024;

let p: PlatformFixture;
let broker: BrokerProcess;
let throttled: BrokerProcess;

async function loginAlice(b: BrokerProcess): Promise<void> {
  const reply = await send(b.url, {
    method: 'POST',
    path: '/v1/logins',
    headers: { authorization: `Bearer ${b.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: p.server.url, method: 'password', ...ALICE }),
  });
  if (reply.status !== 201) throw new Error(`login failed: HTTP ${reply.status}`);
}

beforeAll(async () => {
  p = await platformFixture();
  [broker, throttled] = await Promise.all([startBrokerProcess({ rate: 1_000_000 }), startBrokerProcess()]);
  await Promise.all([loginAlice(broker), loginAlice(throttled)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([broker?.stop(), throttled?.stop()]);
  await p?.close();
});

describe('the broker under load', () => {
  it(
    'serves /v1/token to concurrent clients with no error, no 5xx and bounded memory',
    async () => {
      const options = {
        url: `${broker.url}/v1/token?url=${encodeURIComponent(`${p.server.url}/vospace/nodes/alice`)}&min_valid=60`,
        headers: { authorization: `Bearer ${broker.secret}` },
      };
      const warm = await load({ ...options, seconds: 1 });
      expect(warm.errors).toBe(0);
      const before = await broker.rss();
      const run = await load({ ...options, seconds: 3 });
      const after = await broker.rss();

      expect(run.requests).toBeGreaterThan(0);
      expect(run.errors).toBe(0);
      expect(run.timeouts).toBe(0);
      expect(Object.keys(run.statuses)).toEqual(['200']);
      expect(after - before).toBeLessThan(RSS_GROWTH_LIMIT);
      expect(broker.process.exitCode).toBeNull();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'sheds load beyond its rate limit with 429, never with a 5xx or a dropped connection',
    async () => {
      const run = await load({
        url: `${throttled.url}/v1/token?url=${encodeURIComponent(p.server.url)}`,
        headers: { authorization: `Bearer ${throttled.secret}` },
        seconds: 2,
      });
      expect(run.errors).toBe(0);
      expect(serverErrors(run)).toEqual({});
      expect(run.statuses['429']).toBeGreaterThan(0);
      expect(Object.keys(run.statuses).sort()).toEqual(['200', '429']);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the platform under load', () => {
  it(
    'serves its authenticated routes with no error, no 5xx and bounded memory',
    async () => {
      const options = {
        url: p.server.url,
        headers: { authorization: `Bearer ${p.aliceToken}` },
        paths: [
          '/ac/whoami',
          '/gms/search?group=astro',
          '/vospace/nodes/alice',
          '/vospace/data/alice/f.txt',
          '/skaha/v1/session',
          `/uws/sleep/${p.jobId}`,
          '/uws/sleep',
        ],
      };
      const warm = await load({ ...options, seconds: 1 });
      expect(warm.errors).toBe(0);
      const before = await p.server.rss();
      const run = await load({ ...options, seconds: 3 });
      const after = await p.server.rss();

      expect(run.requests).toBeGreaterThan(0);
      expect(run.errors).toBe(0);
      expect(run.timeouts).toBe(0);
      expect(serverErrors(run)).toEqual({});
      expect(Object.keys(run.statuses)).toEqual(['200']);
      expect(after - before).toBeLessThan(RSS_GROWTH_LIMIT);
      expect((await send(p.server.url, { method: 'GET', path: '/healthz' })).status).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );
});
