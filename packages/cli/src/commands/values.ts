// The rules for argument values, apart from commander so the quick path
// (`quick.ts`, loaded before the command tree) applies the very same ones.
// Each returns what is wrong with the value, or `undefined` when it is fine.

/** An absolute http(s) URL without credentials in it. */
export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'expected an http(s) URL such as https://platform.example.org';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'expected an http(s) URL';
  if (url.username || url.password) return 'put credentials in no URL: use vobridge login';
  return undefined;
}

/** A whole number of seconds, 0 to one week. */
export function secondsProblem(value: string): string | undefined {
  return /^\d{1,7}$/.test(value) && Number(value) <= 7 * 86_400
    ? undefined
    : 'expected a number of seconds (0 to 604800)';
}

/** A URL as the commands use it: given, trailing slashes removed. */
export function normaliseUrl(value: string): string {
  return value.replace(/\/+$/, '');
}
