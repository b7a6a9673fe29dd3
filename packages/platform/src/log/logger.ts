/** Log levels, least to most severe; `silent` turns logging off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Structured fields of one log line. */
export type LogFields = Record<string, unknown>;

/** A structured logger: one JSON object per line. */
export interface Logger {
  /** Diagnostic detail. */
  debug(msg: string, fields?: LogFields): void;
  /** Normal operation (start, stop, requests). */
  info(msg: string, fields?: LogFields): void;
  /** Something unexpected that the platform handled. */
  warn(msg: string, fields?: LogFields): void;
  /** A failure. */
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * Field names whose values never reach a log line, whatever their nesting:
 * credentials must not leak through logs even when a caller logs a whole
 * request or error object by mistake.
 */
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|credential|code_verifier|^code$|assertion|jwt/i;

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level written (default `info`). */
  level?: LogLevel;
  /** Where lines go (default: standard error, keeping standard output for the listening line). */
  write?: (line: string) => void;
  /** Fields added to every line. */
  fields?: LogFields;
}

/** Creates a JSON-lines logger that redacts secret-looking fields. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const make = (base: LogFields): Logger => {
    const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void => {
      if (ORDER[level] < threshold) return;
      const line = { time: new Date().toISOString(), level, msg, ...base, ...fields };
      write(JSON.stringify(redact(line, 0)));
    };
    return {
      debug: (msg, fields) => emit('debug', msg, fields),
      info: (msg, fields) => emit('info', msg, fields),
      warn: (msg, fields) => emit('warn', msg, fields),
      error: (msg, fields) => emit('error', msg, fields),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.fields ?? {});
}

function redact(value: unknown, depth: number): unknown {
  if (depth > 6) return '[deep]';
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(item, depth + 1);
    }
    return out;
  }
  return value;
}
