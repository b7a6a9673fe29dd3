import { Widget } from '@lumino/widgets';
import { hostOf } from '../models/host.js';
import type { TokenHealth } from '../models/logins-model.js';
import type { VobridgeService } from '../service.js';

const HEALTH_TEXT: Readonly<Record<TokenHealth, string>> = {
  none: 'not logged in',
  ok: 'tokens OK',
  warning: 'token expiring soon',
  failed: 'token refresh failed — log in again',
};

/**
 * Status bar item: who is logged in where, and token health — amber before
 * a token expires, red when a refresh failed or a token expired.
 */
export class StatusItem extends Widget {
  private _ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly service: VobridgeService,
    onClick: () => void,
  ) {
    super();
    this.addClass('vobridge-StatusItem');
    this.node.setAttribute('role', 'button');
    this.node.addEventListener('click', onClick);
    service.logins.changed.connect(this.render, this);
    service.sessions.changed.connect(this.render, this);
    this.render();
  }

  /** Current health, as shown. */
  get health(): TokenHealth {
    return this.service.logins.health(Date.now());
  }

  /** Redraw from the model. */
  render(): void {
    const now = Date.now();
    const health = this.service.logins.health(now);
    const views = this.service.logins.views(now).filter((v) => v.login.state !== 'pending');
    const who = views.map((v) => `${v.login.user ?? '?'}@${hostOf(v.login.platform)}`);
    // A platform that cannot be reached is news even while its tokens are fine.
    const down = this.service.sessions.platforms.filter((p) => !p.ok).map((p) => hostOf(p.platform));
    const state =
      down.length > 0 && (health === 'ok' || health === 'warning')
        ? `${down.join(', ')} unreachable`
        : HEALTH_TEXT[health];
    this.node.textContent = `vobridge: ${who.length ? `${who.join(', ')} · ` : ''}${state}`;
    this.node.dataset.platforms = down.length > 0 ? 'down' : 'ok';
    this.toggleClass('vobridge-platform-down', down.length > 0);
    this.node.title = views.length
      ? views
          .map(
            (v) =>
              `${v.login.user ?? '?'} @ ${v.login.platform}: ${v.problem ?? `token ${v.remaining.level === 'expired' ? 'expired' : `expires in ${v.remaining.text}`}`}`,
          )
          .join('\n')
      : 'vobridge: click to log in';
    this.node.dataset.health = health;
    for (const level of Object.keys(HEALTH_TEXT)) this.removeClass(`vobridge-health-${level}`);
    this.addClass(`vobridge-health-${health}`);
  }

  protected override onAfterAttach(): void {
    this._ticker = setInterval(() => this.render(), 5_000);
  }

  protected override onBeforeDetach(): void {
    clearInterval(this._ticker);
  }
}
