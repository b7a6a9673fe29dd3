// JupyterLab against a platform spread over several origins (the reference
// platform's `--topology split`, as CANFAR is), given only its registry: the
// login panel logs in, the sidebar lists the session running at the sessions
// origin, and "Open" lands on that session's own page, logged in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startJupyterLab, startPlatform } from '@vobridge/testing';
import type { Lab, Running } from '@vobridge/testing';

const USER = 'alice';
const PASSWORD = 'alice-demo-password';
const STEP_TIMEOUT = 120_000;

let platformDir: string;
let platform: Running;
let registry: string;
let lab: Lab;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  platformDir = mkdtempSync(join(tmpdir(), 'vobridge-split-'));
  platform = await startPlatform(platformDir, ['--topology', 'split']);
  registry = `${platform.url}/reg/resource-caps`;
  lab = await startJupyterLab({ platforms: [registry] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(60_000);
  await page.goto(`${lab.url}lab?token=${lab.token}`);
  await page.locator('li[data-id="vobridge-login"]').waitFor({ timeout: 90_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await lab?.stop();
  await platform?.stop();
  if (platformDir) rmSync(platformDir, { recursive: true, force: true });
});

test(
  'logs in with the registry URL; the sidebar finds the session at its own origin and opens it logged in',
  async () => {
    await page.locator('li[data-id="vobridge-login"]').click();
    await page.locator('.vobridge-login-url').fill(registry);
    await page.locator('.vobridge-discover').click();
    await page.locator('.vobridge-method-password').click();
    await page.locator('.vobridge-username').fill(USER);
    await page.locator('.vobridge-password').fill(PASSWORD);
    await page.locator('.vobridge-login-submit').click();
    await page
      .locator('#vobridge-login .vobridge-login-item')
      .filter({ hasText: `${USER} @ ${platform.url}` })
      .waitFor();

    await page.locator('li[data-id="vobridge-sessions"]').click();
    await page.locator('#vobridge-sessions .vobridge-launch').click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.locator('.vobridge-launch-image option').first().waitFor({ state: 'attached' });
    await dialog.locator('.vobridge-launch-type').selectOption('carta');
    await dialog.locator('.vobridge-launch-name').fill('split');
    await dialog.locator('.jp-Dialog-button.jp-mod-accept').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('#vobridge-sessions .vobridge-row-session[data-type="carta"]');
    await row.filter({ hasText: 'Running' }).waitFor({ timeout: 60_000 });
    const id = (await row.getAttribute('data-session-id'))!;

    // The alternative to a JupyterLab tab, from the row's context menu: a browser tab, logged in as well.
    const tab = page.context().waitForEvent('page');
    await row.click({ button: 'right' });
    await page.locator('.lm-Menu-item[data-command="vobridge:open-session-in-browser"]').click();
    const opened = await tab;
    await opened.locator('h1').filter({ hasText: 'CARTA' }).waitFor();
    const landed = new URL(opened.url());
    expect(landed.pathname).toBe(`/session/carta/${id}/`);
    // The sessions service's own origin, not the platform URL the user typed.
    expect(landed.origin).not.toBe(platform.url);
    // The login cookie is HttpOnly: the session's page script cannot read it.
    expect(await opened.evaluate(() => document.cookie)).not.toContain('CADC_SSO');
    await opened.close();

    await row.locator('.vobridge-action-delete').click();
    await page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-warn').click();
    await page
      .locator(`#vobridge-sessions .vobridge-row-session[data-session-id="${id}"]`)
      .waitFor({ state: 'detached' });
  },
  STEP_TIMEOUT,
);
