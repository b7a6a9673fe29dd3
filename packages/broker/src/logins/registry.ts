import {
  BadRequestError,
  BrokerError,
  InvalidCredentialsError,
  LoginPendingError,
  NotFoundError,
  NotLoggedInError,
  OutOfScopeError,
} from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { LoginRequest, PendingLogin } from '@vobridge/sdk/broker';
import { passwordLoginRequestKeep_passwordValues, type components } from '@vobridge/sdk/openapi/broker';
import type { Grant, PlatformClient, Renewal } from '../platform/platform-client.js';
import { Login, type LoginHooks, type LoginInfo, type LoginMethod } from './login.js';
import { normaliseDomains, parseServiceUrl, scopeCovers } from './scope.js';
import type { IssuedToken } from '@vobridge/sdk';

/** Body of `POST /v1/logins`, validated (the spec's `LoginRequest`). */
export type { LoginRequest };

/** What the broker may keep of a password to renew a login (the spec's `keep_password`; see `openapi/broker.yaml`). */
type KeepPassword = NonNullable<PasswordLoginRequest['keep_password']>;
const KEEP_PASSWORD: readonly KeepPassword[] = passwordLoginRequestKeep_passwordValues;

/** Answer of `POST /v1/logins` for a login that waits for the user (202): the spec's `PendingLogin`. */
export type { PendingLogin };

/** How long a PKCE login may wait for its redirect. */
const PKCE_WINDOW_S = 600;

/** How long a failed login stays listed by default, so its reason is seen, before it is forgotten. */
export const FAILED_LOGINS_KEPT_S = 300;

interface PendingPkce {
  login: Login;
  complete: (callbackQuery: URLSearchParams) => Promise<Grant>;
  timer: NodeJS.Timeout;
}

/**
 * All logins of this broker, across platforms: starts them, resolves the
 * login whose scope covers a URL, and tells listeners about every change.
 */
export class LoginRegistry {
  readonly #logins = new Map<string, Login>();
  readonly #pkce = new Map<string, PendingPkce>();
  readonly #aborts = new Map<string, AbortController>();
  /** Timers that forget failed logins. */
  readonly #sweeps = new Map<string, NodeJS.Timeout>();
  readonly #failedKeptMs: number;
  readonly #client: PlatformClient;
  readonly #bus: EventBus;
  readonly #changed: () => Promise<void> | void;
  readonly #hooks: LoginHooks;

  /**
   * `changed` runs after any change of a login's token or state (persistence,
   * token file sink); a new login is acknowledged only once its promise settles,
   * so a broker killed right after answering still has the login it confirmed.
   */
  constructor(
    client: PlatformClient,
    bus: EventBus,
    changed: () => Promise<void> | void = () => undefined,
    failedKeptSeconds = FAILED_LOGINS_KEPT_S,
  ) {
    this.#failedKeptMs = failedKeptSeconds * 1000;
    this.#client = client;
    this.#bus = bus;
    this.#changed = changed;
    this.#hooks = {
      renew: (renewal) => this.#client.renew(renewal),
      refreshed: (login) => {
        this.#announce(login);
        this.#changed();
      },
      refreshFailed: (login, reason, retryIn) => {
        const permanent = retryIn === undefined;
        this.#bus.emit({
          type: 'refresh_failed',
          id: login.id,
          error: permanent ? 'login_required' : 'platform_unreachable',
          message: permanent
            ? `Refreshing failed for good (${reason}); log in again.`
            : `Refreshing failed (${reason}); retrying in ${retryIn} s.`,
        });
        const expiresAt = login.info().expires_at;
        if (expiresAt > Date.now() / 1000) this.#bus.emit({ type: 'expiring', id: login.id, expires_at: expiresAt });
        // Refused for good: the login is no longer refreshable, which its listing shows.
        if (permanent) this.#announce(login);
      },
      expired: (login) => {
        this.#announce(login);
        this.#changed();
      },
    };
  }

  /** Start a login: password and token logins complete before this resolves; device and PKCE logins come back pending. */
  async start(request: LoginRequest): Promise<LoginInfo | PendingLogin> {
    const url = parseServiceUrl(request.url);
    const domains = normaliseDomains(request.domains ?? []);
    const login = new Login({
      method: request.method,
      platform: url.origin,
      scope: { origins: [url.origin], domains },
      hooks: this.#hooks,
    });
    switch (request.method) {
      case 'password':
      case 'cookie':
      case 'basic': {
        const keep = request.keep_password ?? 'memory';
        // A Basic login is the password: keeping nothing would leave nothing to send.
        if (request.method === 'basic' && keep === 'no')
          throw new BadRequestError('A Basic login is the password itself: "keep_password" must be memory or disk.');
        const via = request.method === 'password' ? 'token' : request.method;
        const grant = await this.#client.passwordLogin(url, request.username, request.password, via);
        await this.#admit(login, { ...grant, renewal: keptRenewal(grant.renewal, keep) });
        return login.info();
      }
      case 'token':
        await this.#admit(login, await this.#client.tokenLogin(url, request.token, request.refresh_token));
        return login.info();
      case 'device': {
        const abort = new AbortController();
        const started = await this.#client.startDeviceLogin(url, {
          ...scopeOption(request.scopes),
          signal: abort.signal,
        });
        this.#logins.set(login.id, login);
        this.#aborts.set(login.id, abort);
        this.#announce(login);
        void started.completion
          .then(
            (grant) => this.#admit(login, grant),
            (error: unknown) => this.#failPending(login, error),
          )
          .finally(() => this.#aborts.delete(login.id));
        return {
          ...pendingBase(login, 'device'),
          expires_in: started.expiresIn,
          user_code: started.userCode,
          verification_uri: started.verificationUri,
          ...(started.verificationUriComplete ? { verification_uri_complete: started.verificationUriComplete } : {}),
          interval: started.interval,
        };
      }
      case 'pkce': {
        const started = await this.#client.startPkceLogin(url, {
          redirectUri: request.redirect_uri,
          ...scopeOption(request.scopes),
        });
        this.#logins.set(login.id, login);
        const timer = setTimeout(() => {
          this.#pkce.delete(started.state);
          this.#failPending(
            login,
            new InvalidCredentialsError('The browser login was not completed within 10 minutes.'),
          );
        }, PKCE_WINDOW_S * 1000);
        timer.unref();
        this.#pkce.set(started.state, { login, complete: started.complete, timer });
        this.#announce(login);
        return {
          ...pendingBase(login, 'pkce'),
          expires_in: PKCE_WINDOW_S,
          authorization_url: started.authorizationUrl,
        };
      }
    }
  }

  /** Add the login made through JupyterHub (the hub holds the user's platform login; see `platform/hub-tokens.ts`). */
  async adoptHub(grant: Grant): Promise<LoginInfo> {
    const login = new Login({
      method: 'hub',
      platform: grant.platform,
      scope: { origins: [grant.platform], domains: [] },
      hooks: this.#hooks,
    });
    await this.#admit(login, grant);
    return login.info();
  }

  /** Finish a PKCE login with the query its redirect came back with (`state` plus `code` or `error`). */
  async completePkce(callbackQuery: URLSearchParams): Promise<LoginInfo> {
    const state = callbackQuery.get('state') ?? '';
    const pending = this.#pkce.get(state);
    if (!pending)
      throw new NotFoundError('No browser login is waiting for this state (it finished, expired or never started).');
    this.#pkce.delete(state);
    clearTimeout(pending.timer);
    try {
      await this.#admit(pending.login, await pending.complete(callbackQuery));
    } catch (failure) {
      this.#failPending(pending.login, failure);
      throw failure;
    }
    return pending.login.info();
  }

  /** Every login, newest first. */
  list(): LoginInfo[] {
    return [...this.#logins.values()].reverse().map((login) => login.info());
  }

  /** One login by id. */
  get(id: string): LoginInfo {
    return this.#find(id).info();
  }

  /** Log out: forget the login and its tokens. */
  remove(id: string): void {
    this.#forget(this.#find(id));
    this.#bus.emit({ type: 'login', id });
    this.#changed();
  }

  /** Logins that hold a token (active, refreshing or expired), newest first. */
  established(): Login[] {
    return [...this.#logins.values()].reverse().filter((login) => login.established);
  }

  /**
   * The token for `rawUrl`, valid for at least `minValidSeconds` when it can
   * be, from the newest active login whose scope covers the URL.
   */
  async token(
    rawUrl: string | undefined,
    minValidSeconds: number,
    user?: string,
  ): Promise<{ token: IssuedToken; login: Login; origin: string }> {
    const url = parseServiceUrl(rawUrl);
    const all = [...this.#logins.values()].reverse();
    const covering = all.filter(
      (login) => scopeCovers(login.scope, url) && (user === undefined || login.user === user),
    );
    const login = covering.find((l) => l.active) ?? covering.find((l) => l.established);
    if (!login) {
      const pending = covering.find((l) => l.state === 'pending');
      if (pending) throw new LoginPendingError(pending.id, pending.platform);
      const platforms = [...new Set(this.established().map((l) => l.platform))];
      if (platforms.length === 0) throw new NotLoggedInError(url.origin);
      if (user !== undefined && all.some((l) => l.established && scopeCovers(l.scope, url)))
        throw new OutOfScopeError(`No login as ${user} covers ${url.origin}. Log in as ${user} first.`);
      throw new OutOfScopeError(
        `No login covers ${url.origin}: a token is only released to the origins it was issued for. Logged in to: ${platforms.join(', ')}. Log in to the platform serving this URL.`,
      );
    }
    return { token: await login.token(minValidSeconds), login, origin: url.origin };
  }

  /** Put back a login restored from the encrypted store. */
  restore(init: { id: string; method: LoginMethod; createdAt: Date; grant: Grant; domains: string[] }): void {
    const login = new Login({
      id: init.id,
      method: init.method,
      platform: init.grant.platform,
      scope: { origins: [...init.grant.origins], domains: init.domains },
      hooks: this.#hooks,
      createdAt: init.createdAt,
    });
    login.activate(init.grant);
    this.#logins.set(login.id, login);
  }

  /** Stop every timer and pending flow. */
  close(): void {
    for (const login of this.#logins.values()) this.#forget(login);
  }

  #admit(login: Login, grant: Grant): Promise<void> | void {
    login.activate(grant);
    // Logging in again as the same user on the same platform replaces the older login.
    for (const other of this.#logins.values()) {
      if (other !== login && other.platform === login.platform && other.user === login.user) {
        this.#forget(other);
        this.#bus.emit({ type: 'login', id: other.id });
      }
    }
    this.#logins.set(login.id, login);
    this.#announce(login);
    return this.#changed();
  }

  #announce(login: Login): void {
    this.#bus.emit({ type: 'login', id: login.id, login: login.info() });
  }

  #failPending(login: Login, error: unknown): void {
    if (!this.#logins.has(login.id)) return;
    login.fail(error instanceof BrokerError ? error.message : 'The login flow failed.');
    this.#announce(login);
    // Listed a while so its reason is seen, then gone: a list of logins is not a history.
    const sweep = setTimeout(() => {
      this.#forget(login);
      this.#bus.emit({ type: 'login', id: login.id });
    }, this.#failedKeptMs);
    sweep.unref();
    this.#sweeps.set(login.id, sweep);
  }

  #forget(login: Login): void {
    login.dispose();
    clearTimeout(this.#sweeps.get(login.id));
    this.#sweeps.delete(login.id);
    this.#aborts.get(login.id)?.abort();
    this.#aborts.delete(login.id);
    for (const [state, pending] of this.#pkce) {
      if (pending.login === login) {
        clearTimeout(pending.timer);
        this.#pkce.delete(state);
      }
    }
    this.#logins.delete(login.id);
  }

  #find(id: string): Login {
    const login = this.#logins.get(id);
    if (!login) throw new NotFoundError(`No login with id "${id.slice(0, 64)}".`);
    return login;
  }
}

function pendingBase(
  login: Login,
  method: 'device' | 'pkce',
): Pick<PendingLogin, 'id' | 'platform' | 'method' | 'state'> {
  return { id: login.id, platform: login.platform, method, state: 'pending' };
}

function scopeOption(scopes: string[] | undefined): { scope?: string } {
  return scopes && scopes.length > 0 ? { scope: scopes.join(' ') } : {};
}

/** Validate an untrusted `POST /v1/logins` body. */
type PasswordLoginRequest = components['schemas']['PasswordLoginRequest'];

/** The renewal a password login keeps, given what the user allowed. */
function keptRenewal(renewal: Renewal, keep: KeepPassword): Renewal {
  if (renewal.kind !== 'password') return renewal;
  if (keep === 'no') return { kind: 'none' };
  return { ...renewal, persist: keep === 'disk' };
}

export function parseLoginRequest(body: unknown): LoginRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestError('The body must be a JSON object.');
  const fields = body as Record<string, unknown>;
  const text = (name: string): string => {
    const value = fields[name];
    if (typeof value !== 'string' || value.length === 0 || value.length > 8192)
      throw new BadRequestError(`"${name}" must be a non-empty string.`);
    return value;
  };
  const optionalText = (name: string): string | undefined => (fields[name] === undefined ? undefined : text(name));
  const list = (name: string): string[] | undefined => {
    const value = fields[name];
    if (value === undefined) return undefined;
    if (
      !Array.isArray(value) ||
      value.length > 64 ||
      !value.every((item) => typeof item === 'string' && /^[\x21-\x7e]{1,256}$/.test(item))
    ) {
      throw new BadRequestError(`"${name}" must be a list of strings without spaces.`);
    }
    return value as string[];
  };
  const url = text('url');
  const domains = list('domains');
  const extra = domains ? { domains } : {};
  switch (fields.method) {
    case 'password':
    case 'cookie':
    case 'basic': {
      const keep = fields.keep_password;
      if (keep !== undefined && !KEEP_PASSWORD.includes(keep as KeepPassword))
        throw new BadRequestError('"keep_password" must be one of no, memory, disk.');
      return {
        method: fields.method,
        url,
        username: text('username'),
        password: text('password'),
        ...(keep === undefined ? {} : { keep_password: keep as KeepPassword }),
        ...extra,
      };
    }
    case 'token': {
      const refreshToken = optionalText('refresh_token');
      return {
        method: 'token',
        url,
        token: text('token'),
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        ...extra,
      };
    }
    case 'device': {
      const scopes = list('scopes');
      return { method: 'device', url, ...(scopes ? { scopes } : {}), ...extra };
    }
    case 'pkce': {
      const scopes = list('scopes');
      const redirectUri = parseServiceUrl(text('redirect_uri'), 'redirect_uri').toString();
      return { method: 'pkce', url, redirect_uri: redirectUri, ...(scopes ? { scopes } : {}), ...extra };
    }
    default:
      throw new BadRequestError('"method" must be one of password, cookie, basic, device, pkce, token.');
  }
}
