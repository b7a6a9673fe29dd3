// Time to the first frame that paints a list of sessions, measured inside the
// page: each function here runs in the browser (playwright's page.evaluate),
// so it may use only the DOM and what is passed to it. "Painted" is taken as
// a task posted from the frame that attached the rows: it runs once that
// frame's rendering (style, layout, paint) is done.

/** One measurement: ms from the action to the painted frame, and rows in the DOM then. */
export interface Painted {
  ms: number;
  rows: number;
  /** Elements under the list's container: what the browser lays out. */
  elements: number;
}

/** What the in-page functions are given: selectors of the sidebar's parts. */
export interface SidebarSelectors {
  panel: string;
  tab: string;
  refresh: string;
  status: string;
  scroller: string;
  row: string;
  sessionRow: string;
}

/**
 * Clicks the sidebar's refresh button and resolves on the first painted frame
 * with session rows attached after the new listing arrived (the status line
 * is rewritten when it does, before the rows are rendered in the next frame).
 */
export function sidebarRefresh(s: SidebarSelectors): Promise<Painted> {
  return new Promise((resolve) => {
    const panel = document.querySelector(s.panel) as HTMLElement;
    const status = panel.querySelector(s.status) as HTMLElement;
    const scroller = panel.querySelector(s.scroller) as HTMLElement;
    let listed = false;
    const start = performance.now();
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (status.contains(record.target)) listed = true;
        else if (listed && [...record.addedNodes].some((n) => n instanceof Element && n.matches(s.sessionRow))) {
          observer.disconnect();
          const channel = new MessageChannel();
          channel.port1.onmessage = () =>
            resolve({
              ms: performance.now() - start,
              rows: scroller.querySelectorAll(s.row).length,
              elements: scroller.querySelectorAll('*').length,
            });
          channel.port2.postMessage(null);
          return;
        }
      }
    });
    observer.observe(panel, { childList: true, subtree: true, characterData: true });
    (panel.querySelector(s.refresh) as HTMLElement).click();
  });
}

/**
 * Presses the sidebar's tab (the list already loaded; Lumino selects a tab on
 * `pointerdown`) and resolves on the first painted frame with session rows.
 */
export function sidebarOpen(s: SidebarSelectors): Promise<Painted> {
  return new Promise((resolve, reject) => {
    const panel = document.querySelector(s.panel) as HTMLElement;
    const scroller = panel.querySelector(s.scroller) as HTMLElement;
    const tab = (document.querySelector(s.tab) as HTMLElement).getBoundingClientRect();
    const at = { bubbles: true, button: 0, clientX: tab.x + tab.width / 2, clientY: tab.y + tab.height / 2 };
    const start = performance.now();
    const observer = new MutationObserver((records) => {
      if (!records.some((r) => [...r.addedNodes].some((n) => n instanceof Element && n.matches(s.sessionRow)))) return;
      observer.disconnect();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const ms = performance.now() - start;
        // Rows rendered while the panel was still hidden would not be the frame we want.
        if (panel.offsetParent === null) reject(new Error('the sessions panel did not open'));
        else
          resolve({
            ms,
            rows: scroller.querySelectorAll(s.row).length,
            elements: scroller.querySelectorAll('*').length,
          });
      };
      channel.port2.postMessage(null);
    });
    observer.observe(scroller, { childList: true, subtree: true });
    document.querySelector(s.tab)?.dispatchEvent(new PointerEvent('pointerdown', at));
    document.dispatchEvent(new PointerEvent('pointerup', at));
  });
}

/**
 * The naive peer: one plain `<table>` row per session, every row in the DOM,
 * in a scrolling box the size of the sidebar. With `url`, the listing is
 * fetched and parsed inside the timing (as the refresh does); with `body`, it
 * is parsed before it (as when the list is already loaded).
 */
export async function naiveTable(args: {
  url?: string;
  body?: string;
  width: number;
  height: number;
}): Promise<Painted> {
  type Listing = {
    sessions: { id: string; name?: string; type?: string; status?: string; expiryTime?: string; platform: string }[];
  };
  // Already loaded means already parsed, as the sidebar's model holds it.
  const loaded = args.body === undefined ? undefined : (JSON.parse(args.body) as Listing);
  const start = performance.now();
  const listing = loaded ?? (JSON.parse(await (await fetch(args.url ?? '')).text()) as Listing);
  const box = document.createElement('div');
  box.style.cssText = `position:fixed;left:0;top:0;width:${args.width}px;height:${args.height}px;overflow:auto;background:#fff;z-index:100000;font:13px sans-serif`;
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const title of ['name', 'type', 'status', 'expires', 'id', 'platform']) {
    head.appendChild(document.createElement('th')).textContent = title;
  }
  const body = table.createTBody();
  for (const s of listing.sessions) {
    const row = body.insertRow();
    for (const value of [s.name, s.type, s.status, s.expiryTime, s.id, s.platform]) {
      row.insertCell().textContent = value ?? '';
    }
  }
  box.appendChild(table);
  document.body.appendChild(box);
  await new Promise<void>((painted) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => painted();
      channel.port2.postMessage(null);
    }),
  );
  const result = { ms: performance.now() - start, rows: body.rows.length, elements: box.querySelectorAll('*').length };
  box.remove();
  return result;
}
