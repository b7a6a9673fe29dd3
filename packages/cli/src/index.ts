export { createProgram, run } from './program.js';
export { ExitCode, type ExitCodeValue } from './exitCodes.js';
export { CliError, UsageError, formatError, type FormattedError } from './errors.js';
