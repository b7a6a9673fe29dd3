// JupyterHub with vobridge, as a science platform runs it: JupyterHub 6, oauthenticator's
// GenericOAuthenticator with vobridge_jupyterhub, configurable-http-proxy, and the reference
// platform's OIDC provider; servers spawned as local processes (SimpleLocalProcessSpawner: the
// one stand-in, for KubeSpawner, which needs Kubernetes) with the vobridge extension from this
// checkout. Users sign in on the hub's login page, through the platform's own pages, in real
// Chromium, and never log in inside JupyterLab. Access tokens live 4 seconds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchHeadlessJobs } from '@vobridge/platform/testing';
import { SessionsClient } from '@vobridge/sdk';
import { launchChromium, startJupyterHub, writeEmptyNotebook, type Hub } from '@vobridge/testing';
import { shoot } from './screenshots.js';

const TOKEN_TTL = 4;
const PASSWORDS: Record<string, string> = { alice: 'alice-demo-password', bob: 'bob-demo-password' };
// Each step waits on real processes (the hub, a spawn, JupyterLab, a kernel, the platform).
const STEP_TIMEOUT = 180_000;

let hub: Hub;
/** Each user's own browser (two people, two machines) and the session they have on the platform. */
const users = new Map<string, { browser: Browser; page: Page; sessionId: string }>();

/** A notebook in the user's home whose cells use vobridge as a user would. */
function writeNotebook(user: string): void {
  const file = join(hub.state, 'home', user, 'hub.ipynb');
  writeEmptyNotebook(file);
  const platform = hub.platformUrl;
  const cell = (source: string) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source });
  // A kernel across many token lifetimes: every request authenticated, no login step.
  const acrossLifetimes = cell(
    [
      'import time, vobridge',
      'http = vobridge.session(min_valid=1)',
      `home = http.get("${platform}/vospace/nodes/${user}", timeout=30)`,
      `me = http.get("${platform}/ac/whoami", timeout=30).json()["username"]`,
      'statuses, tokens, start = [], set(), time.time()',
      `while time.time() - start < ${TOKEN_TTL * 5}:`,
      `    statuses.append(http.get("${platform}/vospace/nodes/${user}", timeout=30).status_code)`,
      `    tokens.add(vobridge.token("${platform}", min_valid=1))`,
      '    time.sleep(0.2)',
      'print(f"node={home.status_code} user={me} statuses={sorted(set(statuses))} requests={len(statuses)} tokens={len(tokens)}")',
    ].join('\n'),
  );
  const cells = [
    acrossLifetimes,
    cell(
      [
        'try:',
        `    vobridge.token("${platform}", min_valid=${TOKEN_TTL + 1})`,
        '    print("still a token")',
        'except Exception as error:',
        '    print(f"refused: {type(error).__name__}: {error}")',
      ].join('\n'),
    ),
    // The same again, after the hub restarted.
    acrossLifetimes,
  ];
  writeFileSync(
    file,
    JSON.stringify({
      cells,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
}

/** A session of `user` on the platform, launched with a token of their own (not through the page). */
async function launchSessionOf(user: string): Promise<string> {
  const login = await fetch(`${hub.platformUrl}/ac/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: user, password: PASSWORDS[user]! }),
  });
  expect(login.status).toBe(200);
  const token = (await login.text()).trim();
  const sessions = new SessionsClient({
    baseUrl: `${hub.platformUrl}/skaha/v1`,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });
  await launchHeadlessJobs(sessions, 1);
  const [session] = await sessions.list();
  return session!.id;
}

/** Sign in at the hub's login page, through the platform's own login page, and wait for JupyterLab. */
async function signIn(user: string): Promise<Page> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(90_000);
  await page.goto(`${hub.url}/hub/login?next=${encodeURIComponent(`/user/${user}/lab/tree/hub.ipynb`)}`);
  await page.getByText('Sign in with the science platform').click();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(PASSWORDS[user]!);
  await page.locator('button[type="submit"]').click();
  // Back at the hub: the server is not running yet, the user launches it (JupyterHub's own page).
  await page.locator('#start').click();
  // The hub spawns the server, then JupyterLab opens the notebook.
  await page.locator('.jp-NotebookPanel').waitFor({ timeout: 150_000 });
  users.set(user, { browser, page, sessionId: users.get(user)?.sessionId ?? '' });
  return page;
}

async function showPanel(page: Page, id: 'vobridge-login' | 'vobridge-sessions'): Promise<void> {
  const tab = page.locator(`li[data-id="${id}"]`);
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.locator(`#${id}`).waitFor({ state: 'visible' });
}

async function runCell(page: Page, index: number): Promise<string> {
  // JupyterLab drops a run silently while the notebook has no kernel yet: wait until it has one.
  await page
    .locator('#jp-main-statusbar')
    .filter({ hasText: 'Python 3 (ipykernel) | Idle' })
    .waitFor()
    .catch(async (error: unknown) => {
      throw new Error(
        `${String(error)}\nThe status bar shows: ${await page.locator('#jp-main-statusbar').innerText()}`,
      );
    });
  const cell = page.locator('.jp-NotebookPanel .jp-CodeCell').nth(index);
  await cell.locator('.jp-InputArea-prompt').click();
  await page
    .locator(
      '.jp-NotebookPanel button[data-command="notebook:run-cell-and-select-next"], .jp-NotebookPanel jp-button[data-command="notebook:run-cell-and-select-next"]',
    )
    .first()
    .click();
  const output = cell.locator('.jp-OutputArea-output');
  await output
    .first()
    .waitFor({ timeout: 120_000 })
    .catch(async (error: unknown) => {
      throw new Error(`${String(error)}\nThe notebook shows: ${await page.locator('.jp-NotebookPanel').innerText()}`);
    });
  return output.first().innerText();
}

beforeAll(async () => {
  hub = await startJupyterHub({ tokenTtl: TOKEN_TTL });
  for (const user of ['alice', 'bob']) writeNotebook(user);
}, 240_000);

afterAll(async () => {
  for (const { browser } of users.values()) await browser.close();
  await hub?.stop();
});

test(
  'alice signs in at the hub only; her sessions, her kernel and the login panel work without a vobridge login',
  async () => {
    const sessionId = await launchSessionOf('alice');
    const page = await signIn('alice');
    users.get('alice')!.sessionId = sessionId;

    // The login panel shows the hub's login: no password, no log-out button, the way out explained.
    await showPanel(page, 'vobridge-login');
    const item = page.locator('#vobridge-login .vobridge-login-item');
    await item.filter({ hasText: 'via JupyterHub as alice' }).waitFor();
    await expect(item.innerText()).resolves.toContain('renewed by JupyterHub');
    await expect(page.locator('#vobridge-login .vobridge-logout').count()).resolves.toBe(0);
    await expect(item.locator('.vobridge-hub-link').getAttribute('href')).resolves.toBe('/hub/logout');
    await shoot(page, '#jp-left-stack', 'jupyterhub-login-panel.png');

    // The sessions sidebar lists her session with no login step.
    await showPanel(page, 'vobridge-sessions');
    await page.locator(`#vobridge-sessions .vobridge-row-session[data-session-id="${sessionId}"]`).waitFor();

    // A kernel across five token lifetimes: every request authenticated, as alice.
    const output = await runCell(page, 0);
    expect(output).toMatch(/^node=200 user=alice statuses=\[200\] requests=\d+ tokens=\d+/);
    // Renewed about once per lifetime through the hub, never per request.
    expect(Number(/tokens=(\d+)/.exec(output)![1])).toBeGreaterThanOrEqual(4);
  },
  STEP_TIMEOUT,
);

test(
  'bob, signed in at the same time, sees only his own sessions and cannot get alice’s token',
  async () => {
    const sessionId = await launchSessionOf('bob');
    const page = await signIn('bob');
    await showPanel(page, 'vobridge-sessions');
    await page.locator(`#vobridge-sessions .vobridge-row-session[data-session-id="${sessionId}"]`).waitFor();
    const alices = users.get('alice')!.sessionId;
    await expect(
      page.locator(`#vobridge-sessions .vobridge-row-session[data-session-id="${alices}"]`).count(),
    ).resolves.toBe(0);
    expect(await runCell(page, 0)).toMatch(/^node=200 user=bob statuses=\[200\]/);

    // A forged request: bob's own API token, asking for alice.
    const token = await fetch(`${hub.url}/hub/api/users/bob/tokens`, {
      method: 'POST',
      headers: { authorization: `token ${hub.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['custom:vobridge:token'] }),
    }).then(async (reply) => ((await reply.json()) as { token: string }).token);
    const forged = await fetch(`${hub.url}/hub/api/vobridge/token?user=alice`, {
      headers: { authorization: `token ${token}` },
    });
    expect(forged.status).toBe(400);
    await expect(forged.text()).resolves.not.toContain('access_token');
    // Without the parameter, bob's token only ever gives bob's.
    const own = (await fetch(`${hub.url}/hub/api/vobridge/token`, {
      headers: { authorization: `token ${token}` },
    }).then((reply) => reply.json())) as { user: string };
    expect(own.user).toBe('bob');
  },
  STEP_TIMEOUT,
);

test(
  'the hub restarts; alice’s server, broker and kernel keep working through it',
  async () => {
    const { page } = users.get('alice')!;
    await hub.restart();
    expect(await runCell(page, 2)).toMatch(/^node=200 user=alice statuses=\[200\]/);
  },
  STEP_TIMEOUT,
);

test(
  'when the platform refuses to renew, alice is told to log in again at the hub, and nothing crashes',
  async () => {
    const { page } = users.get('alice')!;
    const state = (await fetch(`${hub.url}/hub/api/users/alice`, {
      headers: { authorization: `token ${hub.adminToken}` },
    }).then((reply) => reply.json())) as { auth_state: { refresh_token: string } };
    const revoked = await fetch(`${hub.platformUrl}/oidc/token/revocation`, {
      method: 'POST',
      body: new URLSearchParams({
        token: state.auth_state.refresh_token,
        client_id: 'jupyterhub',
        client_secret: hub.clientSecret,
      }),
    });
    expect(revoked.status).toBe(200);

    await showPanel(page, 'vobridge-login');
    const item = page.locator('#vobridge-login .vobridge-login-item');
    await item
      .filter({ hasText: 'Log in again at JupyterHub' })
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\nThe panel shows: ${(await item.allInnerTexts()).join(' | ')}`);
      });
    await expect(item.locator('.vobridge-hub-link').getAttribute('href')).resolves.toBe('/hub/login');
    // The token it still held runs out: the login is expired, and a kernel asking is told why.
    await page.locator('#vobridge-login .vobridge-login-item[data-state="expired"]').waitFor({ timeout: 30_000 });
    expect(await runCell(page, 1)).toMatch(/refused: \w+: .*Log in again at JupyterHub\./);
    // JupyterLab and the server are fine: the first cell's kernel still answers.
    await expect(page.locator('.jp-NotebookPanel').count()).resolves.toBe(1);
  },
  STEP_TIMEOUT,
);
