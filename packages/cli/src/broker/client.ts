import { request as httpRequest } from 'node:http';
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
import {
  BROKER_NONCE_HEADER,
  BROKER_PROOF_HEADER,
  BROKER_PROOF_SCHEME,
  brokerRequestProof,
  brokerResponseProof,
  newBrokerNonce,
} from '@vobridge/sdk/node';
import { CliError } from '../errors.js';
import { ExitCode, type ExitCodeValue } from '../exitCodes.js';

/** Where a broker listens and the secret it wants. */
export interface BrokerEndpoint {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Shared secret; proven to the broker, never sent. */
  secret: string;
}

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
    this.#api = new SdkBrokerClient({ baseUrl: endpoint.url, fetch: loopbackFetch(endpoint.secret) });
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

/** Longest broker answer read (logins and sessions lists are small). */
const MAX_BODY = 4 * 1024 * 1024;

/** Something answered at the broker's address without proving it holds the secret. */
class NotTheBrokerError extends Error {
  constructor(origin: string) {
    super(`what answers at ${origin} could not prove it is the vobridge broker (no proof of the secret)`);
  }
}

/**
 * A `fetch` for the broker with node:http rather than the global fetch, which
 * adds `Sec-Fetch-*` headers the broker refuses as coming from a browser. The
 * secret is never sent: the request carries an HMAC of a fresh nonce under it,
 * and an answer without the broker's proof of that nonce is refused, so
 * whatever listens on a dead broker's address learns nothing and can plant
 * nothing.
 */
function loopbackFetch(secret: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const target = new URL(request.url);
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const nonce = newBrokerNonce();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    headers.authorization = `${BROKER_PROOF_SCHEME} ${brokerRequestProof(secret, nonce, request.method, `${target.pathname}${target.search}`)}`;
    headers[BROKER_NONCE_HEADER] = nonce;
    if (body !== undefined) headers['content-length'] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      const req = httpRequest(target, { method: request.method, headers }, (res) => {
        if (res.headers[BROKER_PROOF_HEADER] !== brokerResponseProof(secret, nonce)) {
          res.resume();
          reject(new NotTheBrokerError(target.origin));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) req.destroy(new Error('broker answer too large'));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          const status = res.statusCode ?? 502;
          const type = res.headers['content-type'];
          resolve(
            new Response(status === 204 ? null : Buffer.concat(chunks), {
              status,
              headers: type === undefined ? {} : { 'content-type': type },
            }),
          );
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  };
}
