// The Node transfers' own HTTP/1.1 path (src/vospace/node/direct): response
// framing as real servers send it (chunked in pieces of any size, interim
// 100s, bodies ended by the close), the AuthFetch's credential rules per hop
// (origin only, one refresh after a 401), and the choice between this path
// and a fetch the caller gave. Real sockets throughout: raw `net` servers
// where a response has to be written byte by byte.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AuthenticationError,
  CredentialStore,
  NotFoundError,
  ProtocolError,
  VoSpaceClient,
  VobridgeError,
  bearerCredential,
  createAuthFetch,
  type Credential,
} from '../../src/index.js';
import { ChunkedDecoder } from '../../src/vospace/node/direct/chunked.js';
import { FileHasher } from '../../src/vospace/node/direct/file-hasher.js';
import { exchange, type Http1Head } from '../../src/vospace/node/direct/http1.js';
import { sendDirect } from '../../src/vospace/node/direct/send.js';
import { downloadFile, uploadFile } from '../../src/vospace/node/index.js';
import { listen, type Running } from '../fixtures/servers.js';
import { startVoSpaceServer, type VoSpaceServer } from './vospace-server.js';

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vobridge-direct-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A raw TCP server that writes `pieces` one by one (each its own write, a tick apart), then maybe closes. */
async function rawServer(pieces: (string | Buffer)[], close = true): Promise<{ url: URL; server: Server }> {
  const server = createNetServer((socket: Socket) => {
    socket.once('data', async () => {
      for (const piece of pieces) {
        socket.write(piece);
        await new Promise((r) => setImmediate(r));
      }
      if (close) socket.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/data`), server };
}

/** Runs one GET through `exchange`, collecting the body. */
async function get(url: URL, signal = new AbortController().signal): Promise<{ head: Http1Head; body: Buffer }> {
  const parts: Buffer[] = [];
  const head = await exchange(
    { method: 'GET', url, headers: {} },
    () => ({ write: (chunk) => void parts.push(Buffer.from(chunk)) }),
    { signal, touch: () => undefined },
  );
  return { head, body: Buffer.concat(parts) };
}

const control = () => ({ signal: new AbortController().signal, touch: () => undefined });

describe('chunked decoding', () => {
  const wire = Buffer.from(
    '5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nx-trailer: 1\r\n\r\nignored',
  );
  const payload = 'helloabcdefghijklmnopqrstuvwxyz';

  test('decodes the same whatever the size of the pieces it arrives in', () => {
    for (let size = 1; size <= wire.length; size++) {
      const decoder = new ChunkedDecoder();
      let out = '';
      let done = false;
      for (let at = 0; at < wire.length && !done; at += size)
        done = decoder.feed(wire.subarray(at, at + size), (d) => (out += d.toString('latin1')));
      expect({ size, out, done }).toEqual({ size, out: payload, done: true });
    }
  });

  test('a bad size line or an overlong chunk is a ProtocolError', () => {
    expect(() => new ChunkedDecoder().feed(Buffer.from('zz\r\n'), () => undefined)).toThrow(ProtocolError);
    expect(() => new ChunkedDecoder().feed(Buffer.from('2\r\nabc\r\n'), () => undefined)).toThrow(ProtocolError);
  });
});

describe('one exchange', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));
  const serve = async (pieces: (string | Buffer)[], close?: boolean) => {
    const s = await rawServer(pieces, close);
    servers.push(s.server);
    return s.url;
  };

  test('skips an interim 100 and reads a chunked body written in small pieces', async () => {
    const url = await serve([
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nX-Twice: a\r\nx-twice: b\r\n\r\n4\r',
      '\nwiki\r\n',
      '5\r\npedia\r\n0\r\n\r\n',
    ]);
    const { head, body } = await get(url);
    expect(head.status).toBe(200);
    expect(head.headers.get('x-twice')).toBe('a, b');
    expect(body.toString()).toBe('wikipedia');
  });

  test('a body without a length ends with the connection', async () => {
    const url = await serve(['HTTP/1.0 200 OK\r\n\r\nfirst ', 'second']);
    expect((await get(url)).body.toString()).toBe('first second');
  });

  test('a body cut short of its length fails as a broken connection, not a protocol error', async () => {
    const url = await serve(['HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nonly this']);
    const error = await get(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(VobridgeError);
    expect(String(error)).toMatch(/closed the connection before the end of the response body/);
  });

  test('an answer that is not HTTP/1.x, or a malformed header, is a ProtocolError', async () => {
    await expect(get(await serve(['SSH-2.0-OpenSSH_9.6\r\n\r\n']))).rejects.toBeInstanceOf(ProtocolError);
    await expect(get(await serve(['HTTP/1.1 200 OK\r\n folded\r\n\r\n']))).rejects.toBeInstanceOf(ProtocolError);
  });

  test('a header that would break out of its line is never sent', async () => {
    const url = await serve(['HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n']);
    await expect(
      exchange(
        { method: 'GET', url, headers: { authorization: 'Bearer x\r\nx-injected: 1' } },
        () => ({ write: () => undefined }),
        control(),
      ),
    ).rejects.toThrow(/characters HTTP does not allow/);
  });

  test('an abort ends an exchange waiting on a silent server', async () => {
    const url = await serve(['HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc'], false);
    const abort = new AbortController();
    const pending = get(url, abort.signal);
    setTimeout(() => abort.abort(new Error('stop here')), 50);
    await expect(pending).rejects.toThrow('stop here');
  });
});

describe('credentials, redirects and errors per hop', () => {
  let home: Running;
  let other: Running;
  const seen: { server: string; path: string; authorization: string | undefined }[] = [];
  let refusals = 0;
  beforeAll(async () => {
    const record = (server: string) => (req: IncomingMessage) =>
      seen.push({ server, path: req.url ?? '', authorization: req.headers.authorization });
    other = await listen((req, res) => {
      record('other')(req);
      res.writeHead(200, { 'content-length': '5' }).end('other');
    });
    home = await listen((req, res) => {
      record('home')(req);
      if (req.url === '/away') return void res.writeHead(302, { location: `${other.url}/there` }).end();
      if (req.url === '/refused' && refusals-- > 0)
        return void res.writeHead(401, { 'www-authenticate': 'Bearer realm="test"' }).end();
      if (req.url === '/missing')
        return void res.writeHead(404, { 'content-type': 'text/plain' }).end('NodeNotFound: no such file');
      if (req.url === '/put-303') return void res.writeHead(303, { location: '/elsewhere' }).end();
      res.writeHead(200, { 'content-length': '4' }).end('home');
    });
  });
  afterAll(async () => {
    await home.close();
    await other.close();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  function credentials(refreshes: string[]) {
    const store = new CredentialStore();
    let n = 0;
    const issue = (): Credential =>
      bearerCredential(`token-${n}`, {
        refresh: async () => {
          n++;
          refreshes.push(`token-${n}`);
          return issue();
        },
      });
    store.set(home.url, issue());
    return createAuthFetch({ store }).direct!;
  }

  async function fetchText(url: string, refreshes: string[] = [], method: 'GET' | 'PUT' = 'GET') {
    let text = '';
    await sendDirect(
      { method, url: new URL(url), headers: {}, ...(method === 'PUT' ? { body: async () => undefined } : {}) },
      () => ({ write: (c) => void (text += c.toString()) }),
      credentials(refreshes),
      control(),
    );
    return text;
  }

  test('the credential goes to its own origin only, redirects included', async () => {
    expect(await fetchText(`${home.url}/away`)).toBe('other');
    expect(seen).toEqual([
      { server: 'home', path: '/away', authorization: 'Bearer token-0' },
      { server: 'other', path: '/there', authorization: undefined },
    ]);
  });

  test('a 401 gets one retry with a refreshed credential', async () => {
    refusals = 1;
    const refreshes: string[] = [];
    expect(await fetchText(`${home.url}/refused`, refreshes)).toBe('home');
    expect(refreshes).toEqual(['token-1']);
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer token-0', 'Bearer token-1']);
  });

  test('a second 401 is an AuthenticationError with the challenges', async () => {
    refusals = 2;
    const error = await fetchText(`${home.url}/refused`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).challenges[0]?.scheme.toLowerCase()).toBe('bearer');
    expect(seen).toHaveLength(2);
  });

  test('error statuses are typed, with the service’s message', async () => {
    const error = await fetchText(`${home.url}/missing`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(String((error as NotFoundError).detail)).toContain('no such file');
  });

  test('an upload is never turned into a GET by a redirect', async () => {
    await expect(fetchText(`${home.url}/put-303`, [], 'PUT')).rejects.toThrow(
      /redirect \(303\) that would drop its body/,
    );
  });
});

describe('file transfers', () => {
  let server: VoSpaceServer;
  beforeAll(async () => {
    server = await startVoSpaceServer();
  });
  afterAll(() => server.close());

  test('a fetch the caller gave carries every byte; none given, or an AuthFetch over the runtime’s, bypasses it', async () => {
    const src = path.join(dir, 'which.bin');
    const content = Buffer.alloc(200_000, 5);
    writeFileSync(src, content);
    const dataRequests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.startsWith('/vospace/data/')) dataRequests.push(init?.method ?? 'GET');
      return fetch(input, init);
    };
    const viaFetch = new VoSpaceClient({ baseUrl: server.base, fetch: counting });
    await uploadFile(viaFetch, 'alice/which.bin', src);
    await downloadFile(viaFetch, 'alice/which.bin', path.join(dir, 'which-1.bin'));
    expect(dataRequests).toEqual(['PUT', 'GET']);

    const store = new CredentialStore();
    const viaAuth = new VoSpaceClient({ baseUrl: server.base, fetch: createAuthFetch({ store }) });
    const wrapped = new VoSpaceClient({ baseUrl: server.base, fetch: createAuthFetch({ store, fetch: counting }) });
    dataRequests.length = 0;
    const direct = await downloadFile(viaAuth, 'alice/which.bin', path.join(dir, 'which-2.bin'));
    expect(dataRequests).toEqual([]);
    await downloadFile(wrapped, 'alice/which.bin', path.join(dir, 'which-3.bin'));
    expect(dataRequests).toEqual(['GET']);
    expect(direct.md5).toBe(md5(content));
    for (const n of [1, 2, 3]) expect(readFileSync(path.join(dir, `which-${n}.bin`)).equals(content)).toBe(true);
  });

  test('a body longer than the file is stopped at the file’s length', async () => {
    await server.addGenerated('alice/long.bin', 10_000);
    const node = server.entries.get('alice/long.bin')!;
    node.properties['ivo://ivoa.net/vospace/core#length'] = '4000';
    const dest = path.join(dir, 'long.bin');
    const error = await downloadFile(new VoSpaceClient({ baseUrl: server.base }), 'alice/long.bin', dest).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProtocolError);
    expect(String(error)).toMatch(/runs past the 4000 bytes/);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  test('a compressed answer is refused by name, not stored compressed and failed as a checksum', async () => {
    await server.addGenerated('alice/z.bin', 10_000);
    server.faults.encoding = 'gzip';
    const dest = path.join(dir, 'z.bin');
    const error = await downloadFile(new VoSpaceClient({ baseUrl: server.base }), 'alice/z.bin', dest)
      .catch((e: unknown) => e)
      .finally(() => (server.faults.encoding = ''));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(String(error)).toMatch(/content-encoding gzip/);
    expect(existsSync(dest)).toBe(false);
  });
});

describe('the MD5 worker', () => {
  test('hashes a file as it grows, and says so when it is shorter than announced', async () => {
    const file = path.join(dir, 'growing.bin');
    writeFileSync(file, 'abc');
    const hasher = new FileHasher(file);
    hasher.advance(3);
    writeFileSync(file, 'abcdef');
    hasher.advance(6);
    expect(await hasher.digest(6)).toBe(md5(Buffer.from('abcdef')));

    const short = new FileHasher(file);
    await expect(short.digest(10)).rejects.toThrow(/6 bytes long, 10 were expected/);
  });
});
