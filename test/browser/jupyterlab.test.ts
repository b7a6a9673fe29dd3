// JupyterLab with the vobridge extension, driven by Debian's chromium through
// playwright-core, against the real reference platform and the real broker
// (started and supervised by the server extension). Nothing is mocked.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { deleteSessions, launchHeadlessJobs } from '@vobridge/platform/testing';
import { SessionsClient } from '@vobridge/sdk';
import { brokerRuntime, launchChromium, processesShowing, startJupyterLab, startPlatform } from '@vobridge/testing';
import type { Lab, Running } from '@vobridge/testing';
import { shoot } from './screenshots.js';

const USER = 'alice';
const PASSWORD = 'alice-demo-password';

let platformDir: string;
let platform: Running;
let lab: Lab;
let browser: Browser;
let page: Page;
// Every response body the page received (event streams are read separately).
const seen: Promise<string>[] = [];

// Each step waits on real processes (JupyterLab, a kernel, the platform).
const STEP_TIMEOUT = 120_000;

beforeAll(async () => {
  platformDir = mkdtempSync(join(tmpdir(), 'vobridge-platform-'));
  platform = await startPlatform(platformDir);
  // A launch default, as a user sets it in Settings › vobridge: the dialog starts with it.
  lab = await startJupyterLab({ platforms: [platform.url], settings: { launch: { cores: 2 } } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Generous: CI shares two cores between this JupyterLab and every other package's tests.
  page.setDefaultTimeout(60_000);
  page.on('response', (response) => {
    if ((response.headers()['content-type'] ?? '').includes('event-stream')) return;
    seen.push(response.text().catch(() => ''));
  });
  await page.goto(`${lab.url}lab/tree/demo.ipynb?token=${lab.token}`);
  await page.locator('.jp-NotebookPanel').waitFor({ timeout: 90_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop();
  await platform?.stop();
  if (platformDir) rmSync(platformDir, { recursive: true, force: true });
});

async function openLoginPanel(): Promise<void> {
  const tab = page.locator('li[data-id="vobridge-login"]');
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.locator('#vobridge-login').waitFor({ state: 'visible' });
}

async function openSessionsPanel(): Promise<void> {
  const tab = page.locator('li[data-id="vobridge-sessions"]');
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.locator('#vobridge-sessions').waitFor({ state: 'visible' });
}

async function logOutEverywhere(): Promise<void> {
  await openLoginPanel();
  const logout = page.locator('#vobridge-login .vobridge-logout');
  while ((await logout.count()) > 0) {
    await logout.first().click();
    await page.waitForTimeout(200);
  }
  await page.locator('#vobridge-login .vobridge-empty').waitFor();
}

/**
 * A screenshot for the README from a stable scene: the loopback address
 * (its port changes every run) reads as the example host the docs use, and
 * session ids as a fixed one, so the committed pictures change only when
 * the UI does. Everything else is the live page.
 */
test(
  'logs in with a password; the panel and the status bar show who and until when',
  async () => {
    await openLoginPanel();
    await page.locator('.vobridge-login-url').fill(platform.url);
    await page.locator('.vobridge-discover').click();
    await page.locator('.vobridge-method-password').click();
    await page.locator('.vobridge-username').fill(USER);
    await page.locator('.vobridge-password').fill('wrong password');
    await page.locator('.vobridge-login-submit').click();
    // A wrong password is reported inline, in plain words.
    await page
      .locator('#vobridge-login .vobridge-error')
      .filter({ hasText: /not accepted|rejected|invalid/i })
      .waitFor();

    await page.locator('.vobridge-password').fill(PASSWORD);
    await page.locator('.vobridge-login-submit').click();
    const item = page.locator('#vobridge-login .vobridge-login-item');
    await item.filter({ hasText: `${USER} @ ${platform.url}` }).waitFor();
    await expect(item.innerText()).resolves.toMatch(/active/);

    const status = page.locator('.vobridge-StatusItem');
    await status.filter({ hasText: `${USER}@${new URL(platform.url).host}` }).waitFor();
    await expect(status.getAttribute('data-health')).resolves.toMatch(/^(ok|warning)$/);

    await shoot(page, '#jp-left-stack', 'login-panel.png');
    // Only vobridge's item: the rest of the status bar (mode, cursor, kernel state) changes from run to run.
    await shoot(page, '.vobridge-StatusItem', 'status-bar.png');
  },
  STEP_TIMEOUT,
);

test(
  'the page never sees a platform token or the broker secret',
  async () => {
    const broker = brokerRuntime(lab);
    // Ask the broker as a kernel would (with its secret) for the token the login holds.
    const answer = await fetch(`${broker.url}/v1/token?url=${encodeURIComponent(`${platform.url}/ac/whoami`)}`, {
      headers: { Authorization: `Bearer ${broker.secret}` },
    });
    expect(answer.status).toBe(200);
    const { token } = (await answer.json()) as { token: string };
    expect(token.length).toBeGreaterThan(10);

    // The proxy refuses the token route outright.
    const direct = await page.evaluate(async () => (await fetch('/vobridge/v1/token?url=http://127.0.0.1/')).status);
    expect(direct).toBe(404);
    // A write without Jupyter's XSRF token (what a cross-site form could send) is refused.
    const forged = await page.evaluate(
      async () =>
        (
          await fetch('/vobridge/v1/logins', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          })
        ).status,
    );
    expect(forged).toBe(403);

    // Read the live event stream for a moment, as the page does.
    const events = await page.evaluate(async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 2000);
      let text = '';
      try {
        const response = await fetch('/vobridge/v1/events', { signal: controller.signal });
        const reader = response.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch {
        // aborted: what arrived is in `text`
      }
      return text;
    });
    const storage = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
    );
    const html = await page.content();
    // Nor does any process's command line, which every local user can read (ps, /proc).
    expect(processesShowing([lab.token, broker.secret, token, PASSWORD])).toEqual([]);
    const bodies = await Promise.all(seen);
    expect(bodies.length).toBeGreaterThan(20);
    for (const haystack of [...bodies, events, storage, html]) {
      expect(haystack.includes(token)).toBe(false);
      expect(haystack.includes(broker.secret)).toBe(false);
    }
  },
  STEP_TIMEOUT,
);

test(
  'launches a Firefly session; lists, opens, copies, renews it; runs its connect snippet in a real kernel; deletes it',
  async () => {
    await openSessionsPanel();
    await page.locator('#vobridge-sessions .vobridge-launch').click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.locator('.vobridge-launch-image option').first().waitFor({ state: 'attached' });
    await expect(dialog.locator('.vobridge-launch-cores').inputValue()).resolves.toBe('2');
    await dialog.locator('.vobridge-launch-type').selectOption('firefly');
    await dialog.locator('.vobridge-launch-name').fill('bridge');
    await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.locator('#vobridge-sessions .vobridge-row-session[data-type="firefly"]');
    await row.filter({ hasText: 'Running' }).waitFor({ timeout: 60_000 });
    const id = (await row.getAttribute('data-session-id'))!;
    await expect(
      page.locator('#vobridge-sessions .vobridge-row-group[data-type="firefly"]').innerText(),
    ).resolves.toMatch(/Firefly \(1\)/);
    // The row as a user pointing at it sees it: its icon actions showing.
    await row.hover();
    await shoot(page, '#jp-left-stack', 'sessions-sidebar.png', [id]);

    // Insert the snippet into the open notebook and run it in its (real, Python) kernel.
    await row.locator('.vobridge-action-insert').click();
    const cell = page.locator('.jp-NotebookPanel .jp-Cell.jp-mod-active');
    await cell
      .locator('.jp-InputArea')
      .filter({ hasText: `vobridge.sessions.firefly("${id}")` })
      .waitFor();
    await page
      .locator(
        '.jp-NotebookPanel button[data-command="notebook:run-cell-and-select-next"], .jp-NotebookPanel jp-button[data-command="notebook:run-cell-and-select-next"]',
      )
      .first()
      .click();
    const output = page.locator('.jp-NotebookPanel .jp-OutputArea-output').first();
    await output.waitFor({ timeout: 90_000 });
    // The connected FireflyClient reports the viewer URL of this very session.
    await expect(output.innerText()).resolves.toContain(new URL(platform.url).host);
    await expect(output.innerText()).resolves.not.toMatch(/Error|Traceback/);

    // Open: Firefly shows in a JupyterLab tab beside the notebook, on its own page, logged in (the
    // platform's one-time link set its cookie; the page never had a token).
    await row.locator('.vobridge-action-open').click();
    const frame = page.frameLocator('.vobridge-SessionFrame iframe');
    await frame.locator('h1').filter({ hasText: 'Firefly (vobridge stand-in)' }).waitFor();
    await page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab').filter({ hasText: 'bridge' }).waitFor();
    await shoot(page, '#jp-main-dock-panel', 'firefly-in-jupyterlab.png', [id]);
    // Opening again shows the same tab rather than a second one.
    await row.locator('.vobridge-action-open').click();
    await expect(page.locator('.vobridge-SessionFrame').count()).resolves.toBe(1);

    // The alternative, from the row's context menu: a browser tab, logged in as well.
    const tab = page.context().waitForEvent('page');
    await row.click({ button: 'right' });
    const menu = page.locator('.lm-Menu');
    await menu.locator('.lm-Menu-item[data-command="vobridge:open-session-in-browser"]').waitFor();
    await expect(menu.innerText()).resolves.toMatch(/Renew Session[\s\S]*Delete Session/);
    await menu.locator('.lm-Menu-item[data-command="vobridge:open-session-in-browser"]').click();
    const opened = await tab;
    await opened.locator('h1').filter({ hasText: 'Firefly (vobridge stand-in)' }).waitFor();
    expect(opened.url()).toBe(`${platform.url}/session/firefly/${id}/firefly/`);
    await opened.close();

    // Copy and renew say what they did.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: lab.url });
    await row.locator('.vobridge-action-copy').click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toContain(id);
    await page
      .locator('.jp-toast-message')
      .filter({ hasText: /Copied the address of “bridge”/ })
      .waitFor();
    const renewed = page.waitForResponse((response) => response.url().includes(`/vobridge/v1/sessions/${id}/renew`));
    await row.locator('.vobridge-action-renew').click();
    expect((await renewed).status()).toBe(200);
    await page
      .locator('.jp-toast-message')
      .filter({ hasText: /Renewed “bridge” on .*: it now ends in/ })
      .waitFor();
    await row.filter({ hasText: 'Running' }).waitFor();

    // A second Firefly is refused by the platform: the user reads a sentence, never JSON.
    await page.locator('#vobridge-sessions .vobridge-launch').click();
    await dialog.locator('.vobridge-launch-image option').first().waitFor({ state: 'attached' });
    await dialog.locator('.vobridge-launch-type').selectOption('firefly');
    await dialog.locator('.vobridge-launch-name').fill('second');
    await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
    const refused = page.locator('.jp-toast-message').filter({ hasText: /Could not launch the firefly session/ });
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toMatch(/The platform refused: alice already has a firefly session\./);
    await expect(refused.innerText()).resolves.not.toMatch(/[{}"]/);

    // Delete, with confirmation: the row goes, and so does its JupyterLab tab.
    await row.locator('.vobridge-action-delete').click();
    await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-warn').click();
    await page
      .locator(`#vobridge-sessions .vobridge-row-session[data-session-id="${id}"]`)
      .waitFor({ state: 'detached' });
    await page.locator('.vobridge-SessionFrame').waitFor({ state: 'detached' });
  },
  STEP_TIMEOUT,
);

test(
  'a platform that is down is shown as such, without hiding the others',
  async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'vobridge-platform-b-'));
    const other = await startPlatform(otherDir);
    try {
      await openLoginPanel();
      await page.locator('.vobridge-login-url').fill(other.url);
      await page.locator('.vobridge-discover').click();
      await page.locator('.vobridge-method-password').click();
      await page.locator('.vobridge-username').fill(USER);
      await page.locator('.vobridge-password').fill(PASSWORD);
      await page.locator('.vobridge-login-submit').click();
      await page.locator('#vobridge-login .vobridge-login-item').filter({ hasText: other.url }).waitFor();

      // A session on the first platform, then the second platform goes away.
      await openSessionsPanel();
      await page.locator('#vobridge-sessions .vobridge-launch').click();
      const dialog = page.locator('.jp-Dialog');
      await dialog.locator('.vobridge-launch-platform').selectOption(platform.url);
      await dialog.locator('.vobridge-launch-image option').first().waitFor({ state: 'attached' });
      await dialog.locator('.vobridge-launch-type').selectOption('firefly');
      await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
      const row = page.locator('#vobridge-sessions .vobridge-row-session[data-type="firefly"]');
      await row.first().waitFor();
      await other.stop();
      await page.locator('#vobridge-sessions .vobridge-refresh').click();
      const down = page.locator('#vobridge-sessions .vobridge-row-down').filter({ hasText: new URL(other.url).host });
      await down.waitFor();
      await expect(down.innerText()).resolves.toMatch(
        /cannot be reached right now; sessions of your other platforms are shown/,
      );
      await expect(row.count()).resolves.toBe(1);
      await expect(row.getAttribute('data-platform')).resolves.toBe(platform.url);
      // The status bar says so too, in amber, although the tokens are fine.
      const status = page.locator('.vobridge-StatusItem');
      await status.filter({ hasText: `${new URL(other.url).host} unreachable` }).waitFor();
      await expect(status.getAttribute('data-platforms')).resolves.toBe('down');
      // The launch dialog for that platform says why, and offers no Launch.
      await page.locator('#vobridge-sessions .vobridge-launch').click();
      await dialog.locator('.vobridge-launch-platform').selectOption(other.url);
      await dialog
        .locator('.vobridge-launch-message')
        .filter({ hasText: /Could not load this platform’s images/ })
        .waitFor();
      await expect(dialog.locator('.jp-Dialog-button.jp-mod-accept').isDisabled()).resolves.toBe(true);
      await expect(dialog.locator('.vobridge-launch-image option').count()).resolves.toBe(0);
      await dialog.locator('.jp-Dialog-button.jp-mod-reject').click();

      await row.locator('.vobridge-action-delete').click();
      await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-warn').click();
      await row.first().waitFor({ state: 'detached' });
    } finally {
      await other.stop();
      rmSync(otherDir, { recursive: true, force: true });
    }
  },
  STEP_TIMEOUT,
);

/** The page user's own sessions on the platform, through its API (not through the page). */
async function sessionsOfUser(): Promise<SessionsClient> {
  const login = await fetch(`${platform.url}/ac/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: USER, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const token = (await login.text()).trim();
  return new SessionsClient({
    baseUrl: `${platform.url}/skaha/v1`,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });
}

test(
  'stays small in the DOM with 1 000 real sessions and scrolls to the last one',
  async () => {
    const sessions = await sessionsOfUser();
    try {
      // Short headless jobs stay listed once Succeeded, so the listing is 1 000 real sessions.
      await launchHeadlessJobs(sessions, 1000);
      const listed = await sessions.list();
      expect(listed).toHaveLength(1000);
      // All headless, so the sidebar's last row is the last by name, then id (the sidebar's own order).
      const last = listed.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).at(-1);

      await openSessionsPanel();
      await page.locator('#vobridge-sessions .vobridge-refresh').click();
      await page.locator('#vobridge-sessions .vobridge-sessions-status').filter({ hasText: '1000 sessions' }).waitFor();
      const rendered = page.locator('#vobridge-sessions .vobridge-row');
      expect(await rendered.count()).toBeLessThan(80);
      await page
        .locator('#vobridge-sessions .vobridge-sessions-scroll')
        .evaluate((node) => (node.scrollTop = node.scrollHeight));
      await page.locator(`#vobridge-sessions .vobridge-row-session[data-session-id="${last?.id}"]`).waitFor();
      expect(await rendered.count()).toBeLessThan(80);
    } finally {
      // The later tests expect the user's listing as it was: without these jobs.
      const leftover = await sessions.list({ type: 'headless' });
      await deleteSessions(
        sessions,
        leftover.map((s) => s.id),
      );
      await page.locator('#vobridge-sessions .vobridge-refresh').click();
    }
  },
  // Launching 1 000 jobs, 10 at a time, takes about 40 s alone; CI has 2 cores shared with every other suite.
  600_000,
);

test(
  'logs out',
  async () => {
    await logOutEverywhere();
    await page.locator('.vobridge-StatusItem').filter({ hasText: 'not logged in' }).waitFor();
  },
  STEP_TIMEOUT,
);

test(
  'logs in with the OIDC device flow',
  async () => {
    await openLoginPanel();
    await page.locator('.vobridge-login-url').fill(platform.url);
    await page.locator('.vobridge-discover').click();
    await page.locator('.vobridge-method-device').click();
    const link = page.locator('.vobridge-verification-link');
    await link.waitFor();
    const code = await page.locator('.vobridge-user-code').innerText();
    expect(code.trim()).not.toBe('');
    // Until the user confirms, the login is listed as waiting, not as a login (no green bar, Cancel).
    const waiting = page.locator('#vobridge-login .vobridge-login-item[data-state="pending"]');
    await waiting.filter({ hasText: 'waiting for you to finish the device-code login' }).waitFor();
    await expect(waiting.locator('.vobridge-logout').innerText()).resolves.toBe('Cancel');
    await expect(waiting.innerText()).resolves.not.toMatch(/user pending|no expiry/);

    // The user opens the verification page in another tab and confirms there.
    const device = await browser.newPage();
    try {
      await device.goto((await link.getAttribute('href'))!);
      for (let step = 0; step < 6; step++) {
        if ((await device.locator('text=You are signed in on your device').count()) > 0) break;
        if ((await device.locator('#username').count()) > 0) {
          await device.locator('#username').fill(USER);
          await device.locator('#password').fill(PASSWORD);
          await device.locator('button[type=submit]').first().click();
        } else {
          await device.locator('button[type=submit]:not([name=abort])').first().click();
        }
        await device.waitForLoadState();
      }
      await device.locator('text=You are signed in on your device').waitFor();
    } finally {
      await device.close();
    }
    await page.locator('#vobridge-login .vobridge-login-item').filter({ hasText: USER }).waitFor({ timeout: 30_000 });
    await expect(page.locator('#vobridge-login .vobridge-login-item').innerText()).resolves.toMatch(/device/);
    await logOutEverywhere();
  },
  STEP_TIMEOUT,
);

test(
  'logs in with the OIDC authorization code + PKCE popup',
  async () => {
    await openLoginPanel();
    await page.locator('.vobridge-login-url').fill(platform.url);
    await page.locator('.vobridge-discover').click();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.locator('.vobridge-method-pkce').click()]);
    try {
      // The popup lands on the platform's login page, then goes back through Jupyter's callback to the broker.
      await popup.locator('#username').waitFor({ timeout: 60_000 });
      await popup.locator('#username').fill(USER);
      await popup.locator('#password').fill(PASSWORD);
      await popup.locator('button[type=submit]').first().click();
      // First time this JupyterLab's callback is used: the platform asks, naming the redirect URI.
      await popup.locator('code.redirect').filter({ hasText: '/vobridge/v1/callback' }).waitFor();
      const closed = new Promise<void>((resolve) => popup.once('close', () => resolve()));
      await popup.locator('#allow').click();
      await page.locator('#vobridge-login .vobridge-login-item').filter({ hasText: USER }).waitFor({ timeout: 60_000 });
      // The popup's last page (served by Jupyter, its one script allowed by hash) closes it: nothing for the user to do.
      await closed;
    } finally {
      if (!popup.isClosed()) await popup.close();
    }
    await expect(page.locator('#vobridge-login .vobridge-login-item').innerText()).resolves.toMatch(/pkce|browser/i);
    await logOutEverywhere();
  },
  STEP_TIMEOUT,
);

/**
 * A hostile platform (a stand-in: a real attacker's server cannot exist in a
 * test): every page challenges with an OAuth login whose OIDC metadata names
 * `javascript:` URLs, which would run in JupyterLab's origin if any reached a
 * window or a link.
 */
async function hostilePlatform(): Promise<{ url: string; close: () => Promise<void> }> {
  const payload =
    "javascript:(window.opener||window).localStorage.setItem('vobridge-pwned','1');fetch('/api/contents/pwned.txt',{method:'PUT'})";
  const server: Server = createServer((req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          issuer: origin,
          token_endpoint: `${origin}/token`,
          authorization_endpoint: payload,
          device_authorization_endpoint: `${origin}/device`,
        }),
      );
      return;
    }
    if (req.url === '/device') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ device_code: 'd', user_code: 'PWND', verification_uri: payload, expires_in: 60 }));
      return;
    }
    res.writeHead(401, {
      'www-authenticate': `ivoa_bearer standard_id="ivo://ivoa.net/sso#OAuth", access_url="${origin}/"`,
    });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test(
  'a platform whose OIDC metadata names javascript: URLs cannot run script in JupyterLab',
  async () => {
    const hostile = await hostilePlatform();
    const popups: Page[] = [];
    const onPage = (opened: Page): void => void popups.push(opened);
    page.context().on('page', onPage);
    try {
      await openLoginPanel();
      await page.locator('.vobridge-login-url').fill(hostile.url);
      await page.locator('.vobridge-discover').click();
      const error = page.locator('#vobridge-login .vobridge-error');
      await error.filter({ hasText: /will not open|not a safe URL/ }).waitFor();
      // Whatever the panel offers for this platform, try it, as a user would.
      for (const method of ['pkce', 'device']) {
        const button = page.locator(`.vobridge-method-${method}`);
        if ((await button.count()) > 0) await button.click();
      }
      await page.waitForTimeout(2000);
      for (const opened of [page, ...popups.filter((p) => !p.isClosed())]) {
        const pwned = await opened.evaluate(() => localStorage.getItem('vobridge-pwned')).catch(() => null);
        expect(pwned).toBeNull();
      }
      expect(existsSync(join(lab.notebookDir, 'pwned.txt'))).toBe(false);
      expect(await page.locator('#vobridge-login a[href^="javascript"]').count()).toBe(0);
      await expect(page.locator('#vobridge-login .vobridge-login-item').count()).resolves.toBe(0);
    } finally {
      page.context().off('page', onPage);
      for (const opened of popups) if (!opened.isClosed()) await opened.close();
      await hostile.close();
      await page.locator('.vobridge-login-url').fill('');
    }
  },
  STEP_TIMEOUT,
);

test(
  'the status bar warns before a token expires and turns red when it cannot be renewed',
  async () => {
    // A platform whose tokens live 20 s: inside the 300 s warning margin from the start.
    const shortDir = mkdtempSync(join(tmpdir(), 'vobridge-platform-short-'));
    const short = await startPlatform(shortDir, ['--token-ttl', '20']);
    try {
      await openLoginPanel();
      await page.locator('.vobridge-login-url').fill(short.url);
      await page.locator('.vobridge-discover').click();
      await page.locator('.vobridge-method-password').click();
      await page.locator('.vobridge-username').fill(USER);
      await page.locator('.vobridge-password').fill(PASSWORD);
      await page.locator('.vobridge-login-submit').click();
      const status = page.locator('.vobridge-StatusItem');
      await status.and(page.locator('[data-health="warning"]')).waitFor();
      // The platform goes away: the broker cannot renew the token, and the item turns red.
      await short.stop();
      await status.and(page.locator('[data-health="failed"]')).waitFor({ timeout: 60_000 });
      await expect(status.innerText()).resolves.toMatch(/log in again/);
      await logOutEverywhere();
      await status.and(page.locator('[data-health="none"]')).waitFor();
    } finally {
      await short.stop();
      rmSync(shortDir, { recursive: true, force: true });
    }
  },
  STEP_TIMEOUT,
);
