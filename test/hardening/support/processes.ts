// Platform and broker as child processes: the fault tests kill them with
// SIGKILL mid-operation, and the load tests read their memory from /proc, so
// they cannot live inside the Jest worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PLATFORM_BIN = join(ROOT, 'packages/platform/dist/bin/vobridge-platform.js');
const BROKER_CHILD = fileURLToPath(new URL('./broker-child.mjs', import.meta.url));

/** A server running in a child process. */
export interface ChildServer {
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** The last few kilobytes the child wrote to standard error, for failure messages. */
  stderr(): string;
  /** Resident set size of the child in bytes, read from /proc. */
  rss(): Promise<number>;
  /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/** A temporary directory. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `vobridge-hardening-${prefix}-`));
}

/** Removes a directory made by {@link tempDir}. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `args` with node and resolves once it prints a line matching `ready`. */
async function startChild(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer): void => {
      out += c.toString('utf8');
      const m = ready.exec(out);
      if (m?.[1]) {
        child.stdout?.off('data', onData);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code, signal) =>
      reject(new Error(`${args[0]} exited (${code ?? signal}) before it was ready: ${stderr}`)),
    );
  });
  // Keep draining stdout so the child never blocks on a full pipe.
  child.stdout?.resume();
  const server: ChildServer = {
    url,
    port: Number(new URL(url).port),
    process: child,
    stderr: () => stderr,
    rss: async () => {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      if (!kb) throw new Error('no VmRSS in /proc status');
      return Number(kb) * 1024;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
  return server;
}

/** Options of {@link startPlatformProcess}. */
export interface PlatformProcessOptions {
  dataDir: string;
  /** Reuse a port, to restart a killed platform where its clients expect it. */
  port?: number;
  tokenTtlSeconds?: number;
  /** Base URL clients use (`--public-url`), for a platform behind a proxy. */
  publicUrl?: string;
}

/** The reference platform's own bin, started as users start it. */
export function startPlatformProcess(options: PlatformProcessOptions): Promise<ChildServer> {
  return startChild(
    [
      PLATFORM_BIN,
      '--port',
      String(options.port ?? 0),
      '--data',
      options.dataDir,
      '--log-level',
      'error',
      ...(options.tokenTtlSeconds ? ['--token-ttl', String(options.tokenTtlSeconds)] : []),
      ...(options.publicUrl ? ['--public-url', options.publicUrl] : []),
    ],
    /vobridge-platform listening on (http:\/\/\S+)/,
  );
}

/** A broker in a child process, with its secret. */
export interface BrokerProcess extends ChildServer {
  readonly secret: string;
}

/** Options of {@link startBrokerProcess}. */
export interface BrokerProcessOptions {
  /** Requests per second per client; default: the broker's own limit. */
  rate?: number;
  port?: number;
  /** Directory for encrypted persisted logins. */
  persist?: string;
  secret?: string;
}

/** A broker in its own process (see broker-child.mjs). */
export async function startBrokerProcess(options: BrokerProcessOptions = {}): Promise<BrokerProcess> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const server = await startChild([BROKER_CHILD], /broker listening on (http:\/\/\S+)/, {
    HARDENING_BROKER_SECRET: secret,
    HARDENING_BROKER_RATE: String(options.rate ?? 0),
    HARDENING_BROKER_PORT: String(options.port ?? 0),
    ...(options.persist ? { HARDENING_BROKER_PERSIST: options.persist } : {}),
  });
  return { ...server, secret };
}
