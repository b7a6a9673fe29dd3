import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CliError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { BrokerClient } from './client.js';
import { locateBroker, type LocatedBroker } from './locate.js';

/** How long `broker start` waits for the child to claim the runtime file. */
const START_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

/** Options of {@link startBrokerProcess}. */
export interface StartOptions {
  /** Keep a WLCG bearer token file in step with the newest login. */
  tokenFile?: boolean;
}

/** The running broker (alive and answering), or `undefined`. */
export async function runningBroker(env: NodeJS.ProcessEnv = process.env): Promise<LocatedBroker | undefined> {
  const located = await locateBroker(env);
  if (!located) return undefined;
  return (await new BrokerClient(located).healthy()) ? located : undefined;
}

/**
 * Starts `vobridge broker run` as a detached background process that
 * outlives this command, and resolves once it answers. Its output goes
 * nowhere: the broker never logs credentials, but a terminal user should not
 * see request lines either.
 */
export async function startBrokerProcess(
  options: StartOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocatedBroker> {
  const bin = fileURLToPath(new URL('../bin/vobridge.js', import.meta.url));
  const args = [bin, 'broker', 'run', ...(options.tokenFile ? ['--token-file'] : [])];
  const child = spawn(process.execPath, args, { detached: true, stdio: 'ignore', env });
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  child.unref();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== undefined) break;
    const located = await runningBroker(env);
    if (located && located.pid === child.pid) return located;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  if (exited === undefined && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
  throw new CliError(
    'the broker did not start',
    ExitCode.UNAVAILABLE,
    'Run it in the foreground to see why: vobridge broker run',
  );
}

/** Asks the broker of the runtime file to stop (SIGTERM) and waits until it is gone. */
export async function stopBrokerProcess(located: LocatedBroker): Promise<void> {
  if (located.pid === undefined) {
    throw new CliError(
      'this broker was not started by vobridge broker start',
      ExitCode.USAGE,
      'Stop it where it was started (its URL comes from VOBRIDGE_BROKER_URL).',
    );
  }
  process.kill(located.pid, 'SIGTERM');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!alive(located.pid)) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new CliError(`the broker (pid ${located.pid}) did not stop`, ExitCode.FAILED);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
