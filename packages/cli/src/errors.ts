import type { VobridgeErrorCode } from '@vobridge/sdk';
import { ExitCode, type ExitCodeValue } from './exitCodes.js';

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
  if (isSdkError(error)) return fromSdkError(error);
  if (isExitPromptError(error)) return new CliError('interrupted', ExitCode.INTERRUPTED);
  const local = fromFileError(error);
  if (local) return local;
  return new CliError(
    `internal error${error instanceof Error ? ` (${error.name})` : ''}`,
    ExitCode.INTERNAL,
    'This is a bug in vobridge; please report it with the command you ran.',
    { cause: error },
  );
}

/** What a failed local file operation means, in words (never Node's `ENOENT: …, stat '…'`). */
const FILE_ERRORS: Record<string, { says: string; exit: ExitCodeValue }> = {
  ENOENT: { says: 'no such file or directory', exit: ExitCode.NOT_FOUND },
  ENOTDIR: { says: 'not a directory', exit: ExitCode.NOT_FOUND },
  EISDIR: { says: 'is a directory', exit: ExitCode.USAGE },
  EACCES: { says: 'permission denied', exit: ExitCode.FORBIDDEN },
  EPERM: { says: 'operation not permitted', exit: ExitCode.FORBIDDEN },
  EEXIST: { says: 'already exists', exit: ExitCode.CONFLICT },
  ENOSPC: { says: 'no space left on the device', exit: ExitCode.FAILED },
};

function fromFileError(error: unknown): CliError | undefined {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  const known = code === undefined ? undefined : FILE_ERRORS[code];
  if (!known) return undefined;
  return new CliError(path ? `${path}: ${known.says}` : known.says, known.exit, undefined, { cause: error });
}

/** What an SDK error code means for the user. HTTP errors are refined by status. */
const SDK_EXIT: Record<VobridgeErrorCode, ExitCodeValue> = {
  ERR_VOBRIDGE: ExitCode.FAILED,
  ERR_NETWORK: ExitCode.UNAVAILABLE,
  ERR_TIMEOUT: ExitCode.TIMEOUT,
  ERR_ABORTED: ExitCode.INTERRUPTED,
  ERR_PROTOCOL: ExitCode.FAILED,
  ERR_HTTP: ExitCode.FAILED,
  ERR_AUTHENTICATION: ExitCode.AUTH,
  ERR_NOT_FOUND: ExitCode.NOT_FOUND,
  ERR_PERMISSION: ExitCode.FORBIDDEN,
  ERR_JWT_INVALID: ExitCode.AUTH,
  ERR_OAUTH: ExitCode.AUTH,
  ERR_CONFIGURATION: ExitCode.USAGE,
  ERR_UNSAFE_URL: ExitCode.FAILED,
  ERR_REGISTRY: ExitCode.NOT_FOUND,
};

const HTTP_EXIT: Partial<Record<number, ExitCodeValue>> = {
  400: ExitCode.USAGE,
  401: ExitCode.AUTH,
  403: ExitCode.FORBIDDEN,
  404: ExitCode.NOT_FOUND,
  409: ExitCode.CONFLICT,
};

interface SdkError extends Error {
  code: VobridgeErrorCode;
  status?: number;
}

/**
 * SDK errors are told by their stable `code` rather than by `instanceof`, so
 * that printing an error (and `--help`) does not load the whole SDK.
 */
function isSdkError(error: unknown): error is SdkError {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && Object.hasOwn(SDK_EXIT, code);
}

function fromSdkError(error: SdkError): CliError {
  let exit = SDK_EXIT[error.code];
  if (error.code === 'ERR_HTTP' && typeof error.status === 'number') {
    exit = HTTP_EXIT[error.status] ?? (error.status >= 500 ? ExitCode.UNAVAILABLE : ExitCode.FAILED);
  }
  return new CliError(error.message, exit, exit === ExitCode.AUTH ? LOGIN_HINT : undefined, { cause: error });
}

/** @inquirer/prompts rejects with `ExitPromptError` when the user presses Ctrl-C. */
function isExitPromptError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
