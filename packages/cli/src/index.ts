export { createProgram, run } from './program.js';
export { ExitCode, type ExitCodeValue } from './exitCodes.js';
export { CliError, UsageError, formatError, type FormattedError } from './errors.js';
export { parseVosUri, isVosUri, VosUriError, type VosUri } from './vos/uri.js';
