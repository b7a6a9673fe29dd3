// JupyterLab 4 from the project's venv with vobridge from this checkout (the
// server extension from the source tree, the prebuilt labextension by
// symlink), in a temporary Jupyter home, token auth by environment, no news.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LABEXTENSION, PYTHON_BIN, ROOT } from './paths.js';
import { startProcess, type Running } from './processes.js';

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
export async function startJupyterLab(options: {
  platforms: string[];
  /** `notebook`: Jupyter Notebook 7 (the same extension, its other front end) instead of JupyterLab. */
  app?: 'lab' | 'notebook';
  /** More of the extension's settings (schema/plugin.json), as a user would set them. */
  settings?: Record<string, unknown>;
}): Promise<Lab> {
  const app = options.app ?? 'lab';
  const dir = mkdtempSync(join(tmpdir(), 'vobridge-lab-'));
  const path = (...parts: string[]) => join(dir, ...parts);
  for (const sub of ['data', 'runtime', 'notebooks', 'workspaces']) mkdirSync(path(sub), { recursive: true });
  const installed = installVobridge(dir, { ...options.settings, platforms: options.platforms });
  writeEmptyNotebook(path('notebooks/demo.ipynb'));
  const token = randomBytes(24).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${PYTHON_BIN}:${process.env.PATH ?? ''}`,
    ...installed,
    JUPYTER_DATA_DIR: path('data'),
    JUPYTER_RUNTIME_DIR: path('runtime'),
    JUPYTERLAB_WORKSPACES_DIR: path('workspaces'),
    // Never on the command line: `ps` shows arguments to every local user.
    JUPYTER_TOKEN: token,
  };
  const running = await startProcess(
    join(PYTHON_BIN, 'jupyter'),
    [
      app,
      '--no-browser',
      // CI and the dev machines run as root; Jupyter refuses that unless told.
      '--allow-root',
      '--ServerApp.ip=127.0.0.1',
      '--ServerApp.port=0',
      `--ServerApp.root_dir=${path('notebooks')}`,
      '--LabApp.news_url=',
    ],
    app === 'lab' ? /(http:\/\/127\.0\.0\.1:\d+\/)lab/ : /(http:\/\/127\.0\.0\.1:\d+\/)tree/,
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

/**
 * vobridge from this checkout installed into a Jupyter home under `dir` (the
 * server extension enabled, the prebuilt labextension by symlink, the given
 * extension settings, no news or update checks): the environment a Jupyter
 * server needs to use it.
 */
export function installVobridge(dir: string, settings: Record<string, unknown>): Record<string, string> {
  const path = (...parts: string[]) => join(dir, ...parts);
  mkdirSync(path('config'), { recursive: true });
  mkdirSync(path('share/labextensions/@vobridge'), { recursive: true });
  symlinkSync(LABEXTENSION, path('share/labextensions/@vobridge/jupyterlab'));
  writeFileSync(
    path('config/jupyter_server_config.json'),
    JSON.stringify({ ServerApp: { jpserver_extensions: { vobridge_jupyterlab: true } } }),
  );
  const write = (plugin: string, value: object) => {
    const file = path('settings', `${plugin}.jupyterlab-settings`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(value));
  };
  write('@jupyterlab/apputils-extension/notification', { fetchNews: 'false', checkForUpdates: false });
  write('@vobridge/jupyterlab/plugin', settings);
  return {
    PYTHONPATH: join(ROOT, 'packages/jupyterlab'),
    JUPYTER_CONFIG_DIR: path('config'),
    JUPYTER_PATH: path('share'),
    JUPYTERLAB_SETTINGS_DIR: path('settings'),
  };
}

/** An empty Python 3 notebook at `file`. */
export function writeEmptyNotebook(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      cells: [],
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
}

/** The broker's location and secret, as the server extension's broker wrote them. */
export function brokerRuntime(lab: Lab): { url: string; secret: string; pid: number } {
  return JSON.parse(readFileSync(join(lab.runtimeDir, 'vobridge-broker.json'), 'utf8')) as {
    url: string;
    secret: string;
    pid: number;
  };
}
