// SDK size for a browser consumer: esbuild bundles (minified, then gzipped)
// of an app importing only the sessions client, against one importing the
// whole SDK. A small ratio means tree-shaking works.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { compare, type BenchResult } from '../lib/result.js';
import { summarize } from '../lib/stats.js';
import type { BenchContext } from './context.js';

const BENCH = fileURLToPath(new URL('../../', import.meta.url));

async function bundledSize(contents: string): Promise<{ min: number; gz: number }> {
  const out = await build({
    stdin: { contents, resolveDir: BENCH, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.byteLength, gz: gzipSync(code, { level: 9 }).byteLength };
}

/** Runs the bundle size benchmark. */
export async function bundle(_ctx: BenchContext): Promise<BenchResult> {
  const sessions = await bundledSize("import { SessionsClient } from '@vobridge/sdk'; export { SessionsClient };");
  const whole = await bundledSize("import * as sdk from '@vobridge/sdk'; export { sdk };");
  const kib = (n: number) => summarize([n / 1024]);
  return {
    name: 'bundle',
    title: 'SDK bundle size (esbuild, minified)',
    comparisons: [
      compare(
        'sessions-only consumer, minified + gzip',
        'KiB',
        'lower',
        { what: "import { SessionsClient } from '@vobridge/sdk'", value: kib(sessions.gz) },
        { what: 'the whole SDK (import *)', value: kib(whole.gz) },
      ),
      compare(
        'sessions-only consumer, minified',
        'KiB',
        'lower',
        { what: "import { SessionsClient } from '@vobridge/sdk'", value: kib(sessions.min) },
        { what: 'the whole SDK (import *)', value: kib(whole.min) },
      ),
    ],
    notes: [
      'esbuild 0.28 for the browser, ESM, minified; gzip level 9. Deterministic, so one measurement.',
      "esbuild's install script was not run (npm here does not run install scripts); its platform binary comes from the optional @esbuild/linux-x64 package and works without it.",
    ],
  };
}
