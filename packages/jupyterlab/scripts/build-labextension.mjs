// Builds the prebuilt labextension (vobridge_jupyterlab/labextension) with
// @jupyterlab/builder against the JupyterLab core in the project's venv, so
// the shared-package versions match the JupyterLab users install from PyPI.
// `jupyter labextension build` would do the same but may try to run jlpm;
// calling the builder's script keeps the build offline and npm-only.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const venvPython = resolve(pkg, '../../.venv/bin/python');
const python = process.env.VOBRIDGE_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3');

let corePath;
try {
  corePath = execFileSync(
    python,
    ['-c', 'import jupyterlab, os; print(os.path.join(os.path.dirname(jupyterlab.__file__), "staging"))'],
    { encoding: 'utf8' },
  ).trim();
} catch {
  console.error(`build-labextension: JupyterLab 4 must be importable by ${python} (run scripts/setup.sh).`);
  process.exit(1);
}

const require = createRequire(join(pkg, 'package.json'));
const builder = require.resolve('@jupyterlab/builder/lib/build-labextension.js');
execFileSync(process.execPath, [builder, '--core-path', corePath, pkg], { stdio: 'inherit' });
