import { HttpError, VobridgeError, type SessionsClient } from '@vobridge/sdk';
import type { LaunchRequest } from '@vobridge/sdk/broker';
import { BrokerError, NotFoundError, NotLoggedInError, PlatformUnreachableError } from '../errors.js';
import type { LoginRegistry } from '../logins/registry.js';
import type { PlatformClient } from '../platform/platform-client.js';

/** Seconds a token handed to a sessions call must still be valid. */
const MIN_VALID_S = 60;

/**
 * Sessions on the platforms the broker is logged in to: launch, inspect,
 * renew, delete, logs, images and limits, done by the broker with the
 * login's token (`SessionsClient`), so neither the Jupyter server nor the
 * CLI ever holds one. A platform's refusal keeps its status and words.
 */
export class SessionsGateway {
  readonly #logins: LoginRegistry;
  readonly #client: PlatformClient;

  constructor(logins: LoginRegistry, client: PlatformClient) {
    this.#logins = logins;
    this.#client = client;
  }

  /** Runs `call` with a sessions client of `platform` (an origin the broker has an active login for). */
  async on<T>(platform: string, call: (client: SessionsClient) => Promise<T>): Promise<T> {
    const origin = originOf(platform);
    const login = this.#logins.established().find((l) => l.platform === origin && l.active);
    if (login === undefined) throw new NotLoggedInError(origin, 'platform');
    const credential = await login.credential(MIN_VALID_S);
    try {
      return await call(await this.#client.sessions(origin, credential));
    } catch (error) {
      throw platformError(error, origin);
    }
  }

  /** Launches a session; resolves to its id. */
  launch(platform: string, request: LaunchRequest): Promise<string> {
    return this.on(platform, (client) => client.launch(request));
  }
}

function originOf(platform: string): string {
  try {
    return new URL(platform).origin;
  } catch {
    throw new BrokerError('bad_request', 400, '"platform" must be the URL of a platform you are logged in to.');
  }
}

/** A sessions call's failure as a broker error: the platform's refusals keep their status and words. */
function platformError(error: unknown, platform: string): Error {
  if (error instanceof BrokerError) return error;
  if (error instanceof HttpError && error.status === 404)
    return new NotFoundError(error.detail ?? `${platform} has no such session.`);
  if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 401)
    return new BrokerError('platform_refused', error.status, error.detail ?? error.message, { platform });
  return new PlatformUnreachableError(
    error instanceof VobridgeError ? error.message : `${platform} could not be used for sessions.`,
    { cause: error, platform },
  );
}
