// Builds the prebuilt labextension (vobridge_jupyterlab/labextension) with
// @jupyterlab/builder against the JupyterLab core in the project's venv, so
// the shared-package versions match the JupyterLab users install from PyPI.
// `jupyter labextension build` would do the same but may run jlpm; calling
// the builder's script keeps the build npm-only.
//
// When that venv holds an editable install of this package (scripts/setup.sh),
// the fresh build is copied to where JupyterLab looks for it, as
// `jupyter labextension develop` would, but without a symlink that a later
// `pip install` could write through.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const venvPython = resolve(pkg, '../../.venv/bin/python');
const python = process.env.VOBRIDGE_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3');

let jupyter;
try {
  jupyter = JSON.parse(
    execFileSync(
      python,
      ['-c', 'import json, os, sys, jupyterlab; print(json.dumps({"core": os.path.join(os.path.dirname(jupyterlab.__file__), "staging"), "prefix": sys.prefix}))'],
      { encoding: 'utf8' },
    ),
  );
} catch {
  console.error(`build-labextension: JupyterLab 4 must be importable by ${python} (run scripts/setup.sh).`);
  process.exit(1);
}

const require = createRequire(join(pkg, 'package.json'));
const builder = require.resolve('@jupyterlab/builder/lib/build-labextension.js');
execFileSync(process.execPath, [builder, '--core-path', jupyter.core, pkg], { stdio: 'inherit' });

const { name, jupyterlab } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
const installed = join(jupyter.prefix, 'share', 'jupyter', 'labextensions', ...name.split('/'));
if (existsSync(join(installed, 'install.json'))) {
  rmSync(join(installed, 'static'), { recursive: true, force: true });
  rmSync(join(installed, 'schemas'), { recursive: true, force: true });
  cpSync(join(pkg, jupyterlab.outputDir), installed, { recursive: true });
}
