// A single-pass scanner for `WWW-Authenticate` (RFC 9110 §11.6.1). The
// grammar is ambiguous at commas (a new challenge or another auth-param of
// the current one?); the scanner resolves it by reading the next token once
// and looking at what follows it: `=` means parameter, anything else means a
// new scheme. No position is read more than twice, so any input is linear.
// It never throws: malformed stretches are skipped and whatever parsed is
// returned, which is what a client facing real, sometimes sloppy, servers needs.

import type { Challenge } from './challenge.js';

const COMMA = 0x2c;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/** RFC 9110 tchar. */
const TCHAR = charTable("!#$%&'*+-.^_`|~");
/** RFC 9110 token68 characters (without the trailing `=` padding). */
const TOKEN68 = charTable('-._~+/');

function charTable(extra: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 0x30; c <= 0x39; c++) table[c] = 1;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 1;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = 1;
  for (const ch of extra) table[ch.charCodeAt(0)] = 1;
  return table;
}

const isTchar = (c: number): boolean => c < 128 && TCHAR[c] === 1;
const isToken68 = (c: number): boolean => c < 128 && TOKEN68[c] === 1;
// Besides SP and HTAB, tolerate CR/LF: obsolete line folding still shows up in raw headers.
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/**
 * Parses `WWW-Authenticate` (or `Proxy-Authenticate`) header values into
 * challenges: several per value and across values, auth-params with tokens or
 * quoted strings, token68, any whitespace. Scheme and parameter names come
 * back lower-cased, values as sent.
 *
 * Never throws; malformed parts are skipped. Runs in linear time.
 *
 * @example
 * parseChallenges('ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://x/ac/login", Bearer')
 */
export function parseChallenges(header: string | readonly string[] | null | undefined): Challenge[] {
  const out: Challenge[] = [];
  if (typeof header === 'string') scan(header, out);
  else if (Array.isArray(header)) {
    for (const value of header as readonly unknown[]) if (typeof value === 'string') scan(value, out);
  }
  return out;
}

function scan(s: string, out: Challenge[]): void {
  const n = s.length;
  let i = 0;
  let current: Challenge | undefined;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === COMMA) {
      i++;
      continue;
    }
    if (!isTchar(c)) {
      // Skip a stray quoted string whole, so the commas inside it start nothing.
      i = c === DQUOTE ? (readQuoted(s, i)?.end ?? n) : i + 1;
      continue;
    }
    const start = i;
    while (i < n && isTchar(s.charCodeAt(i))) i++;
    const nameEnd = i;
    let j = skipSpace(s, i);

    if (current && j < n && s.charCodeAt(j) === EQUALS) {
      j = skipSpace(s, j + 1);
      let value: string;
      if (j < n && s.charCodeAt(j) === DQUOTE) {
        const quoted = readQuoted(s, j);
        if (!quoted) return; // Unterminated: the rest of the value is lost.
        value = quoted.value;
        i = quoted.end;
      } else {
        i = j;
        while (i < n && isTchar(s.charCodeAt(i))) i++;
        value = s.slice(j, i);
      }
      setParam(current.params, s.slice(start, nameEnd).toLowerCase(), value);
      continue;
    }

    current = { scheme: s.slice(start, nameEnd).toLowerCase(), params: {} };
    out.push(current);
    i = j;
    if (j > nameEnd) {
      const token68 = readToken68(s, j);
      if (token68) {
        current.token68 = token68.value;
        i = token68.end;
      }
    }
  }
}

/** Token68 only if it fills the whole item: followed by the end or a comma. */
function readToken68(s: string, start: number): { value: string; end: number } | undefined {
  const n = s.length;
  let k = start;
  while (k < n && isToken68(s.charCodeAt(k))) k++;
  if (k === start) return undefined;
  while (k < n && s.charCodeAt(k) === EQUALS) k++;
  const p = skipSpace(s, k);
  if (p < n && s.charCodeAt(p) !== COMMA) return undefined;
  return { value: s.slice(start, k), end: p };
}

/** Reads a quoted-string starting at the opening quote; undefined if unterminated. */
function readQuoted(s: string, open: number): { value: string; end: number } | undefined {
  const n = s.length;
  let value = '';
  let runStart = open + 1;
  for (let i = open + 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === BACKSLASH) {
      if (i + 1 >= n) return undefined;
      value += s.slice(runStart, i) + s[i + 1];
      i++;
      runStart = i + 1;
    } else if (c === DQUOTE) {
      return { value: value + s.slice(runStart, i), end: i + 1 };
    }
  }
  return undefined;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

function setParam(params: Record<string, string>, name: string, value: string): void {
  if (Object.hasOwn(params, name)) return;
  // defineProperty, so a parameter named `__proto__` stays plain data.
  Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
}

/** @internal Shared with the serializer so both agree on what a token is. */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTchar(s.charCodeAt(i))) return false;
  return true;
}

/** @internal */
export function isToken68Value(s: string): boolean {
  let i = 0;
  while (i < s.length && isToken68(s.charCodeAt(i))) i++;
  if (i === 0) return false;
  while (i < s.length && s.charCodeAt(i) === EQUALS) i++;
  return i === s.length;
}
