// `npm run bench`: runs the benchmarks one after another (never in parallel:
// they would measure each other), saving each result as it completes.
//   --quick         smaller sizes and shorter load runs (a 64 MiB transfer, not the issue's 1 GiB)
//   --only=a,b      run only these benchmarks
//   --note=TEXT     what else the machine was doing, for RESULTS.md
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { BenchContext } from './benchmarks/context.js';
import { auth } from './benchmarks/auth.js';
import { bundle } from './benchmarks/bundle.js';
import { gms } from './benchmarks/gms.js';
import { jupyterhub } from './benchmarks/jupyterhub.js';
import { sessions } from './benchmarks/sessions.js';
import { tokenAgents } from './benchmarks/token-agents.js';
import { tokenFetch } from './benchmarks/token-fetch.js';
import { uws } from './benchmarks/uws.js';
import { vospace } from './benchmarks/vospace.js';
import { saveResult, writeMarkdown } from './lib/report.js';
import type { BenchResult } from './lib/result.js';

const BENCHMARKS: Record<string, (ctx: BenchContext) => Promise<BenchResult>> = {
  'token-fetch': tokenFetch,
  'token-agents': tokenAgents,
  auth,
  gms,
  uws,
  vospace,
  bundle,
  sessions,
  jupyterhub,
};

const { values } = parseArgs({
  options: { quick: { type: 'boolean' }, only: { type: 'string' }, note: { type: 'string' } },
});
const full = !(values.quick ?? false);
const ctx: BenchContext = { reps: 5, seconds: full ? 5 : 2, full };
const only = values.only?.split(',');
let failed = false;
for (const [name, bench] of Object.entries(BENCHMARKS)) {
  if (only && !only.includes(name)) continue;
  process.stdout.write(`bench ${name} ...\n`);
  try {
    const before = loadavg()[0] ?? 0;
    const result = await bench(ctx);
    await saveResult({ ...result, load: { before, after: loadavg()[0] ?? 0 } });
    for (const c of result.comparisons) {
      process.stdout.write(
        `  ${c.metric}: vobridge ${c.vobridge.value.median.toPrecision(4)} ${c.unit}${c.peer ? `, peer ${c.peer.value.median.toPrecision(4)}, ratio ${c.ratio?.toFixed(2)}` : ''}\n`,
      );
    }
  } catch (error) {
    failed = true;
    process.stderr.write(`bench ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}
await writeMarkdown(values.note ?? '');
process.exitCode = failed ? 1 : 0;
