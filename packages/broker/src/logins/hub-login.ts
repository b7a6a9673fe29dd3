import { BrokerError, MethodUnsupportedError, NotFoundError } from '../errors.js';
import { RenewalRefusedError, type HubEndpoint, type PlatformClient } from '../platform/platform-client.js';
import type { LoginRegistry } from './registry.js';

/** Longest wait between attempts while the hub (restarting, say) does not answer. */
const MAX_BACKOFF_MS = 30_000;
/** Wait after the hub said the user must log in again there. */
const LOGIN_AGAIN_WAIT_MS = 15_000;

/**
 * Under JupyterHub with vobridge_jupyterhub, make the broker's login through
 * the hub as soon as the hub answers. A hub without the endpoint, or one that
 * refuses this server's token, is reported once and left alone: the user logs
 * in inside JupyterLab as without a hub.
 */
export function joinHub(options: {
  hub: HubEndpoint;
  client: PlatformClient;
  logins: LoginRegistry;
  log: (line: string) => void;
}): { stop(): void } {
  const { hub, client, logins, log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let backoff = 500;
  const origin = new URL(hub.tokenUrl).origin;
  const attempt = async (): Promise<void> => {
    try {
      const login = await logins.adoptHub(await client.hubLogin(hub));
      log(`logged in to ${login.platform} through JupyterHub at ${origin} as ${login.user ?? '?'}`);
      return;
    } catch (error) {
      if (stopped) return;
      if (error instanceof NotFoundError || error instanceof MethodUnsupportedError) {
        log(`not logging in through JupyterHub: ${error.message}`);
        return;
      }
      const reason =
        error instanceof BrokerError || error instanceof RenewalRefusedError ? error.message : 'unexpected error';
      const wait = error instanceof RenewalRefusedError ? LOGIN_AGAIN_WAIT_MS : backoff;
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      log(
        `login through JupyterHub at ${origin} not possible yet (${reason}); trying again in ${Math.ceil(wait / 1000)} s`,
      );
      timer = setTimeout(() => void attempt(), wait);
      timer.unref();
    }
  };
  void attempt();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
