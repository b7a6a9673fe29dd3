import { CookieJar } from '../../src/index.js';

describe('CookieJar (RFC 6265 subset)', () => {
  it('keeps host-only cookies to their exact host', () => {
    const jar = new CookieJar();
    jar.setCookies('https://ws.example.org/ac/cookie', ['SSO=abc; Path=/']);
    expect(jar.cookieHeader('https://ws.example.org/data')).toBe('SSO=abc');
    expect(jar.cookieHeader('https://other.ws.example.org/data')).toBeUndefined();
    expect(jar.cookieHeader('https://example.org/data')).toBeUndefined();
  });

  it('shares Domain cookies with subdomains, but refuses foreign or top-level domains', () => {
    const jar = new CookieJar();
    jar.setCookies('https://ws.example.org/login', [
      'A=1; Domain=.example.org; Path=/',
      'B=2; Domain=evil.org',
      'C=3; Domain=org',
    ]);
    expect(jar.cookieHeader('https://vault.example.org/x')).toBe('A=1');
    expect(jar.cookieHeader('https://evil.org/x')).toBeUndefined();
    expect(jar.size).toBe(1);
  });

  it('matches paths on segment boundaries and defaults the path to the directory', () => {
    const jar = new CookieJar();
    jar.setCookies('https://h.example.org/ac/login', ['D=1', 'E=2; Path=/vault']);
    expect(jar.cookieHeader('https://h.example.org/ac/whoami')).toBe('D=1');
    expect(jar.cookieHeader('https://h.example.org/acx')).toBeUndefined();
    expect(jar.cookieHeader('https://h.example.org/vault/file')).toBe('E=2');
    expect(jar.cookieHeader('https://h.example.org/vaultx')).toBeUndefined();
  });

  it('sends Secure cookies over HTTPS (and loopback) only, and accepts them only from there', () => {
    const jar = new CookieJar();
    jar.setCookies('https://h.example.org/', ['S=1; Secure; Path=/']);
    jar.setCookies('http://h.example.org/', ['T=1; Secure; Path=/']);
    expect(jar.cookieHeader('https://h.example.org/x')).toBe('S=1');
    expect(jar.cookieHeader('http://h.example.org/x')).toBeUndefined();
  });

  it('honours Max-Age over Expires, expires cookies and deletes on Max-Age=0', () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const jar = new CookieJar({ now: () => now });
    jar.setCookies('https://h.example.org/', [
      'M=1; Path=/; Max-Age=60; Expires=Wed, 01 Jan 2031 00:00:00 GMT',
      'X=1; Path=/; Expires=Tue, 01 Jan 2030 00:00:30 GMT',
    ]);
    expect(jar.earliestExpiry()).toBe(now + 30_000);
    now += 31_000;
    expect(jar.cookieHeader('https://h.example.org/')).toBe('M=1');
    jar.setCookies('https://h.example.org/', ['M=gone; Path=/; Max-Age=0']);
    expect(jar.cookieHeader('https://h.example.org/')).toBeUndefined();
  });

  it('ignores malformed Set-Cookie values', () => {
    const jar = new CookieJar();
    jar.setCookies('https://h.example.org/', ['', '=novalue', 'noequals', ';;;']);
    expect(jar.size).toBe(0);
  });
});
