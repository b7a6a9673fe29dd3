import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The vobridge checkout these harnesses run (this package lives in `packages/testing`). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The project's Python venv (`scripts/setup.sh`), with JupyterLab and the published clients. */
export const PYTHON_BIN = join(ROOT, '.venv/bin');
/** The prebuilt labextension `npm run build` makes. */
export const LABEXTENSION = join(ROOT, 'packages/jupyterlab/vobridge_jupyterlab/labextension');
