// The same extension in Jupyter Notebook 7, driven by Debian's chromium: the
// login panel and the sessions sidebar in Notebook's left area, a login, a
// session, and its connect snippet run in the notebook's real kernel. Nothing
// is mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startJupyterLab, startPlatform, type Lab, type Running } from '@vobridge/testing';

let platformDir: string;
let platform: Running;
let notebook: Lab;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  platformDir = mkdtempSync(join(tmpdir(), 'vobridge-platform-nb7-'));
  platform = await startPlatform(platformDir);
  notebook = await startJupyterLab({ platforms: [platform.url], app: 'notebook' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(60_000);
  await page.goto(`${notebook.url}notebooks/demo.ipynb?token=${notebook.token}`);
  await page.locator('.jp-NotebookPanel').waitFor({ timeout: 90_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await notebook?.stop();
  await platform?.stop();
  if (platformDir) rmSync(platformDir, { recursive: true, force: true });
});

/** View › Left Sidebar › Show <panel>: how Notebook 7 users reach a side panel. */
async function showInLeftSidebar(panel: string): Promise<void> {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^View$/ }).click();
  await page
    .locator('.lm-Menu-item')
    .filter({ hasText: /^Left Sidebar$/ })
    .hover();
  await page
    .locator('.lm-Menu-item[data-command="application:toggle-panel"]')
    .filter({ hasText: `Show ${panel}` })
    .click();
}

test('Notebook 7: log in from the panel, launch a session, insert and run its snippet', async () => {
  await showInLeftSidebar('vobridge: platform logins');
  const login = page.locator('#vobridge-login');
  await login.waitFor({ state: 'visible' });
  await login.locator('.vobridge-login-url').fill(platform.url);
  await login.locator('.vobridge-discover').click();
  await login.locator('.vobridge-method-password').click();
  await login.locator('.vobridge-username').fill('alice');
  await login.locator('.vobridge-password').fill('alice-demo-password');
  await login.locator('.vobridge-login-submit').click();
  await login
    .locator('.vobridge-login-item')
    .filter({ hasText: `alice @ ${platform.url}` })
    .waitFor();

  await showInLeftSidebar('vobridge: sessions');
  const sessions = page.locator('#vobridge-sessions');
  await sessions.waitFor({ state: 'visible' });
  await sessions.locator('.vobridge-launch').click();
  const dialog = page.locator('.jp-Dialog');
  await dialog.locator('.vobridge-launch-image option').first().waitFor({ state: 'attached' });
  await dialog.locator('.vobridge-launch-type').selectOption('firefly');
  await dialog.locator('.vobridge-launch-name').fill('nb7');
  await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
  const row = sessions.locator('.vobridge-row-session[data-type="firefly"]');
  await row.filter({ hasText: 'Running' }).waitFor();
  const id = (await row.getAttribute('data-session-id'))!;

  await row.locator('.vobridge-action-insert').click();
  const cell = page.locator('.jp-NotebookPanel .jp-Cell.jp-mod-active');
  await cell
    .locator('.jp-InputArea')
    .filter({ hasText: `vobridge.sessions.firefly("${id}")` })
    .waitFor();
  await cell.click();
  await page.keyboard.press('Shift+Enter');
  const output = page.locator('.jp-NotebookPanel .jp-OutputArea-output').first();
  await output.waitFor({ timeout: 90_000 });
  await expect(output.innerText()).resolves.toContain(new URL(platform.url).host);
  await expect(output.innerText()).resolves.not.toMatch(/Error|Traceback/);

  await row.locator('.vobridge-action-delete').click();
  await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-warn').click();
  await sessions.locator(`.vobridge-row-session[data-session-id="${id}"]`).waitFor({ state: 'detached' });
}, 180_000);
