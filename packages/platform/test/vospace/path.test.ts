import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { requestedRange, md5FromDigest, digestHeader } from '../../src/vospace/data.js';
import { formatNodePath, InvalidPathError, parseNodePath } from '../../src/vospace/path.js';
import { parseNodeUri } from '../../src/vospace/uri.js';

const root = resolve('/srv/vospace');

/** Path-ish strings: biased towards the characters traversal attempts are made of. */
const pathish = fc
  .array(
    fc.constantFrom(
      '/',
      '.',
      '..',
      '%2e',
      '%2E',
      '%2f',
      '%2F',
      '%5c',
      '\\',
      '%00',
      '\u0000',
      'a',
      'bob',
      '%',
      '~',
      ' ',
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

function parsed(input: string): readonly string[] | undefined {
  try {
    return parseNodePath(input).segments;
  } catch (err) {
    if (err instanceof InvalidPathError) return undefined;
    throw err;
  }
}

describe('parseNodePath', () => {
  test('never yields a segment that could climb out of the root', () => {
    fc.assert(
      fc.property(fc.oneof(pathish, fc.string({ maxLength: 40 })), (input) => {
        const segments = parsed(input);
        if (segments === undefined) return;
        for (const s of segments) {
          // eslint-disable-next-line no-control-regex -- control characters are what must never get through
          expect(s === '' || s === '.' || s === '..' || /[/\\\u0000-\u001f]/.test(s)).toBe(false);
        }
        const target = resolve(join(root, ...segments));
        expect(target === root || target.startsWith(root + sep)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('round-trips any valid segments through the URL form', () => {
    const segment = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => parsed(encodeURIComponent(s)) !== undefined);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        expect(parseNodePath(formatNodePath({ segments })).segments).toEqual(segments);
      }),
    );
  });

  test.each([
    '/alice/../bob',
    '/alice/%2e%2e/bob',
    '/alice/%2E%2e',
    '/alice%2Fbob',
    '/a/%5c..',
    '/a//b',
    '/a/%00',
    '/a/%',
  ])('refuses %s', (input) => {
    expect(() => parseNodePath(input)).toThrow(InvalidPathError);
  });

  test('decodes each segment once', () => {
    expect(parseNodePath('/alice/my%20file%2525.txt/').segments).toEqual(['alice', 'my file%25.txt']);
    expect(parseNodeUri('vos://cadc.nrc.ca!vault/alice/x').segments).toEqual(['alice', 'x']);
    expect(() => parseNodeUri('http://example.org/alice')).toThrow(InvalidPathError);
  });
});

describe('data endpoint helpers', () => {
  test('single byte ranges', () => {
    expect(requestedRange(undefined, 10)).toBeUndefined();
    expect(requestedRange('bytes=2-4', 10)).toEqual({ start: 2, end: 4 });
    expect(requestedRange('bytes=8-', 10)).toEqual({ start: 8, end: 9 });
    expect(requestedRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(requestedRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(requestedRange('bytes=-30', 10)).toEqual({ start: 0, end: 9 });
    expect(requestedRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(requestedRange('bytes=4-2', 10)).toBe('unsatisfiable');
    expect(requestedRange('bytes=0-0', 0)).toBe('unsatisfiable');
    // Several ranges or other units: the whole file, as RFC 9110 allows.
    expect(requestedRange('bytes=0-1,4-5', 10)).toBeUndefined();
    expect(requestedRange('items=0-1', 10)).toBeUndefined();
  });

  test('digest headers', () => {
    const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
    expect(digestHeader(md5)).toBe('md5=1B2M2Y8AsgTpgAmY7PhCfg==');
    expect(md5FromDigest('md5=1B2M2Y8AsgTpgAmY7PhCfg==')).toBe(md5);
    expect(md5FromDigest('sha-256=abc, MD5=1B2M2Y8AsgTpgAmY7PhCfg==')).toBe(md5);
    expect(md5FromDigest('sha-256=abc')).toBeUndefined();
    expect(md5FromDigest(undefined)).toBeUndefined();
    expect(md5FromDigest('md5=short')).toBeNull();
  });
});
