import { Token } from '@lumino/coreutils';
import type { VobridgeClient } from './api/client.js';
import type { LoginsModel } from './models/logins-model.js';
import type { SessionsModel } from './models/sessions-model.js';

/**
 * What vobridge shares with other JupyterLab extensions: the logins and
 * sessions it keeps current (each model has a `changed` signal) and the
 * client of the broker API behind `/vobridge/*`. Tokens are not part of it:
 * they are for kernels, never for the page.
 */
export interface IVobridge {
  /** Logins to platforms (never a token). */
  readonly logins: LoginsModel;
  /** Sessions on every logged-in platform. */
  readonly sessions: SessionsModel;
  /** The broker API as the page reaches it. */
  readonly client: VobridgeClient;
  /** Reload logins and sessions now. */
  refresh(): Promise<void>;
}

/** The token another extension requires (or optionally uses) to get {@link IVobridge}. */
export const IVobridge = new Token<IVobridge>(
  '@vobridge/jupyterlab:IVobridge',
  'Logins to IVOA science platforms and their sessions, kept current by vobridge.',
);
