// Sessions: listing 1 000 real sessions through the skaha API (the SDK's
// SessionsClient against the canfar Python client and curl), and the
// JupyterLab sidebar's time to the first painted frame of them in chromium
// (against a plain, non-virtualised table built from the same JSON).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { launchHeadlessJobs } from '@vobridge/platform/testing';
import { SessionsClient } from '@vobridge/sdk';
import { naiveTable, sidebarOpen, sidebarRefresh, type Painted, type SidebarSelectors } from '../lib/first-paint.js';
import { bearerFetch, brokerLogin, demoToken, PYTHON, run } from '../lib/http.js';
import { brokerRuntime, launchChromium, startJupyterLab } from '@vobridge/testing';
import { startPlatform, tempDir } from '../lib/processes.js';
import { compare, type BenchResult, type Comparison } from '../lib/result.js';
import { percentile, summarize } from '../lib/stats.js';
import type { BenchContext } from './context.js';

const SESSIONS = 1000;
/** The platform's cap on live sessions per user (LIMITS.maxSessions), which launchHeadlessJobs keeps to. */
const CONCURRENCY = 10;
/** Listings per repetition for the API clients; each repetition reports their median. */
const CALLS = 20;
/** Sidebar measurements per repetition. */
const PAINTS = 3;

const SIDEBAR: SidebarSelectors = {
  panel: '#vobridge-sessions',
  tab: 'li[data-id="vobridge-sessions"]',
  refresh: '#vobridge-sessions .vobridge-refresh',
  status: '#vobridge-sessions .vobridge-sessions-status',
  scroller: '#vobridge-sessions .vobridge-sessions-scroll',
  row: '.vobridge-row',
  sessionRow: '.vobridge-row-session',
};

/** Median ms per listing of `calls` in-process listings. */
async function sdkListing(client: SessionsClient, calls: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    const listed = await client.list();
    times.push(performance.now() - start);
    if (listed.length !== SESSIONS) throw new Error(`the SDK listed ${listed.length} sessions`);
  }
  return percentile(times, 50);
}

/** Median of curl's own time_total (its process start-up excluded) over `calls` listings. */
async function curlListing(url: string, token: string, calls: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const out = await run('curl', [
      '-sS',
      '-f',
      '-o',
      '/dev/null',
      '-w',
      '%{time_total}',
      '-H',
      `authorization: Bearer ${token}`,
      url,
    ]);
    times.push(Number(out) * 1000);
  }
  return percentile(times, 50);
}

/** Median ms per listing of `CALLS` listings by the canfar client, in one Python process (start-up not timed). */
async function canfarListing(skaha: string, token: string, home: string): Promise<number> {
  const [ms] = JSON.parse(
    await run(PYTHON, [new URL('../../py/sessions_list.py', import.meta.url).pathname], {
      HOME: home,
      CANFAR_URL: skaha,
      CANFAR_TOKEN: token,
      BENCH_EXPECT: String(SESSIONS),
      BENCH_REPS: '1',
      BENCH_CALLS: String(CALLS),
    }),
  ) as number[];
  if (ms === undefined) throw new Error('sessions_list.py printed no figure');
  return ms;
}

/** Alternates the sidebar and the naive table, `reps` × `PAINTS` each, on an open JupyterLab page. */
async function paints(page: Page, reps: number, listingUrl: string): Promise<Record<string, Painted[]>> {
  const box = await page.locator(SIDEBAR.scroller).boundingBox();
  const size = { width: Math.round(box?.width ?? 300), height: Math.round(box?.height ?? 700) };
  const body = await page.evaluate(async (url) => (await fetch(url)).text(), listingUrl);
  const out: Record<string, Painted[]> = { refresh: [], naiveFetch: [], open: [], naiveRender: [] };
  const otherTab = page.locator('li[data-id="filebrowser"]');
  for (let i = 0; i < reps * PAINTS; i++) {
    out.refresh!.push(await page.evaluate(sidebarRefresh, SIDEBAR));
    await sleep(200);
    out.naiveFetch!.push(await page.evaluate(naiveTable, { url: listingUrl, ...size }));
    await sleep(200);
    await otherTab.click();
    await page.locator(SIDEBAR.panel).waitFor({ state: 'hidden' });
    await sleep(200);
    out.open!.push(await page.evaluate(sidebarOpen, SIDEBAR));
    await sleep(200);
    out.naiveRender!.push(await page.evaluate(naiveTable, { body, ...size }));
    await sleep(200);
  }
  return out;
}

/** Runs the sessions benchmark. */
export async function sessions(ctx: BenchContext): Promise<BenchResult> {
  const dir = await tempDir('sessions');
  const platform = await startPlatform(join(dir.path, 'platform'));
  let lab: Awaited<ReturnType<typeof startJupyterLab>> | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    const token = await demoToken(platform.url);
    const skaha = `${platform.url}/skaha/v1`;
    const client = new SessionsClient({ baseUrl: skaha, fetch: bearerFetch(token) });
    const seedStart = performance.now();
    await launchHeadlessJobs(client, SESSIONS);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    // 1. The API listing.
    const listingUrl = `${skaha}/session`;
    const bytes = Buffer.byteLength(await (await bearerFetch(token)(listingUrl)).text());
    await sdkListing(client, 3);
    const home = join(dir.path, 'home');
    await mkdir(home);
    const ours: number[] = [];
    const curl: number[] = [];
    const canfar: number[] = [];
    // The three clients take turns in each repetition, so a change in the machine's load hits them alike.
    for (let i = 0; i < ctx.reps; i++) {
      ours.push(await sdkListing(client, CALLS));
      curl.push(await curlListing(listingUrl, token, CALLS));
      canfar.push(await canfarListing(skaha, token, home));
    }

    // 2. The sidebar, logged in to the platform through the broker JupyterLab started.
    lab = await startJupyterLab({ platforms: [platform.url] });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(60_000);
    await page.goto(`${lab.url}lab?token=${lab.token}`);
    await page.locator(SIDEBAR.tab).waitFor({ timeout: 90_000 });
    const broker = brokerRuntime(lab);
    await brokerLogin(broker, platform.url);
    await page.locator(SIDEBAR.tab).click();
    await page
      .locator(SIDEBAR.status)
      .filter({ hasText: `${SESSIONS} sessions` })
      .waitFor();
    const brokerListing = `${new URL(lab.url).pathname}vobridge/v1/sessions`;
    const brokerBytes = await page.evaluate(async (url) => (await (await fetch(url)).blob()).size, brokerListing);
    const painted = await paints(page, ctx.reps, brokerListing);

    const perRep = (xs: Painted[], pick: (p: Painted) => number) =>
      summarize(
        Array.from({ length: ctx.reps }, (_, r) => percentile(xs.slice(r * PAINTS, (r + 1) * PAINTS).map(pick), 50)),
      );
    const ms = (p: Painted) => p.ms;
    const sidebar = 'vobridge sidebar (virtualised rows)';
    const naive = 'plain HTML table, one row per session';
    const comparisons: Comparison[] = [
      compare(
        `list ${SESSIONS} sessions via the API, ms per listing`,
        'ms',
        'lower',
        { what: 'SessionsClient.list() (in-process)', value: summarize(ours) },
        { what: 'canfar Session().fetch()', value: summarize(canfar) },
      ),
      compare(
        `list ${SESSIONS} sessions via the API, ms per listing`,
        'ms',
        'lower',
        { what: 'SessionsClient.list() (in-process)', value: summarize(ours) },
        { what: 'curl (time_total)', value: summarize(curl) },
        'curl without its process start-up',
      ),
      compare(
        'refresh → first painted frame of the list (broker listing + render)',
        'ms',
        'lower',
        { what: sidebar, value: perRep(painted.refresh!, ms) },
        { what: `${naive}, fetched from the same endpoint`, value: perRep(painted.naiveFetch!, ms) },
      ),
      compare(
        'open the sidebar → first painted frame (list already loaded)',
        'ms',
        'lower',
        { what: sidebar, value: perRep(painted.open!, ms) },
        { what: `${naive}, from the same listing (already parsed)`, value: perRep(painted.naiveRender!, ms) },
      ),
      compare(
        'rows in the DOM at first paint',
        'rows',
        'lower',
        { what: sidebar, value: perRep(painted.refresh!, (p) => p.rows) },
        { what: naive, value: perRep(painted.naiveFetch!, (p) => p.rows) },
      ),
      compare(
        'elements under the list at first paint',
        'elements',
        'lower',
        { what: sidebar, value: perRep(painted.refresh!, (p) => p.elements) },
        { what: naive, value: perRep(painted.naiveFetch!, (p) => p.elements) },
      ),
    ];
    return {
      name: 'sessions',
      title: `Sessions: listing ${SESSIONS} and painting them in the sidebar`,
      comparisons,
      notes: [
        `${SESSIONS} real sessions: headless jobs (\`cmd=true\`, each a real stand-in process) launched through the skaha API by one user, at most ${CONCURRENCY} live at once (the platform's per-user cap), all recorded as Succeeded before measuring; set-up took ${seedSeconds.toFixed(1)} s.`,
        `GET /skaha/v1/session answers ${(bytes / 1024).toFixed(0)} KiB of JSON for them; the broker's /v1/sessions (what the sidebar loads, through Jupyter's proxy) ${(brokerBytes / 1024).toFixed(0)} KiB.`,
        `API: ${ctx.reps} repetitions of ${CALLS} sequential listings per client, each cell the median of a repetition; the three clients take turns within each repetition; canfar 1.5.2 from the venv (httpx), one Python process per repetition started outside the timing; curl one process per listing, timed by its own time_total (it does not parse the JSON; the SDK and canfar do).`,
        `Browser: JupyterLab 4 with the vobridge extension in Debian chromium (headless, playwright-core), the broker logged in to the platform as alice; ${ctx.reps} repetitions of ${PAINTS} measurements, sidebar and table alternating. "Painted" = a task posted from the frame that attached the rows (it runs after that frame's rendering). The table sits in a fixed box the size of the sidebar's list; the refresh goes through JupyterLab's request layer, the table's fetch is a plain fetch of the same URL.`,
      ],
    };
  } finally {
    await browser?.close();
    await lab?.stop();
    await platform.stop();
    await dir.remove();
  }
}
