// GMS: membership checks per second with the SDK's cache against the same
// client with its cache off (one upstream request per check, what a plain
// client does), and upstream requests caused by 100 concurrent checks.
import { join } from 'node:path';
import { GmsClient } from '@vobridge/sdk';
import { demoToken, bearerFetch } from '../lib/http.js';
import { compare, type BenchResult } from '../lib/result.js';
import { startPlatform, tempDir } from '../lib/processes.js';
import { summarize } from '../lib/stats.js';
import type { BenchContext } from './context.js';

async function checksPerSecond(client: GmsClient, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    await client.isMember('astro');
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

/** Runs the GMS benchmark. */
export async function gms(ctx: BenchContext): Promise<BenchResult> {
  const dir = await tempDir('gms');
  const platform = await startPlatform(join(dir.path, 'platform'));
  try {
    const token = await demoToken(platform.url);
    let upstream = 0;
    const authed = bearerFetch(token, () => upstream++);
    const baseUrl = `${platform.url}/gms`;
    const cached: number[] = [];
    const uncached: number[] = [];
    const burstCached: number[] = [];
    const burstUncached: number[] = [];
    for (let i = 0; i < ctx.reps; i++) {
      cached.push(await checksPerSecond(new GmsClient({ baseUrl, fetch: authed }), 1000));
      uncached.push(await checksPerSecond(new GmsClient({ baseUrl, fetch: authed, cacheTtlMs: 0 }), 1000));
      const client = new GmsClient({ baseUrl, fetch: authed });
      upstream = 0;
      const answers = await Promise.all(Array.from({ length: 100 }, () => client.isMember('astro')));
      if (!answers.every(Boolean)) throw new Error('alice is in astro');
      burstCached.push(upstream);
      // The peer: each check its own GET /search, as a client without a cache does.
      upstream = 0;
      const plain = await Promise.all(
        Array.from({ length: 100 }, () => authed(`${baseUrl}/search?group=astro`).then((r) => r.text())),
      );
      if (plain.some((body) => !body.includes('astro'))) throw new Error('alice is in astro');
      burstUncached.push(upstream);
    }
    return {
      name: 'gms',
      title: 'GMS membership checks',
      comparisons: [
        compare(
          'isMember checks per second (sequential)',
          'checks/s',
          'higher',
          { what: 'GmsClient, cache on (default TTL)', value: summarize(cached) },
          { what: 'GmsClient, cacheTtlMs: 0 (one GET /search per check)', value: summarize(uncached) },
        ),
        compare(
          'upstream requests for 100 concurrent checks, fresh client',
          'requests',
          'lower',
          { what: 'GmsClient, cache on (single-flight)', value: summarize(burstCached) },
          { what: 'a GET /search per check (no cache)', value: summarize(burstUncached) },
        ),
      ],
      notes: [`${ctx.reps} repetitions; checks of alice in astro on the reference platform's GMS.`],
    };
  } finally {
    await platform.stop();
    await dir.remove();
  }
}
