import { describe, expect, it } from '@jest/globals';
import { BadRequestError } from '../src/index.js';
import { parseLoginRequest } from '../src/logins/registry.js';
import { normaliseDomains, parseServiceUrl, scopeCovers } from '../src/logins/scope.js';

describe('scope matching', () => {
  const scope = {
    origins: ['https://platform.example.org', 'http://127.0.0.1:8080'],
    domains: normaliseDomains(['*.canfar.net']),
  };
  const covers = (url: string): boolean => scopeCovers(scope, new URL(url));

  it('covers exact origins, and declared domains with their subdomains over https only', () => {
    expect(covers('https://platform.example.org/tap/sync?x=1')).toBe(true);
    expect(covers('http://127.0.0.1:8080/anything')).toBe(true);
    expect(covers('https://canfar.net/')).toBe(true);
    expect(covers('https://ws-uv.canfar.net/skaha')).toBe(true);
  });

  it('covers nothing else: other ports, schemes, look-alike hosts', () => {
    for (const url of [
      'http://platform.example.org/',
      'https://platform.example.org:8443/',
      'https://platform.example.org.evil.example/',
      'https://evilplatform.example.org/',
      'http://127.0.0.1:8081/',
      'http://localhost:8080/',
      'http://ws-uv.canfar.net/',
      'https://notcanfar.net/',
      'https://canfar.net.evil.example/',
    ]) {
      expect([url, covers(url)]).toEqual([url, false]);
    }
  });

  it('rejects declared domains that would cover a whole TLD or are not names', () => {
    expect(() => normaliseDomains(['net'])).toThrow(BadRequestError);
    expect(() => normaliseDomains(['*'])).toThrow(BadRequestError);
    expect(() => normaliseDomains(['evil.example/path'])).toThrow(BadRequestError);
  });

  it('parses only absolute http(s) URLs without credentials', () => {
    expect(parseServiceUrl('https://a.example/x').origin).toBe('https://a.example');
    for (const bad of [
      undefined,
      '',
      '/relative',
      'ftp://a.example/',
      'javascript:alert(1)',
      'https://user:pw@a.example/',
    ]) {
      expect(() => parseServiceUrl(bad)).toThrow(BadRequestError);
    }
  });
});

describe('login request validation', () => {
  it('accepts each method with its fields', () => {
    expect(
      parseLoginRequest({ url: 'https://p.example', method: 'password', username: 'a', password: 'b' }),
    ).toMatchObject({ method: 'password' });
    expect(
      parseLoginRequest({ url: 'https://p.example', method: 'device', scopes: ['openid', 'read:tap'] }),
    ).toMatchObject({ scopes: ['openid', 'read:tap'] });
    expect(
      parseLoginRequest({ url: 'https://p.example', method: 'pkce', redirect_uri: 'http://127.0.0.1:8888/cb' }),
    ).toMatchObject({ method: 'pkce' });
    expect(
      parseLoginRequest({ url: 'https://p.example', method: 'token', token: 't', refresh_token: 'r' }),
    ).toMatchObject({ refresh_token: 'r' });
  });

  it('rejects malformed bodies with a typed 400 that never echoes a value', () => {
    const bad: unknown[] = [
      null,
      [],
      'text',
      { method: 'password', url: 'https://p.example', username: 'secret-value' },
      { method: 'password', url: 'https://p.example', username: 'a', password: 42 },
      { method: 'device', url: 'https://p.example', scopes: 'openid' },
      { method: 'device', url: 'https://p.example', scopes: ['has space'] },
      { method: 'pkce', url: 'https://p.example', redirect_uri: 'not a url' },
      { method: 'token', url: 'https://p.example' },
      { method: 'sms', url: 'https://p.example', token: 'secret-value' },
      { url: 'https://p.example', username: 'a', password: 'b' },
    ];
    for (const body of bad) {
      let error: unknown;
      try {
        parseLoginRequest(body);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as Error).message).not.toContain('secret-value');
    }
  });
});
