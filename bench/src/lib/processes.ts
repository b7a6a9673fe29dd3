// Servers for the benchmarks in child processes, so that load generator and
// server do not share an event loop and each one's memory can be read.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A server in a child process. */
export interface Child {
  url: string;
  process: ChildProcess;
  /** Resident set size in bytes (from /proc). */
  rss(): Promise<number>;
  /** CPU time used so far (user + system), in seconds (from /proc). */
  cpu(): Promise<number>;
  stop(): Promise<void>;
}

/** A temporary directory and its removal. */
export async function tempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `vobridge-bench-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Resident set size of a process, in bytes. */
export async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
}

/** CPU time a process used so far (user + system), in seconds. */
export async function cpuOf(pid: number): Promise<number> {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** `getconf CLK_TCK` on Linux. */
const CLOCK_TICKS = 100;

async function start(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = ready.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited (${code}) before it was ready: ${err}`)));
  });
  child.stdout?.resume();
  return {
    url,
    process: child,
    rss: () => rssOf(child.pid as number),
    cpu: () => cpuOf(child.pid as number),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The reference platform's bin; `options` adds to its command line (`--token-ttl`, `--client`). */
export function startPlatform(dataDir: string, options: readonly string[] = []): Promise<Child> {
  return start(
    [
      join(ROOT, 'packages/platform/dist/bin/vobridge-platform.js'),
      '--port',
      '0',
      '--data',
      dataDir,
      '--log-level',
      'error',
      ...options,
    ],
    /listening on (http:\/\/\S+)/,
  );
}

/** A broker with a known secret and no rate limit to speak of (a benchmark is not abuse). */
export async function startBroker(): Promise<Child & { secret: string }> {
  const secret = randomBytes(32).toString('base64url');
  const child = await start(
    [fileURLToPath(new URL('./broker-child.js', import.meta.url))],
    /listening on (http:\/\/\S+)/,
    { BENCH_BROKER_SECRET: secret },
  );
  return { ...child, secret };
}

/** The peer of the broker: a bare node:http server answering a fixed token document. */
export function startBareServer(body: string): Promise<Child> {
  return start([fileURLToPath(new URL('./bare-server.js', import.meta.url))], /listening on (http:\/\/\S+)/, {
    BENCH_BARE_BODY: body,
  });
}

/** A plain node:http server streaming `file` at any path: the floor a data endpoint is measured against. */
export function startFileServer(file: string): Promise<Child> {
  return start([fileURLToPath(new URL('./file-server.js', import.meta.url))], /listening on (http:\/\/\S+)/, {
    BENCH_FILE: file,
  });
}
