import type { PlatformSession } from '@vobridge/sdk/broker';

/** What can be done with a session in the sidebar, its context menu and the palette. */
export type SessionAction = 'open' | 'openInBrowser' | 'copy' | 'insert' | 'renew' | 'delete';

// The SDK's `sessionEnded` list; importing it from the SDK's root would pull 130 KB more into the page.
const ENDED = new Set(['Succeeded', 'Completed', 'Failed', 'Error', 'Terminating']);

/**
 * The actions that make sense for a session in its current state: a page to
 * open or copy only once it runs and has one, renewal only while it has not
 * ended (a headless job ends by itself), deletion always.
 */
export function sessionActions(session: Pick<PlatformSession, 'status' | 'type' | 'connectURL'>): SessionAction[] {
  const actions: SessionAction[] = [];
  const running = session.status === 'Running';
  const hasPage = running && session.type !== 'headless' && Boolean(session.connectURL);
  if (hasPage) actions.push('open', 'openInBrowser', 'copy');
  if (running) actions.push('insert');
  if (!ENDED.has(session.status ?? '') && session.type !== 'headless') actions.push('renew');
  actions.push('delete');
  return actions;
}
