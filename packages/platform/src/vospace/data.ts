// HTTP details of the data endpoint: single byte ranges and the RFC 3230
// `digest: md5=<base64>` header cadcutils sends with uploads and compares
// with the one it gets back.

import type { ByteRange } from './store.js';

/**
 * The range a `Range` header asks for in a file of `size` bytes:
 * `undefined` to send the whole file (no header, or one this endpoint does
 * not serve partially, such as several ranges), `'unsatisfiable'` for a
 * range outside the file.
 */
export function requestedRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(size - length, 0), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** `md5=<base64>` for a hex MD5. */
export function digestHeader(md5Hex: string): string {
  return `md5=${Buffer.from(md5Hex, 'hex').toString('base64')}`;
}

/**
 * The hex MD5 of a `digest` request header, `undefined` when the header is
 * absent or names other algorithms only; `null` when an md5 value is
 * malformed.
 */
export function md5FromDigest(header: string | undefined): string | undefined | null {
  if (header === undefined) return undefined;
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== 'md5') continue;
    const raw = Buffer.from(part.slice(eq + 1).trim(), 'base64');
    return raw.length === 16 ? raw.toString('hex') : null;
  }
  return undefined;
}
