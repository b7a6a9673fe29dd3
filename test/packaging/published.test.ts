// The npm packages as a user outside this monorepo gets them: packed with
// `npm pack`, published to a throw-away local registry (verdaccio, serving the
// @vobridge scope; every other package comes from the machine's registry),
// then installed into a new project. A strict TypeScript consumer compiles against @vobridge/sdk's
// exports and runs against the installed reference platform; `npm i -g` of the
// CLI gives a working `vobridge`; publint and arethetypeswrong find nothing.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startProcess, type Running } from '@vobridge/testing';

const exec = promisify(execFile);
const BIN = join(ROOT, 'node_modules/.bin');
/** Publish order: each after the packages it depends on. */
const PACKAGES = ['sdk', 'platform', 'broker', 'cli', 'jupyterlab'] as const;
/** The ones with a typed API for other TypeScript tools (the CLI is a program, the labextension a plugin). */
const TYPED = new Set(['sdk', 'platform', 'broker']);
// Installing on two cores: minutes, not seconds. npm gives up before the test does, so a stalled
// install fails with npm's own words and the registry's log rather than a bare jest timeout.
const SLOW = 300_000;
const NPM_LIMIT = 240_000;

let work: string;
let registry: ChildProcess;
let registryUrl: string;
let registryLog = '';
let npmrc: string;
const tarballs = new Map<string, string>();
let platform: Running | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm …` with the throw-away registry's config only (never the user's). */
async function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    // --prefer-online: verdaccio's port can be one a previous run used, and a packument cached
    // under the same URL then (with --prefer-offline) made `npm publish` refuse the version as taken.
    return await exec(
      'npm',
      [...args, '--userconfig', npmrc, '--no-fund', '--no-audit', '--prefer-online', '--loglevel=http'],
      { cwd, env: process.env, maxBuffer: 1 << 24, timeout: NPM_LIMIT },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `npm ${args.join(' ')} failed:\n${String(error)}\n${(stderr ?? '').slice(-4000)}\nverdaccio said:\n${registryLog}`,
    );
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vobridge-published-'));
  // Where a user would install: readable by others, as the platform's isolated sessions need when run as root.
  chmodSync(work, 0o755);
  const upstream = (await exec('npm', ['config', 'get', 'registry'], { cwd: ROOT })).stdout.trim();
  const port = await freePort();
  registryUrl = `http://127.0.0.1:${port}/`;
  writeFileSync(
    join(work, 'verdaccio.yaml'),
    [
      `storage: ${join(work, 'storage')}`,
      'auth:',
      `  htpasswd: { file: ${join(work, 'htpasswd')}, max_users: 1 }`,
      // Only @vobridge/* lives here; npm takes everything else from the machine's own registry
      // (a scoped registry), as `npm ci` does: no proxying that a loaded machine could trip.
      'packages:',
      "  '@vobridge/*': { access: $all, publish: $authenticated }",
      'log: { type: stdout, format: pretty, level: warn }',
    ].join('\n'),
  );
  registry = spawn(
    join(BIN, 'verdaccio'),
    ['--config', join(work, 'verdaccio.yaml'), '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Read what it says (a full pipe would stall it), and keep the end for failure messages.
  for (const stream of [registry.stdout, registry.stderr])
    stream?.on('data', (chunk: Buffer) => {
      registryLog = (registryLog + chunk.toString()).slice(-8000);
    });
  let ready = false;
  for (let i = 0; i < 150 && !ready; i++) {
    ready = await fetch(`${registryUrl}-/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  if (!ready) throw new Error('verdaccio did not start');
  const user = await fetch(`${registryUrl}-/user/org.couchdb.user:publisher`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'publisher', password: 'throw-away-registry' }),
  });
  const { token } = (await user.json()) as { token: string };
  npmrc = join(work, 'npmrc');
  writeFileSync(
    npmrc,
    `registry=${upstream}\n@vobridge:registry=${registryUrl}\n//127.0.0.1:${port}/:_authToken=${token}\n`,
    { mode: 0o600 },
  );

  mkdirSync(join(work, 'tarballs'));
  for (const name of PACKAGES) {
    const { stdout } = await exec(
      'npm',
      ['pack', '-w', `packages/${name}`, '--pack-destination', join(work, 'tarballs'), '--json'],
      { cwd: ROOT, maxBuffer: 1 << 24 },
    );
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    const tarball = join(work, 'tarballs', (packed as { filename: string }).filename);
    tarballs.set(name, tarball);
    await npm(['publish', tarball], work);
  }
}, SLOW);

afterAll(async () => {
  await platform?.stop();
  registry?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

test.each(PACKAGES)('@vobridge/%s: publint and arethetypeswrong report nothing', async (name) => {
  const tarball = tarballs.get(name) as string;
  const lint = await exec(join(BIN, 'publint'), ['run', tarball, '--strict'], { cwd: work });
  expect(lint.stdout).toMatch(/All good!/);
  if (TYPED.has(name)) {
    // ESM-only packages: CommonJS `require` and node10 resolution are out of scope by design.
    // attw exits non-zero on any problem that profile does not ignore (exec then rejects).
    const types = await exec(join(BIN, 'attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], { cwd: work });
    expect(types.stdout).toMatch(/node16 \(from ESM\): 🟢/);
  }
});

test(
  'a strict TypeScript project compiles against @vobridge/sdk and runs against the installed platform',
  async () => {
    const app = join(work, 'consumer');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
    );
    await npm(['install', '@vobridge/sdk@0.1.0', '@vobridge/platform@0.1.0'], app);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          lib: ['ES2022', 'DOM'],
          types: [],
          outDir: 'dist',
          skipLibCheck: false,
        },
        include: ['src'],
      }),
    );
    writeFileSync(
      join(app, 'src/main.ts'),
      `import {
  CredentialStore,
  SessionsClient,
  VobridgeError,
  createAuthFetch,
  loginWithPassword,
  type Session,
  type SessionImage,
} from '@vobridge/sdk';
import { BROKER_ERROR_CODES, BrokerClient, type BrokerLogin } from '@vobridge/sdk/broker';
import type { paths } from '@vobridge/sdk/openapi/sessions';

// The generated spec types and the broker client are public API too.
type LaunchQuery = NonNullable<paths['/session']['post']['parameters']['query']>;
const launch: Pick<LaunchQuery, 'name' | 'image'> = { name: 'x', image: 'y' };
const broker = new BrokerClient({ baseUrl: 'http://127.0.0.1:9' });
const logins: (signal: BrokerClient) => Promise<BrokerLogin[]> = (client) => client.logins();

const platform = process.argv[2] ?? '';
const credential = await loginWithPassword({ accessUrl: \`\${platform}/ac/login\`, username: 'alice', password: 'alice-demo-password' });
const store = new CredentialStore();
store.set(platform, credential);
const sessions = new SessionsClient({ baseUrl: \`\${platform}/skaha/v1\`, fetch: createAuthFetch({ store }) });
const images: SessionImage[] = await sessions.images();
const running: Session[] = await sessions.list();
try {
  await sessions.get('nosuchsession');
} catch (error) {
  if (!(error instanceof VobridgeError)) throw error;
  console.log(
    JSON.stringify({
      user: credential.user,
      images: images.length,
      sessions: running.length,
      code: error.code,
      brokerCodes: BROKER_ERROR_CODES.length,
      typed: typeof logins === 'function' && broker instanceof BrokerClient && launch.name === 'x',
    }),
  );
}
`,
    );
    // \`process\` without @types/node: the consumer declares the little it uses.
    writeFileSync(join(app, 'src/env.d.ts'), 'declare const process: { argv: string[] };\n');
    await exec(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app });

    platform = await startProcess(
      join(app, 'node_modules/.bin/vobridge-platform'),
      ['--port', '0', '--data', join(work, 'platform-data')],
      /vobridge-platform listening on (http:\/\/127\.0\.0\.1:\d+)/,
      { cwd: app },
    );
    const { stdout } = await exec(process.execPath, [join(app, 'dist/main.js'), platform.url], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({
      user: 'alice',
      images: expect.any(Number),
      sessions: 0,
      code: 'ERR_NOT_FOUND',
      brokerCodes: expect.any(Number),
      typed: true,
    });
    expect(JSON.parse(stdout).images).toBeGreaterThan(0);
  },
  SLOW,
);

test(
  '`npm i -g` of the CLI gives a working vobridge that logs in and hands out tokens',
  async () => {
    const prefix = join(work, 'global');
    await npm(['install', '--global', '--prefix', prefix, tarballs.get('cli') as string], work);
    const home = join(work, 'home');
    mkdirSync(home);
    const env = {
      ...process.env,
      HOME: home,
      XDG_STATE_HOME: join(home, 'state'),
      XDG_RUNTIME_DIR: join(home, 'run'),
      JUPYTER_RUNTIME_DIR: join(home, 'jupyter'),
      PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
    };
    const vobridge = join(prefix, 'bin/vobridge');
    const version = await exec(vobridge, ['--version'], { env });
    expect(version.stdout.trim()).toBe('0.1.0');
    // The platform the previous test installed and started.
    expect(platform).toBeDefined();
    const url = (platform as Running).url;
    const login = spawn(vobridge, ['login', url, '-u', 'alice', '--password-stdin'], { env });
    login.stdin.end('alice-demo-password\n');
    const code = await new Promise<number | null>((resolve) => login.once('exit', resolve));
    expect(code).toBe(0);
    try {
      const token = await exec(vobridge, ['token', `${url}/vospace`], { env });
      const who = await fetch(`${url}/ac/whoami`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(who.status).toBe(200);
    } finally {
      await exec(vobridge, ['broker', 'stop'], { env }).catch(() => undefined);
    }
  },
  SLOW,
);
