import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { BrokerEvent, BrokerLogin } from '@vobridge/sdk/broker';
import { remaining } from './expiry.js';
import type { Remaining } from './expiry.js';

/** Overall token health shown by the status bar. */
export type TokenHealth = 'none' | 'ok' | 'warning' | 'failed';

/** A login with what the panel shows about it. */
export interface LoginView {
  login: BrokerLogin;
  remaining: Remaining;
  /** Plain-words reason of the last refresh failure, if the broker reported one. */
  problem: string | undefined;
}

/**
 * The broker's logins as the login panel and status bar see them: replaced
 * wholesale by a listing, patched by broker events, never holding a token.
 */
export class LoginsModel {
  private readonly _logins = new Map<string, BrokerLogin>();
  private readonly _problems = new Map<string, string>();
  private readonly _changed = new Signal<this, void>(this);

  /** @param refreshMarginSeconds warn when a token has fewer seconds left than this. */
  constructor(public refreshMarginSeconds = 300) {}

  /** Emitted whenever the set of logins or their state changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Logins in a stable order (platform, then user). */
  get logins(): BrokerLogin[] {
    return [...this._logins.values()].sort(
      (a, b) => a.platform.localeCompare(b.platform) || (a.user ?? '').localeCompare(b.user ?? ''),
    );
  }

  /** Replace every login with a fresh listing from the broker. */
  reset(logins: readonly BrokerLogin[]): void {
    this._logins.clear();
    for (const login of logins) this._logins.set(login.id, login);
    for (const id of this._problems.keys()) if (!this._logins.has(id)) this._problems.delete(id);
    this._changed.emit();
  }

  /** Apply one broker event; returns whether it concerned logins. */
  apply(event: BrokerEvent): boolean {
    switch (event.type) {
      case 'login':
        if (!event.id) return false;
        if (event.login) {
          this._logins.set(event.id, event.login);
          if (event.login.state === 'active') this._problems.delete(event.id);
        } else {
          this._logins.delete(event.id);
          this._problems.delete(event.id);
        }
        break;
      case 'expiring': {
        const login = event.id ? this._logins.get(event.id) : undefined;
        if (!login || event.expires_at === undefined) return false;
        this._logins.set(login.id, { ...login, expires_at: event.expires_at });
        break;
      }
      case 'refresh_failed':
        if (!event.id) return false;
        this._problems.set(event.id, event.message ?? event.error ?? 'token refresh failed');
        break;
      default:
        return false;
    }
    this._changed.emit();
    return true;
  }

  /** What the panel shows for each login at `nowMs`. */
  views(nowMs: number): LoginView[] {
    return this.logins.map((login) => ({
      login,
      remaining: remaining(login.expires_at, nowMs, this.refreshMarginSeconds),
      problem: this._problems.get(login.id) ?? (login.state === 'failed' ? 'login failed' : undefined),
    }));
  }

  /**
   * The worst health over all logins at `nowMs`: `failed` when a refresh
   * failed or a login expired, `warning` when a token is within the margin.
   */
  health(nowMs: number): TokenHealth {
    const views = this.views(nowMs).filter((v) => v.login.state !== 'pending');
    if (views.length === 0) return 'none';
    let health: TokenHealth = 'ok';
    for (const view of views) {
      const state = view.login.state;
      if (view.problem || state === 'expired' || state === 'failed' || view.remaining.level === 'expired') {
        return 'failed';
      }
      if (view.remaining.level === 'warning') health = 'warning';
    }
    return health;
  }
}
