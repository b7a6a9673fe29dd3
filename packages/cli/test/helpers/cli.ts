import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed command (it loads the build): tests drive exactly what users run. */
export const BIN = fileURLToPath(new URL('../../bin/vobridge.cjs', import.meta.url));

/** What a finished CLI run produced. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A private home for one test file: its own runtime dir, state dir and broker. */
export interface Sandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs `vobridge ...args` to completion. */
  run(args: readonly string[], options?: { input?: string; env?: NodeJS.ProcessEnv }): Promise<CliResult>;
  /** Starts `vobridge ...args` and returns the process (for device logins and interrupted downloads). */
  spawn(args: readonly string[], options?: { env?: NodeJS.ProcessEnv }): ChildProcess;
  /** Stops the sandbox's broker if one runs, and removes the directory. */
  cleanup(): Promise<void>;
}

/** Creates a sandbox whose environment points every vobridge path into a fresh temp dir. */
export async function createSandbox(): Promise<Sandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'vobridge-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    JUPYTER_RUNTIME_DIR: join(dir, 'runtime'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_RUNTIME_DIR: join(dir, 'xdg-runtime'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
  };
  const spawnCli = (args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): ChildProcess =>
    spawn(process.execPath, [BIN, ...args], { env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  return {
    dir,
    env,
    spawn: spawnCli,
    run: (args, options = {}) => {
      const child = spawnCli(args, options);
      child.stdin?.end(options.input ?? '');
      return collect(child);
    },
    cleanup: async () => {
      await stopBroker(join(dir, 'runtime', 'vobridge-broker.json'));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for a child to exit and returns its output. */
export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Resolves with the first match of `pattern` in the child's standard error. */
export function waitForStderr(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) {
        child.stderr?.off('data', onData);
        resolve(match);
      }
    };
    child.stderr?.on('data', onData);
    child.once('close', () => reject(new Error(`exited before printing ${pattern}; stderr: ${seen}`)));
  });
}

/** Stops the broker a runtime file names (the sandbox's own, started by `vobridge broker start`). */
async function stopBroker(runtimeFile: string): Promise<void> {
  let pid: number | undefined;
  try {
    pid = (JSON.parse(await readFile(runtimeFile, 'utf8')) as { pid?: number }).pid;
  } catch {
    return;
  }
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.kill(pid, 'SIGKILL');
}
