import { createSandbox, type Sandbox } from './helpers/cli.js';
import { ALICE, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// UWS jobs through the real binary, broker and the platform's `sleep` job list.

let platform: TestPlatform;
let sandbox: Sandbox;
let list: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  sandbox = await createSandbox();
  list = `${platform.url}/uws/sleep`;
  expect(
    (await sandbox.run(['login', platform.url, '-u', ALICE.username, '--password-stdin'], { input: ALICE.password }))
      .code,
  ).toBe(0);
});
afterAll(async () => {
  await sandbox.cleanup();
  await platform.close();
});

test('submit prints the job URL; wait reports COMPLETED; results list the outputs', async () => {
  const submit = await sandbox.run(['jobs', 'submit', list, 'DURATION=0.2']);
  expect(submit.code).toBe(0);
  const job = submit.stdout.trim();
  expect(job).toMatch(new RegExp(`^${list}/[\\w-]+$`));
  const wait = await sandbox.run(['jobs', 'wait', job, '--timeout', '60']);
  expect(wait).toMatchObject({ code: 0, stdout: 'COMPLETED\n' });
  const results = await sandbox.run(['jobs', 'results', job, '--json']);
  expect(JSON.parse(results.stdout)).toEqual([expect.objectContaining({ id: 'result', mimeType: 'text/plain' })]);
  const ls = await sandbox.run(['jobs', 'ls', list, '--phase', 'COMPLETED']);
  expect(ls.stdout).toContain(job.split('/').pop());
});

test('submit --wait --json returns the finished job', async () => {
  const result = await sandbox.run(['jobs', 'submit', list, 'DURATION=0', '--wait', '--json']);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ phase: 'COMPLETED', url: expect.stringContaining(list) });
  expect(result.stderr).toMatch(/: COMPLETED$/m);
});

test('an aborted job makes wait exit 7; a bad parameter is refused; a missing job is 3', async () => {
  const job = (await sandbox.run(['jobs', 'submit', list, 'DURATION=600'])).stdout.trim();
  expect((await sandbox.run(['jobs', 'abort', job])).stdout).toBe('ABORTED\n');
  const wait = await sandbox.run(['jobs', 'wait', job]);
  expect(wait.code).toBe(7);
  expect(wait.stderr).toMatch(/ended ABORTED/);
  const bad = await sandbox.run(['jobs', 'submit', list, 'DURATION=forever']);
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toMatch(/^vobridge: .*DURATION/m);
  expect((await sandbox.run(['jobs', 'wait', `${list}/no-such-job`])).code).toBe(3);
});

test('a wait that outlasts --timeout exits 8', async () => {
  const job = (await sandbox.run(['jobs', 'submit', list, 'DURATION=600'])).stdout.trim();
  const wait = await sandbox.run(['jobs', 'wait', job, '--timeout', '1']);
  expect(wait.code).toBe(8);
  await sandbox.run(['jobs', 'abort', job]);
});
