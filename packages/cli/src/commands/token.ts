import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { connectBroker } from '../broker/client.js';
import { locateBroker } from '../broker/locate.js';
import { runningBroker } from '../broker/process.js';
import { CliError, UsageError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import { out } from '../output/print.js';
import { parseSeconds, parseUrl } from './arguments.js';
import { printToken, usersOn } from './token-output.js';

/** `vobridge token` and `vobridge env`: credentials for shell scripts, kernels and WLCG tools. */
export function registerToken(program: Command): void {
  program
    .command('token')
    .description('print a fresh token for a service URL (for curl -H "Authorization: Bearer $(vobridge token URL)")')
    .argument('<service-url>', 'URL of the service the token is for', parseUrl)
    .option('--min-valid <seconds>', 'the token must stay valid at least this long (default 60)', parseSeconds)
    .option(
      '--header',
      'print the whole header line to send (Authorization: Bearer …, or Cookie: … / Authorization: Basic … for cookie and Basic logins), for curl -H "$(vobridge token --header URL)"',
    )
    .option('--user <name>', 'the login as this user (needed when several users are logged in to the platform)')
    .option('--json', 'print JSON with the token, its type, its expiry and the login it came from')
    .action(async (url: string, options: { minValid?: number; json?: boolean; header?: boolean; user?: string }) => {
      const broker = await connectBroker();
      const token = await broker.token(url, options.minValid, options.user);
      if (options.user === undefined) {
        // Never a silent pick between people: a script must say whose token it wants.
        const users = usersOn(await broker.logins(), token.platform);
        if (users.length > 1)
          throw new UsageError(
            `several users are logged in to ${token.platform} (${users.join(', ')}): say whose token`,
            `Add --user <name>, e.g. vobridge token --user ${users[0]} ${url}`,
          );
      }
      printToken(token, options);
    });

  program
    .command('env')
    .description('print shell exports that point kernels and WLCG tools at the running broker (eval "$(vobridge env)")')
    .option('--shell <shell>', 'sh (bash, zsh) or fish', 'sh')
    .action(async (options: { shell: string }) => {
      if (options.shell !== 'sh' && options.shell !== 'fish')
        throw new UsageError(`unknown shell '${options.shell}'`, 'Use --shell sh or --shell fish.');
      const located = (await runningBroker()) ?? (await locateBroker());
      if (!located)
        throw new CliError('no broker is running', ExitCode.UNAVAILABLE, 'Start one with: vobridge broker start');
      const vars: [string, string][] = [
        ['VOBRIDGE_BROKER_URL', located.url],
        ['VOBRIDGE_BROKER_SECRET', located.secret],
      ];
      const { defaultTokenFile } = await import('@vobridge/broker');
      const tokenFile = defaultTokenFile();
      if (existsSync(tokenFile)) vars.push(['BEARER_TOKEN_FILE', tokenFile]);
      for (const [name, value] of vars) {
        out(
          options.shell === 'fish' ? `set -gx ${name} ${shellQuote(value)};` : `export ${name}=${shellQuote(value)};`,
        );
      }
    });
}

/** Single-quoted for sh and fish alike (a `'` closes, escapes and reopens). */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
