// HTTP input fuzzing of the token broker, in its own process, with alice
// logged in to a real platform: random routes of openapi/broker.yaml with
// hostile parameters, headers (browser and DNS-rebinding ones included) and
// bodies. The broker answers every request with a typed JSON error or a
// success; the only 5xx it may give is 502 `platform_unreachable`, its
// documented answer when a platform named in a request cannot be reached.
// It never echoes its secret or a token outside `/v1/token`, and it still
// answers /healthz afterwards.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TEST_TIMEOUT_MS, runs } from './support/budget.js';
import { rawStatus, send, sendBytes, type RawReply, type RawRequest } from './support/http.js';
import { ALICE } from './support/platform-session.js';
import {
  removeDir,
  startBrokerProcess,
  startPlatformProcess,
  tempDir,
  type BrokerProcess,
  type ChildServer,
} from './support/processes.js';
import { garbageBytes, hostileRequest } from './support/requests.js';
import { specRoutes } from './support/routes.js';

let dataDir: string;
let platform: ChildServer;
let broker: BrokerProcess;
let platformToken: string;
let loginId: string;

beforeAll(async () => {
  dataDir = await tempDir('platform');
  [platform, broker] = await Promise.all([startPlatformProcess({ dataDir }), startBrokerProcess({ rate: 100_000 })]);
  const login = await send(broker.url, {
    method: 'POST',
    path: '/v1/logins',
    headers: { authorization: `Bearer ${broker.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: platform.url, method: 'password', ...ALICE }),
  });
  expect(login.status).toBe(201);
  loginId = (JSON.parse(login.body) as { id: string }).id;
  const token = await send(broker.url, {
    method: 'GET',
    path: `/v1/token?url=${encodeURIComponent(platform.url)}`,
    headers: { authorization: `Bearer ${broker.secret}` },
  });
  platformToken = (JSON.parse(token.body) as { token: string }).token;
}, 60_000);

afterAll(async () => {
  await Promise.all([broker?.stop(), platform?.stop()]);
  if (dataDir) await removeDir(dataDir);
});

function acceptable(req: RawRequest, reply: RawReply): boolean {
  if (reply.status < 500) return true;
  if (reply.status !== 502) return false;
  // A HEAD answer has no body to name the error; its GET twin is checked by the same property.
  if (req.method === 'HEAD') return true;
  try {
    return (JSON.parse(reply.body) as { error?: unknown }).error === 'platform_unreachable';
  } catch {
    return false;
  }
}

function describeRequest(req: RawRequest): string {
  const headers = {
    ...req.headers,
    ...(req.headers?.authorization === `Bearer ${broker.secret}` ? { authorization: 'Bearer <secret>' } : {}),
  };
  return `${req.method} ${req.path} ${JSON.stringify(headers)} body=${JSON.stringify(req.body ?? '').slice(0, 300)}`;
}

describe('the broker under hostile HTTP input', () => {
  it(
    'answers every request with a typed answer, never a crash, and leaks neither secret nor token',
    async () => {
      const requests = hostileRequest({
        routes: specRoutes('broker.yaml'),
        known: { id: [loginId, 'nope'] },
        authorizations: [`Bearer ${broker.secret}`],
      });
      await fc.assert(
        fc.asyncProperty(requests, async (req) => {
          const reply = await send(broker.url, req);
          if (!acceptable(req, reply))
            throw new Error(`HTTP ${reply.status} for ${describeRequest(req)}: ${reply.body.slice(0, 300)}`);
          expect(reply.body).not.toContain(broker.secret);
          const releasesToken = reply.status === 200 && req.path.startsWith('/v1/token');
          if (!releasesToken) expect(reply.body).not.toContain(platformToken);
          if (reply.status >= 400 && req.method !== 'HEAD') {
            const error = JSON.parse(reply.body) as { error?: unknown; message?: unknown };
            expect(typeof error.error).toBe('string');
            expect(typeof error.message).toBe('string');
          }
        }),
        { numRuns: runs(300) },
      );
      expect(broker.process.exitCode).toBeNull();
      const health = await send(broker.url, {
        method: 'GET',
        path: '/healthz',
        headers: { authorization: `Bearer ${broker.secret}` },
      });
      expect(health.status).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );

  it.each([
    ['HEAD', '/v1/events'],
    ['GET', '/v1/logins/%C0%AE'],
    ['DELETE', '/v1/logins/%zz'],
  ])('answers %s %s, which once hung or failed with a 500, with a proper status', async (method, path) => {
    const reply = await send(broker.url, { method, path, headers: { authorization: `Bearer ${broker.secret}` } });
    expect(reply.status).toBeLessThan(500);
  });

  it(
    'survives bytes that are not HTTP',
    async () => {
      await fc.assert(
        fc.asyncProperty(garbageBytes, async (bytes) => {
          const status = rawStatus(await sendBytes(broker.url, bytes));
          if (status !== undefined && status >= 500)
            throw new Error(`HTTP ${status} for raw ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`);
        }),
        { numRuns: runs(60) },
      );
      expect(broker.process.exitCode).toBeNull();
      const health = await send(broker.url, {
        method: 'GET',
        path: '/healthz',
        headers: { authorization: `Bearer ${broker.secret}` },
      });
      expect(health.status).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );
});
