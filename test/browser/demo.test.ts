// `npm run demo` as a user starts it (after its set-up and build, which the
// test run has done): the platform and JupyterLab with the broker come up, no
// secret shows in any process's command line, and every example notebook runs
// green in the demo's own JupyterLab, in Chromium, after a login in the panel.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOT, PYTHON_BIN, launchChromium, processesShowing, startProcess, type Running } from '@vobridge/testing';

const NOTEBOOKS = readdirSync(join(ROOT, 'examples', 'notebooks'))
  .filter((name) => name.endsWith('.ipynb'))
  .sort();

/** The notebook in view (JupyterLab keeps hidden panels of other documents in the DOM). */
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';

let demo: Running;
let dataDir: string;
let browser: Browser;
let page: Page;
let platformUrl: string;

function demoEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${PYTHON_BIN}:${process.env.PATH ?? ''}`,
    VOBRIDGE_DEMO_DATA: dataDir,
    VOBRIDGE_DEMO_PORT: '0',
    VOBRIDGE_DEMO_LAB_PORT: '0',
    // The broker the demo's JupyterLab starts writes its runtime file here, not in the tester's home.
    JUPYTER_RUNTIME_DIR: join(dataDir, 'runtime'),
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vobridge-demo-'));
  demo = await startProcess(
    process.execPath,
    [join(ROOT, 'scripts/demo.mjs')],
    /JupyterLab\s+(http:\/\/\S+\?token=\S+)/,
    { env: demoEnv(), timeoutMs: 120_000 },
  );
  platformUrl = /Reference platform\s+(\S+)/.exec(demo.output())?.[1] ?? '';
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(60_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("no secret of the demo shows in any process's command line", async () => {
  const token = new URL(demo.url).searchParams.get('token') ?? '';
  expect(token.length).toBeGreaterThan(16);
  // JupyterLab answers with that token: it is the live one, not a stale print.
  const api = await fetch(new URL(`/api/status?token=${token}`, demo.url));
  expect(api.status).toBe(200);
  expect(processesShowing([token, 'alice-demo-password'])).toEqual([]);
});

test('a second `npm run demo` joins the running one instead of starting another platform', async () => {
  const second = await startProcess(process.execPath, [join(ROOT, 'scripts/demo.mjs')], /(already running)/, {
    env: demoEnv(),
    timeoutMs: 30_000,
  });
  await new Promise<void>((resolve) =>
    second.process.exitCode !== null ? resolve() : second.process.once('exit', () => resolve()),
  );
  expect(second.process.exitCode).toBe(0);
  expect(second.output()).toContain(platformUrl);
  expect(second.output()).toContain(new URL(demo.url).port);
});

test('the demo serves a workspace outside the repository, with the example notebooks', () => {
  for (const name of NOTEBOOKS) expect(existsSync(join(dataDir, 'workspace', name))).toBe(true);
  expect(demo.output()).toContain(join(dataDir, 'workspace'));
});

/** Waits until the notebook's kernel exists and is idle, as Jupyter's own API reports it. */
async function kernelIdle(lab: URL, token: string, notebook: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const sessions = (await (await fetch(`${lab.origin}/api/sessions?token=${token}`)).json()) as {
      path: string;
      kernel?: { execution_state?: string };
    }[];
    if (sessions.some((s) => s.path.endsWith(notebook) && s.kernel?.execution_state === 'idle')) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the kernel of ${notebook} never became idle`);
}

test('every example notebook runs green in the demo JupyterLab after a login in the panel', async () => {
  const lab = new URL(demo.url);
  const token = lab.searchParams.get('token') ?? '';
  await page.goto(`${lab.origin}/lab?token=${token}`);
  // Log in as a user would: the panel offers the demo's platform.
  const tab = page.locator('li[data-id="vobridge-login"]');
  await tab.click();
  await page.locator('.vobridge-login-url').fill(platformUrl);
  await page.locator('.vobridge-discover').click();
  await page.locator('.vobridge-method-password').click();
  await page.locator('.vobridge-username').fill('alice');
  await page.locator('.vobridge-password').fill('alice-demo-password');
  await page.locator('.vobridge-login-submit').click();
  await page.locator('#vobridge-login .vobridge-login-item').filter({ hasText: 'alice @' }).waitFor();
  // No news prompt in the demo.
  expect(await page.locator('.jp-toast-message').filter({ hasText: /news/i }).count()).toBe(0);

  for (const name of NOTEBOOKS) {
    // `reset`: this notebook alone in the layout, not the ones opened before.
    await page.goto(`${lab.origin}/lab/tree/${name}?reset&token=${token}`);
    const notebook = page.locator(PANEL);
    await notebook.waitFor();
    await page.locator(`${PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]`).waitFor({
      timeout: 90_000,
    });
    await kernelIdle(lab, token, name);
    // Run All queues every cell at once; when the kernel was still connecting, JupyterLab may have
    // run only the first (each notebook's first cell only sets up, so running it again is harmless).
    const started = (): Promise<boolean> =>
      page
        .waitForFunction(
          (panel) =>
            [...document.querySelectorAll(`${panel} .jp-CodeCell .jp-InputArea-prompt`)].every((p) =>
              /\[(\*|\d+)\]/.test(p.textContent ?? ''),
            ),
          PANEL,
          { timeout: 10_000, polling: 200 },
        )
        .then(
          () => true,
          () => false,
        );
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
      await page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click();
      if (await started()) break;
    }
    // Done when every code cell has an execution count and the kernel is idle again.
    await page
      .waitForFunction(
        (panel) => {
          const prompts = [...document.querySelectorAll(`${panel} .jp-CodeCell .jp-InputArea-prompt`)];
          return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p.textContent ?? ''));
        },
        PANEL,
        { timeout: 240_000, polling: 500 },
      )
      .catch(async (error: unknown) => {
        // Say which notebook stalled, and where.
        const prompts = await page.locator(`${PANEL} .jp-CodeCell .jp-InputArea-prompt`).allInnerTexts();
        const outputs = await page.locator(`${PANEL} .jp-OutputArea-output`).allInnerTexts();
        throw new Error(`${name} did not finish: prompts ${prompts.join(' ')}; outputs:\n${outputs.join('\n')}`, {
          cause: error,
        });
      });
    const errors = await page
      .locator(`${PANEL} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]`)
      .allInnerTexts();
    const outputs = (await page.locator(`${PANEL} .jp-OutputArea-output`).allInnerTexts()).join('\n');
    expect({ name, errors }).toEqual({ name, errors: [] });
    expect(outputs).not.toMatch(/Traceback|command not found|Error:/);
  }
  // The runs wrote into the workspace, not into the checkout.
  expect(existsSync(join(ROOT, 'examples', 'notebooks', '.ipynb_checkpoints'))).toBe(false);
  expect(readFileSync(join(ROOT, 'examples', 'notebooks', NOTEBOOKS[0] as string), 'utf8')).not.toMatch(
    /"execution_count": [1-9]/,
  );
}, 900_000);

test('a restarted demo keeps its platform address and the login made in the previous run', async () => {
  await demo.stop();
  // No port given this time: the demo takes the one it remembered.
  const { VOBRIDGE_DEMO_PORT: _chosenBefore, ...env } = demoEnv();
  demo = await startProcess(
    process.execPath,
    [join(ROOT, 'scripts/demo.mjs')],
    /JupyterLab\s+(http:\/\/\S+\?token=\S+)/,
    {
      env,
      timeoutMs: 120_000,
    },
  );
  expect(/Reference platform\s+(\S+)/.exec(demo.output())?.[1]).toBe(platformUrl);
  // The new broker (started by the new JupyterLab) restored alice's login from its encrypted store.
  const runtime = join(dataDir, 'runtime', 'vobridge-broker.json');
  let logins: { user?: string; platform: string; state: string }[] = [];
  for (let i = 0; i < 100 && logins.length === 0; i++) {
    try {
      const { url, secret } = JSON.parse(readFileSync(runtime, 'utf8')) as { url: string; secret: string };
      logins = (await (
        await fetch(`${url}/v1/logins`, { headers: { authorization: `Bearer ${secret}` } })
      ).json()) as typeof logins;
    } catch {
      // the broker is still starting
    }
    if (logins.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(logins).toEqual([expect.objectContaining({ user: 'alice', platform: platformUrl, state: 'active' })]);
}, 180_000);

// Last: it ends the demo.
test('a platform that dies under the demo is reported, and the demo stops instead of running half', async () => {
  const children = readFileSync(`/proc/${demo.process.pid}/task/${demo.process.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  const platformPid = children.find((pid) =>
    readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('vobridge-platform'),
  );
  expect(platformPid).toBeDefined();
  const exited = new Promise<number | null>((resolve) => demo.process.once('exit', (code) => resolve(code)));
  process.kill(platformPid as number, 'SIGKILL');
  expect(await exited).toBe(1);
  expect(demo.output()).toMatch(/demo: the reference platform stopped \(SIGKILL\); stopping the demo\./);
}, 60_000);
