// Token fetch from a kernel: the broker's /v1/token against a bare loopback
// HTTP server (autocannon), and the Python bridge's vobridge.token() against
// reading a token file and a plain GET (measured in Python, as kernels run).
import autocannon from 'autocannon';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compare, type BenchResult } from '../lib/result.js';
import { brokerLogin, CLI, json, PYTHON, run, sequentialLatencies } from '../lib/http.js';
import { startBareServer, startBroker, startPlatform, tempDir } from '../lib/processes.js';
import { percentile, summarize } from '../lib/stats.js';
import type { BenchContext } from './context.js';

interface Load {
  rps: number;
  p50: number;
  p99: number;
}

/** Median wall time in ms of `n` runs of a command, each a new process (how a shell script gets a token). */
async function perProcess(cmd: string, args: string[], env: Record<string, string>, n: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await run(cmd, args, env);
    times.push(performance.now() - start);
  }
  return percentile(times, 50);
}

/**
 * The floor of any Node command that asks the broker the way the CLI must
 * (openapi/broker.yaml, "Security"): CommonJS, node:net, node:crypto for a
 * fresh nonce and the HMAC proof, one request, the answer's proof checked, the
 * token printed. Nothing else: no argument parsing, no broker lookup.
 */
const PROVEN_REQUEST = `
const { connect } = require('node:net');
const { createHmac, randomBytes } = require('node:crypto');
const { VOBRIDGE_BROKER_URL: base, VOBRIDGE_BROKER_SECRET: secret, BENCH_TARGET: target } = process.env;
const nonce = randomBytes(32).toString('base64url');
const mac = (text) => createHmac('sha256', secret).update(text).digest('base64url');
const { hostname, port, host } = new URL(base);
const socket = connect({ host: hostname, port: Number(port) }, () =>
  socket.write('GET ' + target + ' HTTP/1.1\\r\\nhost: ' + host + '\\r\\nconnection: close\\r\\nauthorization: VobridgeProof ' +
    mac('vobridge-request\\n' + nonce + '\\nGET\\n' + target) + '\\r\\nx-vobridge-nonce: ' + nonce + '\\r\\n\\r\\n'));
const chunks = [];
socket.on('data', (c) => chunks.push(c));
socket.on('end', () => {
  const raw = Buffer.concat(chunks).toString('latin1');
  if (!raw.includes('x-vobridge-proof: ' + mac('vobridge-response\\n' + nonce))) process.exit(2);
  process.stdout.write(JSON.parse(raw.slice(raw.indexOf('\\r\\n\\r\\n') + 4)).token + '\\n');
});`;

/** p50 and p99 of sequential requests, in ms. */
async function latency(url: string, headers: Record<string, string>): Promise<{ p50: number; p99: number }> {
  const samples = await sequentialLatencies(url, headers, 2000);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function cannon(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  const r = await autocannon({ url, headers, connections: 10, duration: seconds });
  if (r.errors > 0 || r.non2xx > 0)
    throw new Error(`load on ${new URL(url).pathname}: ${r.errors} errors, ${r.non2xx} non-2xx`);
  return { rps: r.requests.average, ...(await latency(url, headers)) };
}

/** Runs the token fetch benchmark. */
export async function tokenFetch(ctx: BenchContext): Promise<BenchResult> {
  const dir = await tempDir('token');
  const platform = await startPlatform(join(dir.path, 'platform'));
  const broker = await startBroker();
  const service = `${platform.url}/vospace/nodes/alice`;
  try {
    await brokerLogin(broker, platform.url);
    const doc = await json<Record<string, unknown>>(`${broker.url}/v1/token?url=${encodeURIComponent(service)}`, {
      bearer: broker.secret,
    });
    const bare = await startBareServer(JSON.stringify(doc));
    const tokenFile = join(dir.path, 'bt_u1000');
    await writeFile(tokenFile, `${String(doc.token)}\n`, { mode: 0o600 });

    const brokerRuns: Load[] = [];
    const bareRuns: Load[] = [];
    const rss: number[] = [];
    const bareRss: number[] = [];
    const brokerUrl = `${broker.url}/v1/token?url=${encodeURIComponent(service)}&min_valid=60`;
    await cannon(brokerUrl, { authorization: `Bearer ${broker.secret}` }, 1);
    for (let i = 0; i < ctx.reps; i++) {
      brokerRuns.push(await cannon(brokerUrl, { authorization: `Bearer ${broker.secret}` }, ctx.seconds));
      rss.push(await broker.rss());
      bareRuns.push(await cannon(bare.url, {}, ctx.seconds));
      bareRss.push(await bare.rss());
    }
    const brokerEnv = { VOBRIDGE_BROKER_URL: broker.url, VOBRIDGE_BROKER_SECRET: broker.secret };
    // The broker found through its runtime file, as a shell without the environment variables finds it.
    const runtimeDir = join(dir.path, 'runtime');
    await mkdir(runtimeDir, { recursive: true });
    await writeFile(
      join(runtimeDir, 'vobridge-broker.json'),
      JSON.stringify({ url: broker.url, secret: broker.secret, pid: broker.process.pid }),
      { mode: 0o600 },
    );
    const fileEnv = { JUPYTER_RUNTIME_DIR: runtimeDir };
    const shell = {
      node: () => perProcess(process.execPath, ['-e', '0'], {}, 10),
      proven: () =>
        perProcess(
          process.execPath,
          ['-e', PROVEN_REQUEST],
          { ...brokerEnv, BENCH_TARGET: new URL(brokerUrl).pathname + new URL(brokerUrl).search },
          10,
        ),
      tokenEnv: () => perProcess(process.execPath, [CLI, 'token', service], brokerEnv, 10),
      tokenFile: () => perProcess(process.execPath, [CLI, 'token', service], fileEnv, 10),
      status: () => perProcess(process.execPath, [CLI, 'status'], fileEnv, 10),
      whoami: () => perProcess(process.execPath, [CLI, 'whoami'], fileEnv, 10),
      curl: () => perProcess('curl', ['-sS', '-f', '-H', `authorization: Bearer ${broker.secret}`, brokerUrl], {}, 10),
    };
    type Shell = keyof typeof shell;
    const shellRuns = Object.fromEntries(Object.keys(shell).map((k) => [k, [] as number[]])) as Record<Shell, number[]>;
    // Interleaved, so that a change in the machine's load touches every variant.
    for (let i = 0; i < ctx.reps; i++)
      for (const [k, measure] of Object.entries(shell) as [Shell, () => Promise<number>][])
        shellRuns[k].push(await measure());

    const py = JSON.parse(
      await run(PYTHON, [new URL('../../py/token_fetch.py', import.meta.url).pathname], {
        VOBRIDGE_BROKER_URL: broker.url,
        VOBRIDGE_BROKER_SECRET: broker.secret,
        BENCH_URL: service,
        BENCH_TOKEN_FILE: tokenFile,
        BENCH_BARE_URL: bare.url.replace(/\/?$/, '/'),
        BENCH_REPS: String(ctx.reps),
      }),
    ) as Record<'cached' | 'uncached' | 'file' | 'bare', number[]>;
    await bare.stop();

    const broker_ = 'broker GET /v1/token';
    const bare_ = 'bare node:http server, fixed body';
    return {
      name: 'token-fetch',
      title: 'Token fetch from a kernel',
      comparisons: [
        compare(
          'HTTP token fetch, requests/s (10 connections)',
          'req/s',
          'higher',
          { what: broker_, value: summarize(brokerRuns.map((r) => r.rps)) },
          { what: bare_, value: summarize(bareRuns.map((r) => r.rps)) },
        ),
        compare(
          'HTTP token fetch, p50 latency (one connection, sequential)',
          'ms',
          'lower',
          { what: broker_, value: summarize(brokerRuns.map((r) => r.p50)) },
          { what: bare_, value: summarize(bareRuns.map((r) => r.p50)) },
        ),
        compare(
          'HTTP token fetch, p99 latency (one connection, sequential)',
          'ms',
          'lower',
          { what: broker_, value: summarize(brokerRuns.map((r) => r.p99)) },
          { what: bare_, value: summarize(bareRuns.map((r) => r.p99)) },
        ),
        compare(
          'server RSS after each load run',
          'MiB',
          'lower',
          { what: 'broker process', value: summarize(rss.map((b) => b / 2 ** 20)) },
          { what: 'bare server process', value: summarize(bareRss.map((b) => b / 2 ** 20)) },
        ),
        compare(
          'a token from a shell, one process per call',
          'ms',
          'lower',
          { what: 'vobridge token <url> (CLI → broker)', value: summarize(shellRuns.tokenEnv) },
          { what: 'curl of the broker /v1/token', value: summarize(shellRuns.curl) },
          'Mostly Node start-up against curl start-up.',
        ),
        compare(
          'vobridge token against Node start-up, broker from the environment',
          'ms',
          'lower',
          { what: 'vobridge token <url>, VOBRIDGE_BROKER_URL/SECRET set', value: summarize(shellRuns.tokenEnv) },
          {
            what: '`node -e 0` (Node.js start-up alone, the floor of any Node command)',
            value: summarize(shellRuns.node),
          },
        ),
        compare(
          'vobridge token against Node start-up, broker from its runtime file',
          'ms',
          'lower',
          {
            what: 'vobridge token <url>, broker found through $JUPYTER_RUNTIME_DIR',
            value: summarize(shellRuns.tokenFile),
          },
          {
            what: '`node -e 0` (Node.js start-up alone, the floor of any Node command)',
            value: summarize(shellRuns.node),
          },
        ),
        compare(
          'the floor of a Node command asking the broker, against Node start-up',
          'ms',
          'lower',
          {
            what: 'a minimal CommonJS script: node:net, node:crypto (nonce, HMAC proof), one request',
            value: summarize(shellRuns.proven),
          },
          {
            what: '`node -e 0` (Node.js start-up alone, the floor of any Node command)',
            value: summarize(shellRuns.node),
          },
          'What the broker protocol costs any Node client: the goal of 1.3x lies below it here.',
        ),
        compare(
          'vobridge token against that floor, broker from the environment',
          'ms',
          'lower',
          { what: 'vobridge token <url>, VOBRIDGE_BROKER_URL/SECRET set', value: summarize(shellRuns.tokenEnv) },
          {
            what: 'the minimal script above',
            value: summarize(shellRuns.proven),
          },
        ),
        compare(
          'vobridge status against Node start-up',
          'ms',
          'lower',
          { what: 'vobridge status (one login)', value: summarize(shellRuns.status) },
          {
            what: '`node -e 0` (Node.js start-up alone, the floor of any Node command)',
            value: summarize(shellRuns.node),
          },
        ),
        compare(
          'vobridge whoami against Node start-up',
          'ms',
          'lower',
          { what: 'vobridge whoami (one login)', value: summarize(shellRuns.whoami) },
          {
            what: '`node -e 0` (Node.js start-up alone, the floor of any Node command)',
            value: summarize(shellRuns.node),
          },
        ),
        compare(
          'Python: token per call, cached in the kernel',
          'calls/s',
          'higher',
          { what: 'vobridge.token(url) (cache hit)', value: summarize(py.cached) },
          { what: 'open() + read() of a token file', value: summarize(py.file) },
        ),
        compare(
          'Python: token per call, no cache',
          'calls/s',
          'higher',
          { what: 'BrokerClient().token(url) (one broker round trip)', value: summarize(py.uncached) },
          { what: 'requests GET of a bare server', value: summarize(py.bare) },
        ),
      ],
      notes: [
        `${ctx.reps} repetitions of ${ctx.seconds} s of autocannon load per server; the Python figures are ${ctx.reps} repetitions of a few thousand calls.`,
        `Shell rows: ${ctx.reps} repetitions of the median of 10 runs of each command, the commands interleaved; the CLI is the installed command (packages/cli/bin/vobridge.cjs), with Node's compile cache in ~/.cache/vobridge warm on Node 22 and later.`,
      ],
    };
  } finally {
    await broker.stop();
    await platform.stop();
    await dir.remove();
  }
}
