import {
  AbortError,
  AuthenticationError,
  HttpError,
  NetworkError,
  ProtocolError,
  TimeoutError,
  VobridgeError,
} from '@vobridge/sdk';
import { ExitCode, type ExitCodeValue } from './exitCodes.js';
import { VosUriError } from './vos/uri.js';

/**
 * A failure the CLI reports to the user: one plain line, an optional hint on
 * what to do next, and the exit code. Messages never carry a credential.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** Exit code for the process. */
  readonly exitCode: ExitCodeValue;
  /** What to try next, shown on its own line. */
  readonly hint: string | undefined;

  constructor(message: string, exitCode: ExitCodeValue, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
    this.hint = hint;
  }
}

/** Wrong command-line usage (exit code 1). */
export class UsageError extends CliError {
  constructor(message: string, hint = 'Run the command with --help for its usage.') {
    super(message, ExitCode.USAGE, hint);
  }
}

/** What gets printed for an error, and the exit code. */
export interface FormattedError {
  /** Single line, starting with `vobridge: `. */
  line: string;
  /** Hint line, if any. */
  hint: string | undefined;
  exitCode: ExitCodeValue;
}

const LOGIN_HINT = 'Log in with: vobridge login <platform-url>';

/**
 * The one place that turns any thrown value into what the user sees. Known
 * errors keep their message (the SDK and broker already redact URLs and never
 * include tokens); anything else is reported as internal, without details
 * that could leak input.
 */
export function formatError(error: unknown): FormattedError {
  const cli = toCliError(error);
  return { line: `vobridge: ${oneLine(cli.message)}`, hint: cli.hint, exitCode: cli.exitCode };
}

function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof VosUriError) return new UsageError(error.message, 'VOSpace locations look like vos:alice/data/file.fits');
  if (error instanceof VobridgeError) return fromSdkError(error);
  if (isExitPromptError(error)) return new CliError('interrupted', ExitCode.INTERRUPTED);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return new CliError((error as Error).message, ExitCode.NOT_FOUND);
  if (code === 'EACCES' || code === 'EPERM') return new CliError((error as Error).message, ExitCode.FORBIDDEN);
  if (code === 'EEXIST') return new CliError((error as Error).message, ExitCode.CONFLICT);
  return new CliError(
    `internal error${error instanceof Error ? ` (${error.name})` : ''}`,
    ExitCode.INTERNAL,
    'This is a bug in vobridge; please report it with the command you ran.',
    { cause: error },
  );
}

function fromSdkError(error: VobridgeError): CliError {
  if (error instanceof AuthenticationError) return new CliError(error.message, ExitCode.AUTH, LOGIN_HINT, { cause: error });
  if (error instanceof HttpError) {
    const byStatus: Record<number, ExitCodeValue> = { 401: ExitCode.AUTH, 403: ExitCode.FORBIDDEN, 404: ExitCode.NOT_FOUND, 409: ExitCode.CONFLICT };
    const exit = byStatus[error.status] ?? (error.status >= 500 ? ExitCode.UNAVAILABLE : ExitCode.FAILED);
    return new CliError(error.message, exit, exit === ExitCode.AUTH ? LOGIN_HINT : undefined, { cause: error });
  }
  if (error instanceof NetworkError) return new CliError(error.message, ExitCode.UNAVAILABLE, undefined, { cause: error });
  if (error instanceof TimeoutError) return new CliError(error.message, ExitCode.TIMEOUT, undefined, { cause: error });
  if (error instanceof AbortError) return new CliError(error.message, ExitCode.INTERRUPTED, undefined, { cause: error });
  if (error instanceof ProtocolError) return new CliError(error.message, ExitCode.FAILED, undefined, { cause: error });
  const byCode: Partial<Record<string, ExitCodeValue>> = {
    ERR_NOT_FOUND: ExitCode.NOT_FOUND,
    ERR_PERMISSION: ExitCode.FORBIDDEN,
    ERR_JWT_INVALID: ExitCode.AUTH,
    ERR_CONFIGURATION: ExitCode.USAGE,
  };
  return new CliError(error.message, byCode[error.code] ?? ExitCode.FAILED, undefined, { cause: error });
}

/** @inquirer/prompts rejects with `ExitPromptError` when the user presses Ctrl-C. */
function isExitPromptError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
