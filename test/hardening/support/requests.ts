// fast-check arbitraries for hostile HTTP requests: a route of the service
// with its parameters replaced by awkward values, a random query string,
// headers a browser, a confused client or an attacker would send, and a body
// that may or may not match its content type.
import fc from 'fast-check';
import type { RawRequest } from './http.js';

/** Path segments that have broken routers and file stores before. */
const NASTY_SEGMENTS = [
  '..',
  '%2e%2e',
  '%2E%2E%2F',
  '.',
  '',
  '%00',
  '%',
  '%zz',
  '%C0%AE',
  '..%2f..%2fetc%2fpasswd',
  '~',
  '%20',
  '+',
  'a'.repeat(300),
  '__proto__',
  'constructor',
  '%F0%9F%98%80',
  '%FF',
  ';',
  'a;b=c',
  ':',
  '%0d%0aX-Injected:1',
];

const segment = fc.oneof(
  fc.constantFrom(...NASTY_SEGMENTS),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
);

/** A route template such as `/vospace/nodes/{path}` with each `{param}` filled from `known` or at random. */
function fillTemplate(template: string, known: Record<string, readonly string[]>): fc.Arbitrary<string> {
  const parts = template.split(/(\{[^}]+\})/);
  return fc
    .tuple(
      ...parts.map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (!name) return fc.constant(part);
        const values = known[name] ?? [];
        return fc.oneof(
          ...(values.length ? [fc.constantFrom(...values)] : []),
          fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')),
        );
      }),
    )
    .map((filled) => filled.join(''));
}

const queryPart = fc.oneof(
  fc
    .tuple(fc.stringMatching(/^[a-zA-Z_]{1,10}$/), fc.string({ maxLength: 20 }))
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
  fc.constantFrom(
    'WAIT=-1',
    'WAIT=1',
    'WAIT=99999999999',
    'PHASE=RUN',
    'PHASE=EXECUTING',
    'view=logs',
    'view=events',
    'view=stats',
    'view=all',
    'url=http%3A%2F%2F127.0.0.1%3A1',
    'url=',
    'url=javascript:alert(1)',
    'url=http%3A%2F%2Flocalhost%3A1%2Fx',
    'min_valid=-1',
    'min_valid=1e308',
    'min_valid=abc',
    'group=astro',
    'group=',
    'limit=-1',
    'limit=99999999',
    'detail=max',
    'uri=vos://x',
    'a[b]=c',
    'a[__proto__][x]=1',
    'action=renew',
    'type=firefly',
    '%ZZ',
    '=',
    '&&',
    'url=a&url=b',
  ),
);
const query = fc.oneof(
  fc.constant(''),
  fc.array(queryPart, { minLength: 1, maxLength: 4 }).map((parts) => `?${parts.join('&')}`),
);

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const method = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...METHODS) },
  { weight: 1, arbitrary: fc.constantFrom('PROPFIND', 'TRACE', 'M-SEARCH', 'PURGE', 'LINK') },
);

const CONTENT_TYPES = [
  'application/json',
  'application/xml',
  'text/xml',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'text/xml; charset=utf-16',
  'application/json; charset=latin1',
  'garbage',
  'application/json; charset="',
  '*/*',
];

const body = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    '{',
    '{"url":',
    'null',
    '[]',
    '"x"',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"url":"http://127.0.0.1:1","method":"password","username":"a","password":"b"}',
    '{"url":"file:///etc/passwd","method":"token","token":"x"}',
    '{"method":"device","url":"http://127.0.0.1:1/"}',
    'username=alice&password=x',
    'username[]=a&password[]=b',
    'PHASE=RUN',
    'PHASE=ABORT',
    'RA=1&DEC=2&SR=0.1',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    '<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="vos:ContainerNode" uri="vos://vobridge.org~vault/alice/../../etc"/>',
    '<vos:transfer xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0"><vos:target>vos://vobridge.org~vault/alice/../bob</vos:target><vos:direction>pullFromVoSpace</vos:direction><vos:protocol uri="ivo://ivoa.net/vospace/core#httpget"/></vos:transfer>',
    `<a>${'<b>'.repeat(200)}x${'</b>'.repeat(200)}</a>`,
  ),
);

/** Options of {@link hostileRequest}. */
export interface HostileRequestOptions {
  /** Route templates, `{param}` for path parameters. */
  routes: readonly string[];
  /** Values that reach deep into handlers for some parameters (`{ path: ['alice/f.txt'] }`). */
  known?: Record<string, readonly string[]>;
  /** Authorization values to pick from (valid ones included, to get past the auth layer). */
  authorizations: readonly string[];
}

/** One hostile request for a service with the given routes. */
export function hostileRequest(options: HostileRequestOptions): fc.Arbitrary<RawRequest> {
  const path = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...options.routes).chain((t) => fillTemplate(t, options.known ?? {})) },
    { weight: 1, arbitrary: fc.array(segment, { maxLength: 5 }).map((s) => `/${s.join('/')}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('//', '/%2F%2F', '/./healthz', '/healthz/..', `/${'x/'.repeat(200)}`, '/*'),
    },
  );
  const headers = fc.record(
    {
      authorization: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...options.authorizations) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Basic !!!',
            'Basic YWxpY2U6',
            'ivoa_bearer x',
            `Bearer ${'a'.repeat(9000)}`,
            'Negotiate x',
            'Bearer a.b.c',
          ),
        },
        { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')) },
      ),
      'content-type': fc.constantFrom(...CONTENT_TYPES),
      range: fc.constantFrom(
        'bytes=0-1',
        'bytes=-1',
        'bytes=5-2',
        'bytes=0-99999999999999',
        'bytes=a-b',
        'lines=1-2',
        'bytes=0-1,2-3',
      ),
      accept: fc.constantFrom('application/json', 'text/xml', '*/*', 'text/event-stream', 'image/png;q=0'),
      'x-skaha-authentication-type': fc.constantFrom('RUNTIME-TOKEN', 'x'),
      digest: fc.constantFrom('md5=', 'md5=AAAA', 'sha=1'),
      'content-md5': fc.constantFrom('x', ''),
      'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage'),
    },
    { requiredKeys: ['authorization'] },
  );
  // What a browser page or a DNS-rebinding attack adds; in one request out of six.
  const intrusion = fc.oneof(
    { weight: 5, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.record({ origin: fc.constantFrom('http://evil.example', 'null', 'http://127.0.0.1') }),
        fc.record({ cookie: fc.constantFrom('a=b', 'session=%', 'x=' + 'y'.repeat(2000), 'vobridge=1; vobridge=2') }),
        fc.record({ 'sec-fetch-site': fc.constantFrom('cross-site', 'same-origin', 'none') }),
        fc.record({ host: fc.constantFrom('evil.example', 'localhost', '127.0.0.1:1', 'rebind.example:80') }),
      ),
    },
  );
  return fc
    .record({ method, path, query, headers, intrusion, body: fc.option(body, { nil: undefined }) })
    .map((r): RawRequest => ({
      method: r.method,
      path: `${r.path}${r.query}`,
      headers: { ...r.headers, ...r.intrusion },
      ...(r.body === undefined ? {} : { body: r.body }),
    }));
}

/** Bytes that are not valid HTTP, or barely. */
export const garbageBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((a) => Buffer.from(a)),
  fc
    .constantFrom(
      'GET / HTTP/1.1\r\n\r\n',
      'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n',
      'POST /ac/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: ${'b'.repeat(20_000)}\r\n\r\n`,
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX:\u0000\r\n\r\n',
      'GET / HTTP/1.1\nHost: 127.0.0.1\n\n',
      'GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n',
      'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      'POST /ac/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nusername=alice',
    )
    .map((s) => Buffer.from(s, 'latin1')),
);
