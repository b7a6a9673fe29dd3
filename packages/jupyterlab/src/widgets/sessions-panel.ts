import type { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import type { PlatformSession } from '@vobridge/sdk/broker';
import { isoToEpoch, remaining } from '../models/expiry.js';
import type { SessionRow } from '../models/sessions-model.js';
import type { VobridgeService } from '../service.js';
import { CommandIDs } from '../command-ids.js';
import type { SessionRef } from '../models/session-ref.js';
import { h } from './dom.js';
import { iconForType, sessionsIcon } from './icons.js';

/** Row heights in pixels by kind; fixed per kind so the virtual list can place rows without measuring. */
export const ROW_HEIGHTS: Readonly<Record<SessionRow['kind'], number>> = {
  'platform-down': 40,
  group: 28,
  session: 56,
};
// Rows rendered beyond the visible ones, so fast scrolling does not show gaps.
const OVERSCAN = 8;
// A session this close to its expiry is shown as a warning.
const SESSION_WARNING_SECONDS = 30 * 60;

const TYPE_LABELS: Readonly<Record<string, string>> = {
  firefly: 'Firefly',
  carta: 'CARTA',
  notebook: 'Notebooks',
  desktop: 'Desktops',
  headless: 'Headless jobs',
  contributed: 'Contributed',
};

/** Index of the row that contains pixel `y` (binary search over the row tops). */
function rowAt(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= y) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

/**
 * Sessions sidebar: every session of every logged-in platform, grouped by
 * type, each with its status, expiry and actions. Only the rows in view are
 * in the DOM, so 1 000 sessions cost what 20 do.
 */
export class SessionsPanel extends Widget {
  private readonly _scroller: HTMLElement;
  private readonly _spacer: HTMLElement;
  private readonly _status: HTMLElement;
  private _frame = 0;
  private _ticker: ReturnType<typeof setInterval> | undefined;
  private _selected: SessionRef | undefined;
  private _offsets: number[] = [0];
  private _offsetsFor: readonly SessionRow[] | undefined;

  constructor(
    private readonly service: VobridgeService,
    private readonly commands: CommandRegistry,
  ) {
    super();
    this.id = 'vobridge-sessions';
    this.addClass('vobridge-SessionsPanel');
    this.title.icon = sessionsIcon;
    this.title.caption = 'vobridge: sessions';

    const toolbar = h(
      'div',
      { className: 'vobridge-toolbar' },
      h('button', {
        className: 'jp-mod-styled jp-mod-accept vobridge-launch',
        text: 'Launch…',
        on: { click: () => void this.commands.execute(CommandIDs.launchSession) },
      }),
      h('button', {
        className: 'jp-mod-styled vobridge-refresh',
        text: 'Refresh',
        on: { click: () => void this.commands.execute(CommandIDs.refreshSessions) },
      }),
    );
    this._status = h('div', { className: 'vobridge-sessions-status', attrs: { role: 'status' } });
    this._spacer = h('div', { className: 'vobridge-sessions-spacer' });
    this._scroller = h(
      'div',
      { className: 'vobridge-sessions-scroll', on: { scroll: () => this._schedule() } },
      this._spacer,
    );
    this.node.append(
      h('h2', { className: 'vobridge-heading', text: 'Sessions' }),
      toolbar,
      this._status,
      this._scroller,
    );
    service.sessions.changed.connect(this._onModelChanged, this);
  }

  /** The session picked by clicking its row, for commands run from the palette. */
  get selected(): SessionRef | undefined {
    return this._selected;
  }

  protected override onAfterAttach(_msg: Message): void {
    this._schedule();
    this._ticker = setInterval(() => this._schedule(), 15_000);
  }

  protected override onBeforeDetach(_msg: Message): void {
    clearInterval(this._ticker);
  }

  protected override onResize(_msg: Widget.ResizeMessage): void {
    this._schedule();
  }

  protected override onAfterShow(_msg: Message): void {
    this._schedule();
  }

  override dispose(): void {
    clearInterval(this._ticker);
    cancelAnimationFrame(this._frame);
    super.dispose();
  }

  private _onModelChanged(): void {
    const model = this.service.sessions;
    const count = model.sessions.length;
    const parts: string[] = [];
    if (model.error) parts.push(`Could not list sessions: ${model.error}`);
    else if (count === 0 && model.platforms.length === 0) parts.push('Log in to a platform to see its sessions.');
    else
      parts.push(
        `${count} session${count === 1 ? '' : 's'} on ${model.platforms.length} platform${model.platforms.length === 1 ? '' : 's'}`,
      );
    this._status.textContent = parts.join(' ');
    this._status.classList.toggle('vobridge-mod-error', Boolean(model.error));
    if (this._selected && !model.find(this._selected.platform, this._selected.id)) this._selected = undefined;
    this._schedule();
  }

  private _schedule(): void {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._render();
    });
  }

  private _render(): void {
    const rows = this.service.sessions.rows;
    if (rows !== this._offsetsFor) {
      // offsets[i] is the top of row i; offsets[rows.length] the total height.
      this._offsets = new Array<number>(rows.length + 1);
      this._offsets[0] = 0;
      rows.forEach((row, i) => (this._offsets[i + 1] = this._offsets[i]! + ROW_HEIGHTS[row.kind]));
      this._offsetsFor = rows;
    }
    const offsets = this._offsets;
    this._spacer.style.height = `${offsets[rows.length]}px`;
    const top = this._scroller.scrollTop;
    // Before the first layout the height is 0: render one screenful anyway.
    const bottom = top + (this._scroller.clientHeight || 800);
    const first = Math.max(0, rowAt(offsets, top) - OVERSCAN);
    const last = Math.min(rows.length, rowAt(offsets, bottom) + 1 + OVERSCAN);
    const now = Date.now();
    const nodes: HTMLElement[] = [];
    for (let index = first; index < last; index++) {
      const row = rows[index]!;
      const node = this._renderRow(row, now);
      node.style.top = `${offsets[index]}px`;
      node.style.height = `${ROW_HEIGHTS[row.kind]}px`;
      nodes.push(node);
    }
    this._spacer.replaceChildren(...nodes);
  }

  private _renderRow(row: SessionRow, now: number): HTMLElement {
    switch (row.kind) {
      case 'platform-down':
        return h(
          'div',
          { className: 'vobridge-row vobridge-row-down', attrs: { role: 'alert' } },
          h('span', { text: `${row.platform} is unavailable (${row.error}); other platforms are shown.` }),
        );
      case 'group':
        return h(
          'div',
          { className: 'vobridge-row vobridge-row-group', attrs: { 'data-type': row.type } },
          iconForType(row.type).element({ tag: 'span', className: 'vobridge-type-icon' }),
          h('span', { text: `${TYPE_LABELS[row.type] ?? row.type} (${row.count})` }),
        );
      case 'session':
        return this._renderSession(row.session, now);
    }
  }

  private _renderSession(session: PlatformSession, now: number): HTMLElement {
    const left = remaining(isoToEpoch(session.expiryTime), now, SESSION_WARNING_SECONDS);
    const ref = { platform: session.platform, id: session.id };
    const selected = this._selected?.platform === ref.platform && this._selected.id === ref.id;
    const action = (name: string, label: string, command: string, title: string) =>
      h('button', {
        className: `vobridge-action vobridge-action-${name}`,
        text: label,
        title,
        on: {
          click: (event) => {
            event.stopPropagation();
            void this.commands.execute(command, { ...ref });
          },
        },
      });
    const status = (session.status ?? 'Unknown').toLowerCase();
    return h(
      'div',
      {
        className: `vobridge-row vobridge-row-session vobridge-status-${status}${selected ? ' vobridge-mod-selected' : ''}`,
        attrs: { 'data-session-id': session.id, 'data-platform': session.platform, 'data-type': session.type },
        on: {
          click: () => {
            this._selected = ref;
            this._schedule();
          },
        },
      },
      h(
        'div',
        { className: 'vobridge-session-line' },
        iconForType(session.type).element({ tag: 'span', className: 'vobridge-type-icon' }),
        h('span', {
          className: 'vobridge-session-name',
          text: session.name || session.id,
          title: `${session.id} on ${session.platform}`,
        }),
        h('span', {
          className: `vobridge-session-meta vobridge-expiry-${left.level}`,
          text: `${session.status ?? 'Unknown'} · ${left.level === 'unknown' ? 'no expiry' : left.level === 'expired' ? 'expired' : `${left.text} left`}`,
        }),
      ),
      h(
        'div',
        { className: 'vobridge-session-actions' },
        action('open', 'Open', CommandIDs.openSession, 'Open in a new browser tab'),
        action('copy', 'Copy', CommandIDs.copySessionUrl, 'Copy the session URL'),
        action('insert', 'Insert', CommandIDs.insertSnippet, 'Insert a connect snippet into the active notebook'),
        action('renew', 'Renew', CommandIDs.renewSession, 'Extend the session’s lifetime'),
        action('delete', 'Delete', CommandIDs.deleteSession, 'Delete the session'),
      ),
    );
  }
}
