import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, copyFile, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../store/index.js';
import type { StandIn } from './images.js';
import type { RunAs } from './sandbox.js';

/**
 * The stand-in programs, compiled to `dist/sessions/apps/`. Resolved from
 * the package root, so the same path works from `src/` (tests) and `dist/`.
 */
export const APPS_DIR = fileURLToPath(new URL('../../dist/sessions/apps/', import.meta.url));
const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const LOG_LIMIT = 1024 * 1024;

/** What a session process must be able to read: Node.js, the stand-in programs and the modules they import. */
export function standInFiles(): string[] {
  const ws = createRequire(join(APPS_DIR, 'firefly.js')).resolve('ws');
  return [
    process.execPath,
    ...['firefly', 'webapp', 'headless', 'environment', 'html'].map((name) => join(APPS_DIR, `${name}.js`)),
    ws,
    join(dirname(ws), 'package.json'),
  ];
}

/** How to start a session process. */
export interface LaunchSpec {
  id: string;
  standIn: StandIn;
  /** Environment the user asked for (already validated). */
  userEnv: Record<string, string>;
  /** Environment the platform sets (wins over the user's). */
  platformEnv: Record<string, string>;
  /** Whether the process serves HTTP (and so gets a port and a readiness check). */
  serves: boolean;
  /** The owner's OS identity when sessions are isolated (see `sandbox.ts`); the platform's own otherwise. */
  runAs?: RunAs;
  /** A CA certificate to trust, copied into the session's directory (the platform's own stays out of reach). */
  caCertPath?: string;
}

/** A started process. */
export interface Launched {
  pid: number;
  port: number | undefined;
  /** Resolves with the exit code (or `null` when killed by a signal). */
  exited: Promise<number | null>;
}

/** Resource use of a running process, as skaha strings. */
export interface Usage {
  ramInUse: string;
  cpuCoresInUse: string;
}

/**
 * Starts, watches and stops the local processes that stand in for session
 * containers. Each gets its own directory (`<root>/<id>/`, mode 0700) with its
 * log, a free loopback port, and an environment built from scratch (never the
 * platform's own, which may hold secrets).
 */
export class SessionRuntime {
  readonly #root: string;
  readonly #children = new Map<string, ChildProcess>();

  constructor(root: string) {
    this.#root = root;
  }

  /** Directory of a session (log, token file, uploads). */
  dir(id: string): string {
    return join(this.#root, id);
  }

  /** Path of a session's token file (0600, rewritten atomically when refreshed). */
  tokenFile(id: string): string {
    return join(this.dir(id), 'token');
  }

  /** Writes a session's delegated token, owned by the session's OS user when it has its own. */
  async writeToken(id: string, token: string, runAs?: RunAs): Promise<void> {
    await writeFileAtomic(this.tokenFile(id), `${token}\n`, {
      mode: 0o600,
      dirMode: 0o700,
      ...(runAs === undefined ? {} : { owner: runAs }),
    });
  }

  /** Starts the process of a session. */
  async launch(spec: LaunchSpec): Promise<Launched> {
    const dir = this.dir(spec.id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    if (spec.runAs !== undefined) await chown(dir, spec.runAs.uid, spec.runAs.gid);
    const port = spec.serves ? await freePort() : undefined;
    const log = await open(join(dir, 'session.log'), 'a', 0o600);
    let caCert: string | undefined;
    if (spec.caCertPath !== undefined) {
      caCert = join(dir, 'ca.pem');
      await copyFile(spec.caCertPath, caCert);
    }
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      HOME: dir,
      TMPDIR: dir,
      ...spec.userEnv,
      ...spec.platformEnv,
      ...(caCert === undefined ? {} : { NODE_EXTRA_CA_CERTS: caCert }),
      SESSION_ID: spec.id,
      SESSION_DIR: dir,
      ...(port === undefined ? {} : { PORT: String(port) }),
    };
    let child: ChildProcess;
    let started: Promise<number>;
    let exited: Promise<number | null>;
    try {
      child = spawn(process.execPath, [join(APPS_DIR, `${spec.standIn}.js`), `--session=${spec.id}`], {
        cwd: dir,
        env,
        stdio: ['ignore', log.fd, log.fd],
        ...(spec.runAs === undefined ? {} : { uid: spec.runAs.uid, gid: spec.runAs.gid }),
      });
      // Listen before any await: 'spawn' fires on the next tick.
      started = new Promise<number>((resolve, reject) => {
        child.once('spawn', () => resolve(child.pid as number));
        child.once('error', reject);
      });
      exited = new Promise<number | null>((resolve) => {
        child.once('exit', (code) => {
          this.#children.delete(spec.id);
          resolve(code);
        });
      });
    } finally {
      await log.close();
    }
    const pid = await started;
    if (child.exitCode === null && child.signalCode === null) this.#children.set(spec.id, child);
    return { pid, port, exited };
  }

  /** Resolves `true` once the session's port accepts connections, `false` if it exits or times out first. */
  async waitReady(port: number, exited: Promise<unknown>): Promise<boolean> {
    let gone = false;
    void exited.then(() => (gone = true));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (let delay = 25; Date.now() < deadline && !gone; delay = Math.min(delay * 2, 500)) {
      if (await canConnect(port)) return true;
      await sleep(delay);
    }
    return false;
  }

  /** Stops a session's process: SIGTERM, then SIGKILL after a grace period. */
  async stop(id: string, pid: number | undefined): Promise<void> {
    const child = this.#children.get(id);
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      return;
    }
    // A process from an earlier run of the platform: only signal it if it really is this session's.
    if (pid !== undefined && (await isSessionProcess(pid, id))) {
      signal(pid, 'SIGTERM');
      for (let waited = 0; waited < STOP_GRACE_MS && (await isSessionProcess(pid, id)); waited += 100) await sleep(100);
      if (await isSessionProcess(pid, id)) signal(pid, 'SIGKILL');
    }
  }

  /** Stops every process started by this runtime (platform shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.#children.keys()].map((id) => this.stop(id, undefined)));
  }

  /** Removes a session's directory. */
  async remove(id: string): Promise<void> {
    await rm(this.dir(id), { recursive: true, force: true });
  }

  /** The last part of a session's log (at most 1 MiB). */
  async logs(id: string): Promise<string> {
    const path = join(this.dir(id), 'session.log');
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      return '';
    }
    const handle = await open(path, 'r');
    try {
      const length = Math.min(size, LOG_LIMIT);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  }

  /** Memory and CPU use of a process, from /proc (`<none>` where unavailable). */
  async usage(pid: number | undefined, startedAt: Date): Promise<Usage> {
    if (pid === undefined) return { ramInUse: '<none>', cpuCoresInUse: '<none>' };
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
      const ticks = Number(fields[11]) + Number(fields[12]);
      const seconds = Math.max(1, (Date.now() - startedAt.getTime()) / 1000);
      return {
        ramInUse: Number.isFinite(rssKb) ? `${Math.ceil(rssKb / 1024)}Mi` : '<none>',
        cpuCoresInUse: Number.isFinite(ticks) ? (ticks / 100 / seconds).toFixed(3) : '<none>',
      };
    } catch {
      return { ramInUse: '<none>', cpuCoresInUse: '<none>' };
    }
  }
}

/** Whether `pid` is a stand-in process of session `id` (checked through its command line). */
async function isSessionProcess(pid: number, id: string): Promise<boolean> {
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline.includes(`--session=${id}`) && cmdline.some((arg) => arg.startsWith(APPS_DIR));
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
