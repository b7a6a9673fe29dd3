import {
  BrokerClient as SdkBrokerClient,
  BrokerRequestError,
  type BrokerErrorCode,
  type BrokerLogin,
  type Discovery,
  type LaunchRequest,
  type LoginRequest,
  type PendingLogin,
  type PlatformSession,
  type SessionOpenLink,
  type SessionsAcrossPlatforms,
  type TokenResponse,
} from '@vobridge/sdk/broker';
import type { SessionImage, SessionType } from '@vobridge/sdk';
import { CliError } from '../errors.js';
import { ExitCode, type ExitCodeValue } from '../exitCodes.js';

import { locateBroker } from './locate.js';
import { loopbackRequest, NotTheBrokerError, type BrokerEndpoint } from './loopback-request.js';

export type { BrokerEndpoint };

const LOGIN_HINT = 'Log in with: vobridge login <platform-url>';

/**
 * Every broker error code (the spec's list: a code added there fails to
 * compile here until it is mapped) and what the user must do next.
 */
export const BROKER_ERRORS: Record<BrokerErrorCode, { exit: ExitCodeValue; hint?: string }> = {
  bad_request: { exit: ExitCode.USAGE },
  unauthorized: {
    exit: ExitCode.UNAVAILABLE,
    hint: 'The broker secret does not match: check VOBRIDGE_BROKER_SECRET or restart with vobridge broker start.',
  },
  origin_refused: { exit: ExitCode.FORBIDDEN },
  rate_limited: { exit: ExitCode.UNAVAILABLE, hint: 'Wait a moment and try again.' },
  not_logged_in: { exit: ExitCode.AUTH, hint: LOGIN_HINT },
  out_of_scope: { exit: ExitCode.AUTH, hint: LOGIN_HINT },
  not_found: { exit: ExitCode.NOT_FOUND },
  login_pending: { exit: ExitCode.AUTH, hint: 'Finish the login in the browser first (vobridge status shows it).' },
  login_required: { exit: ExitCode.AUTH, hint: LOGIN_HINT },
  invalid_credentials: {
    exit: ExitCode.AUTH,
    hint: 'Check the user name and password, then run vobridge login again.',
  },
  method_unsupported: { exit: ExitCode.USAGE, hint: 'Pick another method with --method (vobridge login --help).' },
  platform_unreachable: { exit: ExitCode.UNAVAILABLE, hint: 'Check the platform URL and your network connection.' },
  platform_refused: { exit: ExitCode.CONFLICT },
  unsafe_url: { exit: ExitCode.FAILED, hint: 'Nothing was opened or sent; tell the platform operators.' },
  already_running: { exit: ExitCode.CONFLICT },
  broker_unavailable: { exit: ExitCode.UNAVAILABLE, hint: 'Start it with: vobridge broker start' },
  internal: { exit: ExitCode.INTERNAL, hint: 'This is a bug in the broker; please report it.' },
};

/**
 * The broker's API (`@vobridge/sdk/broker`, typed from `openapi/broker.yaml`)
 * over loopback with node:http, the secret proven rather than sent. Error
 * answers become {@link CliError}s carrying the broker's message, which by
 * contract never contains a token.
 */
export class BrokerClient {
  readonly #endpoint: BrokerEndpoint;
  readonly #api: SdkBrokerClient;

  constructor(endpoint: BrokerEndpoint) {
    this.#endpoint = endpoint;
    this.#api = new SdkBrokerClient({ baseUrl: endpoint.url, fetch: loopbackFetch(endpoint) });
  }

  /** The broker's base URL. */
  get url(): string {
    return this.#endpoint.url;
  }

  /** True when the broker answers its health check with this secret. */
  async healthy(): Promise<boolean> {
    try {
      await this.#api.health();
      return true;
    } catch {
      return false;
    }
  }

  /** A token for `serviceUrl`, valid for at least `minValid` seconds; from the login as `user` when given. */
  token(serviceUrl: string, minValid?: number, user?: string): Promise<TokenResponse> {
    return this.#call(
      this.#api.token(serviceUrl, {
        ...(minValid === undefined ? {} : { minValid }),
        ...(user === undefined ? {} : { user }),
      }),
    );
  }

  /** Every login (no tokens). */
  logins(): Promise<BrokerLogin[]> {
    return this.#call(this.#api.logins());
  }

  /** One login by id. */
  login(id: string): Promise<BrokerLogin> {
    return this.#call(this.#api.login(id));
  }

  /** Start a login; device logins come back pending with the code to show. */
  startLogin(request: LoginRequest): Promise<BrokerLogin | PendingLogin> {
    return this.#call(this.#api.startLogin(request));
  }

  /** Hands the broker a browser login's redirect query (the CLI's loopback listener got it). */
  completeLogin(redirect: URLSearchParams): Promise<void> {
    return this.#call(this.#api.completeLogin(redirect));
  }

  /** Log out of one login. */
  logout(id: string): Promise<void> {
    return this.#call(this.#api.logout(id));
  }

  /** Login methods a platform URL offers, in preference order. */
  discover(url: string): Promise<Discovery> {
    return this.#call(this.#api.discover(url));
  }

  /** Sessions on every platform with an active login, and which platforms answered. */
  sessions(): Promise<SessionsAcrossPlatforms> {
    return this.#call(this.#api.sessions());
  }

  /** Launches a session; resolves to its id. */
  async launch(platform: string, request: LaunchRequest): Promise<string> {
    return (await this.#call(this.#api.launch(platform, request))).id;
  }

  /** One session. */
  session(platform: string, id: string): Promise<PlatformSession> {
    return this.#call(this.#api.session(platform, id));
  }

  /** Stops and deletes a session. */
  deleteSession(platform: string, id: string): Promise<void> {
    return this.#call(this.#api.deleteSession(platform, id));
  }

  /** Pushes a session's expiry forward. */
  renewSession(platform: string, id: string): Promise<PlatformSession> {
    return this.#call(this.#api.renewSession(platform, id));
  }

  /** A one-time link that opens the session in a browser, logged in. */
  openSession(platform: string, id: string): Promise<SessionOpenLink> {
    return this.#call(this.#api.openSession(platform, id));
  }

  /** A session's logs or scheduling events. */
  sessionLogs(platform: string, id: string, view: 'logs' | 'events'): Promise<string> {
    return this.#call(this.#api.sessionLogs(platform, id, view));
  }

  /** Images a platform offers for a session type. */
  images(platform: string, type?: SessionType): Promise<SessionImage[]> {
    return this.#call(this.#api.images(platform, type));
  }

  async #call<T>(pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } catch (error) {
      throw this.#cliError(error);
    }
  }

  #cliError(error: unknown): CliError {
    if (!(error instanceof BrokerRequestError)) return new CliError(String(error), ExitCode.INTERNAL);
    if (error.code === 'network') {
      const cause = error.cause;
      if (cause instanceof NotTheBrokerError)
        return new CliError(cause.message, ExitCode.UNAVAILABLE, 'Restart it with: vobridge broker start', { cause });
      return new CliError(
        `cannot reach the broker at ${this.url}`,
        ExitCode.UNAVAILABLE,
        'Start it with: vobridge broker start',
        {
          cause: error,
        },
      );
    }
    const status = error.status ?? 0;
    if (error.code === 'platform_refused')
      // The platform's own refusal: a bad request, a permission or a conflict, as its status says.
      return new CliError(
        error.message,
        status === 400 ? ExitCode.USAGE : status === 403 ? ExitCode.FORBIDDEN : ExitCode.CONFLICT,
      );
    const known = error.code.startsWith('http_') ? undefined : BROKER_ERRORS[error.code as BrokerErrorCode];
    const exit =
      known?.exit ?? (status === 404 ? ExitCode.NOT_FOUND : status >= 500 ? ExitCode.UNAVAILABLE : ExitCode.FAILED);
    return new CliError(error.message, exit, known?.hint);
  }
}

/**
 * The SDK client's `fetch`, over {@link loopbackRequest}: the secret proven,
 * never sent.
 */
function loopbackFetch(endpoint: BrokerEndpoint): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = new URL(request.url);
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const answer = await loopbackRequest(endpoint, request.method, `${target.pathname}${target.search}`, headers, body);
    return new Response(answer.status === 204 ? null : answer.body, {
      status: answer.status,
      headers: answer.contentType === undefined ? {} : { 'content-type': answer.contentType },
    });
  };
}

/** A client for the running broker, or a CLI error telling how to start one. */
export async function connectBroker(env: NodeJS.ProcessEnv = process.env): Promise<BrokerClient> {
  const located = await locateBroker(env);
  if (!located) {
    throw new CliError(
      'no broker is running',
      ExitCode.UNAVAILABLE,
      'Start one with: vobridge broker start (or log in: vobridge login <platform-url>)',
    );
  }
  return new BrokerClient(located);
}
