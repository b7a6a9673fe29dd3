// oidc-agent, the peer of the broker as a local token service: found (or
// installed from Debian's oidc-agent-cli when root), started with its own
// socket and configuration directory, given an account without a person, and
// asked for tokens over its unix socket (JSON, one request per connection).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from './http.js';
import { rssOf } from './processes.js';

const TOOLS = ['oidc-agent', 'oidc-gen', 'oidc-token'] as const;

function missingTools(): string[] {
  return TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0);
}

/**
 * Makes sure `oidc-agent`, `oidc-gen` and `oidc-token` are on the PATH,
 * installing Debian's `oidc-agent-cli` with apt when running as root (as
 * `scripts/setup.sh` installs chromium). Resolves with why they are not
 * available, or `undefined` when they are.
 */
export async function ensureOidcAgent(): Promise<string | undefined> {
  if (missingTools().length === 0) return undefined;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (process.getuid?.() === 0 && hasApt) {
    process.stderr.write("  installing Debian's oidc-agent-cli with apt-get\n");
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    try {
      await run('apt-get', ['update', '-qq'], env);
      await run('apt-get', ['install', '-y', '-qq', 'oidc-agent-cli'], env);
    } catch (error) {
      return `installing oidc-agent-cli with apt-get failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  const missing = missingTools();
  return missing.length === 0
    ? undefined
    : `${missing.join(', ')} not found on the PATH; install Debian's oidc-agent-cli (apt-get install oidc-agent-cli)`;
}

/** The installed oidc-agent's version (`4.2.6`), for the notes. */
export function oidcAgentVersion(): string {
  const out = spawnSync('oidc-agent', ['--version'], { encoding: 'utf8' }).stdout;
  return /\d+\.\d+\.\d+/.exec(out)?.[0] ?? 'of unknown version';
}

/** An account to configure in the agent: a registered confidential client and a refresh token. */
export interface AgentAccount {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  scope: string;
}

/** A running oidc-agent of the benchmark's own. */
export interface OidcAgent {
  /** Environment for oidc-token and oidc-gen: this agent's socket and configuration directory. */
  env: Record<string, string>;
  /** Path of its unix socket. */
  socket: string;
  /** Configures `account` without a person (`oidc-gen --flow=refresh`) and loads it into the agent. */
  addAccount(account: AgentAccount): Promise<void>;
  /** Resident set size of the agent's processes, in bytes. */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `oidc-agent` in the foreground with its socket and configuration under `dir` (0700). */
export async function startOidcAgent(dir: string): Promise<OidcAgent> {
  const configDir = join(dir, 'config');
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  const socket = join(dir, 'agent.sock');
  const env = { OIDC_SOCK: socket, OIDC_CONFIG_DIR: configDir };
  const child = spawn(
    'oidc-agent',
    [
      '--console',
      `--socket-path=${socket}`,
      '--no-autoload',
      '--no-webserver',
      '--no-scheme',
      '--no-autoreauthenticate',
      '--quiet',
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
  for (let waited = 0; ; waited += 50) {
    if (child.exitCode !== null) throw new Error(`oidc-agent exited (${child.exitCode}) before it was ready: ${err}`);
    if (
      await access(socket).then(
        () => true,
        () => false,
      )
    )
      break;
    if (waited > 10_000) throw new Error('oidc-agent did not create its socket within 10 s');
    await sleep(50);
  }
  const pid = child.pid as number;
  // The agent runs as two processes: a proxy on the socket and the daemon holding the tokens.
  const pids = async (): Promise<number[]> => {
    const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    return [pid, ...children.split(/\s+/).filter(Boolean).map(Number)];
  };
  return {
    env,
    socket,
    addAccount: async (account) => {
      const clientFile = join(dir, `${account.name}-client.json`);
      const client = {
        client_id: account.clientId,
        client_secret: account.clientSecret,
        issuer_url: account.issuer,
        scope: account.scope,
      };
      await writeFile(clientFile, JSON.stringify(client), { mode: 0o600, flag: 'wx' });
      // Secrets through a 0600 file and the environment, never the command line (visible in ps).
      await run(
        'oidc-gen',
        [account.name, `--file=${clientFile}`, '--rt-env', '--pw-env', '--prompt=none', '--confirm-default'],
        {
          ...env,
          OIDC_REFRESH_TOKEN: account.refreshToken,
          OIDC_ENCRYPTION_PW: randomBytes(24).toString('base64url'),
        },
      );
    },
    rss: async () => (await Promise.all((await pids()).map(rssOf))).reduce((a, b) => a + b, 0),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * One `access_token` request on the agent's socket, as liboidc-agent sends it
 * (a JSON object; the agent answers and closes the connection). Resolves
 * with the token.
 */
export function agentToken(socket: string, account: string, minValidSeconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const connection = createConnection(socket);
    let answer = '';
    connection.setEncoding('utf8');
    connection.on('connect', () =>
      connection.write(
        JSON.stringify({
          request: 'access_token',
          account,
          min_valid_period: minValidSeconds,
          application_hint: 'vobridge-bench',
        }),
      ),
    );
    connection.on('data', (chunk: string) => (answer += chunk));
    connection.on('error', reject);
    connection.on('close', () => {
      try {
        const parsed = JSON.parse(answer) as { status?: string; access_token?: string; error?: string };
        if (parsed.status === 'success' && typeof parsed.access_token === 'string') resolve(parsed.access_token);
        else reject(new Error(`oidc-agent: ${parsed.error ?? 'no access token'}`));
      } catch {
        reject(new Error('oidc-agent answered something that is not JSON'));
      }
    });
  });
}
