// A typed client of the local token broker (openapi/broker.yaml), on
// openapi-fetch over the generated `paths`. The transport is the caller's:
// the CLI sends requests over loopback with a proof of the broker secret, the
// JupyterLab page through Jupyter's server connection (which adds Jupyter's
// own credentials; the broker secret never reaches a browser).
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from '../generated/broker.js';
import type { SessionType } from '../sessions/client.js';
import {
  isBrokerErrorCode,
  type BrokerErrorCode,
  type BrokerHealth,
  type BrokerLogin,
  type Discovery,
  type LaunchRequest,
  type LaunchedSession,
  type SessionOpenLink,
  type LoginRequest,
  type PendingLogin,
  type PlatformSession,
  type SessionsAcrossPlatforms,
  type TokenResponse,
} from './types.js';

/** Options of {@link BrokerClient}. */
export interface BrokerClientOptions {
  /** Where the broker's routes are: its loopback origin, or the Jupyter proxy's `/vobridge` base. */
  baseUrl: string;
  /** How requests travel (default: the global `fetch`). */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * The broker answered with an error, or did not answer. `code` is the
 * broker's stable code (its spec's `BrokerErrorCode`), `network` when nothing
 * answered, or `http_<status>` for an answer without a broker error body.
 * `message` is the broker's sentence, fit to show as is (never a token).
 */
export class BrokerRequestError extends Error {
  override readonly name = 'BrokerRequestError';
  readonly code: BrokerErrorCode | 'network' | `http_${number}`;
  /** HTTP status, when there was an answer. */
  readonly status: number | undefined;
  /** The login concerned, when the broker named one. */
  readonly loginId: string | undefined;
  /** The platform concerned, when the broker named one. */
  readonly platform: string | undefined;

  constructor(
    code: BrokerRequestError['code'],
    message: string,
    options: { status?: number; loginId?: string; platform?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.loginId = options.loginId;
    this.platform = options.platform;
  }
}

type Image = components['schemas']['Image'];
type Context = components['schemas']['Context'];

/** Every route of the broker API, typed from its spec. */
export class BrokerClient {
  readonly #api: Client<paths>;

  constructor(options: BrokerClientOptions) {
    this.#api = createClient<paths>({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  }

  /** Liveness: version, pid and number of logins. */
  health(): Promise<BrokerHealth> {
    return call(this.#api.GET('/healthz'));
  }

  /**
   * A token for `url` (never for a URL no login covers), valid at least
   * `minValid` seconds when the platform allows; from the login as `user` when
   * given, else from the newest login covering `url`.
   */
  token(
    url: string,
    options: { minValid?: number; scope?: string; audience?: string; user?: string } = {},
  ): Promise<TokenResponse> {
    return call(
      this.#api.GET('/v1/token', {
        params: {
          query: {
            url,
            ...(options.minValid === undefined ? {} : { min_valid: options.minValid }),
            ...(options.scope === undefined ? {} : { scope: options.scope }),
            ...(options.audience === undefined ? {} : { audience: options.audience }),
            ...(options.user === undefined ? {} : { user: options.user }),
          },
        },
      }),
    );
  }

  /** Every login, newest first (never a token). */
  logins(): Promise<BrokerLogin[]> {
    return call(this.#api.GET('/v1/logins'));
  }

  /** One login. */
  login(id: string): Promise<BrokerLogin> {
    return call(this.#api.GET('/v1/logins/{id}', { params: { path: { id } } }));
  }

  /** Starts a login: password and token logins come back done, device and browser logins pending. */
  startLogin(request: LoginRequest): Promise<BrokerLogin | PendingLogin> {
    return call(this.#api.POST('/v1/logins', { body: request }));
  }

  /**
   * Hands the broker the query of a browser login's redirect (`state`,
   * `code` or `error`): what a loopback redirect listener does for a
   * terminal, where no Jupyter proxy forwards the browser. The outcome is
   * the login's state afterwards ({@link login}).
   */
  async completeLogin(redirect: URLSearchParams): Promise<void> {
    const query: { state: string; code?: string; error?: string; error_description?: string } = {
      state: redirect.get('state') ?? '',
    };
    for (const name of ['code', 'error', 'error_description'] as const) {
      const value = redirect.get(name);
      if (value !== null) query[name] = value;
    }
    await call(this.#api.GET('/v1/callback', { params: { query }, parseAs: 'text' }));
  }

  /** Logs out of one login. */
  async logout(id: string): Promise<void> {
    await call(this.#api.DELETE('/v1/logins/{id}', { params: { path: { id } }, parseAs: 'text' }));
  }

  /** The login methods a URL's platform offers, best first. */
  discover(url: string): Promise<Discovery> {
    return call(this.#api.GET('/v1/discover', { params: { query: { url } } }));
  }

  /** Sessions on every platform with an active login, and which platforms answered. */
  sessions(): Promise<SessionsAcrossPlatforms> {
    return call(this.#api.GET('/v1/sessions'));
  }

  /** Launches a session on a logged-in platform. */
  launch(platform: string, request: LaunchRequest): Promise<LaunchedSession> {
    return call(this.#api.POST('/v1/sessions', { params: { query: { platform } }, body: request }));
  }

  /** One session of a logged-in platform. */
  session(platform: string, id: string): Promise<PlatformSession> {
    return call(this.#api.GET('/v1/sessions/{id}', { params: { path: { id }, query: { platform } } }));
  }

  /** Stops and deletes a session. */
  async deleteSession(platform: string, id: string): Promise<void> {
    await call(
      this.#api.DELETE('/v1/sessions/{id}', { params: { path: { id }, query: { platform } }, parseAs: 'text' }),
    );
  }

  /** Pushes a session's expiry forward; resolves to the renewed session. */
  renewSession(platform: string, id: string): Promise<PlatformSession> {
    return call(this.#api.POST('/v1/sessions/{id}/renew', { params: { path: { id }, query: { platform } } }));
  }

  /**
   * A one-time link that opens the session in a browser, logged in (the
   * platform sets its cookie on the session's origin): open it at once, it
   * is spent by its first use. No token reaches the page.
   */
  openSession(platform: string, id: string): Promise<SessionOpenLink> {
    return call(this.#api.POST('/v1/sessions/{id}/open', { params: { path: { id }, query: { platform } } }));
  }

  /** A session's output (`logs`) or scheduling events (`events`), as plain text. */
  sessionLogs(platform: string, id: string, view: 'logs' | 'events' = 'logs'): Promise<string> {
    return call(
      this.#api.GET('/v1/sessions/{id}/logs', {
        params: { path: { id }, query: { platform, view } },
        parseAs: 'text',
      }),
    );
  }

  /** Images a logged-in platform offers, optionally of one session type. */
  images(platform: string, type?: SessionType): Promise<Image[]> {
    return call(this.#api.GET('/v1/images', { params: { query: { platform, ...(type ? { type } : {}) } } }));
  }

  /** Resource limits and options of a logged-in platform. */
  context(platform: string): Promise<Context> {
    return call(this.#api.GET('/v1/context', { params: { query: { platform } } }));
  }
}

/** openapi-fetch's answer turned into the data, or a {@link BrokerRequestError}. */
async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await pending;
  } catch (cause) {
    throw new BrokerRequestError('network', 'The vobridge broker could not be reached.', { cause });
  }
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  const body = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const code = isBrokerErrorCode(body.error) ? body.error : (`http_${response.status}` as const);
  const message =
    typeof body.message === 'string' && body.message !== ''
      ? body.message
      : `The broker answered ${response.status} ${response.statusText}`.trim();
  throw new BrokerRequestError(code, message, {
    status: response.status,
    ...(typeof body.login_id === 'string' ? { loginId: body.login_id } : {}),
    ...(typeof body.platform === 'string' ? { platform: body.platform } : {}),
  });
}
