// JupyterLab 4 from the repository's venv with the vobridge extension from
// this checkout, and Debian's chromium driven by playwright-core, for the
// browser benchmarks. The same set-up as test/browser/harness.ts (which is
// TypeScript run by Jest, outside what this package compiles): a temporary
// Jupyter home, token auth, no news or update checks, everything on 127.0.0.1.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PYTHON_BIN = join(ROOT, '.venv/bin');
const LABEXTENSION = join(ROOT, 'packages/jupyterlab/vobridge_jupyterlab/labextension');

/** A running JupyterLab: its URL (ending in `/`), login token and the broker its server extension started. */
export interface Lab {
  url: string;
  token: string;
  /** The broker's location and secret, from the runtime file the server extension writes. */
  broker(): Promise<{ url: string; secret: string }>;
  /** Stops JupyterLab with its whole process group (kernels, broker) and removes its home. */
  stop(): Promise<void>;
}

/** Starts JupyterLab with the vobridge extension configured for `platforms`. */
export async function startJupyterLab(platforms: string[]): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'vobridge-bench-lab-'));
  const path = (...parts: string[]) => join(dir, ...parts);
  const settings = async (plugin: string, value: object) => {
    const file = path('settings', `${plugin}.jupyterlab-settings`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(value));
  };
  for (const sub of ['config', 'data', 'runtime', 'notebooks', 'workspaces', 'share/labextensions/@vobridge']) {
    await mkdir(path(sub), { recursive: true });
  }
  await symlink(LABEXTENSION, path('share/labextensions/@vobridge/jupyterlab'));
  await writeFile(
    path('config/jupyter_server_config.json'),
    JSON.stringify({ ServerApp: { jpserver_extensions: { vobridge_jupyterlab: true } } }),
  );
  await settings('@jupyterlab/apputils-extension/notification', { fetchNews: 'false', checkForUpdates: false });
  await settings('@vobridge/jupyterlab/plugin', { platforms });
  const token = randomBytes(24).toString('hex');
  const child = spawn(
    join(PYTHON_BIN, 'jupyter'),
    [
      'lab',
      '--no-browser',
      '--allow-root',
      '--ServerApp.ip=127.0.0.1',
      '--ServerApp.port=0',
      `--ServerApp.root_dir=${path('notebooks')}`,
      '--LabApp.news_url=',
    ],
    {
      cwd: dir,
      // Its own process group, so that stopping it takes the broker and kernels along.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
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
      },
    },
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      process.kill(-(child.pid as number), 'SIGTERM');
      const kill = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`JupyterLab did not start:\n${output.slice(-3000)}`)), 90_000);
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
        const match = /(http:\/\/127\.0\.0\.1:\d+\/)lab/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`JupyterLab exited (${code}):\n${output.slice(-3000)}`));
      });
    });
    return {
      url,
      token,
      broker: async () =>
        JSON.parse(await readFile(path('runtime', 'vobridge-broker.json'), 'utf8')) as { url: string; secret: string },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
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
