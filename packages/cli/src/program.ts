import { Command, CommanderError } from 'commander';
import { registerBroker } from './commands/broker.js';
import { registerCompletion } from './commands/completion.js';
import { registerJobs } from './commands/jobs.js';
import { registerLogin } from './commands/login.js';
import { registerSessions } from './commands/sessions.js';
import { registerToken } from './commands/token.js';
import { registerVos } from './commands/vos.js';
import { formatError } from './errors.js';
import { ExitCode, type ExitCodeValue } from './exitCodes.js';
import { VERSION } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0 ok, 1 usage error (or a request the service refused as malformed), 2 login needed or rejected, 3 not found, 4 not allowed,
  5 broker or platform unreachable, 6 already exists / wrong state,
  7 remote operation failed (job error, checksum mismatch), 8 timed out,
  10 internal error, 130 interrupted.`;

/** Builds the `vobridge` command tree. */
export function createProgram(): Command {
  const program = new Command('vobridge')
    .description('Log in to IVOA science platforms and use their sessions, VOSpace and UWS services from a terminal.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride();
  registerLogin(program);
  registerToken(program);
  registerBroker(program);
  registerSessions(program);
  registerVos(program);
  registerJobs(program);
  registerCompletion(program);
  program.addHelpText('after', `${EXIT_CODES_HELP}\n\nRun 'vobridge <command> --help' for a command's options.`);
  forEachCommand(program, (command) => {
    command.exitOverride().configureOutput({
      // Commander's usage errors, reshaped into the CLI's one line + hint.
      outputError: (text, write) =>
        write(`vobridge: ${usageLine(text)}\nRun '${fullName(command)} --help' for usage.\n`),
    });
  });
  return program;
}

/**
 * Runs the CLI on `argv` (as `process.argv`) and resolves with the exit
 * code; every error is printed here, as one line and a hint.
 */
export async function run(argv: readonly string[]): Promise<ExitCodeValue> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
    return ExitCode.OK;
  } catch (error) {
    // Help and version "errors" exit 0; usage errors were already printed by outputError.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    const formatted = formatError(error);
    process.stderr.write(`${formatted.line}\n${formatted.hint ? `${formatted.hint}\n` : ''}`);
    return formatted.exitCode;
  }
}

/** Commander's message on one line, with any `user:password@` of an echoed URL masked. */
function usageLine(text: string): string {
  return text
    .replace(/^error: /, '')
    .replace(/\/\/[^/@\s']*@/g, '//***@')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

function forEachCommand(command: Command, visit: (command: Command) => void): void {
  visit(command);
  for (const sub of command.commands) forEachCommand(sub, visit);
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
