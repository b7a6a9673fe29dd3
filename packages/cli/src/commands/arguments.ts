import { InvalidArgumentError } from 'commander';
import { normaliseUrl, secondsProblem, urlProblem } from './values.js';

// Argument parsers shared by the commands. They throw commander's
// InvalidArgumentError so a bad value is reported like any other usage error.

/** An absolute http(s) URL, returned as given (trailing slash removed). */
export function parseUrl(value: string): string {
  const problem = urlProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return normaliseUrl(value);
}

/** A whole number of seconds, 0 to one week. */
export function parseSeconds(value: string): number {
  const problem = secondsProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return Number(value);
}

/** A positive whole number. */
export function parsePositive(value: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) === 0)
    throw new InvalidArgumentError('expected a positive whole number');
  return Number(value);
}
