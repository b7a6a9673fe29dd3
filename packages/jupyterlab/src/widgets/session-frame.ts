import { IFrame, MainAreaWidget } from '@jupyterlab/apputils';
import type { PlatformSession } from '@vobridge/sdk/broker';
import { externalUrl } from './external-window.js';
import { iconForType } from './icons.js';

/** Session types whose page is a viewer meant to sit beside the notebook (jupyter-firefly-extensions does the same). */
export const TAB_SESSION_TYPES: ReadonlySet<string> = new Set(['firefly', 'carta']);

/**
 * A session's page in a JupyterLab main-area tab. The frame is sandboxed
 * (its own origin only: it cannot reach into JupyterLab) and sends no
 * Referer; `url` is the platform's one-time login link, so the page opens
 * logged in without any token in JupyterLab.
 *
 * @returns `undefined` when `url` is not an http(s) address.
 */
export function createSessionFrame(session: PlatformSession, url: string): MainAreaWidget<IFrame> | undefined {
  const safe = externalUrl(url);
  if (safe === undefined) return undefined;
  const frame = new IFrame({
    sandbox: ['allow-scripts', 'allow-same-origin', 'allow-forms', 'allow-downloads', 'allow-popups'],
    referrerPolicy: 'no-referrer',
  });
  frame.url = safe;
  frame.addClass('vobridge-SessionFrame');
  const widget = new MainAreaWidget({ content: frame });
  widget.id = sessionFrameId(session);
  widget.title.label = session.name || session.id;
  widget.title.caption = `${session.type} session ${session.id} on ${session.platform}`;
  widget.title.icon = iconForType(session.type);
  widget.title.closable = true;
  widget.node.dataset.sessionId = session.id;
  return widget;
}

/** One tab per session: opening it again shows the tab already there. */
export function sessionFrameId(session: Pick<PlatformSession, 'platform' | 'id'>): string {
  return `vobridge-session-${encodeURIComponent(session.platform)}-${session.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
