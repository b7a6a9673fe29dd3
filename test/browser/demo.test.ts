// `npm run demo` as a user starts it (after its set-up and build, which the
// test run has done): the platform and JupyterLab with the broker come up, and
// no secret shows in any process's command line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, PYTHON_BIN, processesShowing, startProcess, type Running } from '@vobridge/testing';

let demo: Running;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vobridge-demo-'));
  demo = await startProcess(
    process.execPath,
    [join(ROOT, 'scripts/demo.mjs')],
    /JupyterLab\s+(http:\/\/\S+\?token=\S+)/,
    {
      env: {
        ...process.env,
        PATH: `${PYTHON_BIN}:${process.env.PATH ?? ''}`,
        VOBRIDGE_DEMO_DATA: dataDir,
        VOBRIDGE_DEMO_PORT: '0',
        VOBRIDGE_DEMO_LAB_PORT: '0',
      },
      timeoutMs: 120_000,
    },
  );
}, 180_000);

afterAll(async () => {
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
