import type { PlatformSession } from '@vobridge/sdk/broker';
import type { LoginRegistry } from '../logins/registry.js';
import type { PlatformClient, PresentedCredential } from '../platform/platform-client.js';
import type { EventBus } from './event-bus.js';

/** Statuses a session passes through on its way to running or gone: worth a quicker look. */
const TRANSITIONAL = new Set(['Pending', 'Terminating']);
/** How soon to look again while a session is starting or stopping. */
const TRANSITION_MS = 2_000;

/**
 * While someone listens to the event stream, lists the sessions of every
 * logged-in platform every `intervalMs` (every 2 s while a session starts or
 * stops) and emits a `sessions` event, with that platform's new listing, for
 * each platform whose sessions changed (appeared, went, changed status or
 * expiry). A page then updates from the event alone: the broker is the one
 * place that polls platforms. Nothing runs while nobody listens.
 */
export class SessionsWatch {
  readonly #logins: LoginRegistry;
  readonly #client: PlatformClient;
  readonly #bus: EventBus;
  readonly #intervalMs: number;
  readonly #last = new Map<string, string>();
  #listeners = 0;
  #timer?: NodeJS.Timeout;
  #polling?: Promise<void>;
  #again = false;

  constructor(logins: LoginRegistry, client: PlatformClient, bus: EventBus, intervalMs: number) {
    this.#logins = logins;
    this.#client = client;
    this.#bus = bus;
    this.#intervalMs = intervalMs;
  }

  /** An event stream opened. */
  listen(): void {
    this.#listeners += 1;
    if (this.#listeners === 1 && this.#intervalMs > 0) void this.#poll();
  }

  /** An event stream closed. */
  unlisten(): void {
    this.#listeners = Math.max(0, this.#listeners - 1);
    if (this.#listeners === 0) this.stop();
  }

  /** Sessions were just changed through the broker: look now rather than at the next tick. */
  changed(): void {
    if (this.#listeners > 0 && this.#intervalMs > 0) void this.#poll();
  }

  /** Stop polling and forget what was seen. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#last.clear();
  }

  #poll(): Promise<void> {
    // One poll at a time; a request for another while one runs is folded into one more after it.
    if (this.#polling) {
      this.#again = true;
      return this.#polling;
    }
    clearTimeout(this.#timer);
    this.#polling = this.#pollOnce().finally(() => {
      this.#polling = undefined;
      if (this.#listeners === 0) return;
      if (this.#again) {
        this.#again = false;
        void this.#poll();
      }
    });
    return this.#polling;
  }

  async #pollOnce(): Promise<void> {
    let transitional = false;
    try {
      const sources: { platform: string; credential: PresentedCredential }[] = [];
      for (const login of this.#logins.established().filter((l) => l.active)) {
        const credential = await login.credential(60).catch(() => undefined);
        if (credential) sources.push({ platform: login.platform, credential });
      }
      const listing = await this.#client.listSessions(sources);
      transitional = listing.sessions.some((s) => TRANSITIONAL.has(s.status));
      for (const { platform, ok } of listing.platforms) {
        if (!ok) continue;
        const sessions: PlatformSession[] = listing.sessions.filter((s) => s.platform === platform);
        const digest = JSON.stringify(
          sessions.map((s) => [s.id, s.status, s.expiryTime]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        );
        const before = this.#last.get(platform);
        this.#last.set(platform, digest);
        if (before !== undefined && before !== digest && this.#listeners > 0)
          this.#bus.emit({ type: 'sessions', platform, sessions });
      }
    } catch {
      // The next poll tries again; failures of a platform show on GET /v1/sessions.
    } finally {
      if (this.#listeners > 0) {
        this.#timer = setTimeout(
          () => void this.#poll(),
          transitional ? Math.min(TRANSITION_MS, this.#intervalMs) : this.#intervalMs,
        );
        this.#timer.unref();
      }
    }
  }
}
