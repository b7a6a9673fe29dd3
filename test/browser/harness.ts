// Real processes for the browser tests: the reference platform, JupyterLab
// with the vobridge extension from this repository (server extension from
// the source tree, prebuilt labextension by symlink), and Debian's chromium
// driven by playwright-core. Everything binds to 127.0.0.1 on ephemeral ports.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PYTHON_BIN = join(ROOT, '.venv/bin');
const LABEXTENSION = join(ROOT, 'packages/jupyterlab/vobridge_jupyterlab/labextension');

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

/** The reference platform on an ephemeral port with its own data directory. */
export function startPlatform(dataDir: string, extraArgs: string[] = []): Promise<Running> {
  return startProcess(
    process.execPath,
    [join(ROOT, 'packages/platform/dist/bin/vobridge-platform.js'), '--port', '0', '--data', dataDir, ...extraArgs],
    /vobridge-platform listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
}

/** A JupyterLab and what the tests need to reach into it. */
export interface Lab extends Running {
  token: string;
  dir: string;
  runtimeDir: string;
  notebookDir: string;
}

/**
 * JupyterLab 4 from the project's venv with vobridge from this checkout, in
 * a temporary Jupyter home (config, data, runtime, settings), token auth,
 * and no news or update checks.
 */
export async function startJupyterLab(options: { platforms: string[] }): Promise<Lab> {
  const dir = mkdtempSync(join(tmpdir(), 'vobridge-lab-'));
  const path = (...parts: string[]) => join(dir, ...parts);
  for (const sub of ['config', 'data', 'runtime', 'notebooks', 'workspaces', 'share/labextensions/@vobridge']) {
    mkdirSync(path(sub), { recursive: true });
  }
  symlinkSync(LABEXTENSION, path('share/labextensions/@vobridge/jupyterlab'));
  writeFileSync(
    path('config/jupyter_server_config.json'),
    JSON.stringify({ ServerApp: { jpserver_extensions: { vobridge_jupyterlab: true } } }),
  );
  const settings = (plugin: string, value: object) => {
    const file = path('settings', `${plugin}.jupyterlab-settings`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(value));
  };
  settings('@jupyterlab/apputils-extension/notification', { fetchNews: 'false', checkForUpdates: false });
  settings('@vobridge/jupyterlab/plugin', { platforms: options.platforms });
  writeFileSync(
    path('notebooks/demo.ipynb'),
    JSON.stringify({
      cells: [],
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  const token = randomBytes(24).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${PYTHON_BIN}:${process.env.PATH ?? ''}`,
    PYTHONPATH: join(ROOT, 'packages/jupyterlab'),
    JUPYTER_CONFIG_DIR: path('config'),
    JUPYTER_DATA_DIR: path('data'),
    JUPYTER_RUNTIME_DIR: path('runtime'),
    JUPYTER_PATH: path('share'),
    JUPYTERLAB_SETTINGS_DIR: path('settings'),
    JUPYTERLAB_WORKSPACES_DIR: path('workspaces'),
    // Never on the command line: `ps` shows arguments to every local user.
    JUPYTER_TOKEN: token,
  };
  const running = await startProcess(
    join(PYTHON_BIN, 'jupyter'),
    [
      'lab',
      '--no-browser',
      // CI and the dev machines run as root; Jupyter refuses that unless told.
      '--allow-root',
      '--ServerApp.ip=127.0.0.1',
      '--ServerApp.port=0',
      `--ServerApp.root_dir=${path('notebooks')}`,
      '--LabApp.news_url=',
    ],
    /(http:\/\/127\.0\.0\.1:\d+\/)lab/,
    { env, cwd: dir, timeoutMs: 90_000 },
  ).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const stop = async () => {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { ...running, stop, token, dir, runtimeDir: path('runtime'), notebookDir: path('notebooks') };
}

/** The broker's location and secret, as the server extension's broker wrote them. */
export function brokerRuntime(lab: Lab): { url: string; secret: string; pid: number } {
  return JSON.parse(readFileSync(join(lab.runtimeDir, 'vobridge-broker.json'), 'utf8')) as {
    url: string;
    secret: string;
    pid: number;
  };
}

/** Debian's chromium, headless, with nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
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
