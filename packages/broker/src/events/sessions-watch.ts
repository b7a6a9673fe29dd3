import type { LoginRegistry } from '../logins/registry.js';
import type { PlatformClient } from '../platform/platform-client.js';
import type { EventBus } from './event-bus.js';

/**
 * While someone listens to the event stream, lists the sessions of every
 * logged-in platform every `intervalMs` and emits a `sessions` event for each
 * platform whose sessions changed (appeared, went, changed status or
 * expiry), so a sidebar can refresh without polling every platform itself.
 * Nothing runs while nobody listens.
 */
export class SessionsWatch {
  readonly #logins: LoginRegistry;
  readonly #client: PlatformClient;
  readonly #bus: EventBus;
  readonly #intervalMs: number;
  readonly #last = new Map<string, string>();
  #listeners = 0;
  #timer?: NodeJS.Timeout;
  #polling = false;

  constructor(logins: LoginRegistry, client: PlatformClient, bus: EventBus, intervalMs: number) {
    this.#logins = logins;
    this.#client = client;
    this.#bus = bus;
    this.#intervalMs = intervalMs;
  }

  /** An event stream opened. */
  listen(): void {
    this.#listeners += 1;
    if (this.#listeners === 1 && this.#intervalMs > 0) {
      void this.#poll();
      this.#timer = setInterval(() => void this.#poll(), this.#intervalMs);
      this.#timer.unref();
    }
  }

  /** An event stream closed. */
  unlisten(): void {
    this.#listeners = Math.max(0, this.#listeners - 1);
    if (this.#listeners === 0) this.stop();
  }

  /** Sessions were just changed through the broker: look now rather than at the next tick. */
  changed(): void {
    if (this.#timer !== undefined) void this.#poll();
  }

  /** Stop polling and forget what was seen. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#last.clear();
  }

  async #poll(): Promise<void> {
    // A slow platform must not pile up polls.
    if (this.#polling) return;
    this.#polling = true;
    try {
      const sources: { platform: string; token: string }[] = [];
      for (const login of this.#logins.established().filter((l) => l.active)) {
        const token = await login.token(60).catch(() => undefined);
        if (token) sources.push({ platform: login.platform, token: token.accessToken });
      }
      const listing = await this.#client.listSessions(sources);
      for (const { platform, ok } of listing.platforms) {
        if (!ok) continue;
        const digest = JSON.stringify(
          listing.sessions
            .filter((s) => s.platform === platform)
            .map((s) => [s.id, s.status, s.expiryTime])
            .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        );
        const before = this.#last.get(platform);
        this.#last.set(platform, digest);
        if (before !== undefined && before !== digest && this.#timer !== undefined)
          this.#bus.emit({ type: 'sessions', platform });
      }
    } catch {
      // The next poll tries again; failures of a platform show on GET /v1/sessions.
    } finally {
      this.#polling = false;
    }
  }
}
