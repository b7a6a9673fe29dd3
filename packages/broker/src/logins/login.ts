import { randomUUID } from 'node:crypto';
import { BrokerError, LoginRequiredError, PlatformUnreachableError } from '../errors.js';
import {
  RenewalRefusedError,
  type Grant,
  type PlatformServices,
  type PresentedCredential,
  type Renewal,
  type TokenType,
} from '../platform/platform-client.js';
import type { LoginScope } from './scope.js';
import { freshEnough, renewalDueAt, type IssuedToken } from '@vobridge/sdk';
import type { BrokerLogin as BrokerLoginWire } from '@vobridge/sdk/broker';

/** How a login was made (the spec's `LoginMethod`). */
export type LoginMethod = BrokerLoginWire['method'];

/**
 * Lifecycle of a login (the spec's `LoginState`): `pending` until the user
 * finishes a device or PKCE flow; `active` while a valid token exists or can be
 * obtained; `refreshing` while a renewal is in flight (the old token is still
 * served); `expired` once the token is dead and cannot be renewed; `failed`
 * when the flow itself failed.
 */
export type LoginState = BrokerLoginWire['state'];

/**
 * Public description of a login, as `GET /v1/logins` lists it: the spec's
 * `Login`, with the fields the broker always fills made required. Never
 * contains a token.
 */
export interface LoginInfo extends BrokerLoginWire {
  domains: string[];
  expires_at: number;
  refreshable: boolean;
  renews_with: NonNullable<BrokerLoginWire['renews_with']>;
  created_at: string;
}

/** Callbacks a login reports its state changes through. */
export interface LoginHooks {
  renew(renewal: Renewal): Promise<{ token: IssuedToken; renewal: Renewal }>;
  refreshed(login: Login): void;
  refreshFailed(login: Login, reason: string, retryIn?: number): void;
  expired(login: Login, reason: string): void;
}

/** Backoff after failed refreshes: 1 s, doubling, at most this. */
const MAX_BACKOFF_MS = 60_000;

/**
 * How often a login through JupyterHub asks again after the platform refused
 * to renew it: the user fixes that by logging in again at the hub, which the
 * broker cannot see, so it asks.
 */
const HUB_RETRY_MS = 15_000;

/**
 * One login: its current token, the material to renew it, and its refresh
 * schedule. Refreshes are proactive (at 75 % of the lifetime), single-flight
 * (concurrent callers share one renewal), back off on failure, and never
 * replace a still-valid token with nothing.
 */
export class Login {
  readonly id: string;
  readonly method: LoginMethod;
  readonly platform: string;
  readonly createdAt: Date;
  #scope: LoginScope;
  #state: LoginState;
  #token?: IssuedToken;
  #renewal: Renewal = { kind: 'none' };
  #services: PlatformServices = {};
  #user?: string;
  #reason?: string;
  #hooks: LoginHooks;
  #inflight?: Promise<void>;
  #refreshing = false;
  #timer?: NodeJS.Timeout;
  #failures = 0;
  #lastFailure?: string;
  #permanentFailure?: string;
  #retryTimer?: NodeJS.Timeout;
  #disposed = false;

  constructor(init: {
    method: LoginMethod;
    platform: string;
    scope: LoginScope;
    hooks: LoginHooks;
    id?: string;
    createdAt?: Date;
  }) {
    this.id = init.id ?? randomUUID();
    this.method = init.method;
    this.platform = init.platform;
    this.createdAt = init.createdAt ?? new Date();
    this.#scope = init.scope;
    this.#hooks = init.hooks;
    this.#state = 'pending';
  }

  /** Current state. */
  get state(): LoginState {
    return this.#refreshing && this.#state === 'active' ? 'refreshing' : this.#state;
  }

  /** True once the login holds a token (active, refreshing or expired), i.e. it can answer token requests. */
  get established(): boolean {
    return this.#state === 'active' || this.#state === 'expired';
  }

  /** True while the login's token is usable or renewable. */
  get active(): boolean {
    return this.#state === 'active';
  }

  /** Where the token may be sent. */
  get scope(): LoginScope {
    return this.#scope;
  }

  /** User name, once known. */
  get user(): string | undefined {
    return this.#user;
  }

  /** How this login's credential is sent: a cookie login's cookies, a Basic login's password, else a bearer token. */
  get tokenType(): TokenType {
    return this.method === 'cookie' ? 'Cookie' : this.method === 'basic' ? 'Basic' : 'Bearer';
  }

  /** A credential valid `minValidSeconds` longer, as it is sent (see {@link token}). */
  async credential(minValidSeconds: number): Promise<PresentedCredential> {
    return { type: this.tokenType, value: (await this.token(minValidSeconds)).accessToken };
  }

  /** Where the platform's services are, as its registry said at login. */
  get services(): PlatformServices {
    return this.#services;
  }

  /** Renewal material (for encrypted persistence only). */
  get renewal(): Renewal {
    return this.#renewal;
  }

  /** The current token (for encrypted persistence and the token file sink only). */
  get currentToken(): IssuedToken | undefined {
    return this.#token;
  }

  /** Complete the login with its first grant and start the refresh schedule. */
  activate(grant: Grant): void {
    if (this.#disposed) return;
    this.#scope = { origins: [...new Set([...this.#scope.origins, ...grant.origins])], domains: this.#scope.domains };
    this.#services = { ...grant.services };
    this.#install(grant.token, grant.renewal);
  }

  /** Mark a pending flow as failed. */
  fail(reason: string): void {
    this.#state = 'failed';
    this.#reason = reason;
  }

  /**
   * A token valid for at least `minValidSeconds`, refreshing first when the
   * current one expires sooner. When a refresh fails, a token that is still
   * valid is returned anyway (its `expiresAt` tells the caller); a dead one
   * yields {@link LoginRequiredError} when the platform refused the renewal
   * for good, else {@link PlatformUnreachableError}: the login is kept and
   * renews once the platform answers again.
   */
  async token(minValidSeconds: number): Promise<IssuedToken> {
    const current = this.#token;
    if (current && freshEnough(current, minValidSeconds * 1000)) return current;
    if (!this.#permanentFailure) await this.refresh();
    const latest = this.#token;
    if (latest && remainingMs(latest) > 0) return latest;
    if (this.#permanentFailure)
      throw new LoginRequiredError(
        this.id,
        this.platform,
        this.#permanentFailure,
        this.#renewal.kind === 'hub' ? 'hub' : undefined,
      );
    throw new PlatformUnreachableError(
      `The token for ${this.platform} has expired and renewing it failed (${this.#lastFailure ?? 'no answer'}); the login is kept and renews once the platform answers again.`,
      { loginId: this.id, platform: this.platform },
    );
  }

  /** Renew now, sharing one renewal between concurrent callers. Resolves whether or not it worked. */
  refresh(): Promise<void> {
    this.#inflight ??= this.#renewOnce().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** Public description (no token). */
  info(): LoginInfo {
    const token = this.#token;
    return {
      id: this.id,
      method: this.method,
      state: this.state,
      platform: this.platform,
      ...(this.#user !== undefined ? { user: this.#user } : {}),
      scopes: [...(token?.scopes ?? [])],
      domains: [...this.#scope.origins.filter((origin) => origin !== this.platform), ...this.#scope.domains],
      ...(Object.keys(this.#services).length > 0 ? { services: { ...this.#services } } : {}),
      expires_at: token?.expiresAt === undefined ? 0 : Math.floor(token.expiresAt / 1000),
      refreshable: this.#renewal.kind !== 'none' && !this.#permanentFailure,
      renews_with: renewsWith(this.#renewal),
      created_at: this.createdAt.toISOString(),
      ...(this.#reason !== undefined ? { reason: this.#reason } : {}),
    };
  }

  /** Stop timers; the login is forgotten. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    clearInterval(this.#retryTimer);
  }

  #install(token: IssuedToken, renewal: Renewal): void {
    this.#token = token;
    this.#renewal = renewal;
    this.#user = token.user ?? this.#user;
    this.#state = 'active';
    this.#reason = undefined;
    this.#failures = 0;
    this.#lastFailure = undefined;
    this.#permanentFailure = undefined;
    clearInterval(this.#retryTimer);
    this.#retryTimer = undefined;
    const due = renewalDueAt(token);
    if (due !== undefined) this.#schedule(Math.max(0, due - Date.now()));
  }

  async #renewOnce(): Promise<void> {
    if (this.#disposed) return;
    let renewed: Awaited<ReturnType<LoginHooks['renew']>>;
    this.#refreshing = true;
    try {
      renewed = await this.#hooks.renew(this.#renewal);
    } catch (error) {
      this.#refreshing = false;
      if (this.#disposed) return;
      this.#renewFailed(error);
      return;
    }
    this.#refreshing = false;
    if (this.#disposed) return;
    this.#install(renewed.token, renewed.renewal);
    this.#hooks.refreshed(this);
  }

  #renewFailed(error: unknown): void {
    const reason = safeReason(error);
    if (error instanceof RenewalRefusedError) {
      this.#permanentFailure = reason;
      this.#hooks.refreshFailed(this, reason);
      this.#scheduleExpiry(reason);
      if (this.#renewal.kind === 'hub' && !this.#retryTimer) {
        this.#retryTimer = setInterval(() => void this.refresh(), HUB_RETRY_MS);
        this.#retryTimer.unref();
      }
      return;
    }
    this.#failures += 1;
    this.#lastFailure = reason;
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.#failures - 1));
    this.#hooks.refreshFailed(this, reason, Math.ceil(backoff / 1000));
    this.#schedule(backoff);
    const token = this.#token;
    if (!token || remainingMs(token) <= 0) this.#expire(reason);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh(), delayMs);
    // A pending refresh must not keep a stopping broker alive.
    this.#timer.unref();
  }

  #scheduleExpiry(reason: string): void {
    clearTimeout(this.#timer);
    const token = this.#token;
    const left = token ? remainingMs(token) : 0;
    if (left <= 0) {
      this.#expire(reason);
      return;
    }
    this.#timer = setTimeout(() => this.#expire(reason), left);
    this.#timer.unref();
  }

  #expire(reason: string): void {
    if (this.#state === 'expired' || this.#disposed) return;
    this.#state = 'expired';
    this.#reason = reason;
    this.#hooks.expired(this, reason);
  }
}

function remainingMs(token: IssuedToken): number {
  return token.expiresAt === undefined ? Number.POSITIVE_INFINITY : token.expiresAt - Date.now();
}

/**
 * Messages of the broker's own errors never contain credentials; a foreign
 * error (a parser quoting its input, say) might, so only its class is kept.
 */
function safeReason(error: unknown): string {
  if (error instanceof BrokerError || error instanceof RenewalRefusedError) return error.message;
  return `unexpected ${error instanceof Error ? error.name : 'error'}`;
}

function renewsWith(renewal: Renewal): LoginInfo['renews_with'] {
  switch (renewal.kind) {
    case 'refresh_token':
      return 'refresh_token';
    case 'password':
      return renewal.persist === true ? 'password_on_disk' : 'password_in_memory';
    case 'hub':
      return 'hub';
    case 'none':
      return 'none';
  }
}
