import { Option, type Command } from 'commander';
import { BrokerClient } from '../broker/client.js';
import { connectBroker } from '../broker/client.js';
import { runningBroker, startBrokerProcess } from '../broker/process.js';
import { isPendingLogin, type BrokerLogin, type LoginRequest, type PendingLogin } from '@vobridge/sdk/broker';
import { CliError, UsageError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { note, out, outJson } from '../output/print.js';
import { parseSeconds } from './arguments.js';
import { activeLogins, printStatus, printWhoami } from './login-output.js';
import { parsePlatform, platformOrigin, platformUrl } from '../platform/resolve.js';
import { readStdin } from './stdin.js';
import { webLogin } from './web-login.js';

type Method = 'password' | 'cookie' | 'basic' | 'device' | 'token' | 'pkce';
/** Methods that take a user name and password (made into a token, a session cookie, or sent as Basic). */
const PASSWORD_METHODS: readonly Method[] = ['password', 'cookie', 'basic'];

interface LoginOptions {
  method?: Method;
  username?: string;
  passwordStdin?: boolean;
  keepPassword: 'no' | 'memory' | 'disk';
  token?: string;
  web?: boolean;
  wait: boolean;
  timeout: number;
  json?: boolean;
}

/**
 * How often the local broker is asked whether a device login went through.
 * The broker itself polls the platform at the interval the platform set.
 */
const BROKER_POLL_MS = 1000;

/** Default wait for a device or browser login to be approved: the usual device code lifetime. */
const DEVICE_TIMEOUT_S = 600;

/** How each method is named when the CLI says what it does, or asks which to use. */
const METHOD_LABELS: Record<Method, string> = {
  password: 'user name and password',
  cookie: 'user name and password (session cookie)',
  basic: 'user name and password (HTTP Basic)',
  device: 'a device code, approved in any browser',
  pkce: 'your browser, on this machine (--web)',
  token: 'a token',
};

/** The flags that pick each method without a question (for the no-terminal error). */
const METHOD_FLAGS: Partial<Record<Method, string>> = {
  password: '-u NAME --password-stdin',
  cookie: '--method cookie -u NAME --password-stdin',
  basic: '--method basic -u NAME --password-stdin',
  device: '--method device',
  pkce: '--web',
};

/** What `status` says the broker renews a login with (what it keeps, and where). */
/** `vobridge login|logout|whoami|status`. */
export function registerLogin(program: Command): void {
  program
    .command('login')
    .description(
      'log in to a platform (password, cookie or Basic login, device code or static token); starts the broker if needed',
    )
    .argument(
      '<platform>',
      'URL of the platform (an origin serving /reg/resource-caps), of its registry, or of one of its services; or a built-in name (canfar)',
      parsePlatform,
    )
    .addOption(
      new Option(
        '--method <method>',
        'login method (default: the first the platform offers); cookie: for services that take a session cookie only; basic: HTTP Basic (DaCHS)',
      ).choices(['password', 'cookie', 'basic', 'device', 'token']),
    )
    .option('-u, --username <name>', 'user name for a password login (prompted for when omitted)')
    .option('--password-stdin', 'read the password from standard input instead of prompting (for scripts)')
    .addOption(
      new Option(
        '--keep-password <where>',
        'password login: what the broker may keep to renew it when its token expires; no (log in again then), memory (until logout or the broker stops), disk (also in its encrypted login store, surviving restarts)',
      )
        .choices(['no', 'memory', 'disk'])
        .default('memory'),
    )
    .option('--token <token>', "log in with a static token; '-' reads it from standard input (keeps it out of ps)")
    .option(
      '--web',
      "log in through your browser on this machine (authorization code + PKCE; the platform's pages, then back to a loopback address)",
    )
    .option('--no-wait', 'device login: print the code and return without waiting for approval')
    .option(
      '--timeout <seconds>',
      'device or browser login: how long to wait for approval',
      parseSeconds,
      DEVICE_TIMEOUT_S,
    )
    .option('--json', 'print the login as JSON')
    .addHelpText(
      'after',
      `
Examples:
  vobridge login https://platform.example.org                      # asks the platform, then asks you how
  vobridge login canfar                                            # CANFAR, found through CADC's registry
  vobridge login https://platform.example.org --web                # signs in through your browser
  vobridge login https://platform.example.org --method device      # prints a URL and code to approve elsewhere
  echo "$PW" | vobridge login URL -u alice --password-stdin         # non-interactive password login
  vobridge login URL --token - < token.txt                         # static token`,
    )
    .action(async (platform: string, options: LoginOptions) => {
      const broker = await ensureBroker();
      const login = await logIn(broker, await platformUrl(platform), options);
      if (options.json) outJson(login);
      else if (login.state === 'active') out(`logged in to ${login.platform} as ${login.user ?? 'unknown user'}`);
      else out(`login ${login.id} to ${login.platform} is ${login.state}`);
    });

  program
    .command('logout')
    .description('log out of a platform (or of every platform with --all)')
    .argument('[platform-url]', 'the platform to log out of (needed when you are logged in to several)', parsePlatform)
    .option('--all', 'log out of every platform')
    .action(async (platform: string | undefined, options: { all?: boolean }) => {
      const broker = await connectBroker();
      const logins = await broker.logins();
      const origin = platform === undefined ? undefined : await platformOrigin(platform);
      let chosen: BrokerLogin[];
      if (options.all) chosen = logins;
      else if (origin) chosen = logins.filter((login) => login.platform === origin);
      else if (logins.length <= 1) chosen = logins;
      else
        throw new UsageError(
          'you are logged in to several platforms: say which',
          'Run vobridge logout <platform-url>, or vobridge logout --all.',
        );
      if (chosen.length === 0)
        throw new CliError(origin ? `not logged in to ${origin}` : 'not logged in', ExitCode.NOT_FOUND);
      for (const login of chosen) await broker.logout(login.id);
      // One line per platform, whatever number of logins (finished or not) it had.
      for (const platform of new Set(chosen.map((login) => login.platform))) {
        const users = [
          ...new Set(
            chosen
              .filter((l) => l.platform === platform && l.state !== 'pending' && l.state !== 'failed')
              .map((l) => l.user ?? 'unknown user'),
          ),
        ];
        out(
          users.length > 0
            ? `logged out of ${platform} (${users.join(', ')})`
            : `cancelled the unfinished login to ${platform}`,
        );
      }
    });

  program
    .command('whoami')
    .description('print who you are logged in as (on one platform, or on each)')
    .argument('[platform-url]', 'only this platform', parsePlatform)
    .action(async (platform: string | undefined) => {
      const origin = platform === undefined ? undefined : await platformOrigin(platform);
      const logins = activeLogins(await (await connectBroker()).logins(), origin);
      if (logins.length === 0)
        throw new CliError(
          origin ? `not logged in to ${origin}` : 'not logged in',
          ExitCode.AUTH,
          'Log in with: vobridge login <platform-url>',
        );
      printWhoami(logins, origin);
    });

  program
    .command('status')
    .description('list every login with its state and token expiry')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      printStatus(await (await connectBroker()).logins(), options);
    });
}

/** The running broker, started in the background first when there is none. */
async function ensureBroker(): Promise<BrokerClient> {
  const located = (await runningBroker()) ?? (await startBrokerProcess());
  return new BrokerClient(located);
}

async function logIn(broker: BrokerClient, url: string, options: LoginOptions): Promise<BrokerLogin | PendingLogin> {
  const method = await chooseMethod(broker, url, options);
  if (method === 'pkce') return webLogin(broker, url, options.timeout);
  const request = await loginRequest(method, url, options);
  const started = await broker.startLogin(request);
  if (!isPendingLogin(started)) return started;
  showDeviceCode(started);
  if (!options.wait) return started;
  return waitForApproval(broker, started, options.timeout);
}

/**
 * The method the flags name; else the platform is asked. A user name or
 * password given picks the first password method it offers; on a terminal
 * the user chooses among what it offers; without one, nothing is guessed: a
 * login that would wait for a person must be asked for.
 */
async function chooseMethod(broker: BrokerClient, url: string, options: LoginOptions): Promise<Method> {
  const named = [
    options.method,
    options.token !== undefined ? 'token' : undefined,
    options.web ? 'pkce' : undefined,
  ].filter((m): m is Method => m !== undefined);
  if (new Set(named).size > 1) throw new UsageError('--method, --token and --web each choose a login method: give one');
  if (named[0] !== undefined) return named[0];
  const discovery = await broker.discover(url);
  // Any URL takes a static token; only a platform declares a way to log in.
  const usable = discovery.methods.map((m) => m.method as Method).filter((m) => m !== 'token');
  if (usable.length === 0)
    throw new CliError(
      `${discovery.platform} does not look like a science platform: it declares no way to log in (no IVOA registry, OpenID Connect metadata or login challenge)`,
      ExitCode.NOT_FOUND,
      'Check the URL (a platform, its registry URL, or a built-in name: canfar), or log in with a token obtained elsewhere: vobridge login URL --token -',
    );
  if (options.username !== undefined || options.passwordStdin === true) {
    const password = usable.find((m) => PASSWORD_METHODS.includes(m));
    if (!password)
      throw new CliError(
        `${discovery.platform} takes no user name and password; it offers ${usable.map((m) => METHOD_LABELS[m]).join(', ')}`,
        ExitCode.USAGE,
        `Log in with ${usable.map((m) => METHOD_FLAGS[m]).join(' or ')}.`,
      );
    return password;
  }
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new UsageError(
      `no terminal to ask how to log in to ${discovery.platform}`,
      `Choose one: ${usable.map((m) => `${METHOD_FLAGS[m]} (${METHOD_LABELS[m]})`).join('; ')}.`,
    );
  if (usable.length === 1) {
    note(`Logging in to ${discovery.platform} with ${METHOD_LABELS[usable[0] as Method]}.`);
    return usable[0] as Method;
  }
  const { select } = await import('@inquirer/prompts');
  return select({
    message: `How do you want to log in to ${discovery.platform}?`,
    choices: usable.map((m) => ({ name: METHOD_LABELS[m], value: m })),
  });
}

async function loginRequest(
  method: Exclude<Method, 'pkce'>,
  url: string,
  options: LoginOptions,
): Promise<LoginRequest> {
  switch (method) {
    case 'token': {
      if (options.token === undefined)
        throw new UsageError('--method token needs --token <token> (or --token - to read it from standard input)');
      const token = options.token === '-' ? (await readStdin()).trim() : options.token;
      if (token === '') throw new UsageError('the token is empty');
      return { method, url, token };
    }
    case 'password':
    case 'cookie':
    case 'basic': {
      const interactive = process.stdin.isTTY === true && !options.passwordStdin;
      const { input, password: passwordPrompt } = await import('@inquirer/prompts');
      const username = options.username ?? (interactive ? await input({ message: 'User name:' }) : undefined);
      if (!username)
        throw new UsageError('a password login needs --username', 'Add -u <name>, with --password-stdin for scripts.');
      let password: string;
      if (options.passwordStdin) password = (await readStdin()).replace(/\r?\n$/, '');
      else if (interactive) password = await passwordPrompt({ message: `Password for ${username}:` });
      else throw new UsageError('no terminal to prompt for the password', 'Pipe it in with --password-stdin.');
      if (password === '') throw new UsageError('the password is empty');
      return { method, url, username, password, keep_password: options.keepPassword };
    }
    case 'device':
      return { method, url };
  }
}

function showDeviceCode(login: PendingLogin): void {
  if (!login.verification_uri || !login.user_code) {
    throw new CliError('the broker did not return a device code', ExitCode.FAILED);
  }
  note(`To log in to ${login.platform}, open ${login.verification_uri} and enter the code ${login.user_code}`);
  if (login.verification_uri_complete) note(`(or open ${login.verification_uri_complete})`);
}

async function waitForApproval(broker: BrokerClient, pending: PendingLogin, timeoutS: number): Promise<BrokerLogin> {
  note('Waiting for approval...');
  const deadline = Date.now() + timeoutS * 1000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(BROKER_POLL_MS, Math.max(deadline - Date.now(), 0))));
    const login = await broker.login(pending.id);
    if (login.state === 'active') return login;
    if (login.state !== 'pending')
      throw new CliError(`the device login ${login.state}`, ExitCode.AUTH, 'Run vobridge login again.');
  }
  throw new CliError(
    'the device login was not approved in time',
    ExitCode.TIMEOUT,
    'Run vobridge login again, or raise --timeout.',
  );
}
