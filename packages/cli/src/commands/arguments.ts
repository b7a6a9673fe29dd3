import { InvalidArgumentError } from 'commander';

// Argument parsers shared by the commands. They throw commander's
// InvalidArgumentError so a bad value is reported like any other usage error.

/** An absolute http(s) URL, returned as given (trailing slash removed). */
export function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL such as https://platform.example.org');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('expected an http(s) URL');
  if (url.username || url.password) throw new InvalidArgumentError('put credentials in no URL: use vobridge login');
  return value.replace(/\/+$/, '');
}

/** A whole number of seconds, 0 to one week. */
export function parseSeconds(value: string): number {
  if (!/^\d{1,7}$/.test(value) || Number(value) > 7 * 86_400)
    throw new InvalidArgumentError('expected a number of seconds (0 to 604800)');
  return Number(value);
}

/** A positive whole number. */
export function parsePositive(value: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) === 0)
    throw new InvalidArgumentError('expected a positive whole number');
  return Number(value);
}
