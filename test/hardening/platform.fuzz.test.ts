// HTTP input fuzzing of the reference platform, run as its own bin in a child
// process: random routes from the OpenAPI specs with hostile parameters,
// queries, headers and bodies, and raw bytes that are barely HTTP. The
// platform must answer every request with a status below 500, never hang,
// never echo the caller's token, and still answer /healthz afterwards.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TEST_TIMEOUT_MS, runs } from './support/budget.js';
import { rawStatus, send, sendBytes, type RawRequest } from './support/http.js';
import { platformFixture, type PlatformFixture } from './support/platform-session.js';
import { garbageBytes, hostileRequest } from './support/requests.js';
import { specRoutes } from './support/routes.js';

let p: PlatformFixture;
beforeAll(async () => {
  p = await platformFixture();
}, 60_000);
afterAll(async () => {
  await p?.close();
});

function describeRequest(req: RawRequest): string {
  return `${req.method} ${req.path} ${JSON.stringify(req.headers)} body=${JSON.stringify(req.body ?? '').slice(0, 300)}`;
}

async function healthy(): Promise<void> {
  expect(p.server.process.exitCode).toBeNull();
  const health = await send(p.server.url, { method: 'GET', path: '/healthz' });
  expect(health.status).toBe(200);
}

describe('the platform under hostile HTTP input', () => {
  it(
    'answers every request from the specs with a status below 500 and never echoes a token',
    async () => {
      const requests = hostileRequest({
        routes: [
          ...specRoutes('auth.yaml', 'gms.yaml', 'sessions.yaml', 'uws.yaml', 'vospace.yaml'),
          '/skaha/capabilities',
          '/oidc/interaction/{uid}',
        ],
        known: {
          path: ['alice', 'alice/f.txt', 'alice/missing', 'bob', 'alice/f.txt/x'],
          jobList: ['sleep', 'cone', 'bright-stars'],
          jobId: [p.jobId],
          resultId: ['result'],
          name: ['astro', 'demo'],
        },
        authorizations: [`Bearer ${p.aliceToken}`, `Bearer ${p.bobToken}`],
      });
      await fc.assert(
        fc.asyncProperty(requests, async (req) => {
          const reply = await send(p.server.url, req);
          if (reply.status >= 500)
            throw new Error(`HTTP ${reply.status} for ${describeRequest(req)}: ${reply.body.slice(0, 300)}`);
          const sentToken = req.headers?.authorization?.replace(/^Bearer /, '') ?? '';
          if (sentToken.length > 20) expect(reply.body).not.toContain(sentToken);
          expect(String(reply.headers['x-injected'] ?? '')).toBe('');
        }),
        { numRuns: runs(300) },
      );
      await healthy();
    },
    TEST_TIMEOUT_MS,
  );

  it('refuses a deeply nested node document with a 4xx instead of blocking on it', async () => {
    const depth = 60_000;
    const body = `<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="vos:DataNode" uri="vos://vobridge.org~vault/alice/deep">${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</vos:node>`;
    const reply = await send(p.server.url, {
      method: 'PUT',
      path: '/vospace/nodes/alice/deep',
      headers: { authorization: `Bearer ${p.aliceToken}`, 'content-type': 'text/xml' },
      body,
    });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    await healthy();
  });

  it(
    'survives bytes that are not HTTP, answering 4xx or closing the connection',
    async () => {
      await fc.assert(
        fc.asyncProperty(garbageBytes, async (bytes) => {
          const status = rawStatus(await sendBytes(p.server.url, bytes));
          if (status !== undefined && status >= 500)
            throw new Error(`HTTP ${status} for raw ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`);
        }),
        { numRuns: runs(60) },
      );
      await healthy();
    },
    TEST_TIMEOUT_MS,
  );
});
