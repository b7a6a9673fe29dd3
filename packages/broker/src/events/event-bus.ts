import type { BrokerErrorCode } from '../errors.js';
import type { PlatformSession } from '@vobridge/sdk/broker';
import type { LoginInfo } from '../logins/login.js';

/**
 * Events the broker emits (on `GET /v1/events` as server-sent events, the SSE
 * event name being `type`). They describe login state only: never a token,
 * refresh token or secret.
 *
 * - `login`: a login was created or changed state (`login` set), or removed (`login` absent).
 * - `expiring`: refreshing failed and the current token dies at `expires_at`.
 * - `refresh_failed`: a refresh failed; `error` is `login_required` when it never will work.
 * - `sessions`: the sessions of `platform` changed; `sessions` is its new listing (sent while someone listens).
 */
export type BrokerEvent =
  | { type: 'login'; id: string; login?: LoginInfo }
  | { type: 'expiring'; id: string; expires_at: number }
  | { type: 'refresh_failed'; id: string; error: BrokerErrorCode; message: string }
  | { type: 'sessions'; platform: string; sessions: PlatformSession[] };

/** Listener of broker events. */
export type BrokerEventListener = (event: BrokerEvent) => void;

/** Minimal synchronous fan-out; a throwing listener cannot break the others. */
export class EventBus {
  readonly #listeners = new Set<BrokerEventListener>();

  /** Register a listener; returns the function that unregisters it. */
  subscribe(listener: BrokerEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Deliver an event to every listener. */
  emit(event: BrokerEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (e.g. a closed stream) must not stop delivery to others.
      }
    }
  }
}
