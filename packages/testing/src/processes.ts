// Child processes that announce the URL they listen on, and a check of what
// every process on the machine shows in its command line.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A child process that printed the URL it listens on. */
export interface Running {
  url: string;
  process: ChildProcess;
  /** Everything it wrote, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Start `command` and wait until a line of its output matches `ready` (group 1 is the URL). */
export function startProcess(
  command: string,
  args: string[],
  ready: RegExp,
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<Running> {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    // The whole process group: JupyterLab's kernels and the broker go with it.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${command} did not start in time:\n${output.slice(-4000)}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        child.stdout.on('data', (c: Buffer) => (output += c.toString()));
        child.stderr.on('data', (c: Buffer) => (output += c.toString()));
        resolvePromise({ url: match[1], process: child, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/**
 * Every running process whose command line contains one of `secrets`, as
 * `pid: command line`. Command lines are world-readable (`ps`, /proc/<pid>/cmdline),
 * so a secret must only ever travel by environment, file or pipe.
 */
export function processesShowing(secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // gone meanwhile
    }
    if (secrets.some((secret) => secret.length > 0 && cmdline.includes(secret)))
      found.push(`${pid}: ${cmdline.slice(0, 200)}`);
  }
  return found;
}
