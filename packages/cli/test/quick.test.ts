import { jest } from '@jest/globals';
import { startBroker, type Broker } from '@vobridge/broker';
import { quickCommand } from '../src/commands/quick.js';
import { ALICE, BOB, startTestPlatform, type TestPlatform } from './helpers/platform.js';

// `vobridge token|status|whoami` answered without the command tree (what the
// installed command runs first). It must answer the plain cases itself and hand
// everything else to the full CLI, which owns usage and error reporting.

let platform: TestPlatform;
let broker: Broker;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  platform = await startTestPlatform();
  broker = await startBroker({ runtimeFile: false });
  env = { VOBRIDGE_BROKER_URL: broker.url, VOBRIDGE_BROKER_SECRET: broker.secret };
});
afterAll(async () => {
  await broker.close();
  await platform.close();
});

async function logIn(username: string, password: string): Promise<void> {
  const reply = await fetch(`${broker.url}/v1/logins`, {
    method: 'POST',
    headers: { authorization: `Bearer ${broker.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: platform.url, method: 'password', username, password }),
  });
  expect(reply.status).toBe(201);
}

/** Runs quickCommand, returning whether it answered and what it printed. */
async function quick(args: string[], withEnv = env): Promise<{ answered: boolean; stdout: string }> {
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    return { answered: await quickCommand(args, withEnv), stdout };
  } finally {
    write.mockRestore();
  }
}

test('hands every case it does not fully understand to the full CLI, printing nothing', async () => {
  const url = `${platform.url}/gms`;
  for (const args of [
    ['token'],
    ['token', '--help'],
    ['token', url, '--min-valid', 'soon'],
    ['token', url, '--unknown'],
    ['token', url, url],
    ['token', 'not a url'],
    ['token', `http://user:pw@127.0.0.1/`],
    ['status', '--verbose'],
    ['whoami', platform.url],
    ['logout'],
  ]) {
    expect(await quick(args)).toEqual({ answered: false, stdout: '' });
  }
  // Not logged in yet: the broker answers 403, which the full CLI explains.
  expect(await quick(['token', url])).toEqual({ answered: false, stdout: '' });
  expect(await quick(['whoami'])).toEqual({ answered: false, stdout: '' });
  // No broker at all, or one that cannot prove it holds the secret.
  expect((await quick(['token', url], {})).answered).toBe(false);
  expect((await quick(['status'], { ...env, VOBRIDGE_BROKER_SECRET: 'wrong' })).answered).toBe(false);
});

test('answers the plain cases as the full CLI prints them', async () => {
  await logIn(ALICE.username, ALICE.password);
  const url = `${platform.url}/gms`;
  const token = await quick(['token', url, '--min-valid', '30']);
  expect(token.answered).toBe(true);
  const whoami = await fetch(`${platform.url}/ac/whoami`, {
    headers: { authorization: `Bearer ${token.stdout.trim()}` },
  });
  expect(whoami.status).toBe(200);
  expect((await quick(['token', '--header', url])).stdout).toMatch(/^Authorization: Bearer \S+\n$/);
  expect(JSON.parse((await quick(['token', `--min-valid=10`, '--json', url])).stdout)).toMatchObject({
    token_type: 'Bearer',
    platform: platform.url,
  });
  expect((await quick(['whoami'])).stdout).toBe(`alice @ ${platform.url}\n`);
  expect((await quick(['status'])).stdout).toMatch(/^PLATFORM +USER +METHOD +STATE/);
  expect(JSON.parse((await quick(['status', '--json'])).stdout)).toHaveLength(1);
});

test('never picks between two people: with two users on the platform, the full CLI asks whose token', async () => {
  await logIn(BOB.username, BOB.password);
  expect(await quick(['token', `${platform.url}/gms`])).toEqual({ answered: false, stdout: '' });
  expect((await quick(['token', '--user', 'bob', `${platform.url}/gms`])).answered).toBe(true);
});
