import { VobridgeClient } from './api/client.js';
import { describeError } from './api/errors.js';
import { LiveUpdates } from './api/events.js';
import type { BrokerEvent } from '@vobridge/sdk/broker';
import { LoginsModel } from './models/logins-model.js';
import { SessionsModel } from './models/sessions-model.js';

/** User settings of the extension (schema/plugin.json). */
export interface VobridgeSettings {
  /** Platform URLs offered in the login panel. */
  platforms: string[];
  /** Warn this many seconds before a token expires. */
  refreshMarginSeconds: number;
  /** What the launch dialog starts with (schema/plugin.json `launch`); anything the platform does not offer is ignored. */
  launch: LaunchDefaults;
}

/** The launch dialog's starting choices. */
export interface LaunchDefaults {
  platform?: string;
  type?: string;
  /** Image per session type, e.g. `{ "firefly": "images.canfar.net/skaha/firefly:2025.2" }`. */
  images?: Record<string, string>;
  cores?: number;
  ramGB?: number;
}

/** Defaults when the settings registry is not available (e.g. in tests). */
export const DEFAULT_SETTINGS: VobridgeSettings = { platforms: [], refreshMarginSeconds: 300, launch: {} };

/**
 * The state every view shares: the client, the logins and sessions models,
 * and the live updates that keep them current. Views only read the models
 * and call the client; this class decides when to reload. The broker's events
 * carry what changed (a login's new state, a platform's new listing), so the
 * page reloads only on (re)connection, when the stream is down, and when a
 * login comes or goes (the set of platforms changes).
 */
export class VobridgeService {
  readonly logins: LoginsModel;
  readonly sessions = new SessionsModel();
  readonly live: LiveUpdates;
  settings: VobridgeSettings;
  private _suggested: string[] = [];
  private _sessionsInFlight: Promise<void> | undefined;
  private _sessionsAgain = false;

  constructor(
    readonly client: VobridgeClient = new VobridgeClient(),
    settings: VobridgeSettings = DEFAULT_SETTINGS,
  ) {
    this.settings = settings;
    this.logins = new LoginsModel(settings.refreshMarginSeconds);
    this.live = new LiveUpdates(client.url('v1/events'));
    this.live.event.connect((_, event) => this._onEvent(event));
    this.live.resync.connect(() => void this.refresh());
  }

  /** Apply new settings. */
  configure(settings: VobridgeSettings): void {
    this.settings = settings;
    this.logins.refreshMarginSeconds = settings.refreshMarginSeconds;
  }

  /** Platform URLs to offer: the user's settings first, then the server's suggestions. */
  get platforms(): string[] {
    return [...new Set([...this.settings.platforms, ...this._suggested])];
  }

  /** Open the event stream and load everything once. */
  async start(): Promise<void> {
    this.live.start();
    await Promise.all([
      this.refresh(),
      this.client.suggestedPlatforms().then(
        (platforms) => (this._suggested = platforms),
        () => undefined, // an older server extension without suggestions: settings only
      ),
    ]);
  }

  /** Reload logins and sessions. */
  async refresh(): Promise<void> {
    await Promise.all([this.refreshLogins(), this.refreshSessions()]);
  }

  /** Reload the logins; failures leave the last state (the sessions view reports the broker being down). */
  async refreshLogins(): Promise<void> {
    try {
      this.logins.reset(await this.client.logins());
    } catch {
      // Shown by the sessions view's error; the login panel keeps what it had.
    }
  }

  /**
   * Reload the sessions. Calls that arrive while a listing is in flight are
   * folded into one more listing after it, so bursts of events cost two requests.
   */
  refreshSessions(): Promise<void> {
    if (this._sessionsInFlight) {
      this._sessionsAgain = true;
      return this._sessionsInFlight;
    }
    const run = async (): Promise<void> => {
      do {
        this._sessionsAgain = false;
        try {
          this.sessions.reset(await this.client.sessions());
        } catch (error) {
          this.sessions.fail(describeError(error));
        }
      } while (this._sessionsAgain);
      this._sessionsInFlight = undefined;
    };
    this._sessionsInFlight = run();
    return this._sessionsInFlight;
  }

  /** Stop live updates. */
  dispose(): void {
    this.live.dispose();
  }

  private _onEvent(event: BrokerEvent): void {
    if (event.type === 'sessions' && event.platform !== undefined && event.sessions !== undefined) {
      this.sessions.applyPlatform(event.platform, event.sessions);
      return;
    }
    const before = this._activePlatforms();
    this.logins.apply(event);
    // A login coming, going, or becoming usable changes which platforms are listed.
    if (event.type === 'login' && this._activePlatforms() !== before) void this.refreshSessions();
  }

  private _activePlatforms(): string {
    return this.logins.logins
      .filter((l) => l.state === 'active' || l.state === 'refreshing')
      .map((l) => l.platform)
      .sort()
      .join(' ');
  }
}
