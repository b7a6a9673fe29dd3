// UWS completion latency: from the moment a job reaches COMPLETED on the
// server (its endTime) to the client returning, for vobridge's waitForJob
// (blocking WAIT requests) and pyvo's AsyncTAPJob.wait(), over 20 jobs each.
import { join } from 'node:path';
import { UwsClient } from '@vobridge/sdk';
import { compare, type BenchResult } from '../lib/result.js';
import { PYTHON, run, demoToken, bearerFetch } from '../lib/http.js';
import { startPlatform, tempDir } from '../lib/processes.js';
import { percentile, summarize } from '../lib/stats.js';
import type { BenchContext } from './context.js';

const JOBS = 20;
const DURATION = '1';

/** Runs the UWS benchmark. */
export async function uws(_ctx: BenchContext): Promise<BenchResult> {
  const dir = await tempDir('uws');
  const platform = await startPlatform(join(dir.path, 'platform'));
  try {
    const token = await demoToken(platform.url);
    const authed = bearerFetch(token);
    const jobsUrl = `${platform.url}/uws/sleep`;
    const client = new UwsClient({ baseUrl: jobsUrl, fetch: authed });

    const ours: number[] = [];
    for (let i = 0; i < JOBS; i++) {
      const created = await authed(jobsUrl, {
        method: 'POST',
        body: new URLSearchParams({ DURATION, PHASE: 'RUN' }),
        redirect: 'manual',
      });
      const jobId = /\/uws\/sleep\/([^/?]+)/.exec(created.headers.get('location') ?? '')?.[1];
      if (!jobId) throw new Error(`job creation: HTTP ${created.status}`);
      const job = await client.waitForJob(jobId);
      const returned = Date.now();
      if (job.phase !== 'COMPLETED' || !job.endTime) throw new Error(`job ${jobId} ended ${job.phase}`);
      ours.push(returned - Date.parse(job.endTime));
    }
    const theirs = JSON.parse(
      await run(PYTHON, [new URL('../../py/uws_wait.py', import.meta.url).pathname], {
        BENCH_JOBS_URL: jobsUrl,
        BENCH_TOKEN: token,
        BENCH_JOBS: String(JOBS),
        BENCH_DURATION: DURATION,
      }),
    ) as number[];
    const summary = (xs: number[], p: number) => summarize([percentile(xs, p)]);
    return {
      name: 'uws',
      title: 'UWS completion latency',
      comparisons: [
        compare(
          'COMPLETED → client returns, median of 20 jobs',
          'ms',
          'lower',
          { what: 'UwsClient.waitForJob (WAIT)', value: summarize(ours) },
          { what: 'pyvo AsyncTAPJob.wait()', value: summarize(theirs) },
        ),
        compare(
          'COMPLETED → client returns, worst of 20 jobs',
          'ms',
          'lower',
          { what: 'UwsClient.waitForJob (WAIT)', value: summary(ours, 100) },
          { what: 'pyvo AsyncTAPJob.wait()', value: summary(theirs, 100) },
        ),
      ],
      notes: [
        `${JOBS} sequential ${DURATION} s sleep jobs per client on the reference platform; latency = client return time − the job's endTime (same machine clock, ms resolution). Median cells show min–max over the ${JOBS} jobs.`,
        'pyvo waits with WAIT=-1 first, then polls from 1 s growing ×1.2 (PROTOCOLS.md).',
      ],
    };
  } finally {
    await platform.stop();
    await dir.remove();
  }
}
