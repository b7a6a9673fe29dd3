import type { SessionType } from '@vobridge/sdk';
import type { PlatformSession } from '@vobridge/sdk/broker';
import { sessionTypeValues } from '@vobridge/sdk/openapi/sessions';
import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import type { BrokerClient } from '../broker/client.js';
import { connectBroker } from '../broker/client.js';
import { CliError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { openInBrowser } from '../output/browser.js';
import { note, out, outJson } from '../output/print.js';
import { renderTable } from '../output/table.js';
import { formatExpiry } from '../output/time.js';
import { parsePlatform, platformOrigin, selectPlatform } from '../platform/resolve.js';
import { parsePositive, parseSeconds } from './arguments.js';

/** The session types of the spec (`openapi/sessions.yaml`). */
const SESSION_TYPES: readonly SessionType[] = sessionTypeValues;

interface PlatformOption {
  platform?: string;
}

/** `vobridge sessions ls|launch|rm|renew|open|logs`: skaha sessions on every platform you are logged in to. */
export function registerSessions(program: Command): void {
  const sessions = program
    .command('sessions')
    .description('list, launch and manage interactive sessions (Firefly, CARTA, notebook, desktop, headless)');

  sessions
    .command('ls')
    .description('list your sessions on every platform you are logged in to')
    .option('--platform <url|name>', 'only this platform', parsePlatform)
    .addOption(new Option('--type <type>', 'only sessions of this type').choices(SESSION_TYPES))
    .option('--json', 'print JSON')
    .action(async (options: PlatformOption & { type?: SessionType; json?: boolean }) => {
      const broker = await connectBroker();
      const only = options.platform === undefined ? undefined : await platformOrigin(options.platform);
      const listing = await broker.sessions();
      const platforms = listing.platforms.filter((p) => only === undefined || p.platform === only);
      if (platforms.length === 0)
        throw new CliError(
          only === undefined ? 'not logged in to any platform' : `not logged in to ${only}`,
          ExitCode.AUTH,
          'Log in with: vobridge login <platform-url>',
        );
      for (const failed of platforms.filter((p) => !p.ok))
        note(`vobridge: ${failed.platform}: ${failed.error ?? 'failed'}`);
      if (platforms.every((p) => !p.ok))
        throw new CliError('no platform could list its sessions', ExitCode.UNAVAILABLE);
      const found = listing.sessions.filter(
        (s) => (only === undefined || s.platform === only) && (options.type === undefined || s.type === options.type),
      );
      if (options.json) outJson(found);
      else
        out(
          renderTable(found, [
            { header: 'PLATFORM', value: (s) => s.platform },
            { header: 'ID', value: (s) => s.id },
            { header: 'TYPE', value: (s) => s.type },
            { header: 'STATUS', value: (s) => s.status },
            { header: 'NAME', value: (s) => s.name },
            { header: 'EXPIRES', value: (s) => formatExpiry(Date.parse(s.expiryTime) / 1000) },
            { header: 'URL', value: (s) => s.connectURL ?? '-' },
          ]),
        );
    });

  sessions
    .command('launch')
    .description('launch a session; prints its id (with --wait, once it runs)')
    .addArgument(new Argument('<type>', 'session type').choices(SESSION_TYPES))
    .option('--name <name>', 'session name (letters and digits; default: the type)')
    .option('--image <image>', "container image (default: the platform's first image of that type)")
    .option('--cores <n>', 'fixed CPU cores', parsePositive)
    .option('--ram <gb>', 'fixed RAM in GB', parsePositive)
    .option('--cmd <command>', 'command to run (headless only)')
    .option('--args <args>', 'arguments of --cmd, as one string (headless only)')
    .option('--env <KEY=VALUE>', 'environment variable (repeatable)', collectEnv, {} as Record<string, string>)
    .option(
      '--wait',
      'wait until it runs, then print its URL; for headless: wait until the job ends, print its status and exit by its result (7 when it failed)',
    )
    .option('--timeout <seconds>', 'with --wait: give up after this long (exit 8)', parseSeconds, 300)
    .option(
      '--platform <url|name>',
      'platform to launch on (default: $VOBRIDGE_PLATFORM, or your only login)',
      parsePlatform,
    )
    .action(async (type: SessionType, options: LaunchFlags) => {
      const broker = await connectBroker();
      const platform = await selectPlatform(options.platform, broker);
      const image = options.image ?? (await broker.images(platform, type))[0]?.id;
      if (!image)
        throw new CliError(`the platform offers no ${type} image`, ExitCode.NOT_FOUND, 'Pick one with --image.');
      const id = await broker.launch(platform, {
        name: options.name ?? type,
        image,
        type,
        ...(options.cores ? { cores: options.cores } : {}),
        ...(options.ram ? { ram: options.ram } : {}),
        ...(options.cmd ? { cmd: options.cmd } : {}),
        ...(options.args ? { args: options.args } : {}),
        ...(Object.keys(options.env).length ? { env: options.env } : {}),
      });
      if (!options.wait) {
        out(id);
        return;
      }
      if (type === 'headless') {
        await waitForJob(broker, platform, id, options.timeout);
        return;
      }
      note(`session ${id} launched, waiting for it to run...`);
      const { waitUntilRunning } = await import('@vobridge/sdk');
      const running = await waitUntilRunning(() => broker.session(platform, id), {
        timeout: options.timeout * 1000,
        onStatus: (status) => note(`session ${id}: ${status}`),
      });
      out(`${id} ${running.connectURL ?? ''}`.trim());
    });

  sessions
    .command('rm')
    .description('stop and delete a session')
    .argument('<id>', 'session id (vobridge sessions ls)')
    .option('--platform <url|name>', 'platform it runs on (default: found among your logins)', parsePlatform)
    .action(async (id: string, options: PlatformOption) => {
      const { broker, session } = await findSession(id, options.platform);
      await broker.deleteSession(session.platform, id);
      out(`deleted ${id}`);
    });

  sessions
    .command('renew')
    .description("push a session's expiry forward")
    .argument('<id>', 'session id')
    .option('--platform <url|name>', 'platform it runs on (default: found among your logins)', parsePlatform)
    .action(async (id: string, options: PlatformOption) => {
      const { broker, session: found } = await findSession(id, options.platform);
      const session = await broker.renewSession(found.platform, id);
      out(`${id} expires ${formatExpiry(Date.parse(session.expiryTime) / 1000)} (${session.expiryTime})`);
    });

  sessions
    .command('open')
    .description("print a session's URL (and open it in a browser with --browser)")
    .argument('<id>', 'session id')
    .option(
      '--browser',
      "also open it with $BROWSER, xdg-open or open, logged in (through the platform's one-time login link, where it has them)",
    )
    .option('--platform <url|name>', 'platform it runs on (default: found among your logins)', parsePlatform)
    .action(async (id: string, options: PlatformOption & { browser?: boolean }) => {
      const { broker, session } = await findSession(id, options.platform);
      if (session.status !== 'Running' || !session.connectURL) {
        throw new CliError(
          `session ${id} is ${session.status}, not running`,
          ExitCode.CONFLICT,
          'Wait for it: vobridge sessions ls shows its status.',
        );
      }
      out(session.connectURL);
      if (options.browser) openInBrowser((await loginLink(broker, session)) ?? session.connectURL);
    });

  sessions
    .command('logs')
    .description("print a session's logs (or its scheduling events)")
    .argument('<id>', 'session id')
    .option('--events', 'print scheduling events instead of logs')
    .option('--platform <url|name>', 'platform it runs on (default: found among your logins)', parsePlatform)
    .action(async (id: string, options: PlatformOption & { events?: boolean }) => {
      const { broker, session } = await findSession(id, options.platform);
      const text = await broker.sessionLogs(session.platform, id, options.events ? 'events' : 'logs');
      process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
    });
}

interface LaunchFlags extends PlatformOption {
  name?: string;
  image?: string;
  cores?: number;
  ram?: number;
  cmd?: string;
  args?: string;
  env: Record<string, string>;
  wait?: boolean;
  timeout: number;
}

/** Waits for a headless job to end: success prints `<id> Succeeded`, any other end is a failure (exit 7). */
async function waitForJob(broker: BrokerClient, platform: string, id: string, timeoutS: number): Promise<void> {
  note(`job ${id} launched, waiting for it to end...`);
  const { waitUntilEnded } = await import('@vobridge/sdk');
  const ended = await waitUntilEnded(() => broker.session(platform, id), {
    timeout: timeoutS * 1000,
    onStatus: (status) => note(`job ${id}: ${status}`),
  });
  if (ended.status !== 'Succeeded' && ended.status !== 'Completed')
    throw new CliError(
      `job ${id} ended ${ended.status}`,
      ExitCode.FAILED,
      `See what it printed: vobridge sessions logs ${id}`,
    );
  out(`${id} ${ended.status}`);
}

function collectEnv(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got '${value}'`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** The session with this id, from the broker's listing: on the given platform, else on whichever has it. */
async function findSession(
  id: string,
  platform: string | undefined,
): Promise<{ broker: BrokerClient; session: PlatformSession }> {
  const broker = await connectBroker();
  const only = platform === undefined ? undefined : await platformOrigin(platform);
  const listing = await broker.sessions();
  const session = listing.sessions.find((s) => s.id === id && (only === undefined || s.platform === only));
  if (session !== undefined) return { broker, session };
  const where = listing.platforms.map((p) => p.platform).filter((p) => only === undefined || p === only);
  if (where.length === 0)
    throw new CliError('not logged in to any platform', ExitCode.AUTH, 'Log in with: vobridge login <platform-url>');
  throw new CliError(
    `no session ${id} on ${where.join(', ')}`,
    ExitCode.NOT_FOUND,
    'vobridge sessions ls lists your sessions.',
  );
}

/** The platform's one-time link that opens the session logged in, or `undefined` where it has none (real skaha). */
async function loginLink(broker: BrokerClient, session: PlatformSession): Promise<string | undefined> {
  try {
    return (await broker.openSession(session.platform, session.id)).url;
  } catch (error) {
    if (error instanceof CliError && error.exitCode === ExitCode.NOT_FOUND) return undefined;
    throw error;
  }
}
