// `@vobridge/testing`: real processes for the browser tests (test/) and the
// benchmarks (bench/), in one place.
export { launchChromium } from './chromium.js';
export { startJupyterHub, type Hub } from './jupyterhub.js';
export { brokerRuntime, installVobridge, startJupyterLab, writeEmptyNotebook, type Lab } from './jupyterlab.js';
export { LABEXTENSION, PYTHON_BIN, ROOT } from './paths.js';
export { startPlatform } from './platform.js';
export { processesShowing, startProcess, type Running } from './processes.js';
