// `@vobridge/testing`: real processes for the browser tests (test/) and the
// benchmarks (bench/), in one place.
export { launchChromium } from './chromium.js';
export { brokerRuntime, startJupyterLab, type Lab } from './jupyterlab.js';
export { LABEXTENSION, PYTHON_BIN, ROOT } from './paths.js';
export { startPlatform } from './platform.js';
export { processesShowing, startProcess, type Running } from './processes.js';
