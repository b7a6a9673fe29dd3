import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { BrokerEvent } from '@vobridge/sdk/broker';
import { brokerEventTypeValues } from '@vobridge/sdk/openapi/broker';

const EVENT_TYPES: readonly BrokerEvent['type'][] = brokerEventTypeValues;

/**
 * Live updates from the broker: its server-sent events through the Jupyter
 * proxy, and, while that stream is down, a `poll` every few seconds (backing
 * off to a minute) so the views still catch up. `resync` fires whenever the
 * views should reload everything: on (re)connection and on every poll.
 */
export class LiveUpdates {
  private _source: EventSource | undefined;
  private _pollTimer: ReturnType<typeof setTimeout> | undefined;
  private _pollDelay: number;
  private readonly _event = new Signal<this, BrokerEvent>(this);
  private readonly _resync = new Signal<this, void>(this);
  private _disposed = false;

  /**
   * @param url the proxied `/vobridge/v1/events` URL.
   * @param pollSeconds first polling interval while the stream is down.
   */
  constructor(
    private readonly url: string,
    private readonly pollSeconds = 5,
  ) {
    this._pollDelay = pollSeconds;
  }

  /** One broker event. */
  get event(): ISignal<this, BrokerEvent> {
    return this._event;
  }

  /** Reload everything (stream (re)connected, or a fallback poll). */
  get resync(): ISignal<this, void> {
    return this._resync;
  }

  /** Whether the event stream is open right now. */
  get streaming(): boolean {
    return this._source?.readyState === EventSource.OPEN;
  }

  /** Open the stream. */
  start(): void {
    if (this._disposed || this._source) return;
    // Same origin: the browser sends Jupyter's auth cookie with the stream.
    const source = new EventSource(withXsrf(this.url), { withCredentials: true });
    this._source = source;
    source.onopen = () => {
      this._stopPolling();
      this._resync.emit();
    };
    source.onerror = () => this._startPolling();
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => this._onMessage(message as MessageEvent<string>));
    }
  }

  /** Close the stream and stop polling. */
  dispose(): void {
    this._disposed = true;
    this._source?.close();
    this._source = undefined;
    this._stopPolling();
    Signal.clearData(this);
  }

  private _onMessage(message: MessageEvent<string>): void {
    try {
      const data = JSON.parse(message.data) as BrokerEvent;
      if (EVENT_TYPES.includes(data.type)) this._event.emit(data);
    } catch {
      // A malformed event is dropped; the next resync corrects any drift.
    }
  }

  private _startPolling(): void {
    if (this._pollTimer !== undefined || this._disposed) return;
    const tick = () => {
      this._resync.emit();
      this._pollDelay = Math.min(this._pollDelay * 2, 60);
      this._pollTimer = setTimeout(tick, this._pollDelay * 1000);
    };
    this._pollTimer = setTimeout(tick, this._pollDelay * 1000);
  }

  private _stopPolling(): void {
    if (this._pollTimer !== undefined) clearTimeout(this._pollTimer);
    this._pollTimer = undefined;
    this._pollDelay = this.pollSeconds;
  }
}

/**
 * The stream's URL with Jupyter's XSRF token. JupyterHub's single-user servers
 * refuse cookie-authenticated `cors` requests without one, and an EventSource
 * cannot send the header; JupyterHub's own progress stream passes it the same
 * way (the token guards against cross-site requests; it is not a credential).
 */
function withXsrf(url: string): string {
  const token = /(?:^|;\s*)_xsrf=([^;]*)/.exec(document.cookie)?.[1];
  if (!token) return url;
  const withToken = new URL(url, window.location.href);
  withToken.searchParams.set('_xsrf', decodeURIComponent(token));
  return withToken.toString();
}
