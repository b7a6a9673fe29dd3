import fc from 'fast-check';
import { parseChallenges, serializeChallenges, type Challenge } from '../../src/index.js';

describe('parseChallenges: real IVOA headers', () => {
  it('parses the CADC tls-with-password challenge', () => {
    expect(
      parseChallenges(
        'ivoa standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://ws-cadc.canfar.net/ac/login"',
      ),
    ).toEqual([
      {
        scheme: 'ivoa',
        params: {
          standard_id: 'ivo://ivoa.net/sso#tls-with-password',
          access_url: 'https://ws-cadc.canfar.net/ac/login',
        },
      },
    ]);
  });

  it('parses the CADC headers sent as separate header lines', () => {
    const got = parseChallenges([
      'ivoa standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://ws-cadc.canfar.net/ac/login"',
      'ivoa standard_id="ivo://ivoa.net/sso#OAuth", access_url="https://ws-cadc.canfar.net/ac/authorize"',
      'ivoa standard_id="ivo://ivoa.net/sso#tls-with-certificate"',
      'Bearer',
    ]);
    expect(got.map((c) => [c.scheme, c.params.standard_id, c.params.access_url])).toEqual([
      ['ivoa', 'ivo://ivoa.net/sso#tls-with-password', 'https://ws-cadc.canfar.net/ac/login'],
      ['ivoa', 'ivo://ivoa.net/sso#OAuth', 'https://ws-cadc.canfar.net/ac/authorize'],
      ['ivoa', 'ivo://ivoa.net/sso#tls-with-certificate', undefined],
      ['bearer', undefined, undefined],
    ]);
  });

  it('parses the same headers joined by fetch into one value', () => {
    const joined =
      'ivoa standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://ws-cadc.canfar.net/ac/login", ' +
      'ivoa standard_id="ivo://ivoa.net/sso#tls-with-certificate", Bearer';
    expect(parseChallenges(joined).map((c) => c.scheme)).toEqual(['ivoa', 'ivoa', 'bearer']);
  });

  it('parses the newer ivoa_bearer / ivoa_cookie / ivoa_x509 spellings', () => {
    const got = parseChallenges(
      'ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://a/login", ' +
        'ivoa_cookie standard_id="ivo://ivoa.net/sso#cookie", access_url="https://a/cookie", ivoa_x509',
    );
    expect(got).toEqual([
      {
        scheme: 'ivoa_bearer',
        params: { standard_id: 'ivo://ivoa.net/sso#tls-with-password', access_url: 'https://a/login' },
      },
      { scheme: 'ivoa_cookie', params: { standard_id: 'ivo://ivoa.net/sso#cookie', access_url: 'https://a/cookie' } },
      { scheme: 'ivoa_x509', params: {} },
    ]);
  });
});

describe('parseChallenges: RFC 7235 / 9110 edge cases', () => {
  it('handles the RFC 9110 example with escaped quotes and two challenges', () => {
    expect(parseChallenges('Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"')).toEqual([
      { scheme: 'newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'basic', params: { realm: 'simple' } },
    ]);
  });

  it('keeps commas and = inside quoted strings', () => {
    expect(parseChallenges('Bearer realm="a, b=c", scope="x y"')).toEqual([
      { scheme: 'bearer', params: { realm: 'a, b=c', scope: 'x y' } },
    ]);
  });

  it('reads token68, with and without padding', () => {
    expect(parseChallenges('Negotiate YII+/abc==, Basic abc')).toEqual([
      { scheme: 'negotiate', params: {}, token68: 'YII+/abc==' },
      { scheme: 'basic', params: {}, token68: 'abc' },
    ]);
  });

  it('lower-cases scheme and parameter names, keeps values as sent', () => {
    expect(parseChallenges('BeArEr REALM="Mixed Case", Error=Invalid_Token')).toEqual([
      { scheme: 'bearer', params: { realm: 'Mixed Case', error: 'Invalid_Token' } },
    ]);
  });

  it('accepts empty quoted values and whitespace around =', () => {
    expect(parseChallenges('  Bearer   realm = "" ,,  scope =\t"a"  ')).toEqual([
      { scheme: 'bearer', params: { realm: '', scope: 'a' } },
    ]);
  });

  it('accepts params separated by spaces only (seen from sloppy servers)', () => {
    expect(parseChallenges('ivoa standard_id="ivo://ivoa.net/sso#BasicAA" access_url="https://h/login"')).toEqual([
      { scheme: 'ivoa', params: { standard_id: 'ivo://ivoa.net/sso#BasicAA', access_url: 'https://h/login' } },
    ]);
  });

  it('keeps the first of duplicated parameters', () => {
    expect(parseChallenges('Bearer realm="a", realm="b"')[0]?.params).toEqual({ realm: 'a' });
  });

  it('stores a parameter named __proto__ as plain data', () => {
    const [c] = parseChallenges('Bearer __proto__="x"');
    expect(Object.getPrototypeOf(c?.params)).toBe(Object.prototype);
    expect(Object.hasOwn(c?.params ?? {}, '__proto__')).toBe(true);
  });

  it('returns what parsed before malformed input', () => {
    expect(parseChallenges('Bearer realm="ok", Basic realm="unterminated')).toEqual([
      { scheme: 'bearer', params: { realm: 'ok' } },
      { scheme: 'basic', params: {} },
    ]);
    expect(parseChallenges('"junk, with comma", Bearer')).toEqual([{ scheme: 'bearer', params: {} }]);
    expect(parseChallenges('')).toEqual([]);
    expect(parseChallenges(null)).toEqual([]);
    expect(parseChallenges(['', ' , ,'])).toEqual([]);
  });
});

describe('parseChallenges: properties', () => {
  const token = fc.stringMatching(/^[a-z0-9!#$%&'*+\-.^_`|~]{1,12}$/);
  const token68 = fc.stringMatching(/^[A-Za-z0-9\-._~+/]{1,20}={0,2}$/);
  const challenge: fc.Arbitrary<Challenge> = fc.oneof(
    fc.record({ scheme: token, params: fc.dictionary(token, fc.string({ maxLength: 20 }), { maxKeys: 4 }) }),
    fc.record({ scheme: token, params: fc.constant({}), token68 }),
  );

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.string())), (input) => {
        expect(Array.isArray(parseChallenges(input))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on inputs built from header syntax characters', () => {
    const syntax = fc.string({ unit: fc.constantFrom('a', 'B', ' ', ',', '=', '"', '\\', '\t', '/', '+') });
    fc.assert(
      fc.property(syntax, (input) => void parseChallenges(input)),
      { numRuns: 3000 },
    );
  });

  it('round-trips parse(serialize(x))', () => {
    fc.assert(
      fc.property(fc.array(challenge, { maxLength: 4 }), (challenges) => {
        expect(parseChallenges(serializeChallenges(challenges))).toEqual(challenges);
      }),
      { numRuns: 1000 },
    );
  });

  it('completes on 1 MB pathological inputs', () => {
    const mb = 1 << 20;
    const inputs = [
      'a '.repeat(mb / 2),
      'a='.repeat(mb / 2),
      '"'.repeat(mb),
      `Bearer realm="${'\\"'.repeat(mb / 2)}`,
      `Basic ${'='.repeat(mb)}`,
      `x ${'a'.repeat(mb)}`,
      `x a=${'\\'.repeat(mb)}`,
      ', '.repeat(mb / 2),
    ];
    for (const input of inputs) expect(Array.isArray(parseChallenges(input))).toBe(true);
  });
});
