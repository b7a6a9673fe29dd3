/**
 * `@vobridge/jupyterlab`: the JupyterLab 4 / Notebook 7 front end of vobridge.
 * The default export is the list of plugins JupyterLab loads; the named
 * exports are the models and client, for reuse and tests.
 */
import { vobridgePlugin } from './plugin.js';

export { VobridgeClient } from './api/client.js';
export type { LaunchOptions } from './api/client.js';
export { PLAIN_WORDS, describeError } from './api/errors.js';
export { LiveUpdates } from './api/events.js';
export { CommandIDs } from './command-ids.js';
export { IVobridge } from './tokens.js';
export { formatDuration, isoToEpoch, remaining } from './models/expiry.js';
export type { ExpiryLevel, Remaining } from './models/expiry.js';
export { LoginsModel } from './models/logins-model.js';
export type { LoginView, TokenHealth } from './models/logins-model.js';
export { pythonString } from './models/python-literal.js';
export { SessionsModel } from './models/sessions-model.js';
export type { SessionRow } from './models/sessions-model.js';
export { connectSnippet } from './models/snippet.js';
export { PLUGIN_ID, vobridgePlugin } from './plugin.js';
export { DEFAULT_SETTINGS, VobridgeService } from './service.js';
export type { VobridgeSettings } from './service.js';

export default [vobridgePlugin];
