// JupyterHub 6 with vobridge_jupyterhub in front of the reference platform, its
// servers spawned as local processes with vobridge from this checkout: the
// harness in ../jupyterhub/hub.py (which packages/jupyterhub's pytest suite
// imports), run as a process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installVobridge } from './jupyterlab.js';
import { PYTHON_BIN, ROOT } from './paths.js';
import { startProcess } from './processes.js';

/** A running test hub and what the tests need to reach into it. */
export interface Hub {
  /** The hub's public URL (through configurable-http-proxy). */
  url: string;
  platformUrl: string;
  /** Token of the tests' admin service (admin:users, admin:servers, admin:auth_state, tokens). */
  adminToken: string;
  /** The platform's secret of the hub's OAuth client (to revoke a user's refresh token in tests). */
  clientSecret: string;
  /** The hub's log file. */
  log: string;
  /** Where the hub keeps its state; users' homes are `<state>/home/<name>`. */
  state: string;
  /** The hub process's pid file. */
  pidFile: string;
  /** API tokens (with the vobridge scope) of the `loggedInUsers` extra users, by user name. */
  apiTokens: Record<string, string>;
  /** Everything the harness printed, for failure messages. */
  output: () => string;
  /** Restart the hub process alone (servers and the proxy keep running); resolves once it answers again. */
  restart: () => Promise<void>;
  /** Stop every server, the hub, the proxy and the platform, and remove their files. */
  stop: () => Promise<void>;
}

/** Start the test hub: the platform with `tokenTtl`-second access tokens, the hub logging in through it. */
export async function startJupyterHub(options: {
  tokenTtl: number;
  /** More users (user001, ...) logged in at the hub before it is handed over, for load tests. */
  loggedInUsers?: number;
}): Promise<Hub> {
  const dir = mkdtempSync(join(tmpdir(), 'vobridge-hub-'));
  const singleUserEnv = installVobridge(join(dir, 'jupyter'), {});
  const running = await startProcess(
    join(PYTHON_BIN, 'python'),
    [
      join(ROOT, 'packages/testing/jupyterhub/hub.py'),
      '--base',
      join(dir, 'run'),
      '--token-ttl',
      String(options.tokenTtl),
      '--singleuser-env',
      JSON.stringify(singleUserEnv),
      '--logged-in-users',
      String(options.loggedInUsers ?? 0),
    ],
    /vobridge-test-hub ready (\{.*\})/,
    {
      env: { ...process.env, PATH: `${PYTHON_BIN}:${process.env.PATH ?? ''}` },
      timeoutMs: 120_000 + 2_000 * (options.loggedInUsers ?? 0),
    },
  ).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const ready = JSON.parse(running.url) as Record<string, string>;
  const child = running.process;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      // The harness alone: it stops the servers through the hub before the hub, proxy and platform.
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const restart = async (): Promise<void> => {
    const restarts = () => running.output().split('vobridge-test-hub restarted').length;
    const before = restarts();
    child.kill('SIGUSR1');
    const deadline = Date.now() + 120_000;
    while (restarts() === before) {
      if (Date.now() > deadline) throw new Error(`the hub did not restart:\n${running.output().slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  return {
    url: ready.url!,
    platformUrl: ready.platform_url!,
    adminToken: ready.admin_token!,
    clientSecret: ready.client_secret!,
    log: ready.log!,
    state: ready.state!,
    pidFile: ready.pid_file!,
    apiTokens: JSON.parse(readFileSync(ready.api_tokens!, 'utf8')) as Record<string, string>,
    output: running.output,
    restart,
    stop,
  };
}
