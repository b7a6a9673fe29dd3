import type { CommandRegistry } from '@lumino/commands';
import { hostOf } from '../models/host.js';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import type { PlatformSession } from '@vobridge/sdk/broker';
import { isoToEpoch, remaining } from '../models/expiry.js';
import type { SessionRow } from '../models/sessions-model.js';
import type { VobridgeService } from '../service.js';
import { CommandIDs } from '../command-ids.js';
import type { SessionRef } from '../models/session-ref.js';
import {
  codeIcon,
  copyIcon,
  deleteIcon,
  historyIcon,
  launchIcon,
  tabIcon,
  type LabIcon,
} from '@jupyterlab/ui-components';
import { sessionActions, type SessionAction } from '../models/session-actions.js';
import { h } from './dom.js';
import { iconForType, sessionsIcon } from './icons.js';
import { TAB_SESSION_TYPES } from './session-frame.js';

/** The row's icon buttons, in order: what each runs and how it is shown. */
const ROW_ACTIONS: readonly { action: SessionAction; name: string; icon: LabIcon; command: string; title: string }[] = [
  { action: 'open', name: 'open', icon: tabIcon, command: CommandIDs.openSession, title: 'Open in JupyterLab' },
  {
    action: 'openInBrowser',
    name: 'open-browser',
    icon: launchIcon,
    command: CommandIDs.openSessionInBrowser,
    title: 'Open in a browser tab',
  },
  { action: 'copy', name: 'copy', icon: copyIcon, command: CommandIDs.copySessionUrl, title: 'Copy the session URL' },
  {
    action: 'insert',
    name: 'insert',
    icon: codeIcon,
    command: CommandIDs.insertSnippet,
    title: 'Insert a connect snippet into the notebook',
  },
  {
    action: 'renew',
    name: 'renew',
    icon: historyIcon,
    command: CommandIDs.renewSession,
    title: 'Renew: push its end back',
  },
  {
    action: 'delete',
    name: 'delete',
    icon: deleteIcon,
    command: CommandIDs.deleteSession,
    title: 'Delete the session',
  },
];

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
      case 'platform-down': {
        const others = this.service.sessions.platforms.some((p) => p.platform !== row.platform && p.ok);
        return h(
          'div',
          {
            className: 'vobridge-row vobridge-row-down',
            attrs: { role: 'alert', title: `${row.platform}: ${row.error}` },
          },
          h('span', {
            text: others
              ? `${hostOf(row.platform)} cannot be reached right now; sessions of your other platforms are shown.`
              : `${hostOf(row.platform)} cannot be reached right now; its sessions show again once it answers.`,
          }),
        );
      }
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
    const allowed = sessionActions(session);
    const buttons = ROW_ACTIONS.filter(
      // One "open" button: in JupyterLab for viewers, in the browser for the rest (both stay in the menu).
      (a) =>
        allowed.includes(a.action) &&
        !(a.action === 'open' && !TAB_SESSION_TYPES.has(session.type)) &&
        !(a.action === 'openInBrowser' && TAB_SESSION_TYPES.has(session.type)),
    ).map(({ name, icon, command, title }) =>
      h(
        'button',
        {
          className: `jp-Button jp-mod-minimal vobridge-action vobridge-action-${name}`,
          title,
          attrs: { 'aria-label': title, type: 'button' },
          on: {
            click: (event) => {
              event.stopPropagation();
              void this.commands.execute(command, { ...ref });
            },
          },
        },
        icon.element({ tag: 'span', className: 'vobridge-action-icon' }),
      ),
    );
    const status = session.status ?? 'Unknown';
    const ends = left.level === 'unknown' ? 'no end set' : left.level === 'expired' ? 'ended' : `ends in ${left.text}`;
    const select = () => {
      this._selected = ref;
      this._schedule();
    };
    return h(
      'div',
      {
        className: `vobridge-row vobridge-row-session vobridge-status-${status.toLowerCase()}${selected ? ' vobridge-mod-selected' : ''}`,
        attrs: {
          'data-session-id': session.id,
          'data-platform': session.platform,
          'data-type': session.type,
          tabindex: '0',
          title: `${session.name || session.id} (${session.type}, ${status}, ${ends})\n${session.id} on ${session.platform}`,
        },
        // Right-click selects the row, so the context menu's commands act on it.
        on: { click: select, contextmenu: select },
      },
      h(
        'div',
        { className: 'vobridge-session-line' },
        iconForType(session.type).element({ tag: 'span', className: 'vobridge-type-icon' }),
        h('span', { className: 'vobridge-session-name', text: session.name || session.id }),
        h('div', { className: 'vobridge-session-actions' }, ...buttons),
      ),
      h(
        'div',
        { className: 'vobridge-session-line vobridge-session-details' },
        h('span', { className: `vobridge-session-status vobridge-status-${status.toLowerCase()}`, text: status }),
        h('span', { className: `vobridge-session-meta vobridge-expiry-${left.level}`, text: ends }),
        h('span', { className: 'vobridge-session-host', text: hostOf(session.platform) }),
      ),
    );
  }
}
