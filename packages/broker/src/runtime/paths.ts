import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/** File name of the runtime file inside the runtime directory. */
export const RUNTIME_FILE_NAME = 'vobridge-broker.json';

/**
 * Default runtime file path: `$JUPYTER_RUNTIME_DIR/vobridge-broker.json`, else
 * Jupyter's own runtime directory for this user, so kernels started by that
 * Jupyter find it the way they find their connection files.
 */
export function defaultRuntimeFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(jupyterRuntimeDir(env), RUNTIME_FILE_NAME);
}

function jupyterRuntimeDir(env: NodeJS.ProcessEnv): string {
  if (env.JUPYTER_RUNTIME_DIR) return env.JUPYTER_RUNTIME_DIR;
  if (env.JUPYTER_DATA_DIR) return join(env.JUPYTER_DATA_DIR, 'runtime');
  const home = homedir();
  if (platform() === 'darwin') return join(home, 'Library', 'Jupyter', 'runtime');
  if (platform() === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'jupyter', 'runtime');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'jupyter', 'runtime');
}
