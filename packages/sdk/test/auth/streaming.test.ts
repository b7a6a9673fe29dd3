// authFetch hands bodies through without buffering them: a streamed upload is
// sent once in constant memory, and a response body may take longer to read
// than the request time limit (which ends when the headers arrive).
import express from 'express';
import { createHash } from 'node:crypto';
import {
  AuthenticationError,
  CredentialStore,
  ProtocolError,
  bearerCredential,
  createAuthFetch,
} from '../../src/index.js';
import { start, type Running } from './support/servers.js';

const TOKEN = 'stream-test-token';
const CHUNK = 1 << 20;

function chunks(count: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === count) return controller.close();
      controller.enqueue(new Uint8Array(CHUNK).fill(sent % 251));
      sent++;
    },
  });
}

describe('authFetch with streamed bodies', () => {
  let server: Running;
  beforeAll(async () => {
    const app = express();
    app.put('/upload', (req, res) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.status(401).set('www-authenticate', 'Bearer').end();
        return;
      }
      const md5 = createHash('md5');
      let bytes = 0;
      req.on('data', (c: Buffer) => {
        bytes += c.length;
        md5.update(c);
      });
      req.on('end', () => res.json({ bytes, md5: md5.digest('hex') }));
    });
    app.put('/moved', (req, res) => {
      req.resume();
      req.on('end', () => res.redirect(307, '/upload'));
    });
    app.get('/slow', (_req, res) => {
      // Headers at once, then the body in pieces spread over several time limits.
      res.writeHead(200, { 'content-type': 'text/plain' });
      let left = 5;
      const tick = setInterval(() => {
        res.write('piece\n');
        if (--left === 0) {
          clearInterval(tick);
          res.end();
        }
      }, 150);
    });
    server = await start(app);
  });
  afterAll(() => server.close());

  function client(token = TOKEN, timeoutMs?: number) {
    const store = new CredentialStore();
    store.set(server.origin, bearerCredential(token));
    return createAuthFetch({ store, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  }

  test('a ReadableStream upload arrives whole, with the credential', async () => {
    const expected = createHash('md5');
    for (let i = 0; i < 32; i++) expected.update(new Uint8Array(CHUNK).fill(i % 251));
    const response = await client()(`${server.origin}/upload`, {
      method: 'PUT',
      body: chunks(32),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ bytes: 32 * CHUNK, md5: expected.digest('hex') });
  });

  test('a refused streamed upload fails as AuthenticationError instead of being replayed', async () => {
    const upload = client('wrong-token')(`${server.origin}/upload`, {
      method: 'PUT',
      body: chunks(2),
      duplex: 'half',
    } as RequestInit);
    await expect(upload).rejects.toBeInstanceOf(AuthenticationError);
  });

  test('a redirected streamed upload fails as ProtocolError naming the redirect (a stream cannot be sent twice)', async () => {
    const upload = client()(`${server.origin}/moved`, {
      method: 'PUT',
      body: chunks(2),
      duplex: 'half',
    } as RequestInit);
    await expect(upload).rejects.toThrow(ProtocolError);
    await expect(
      client()(`${server.origin}/moved`, { method: 'PUT', body: chunks(2), duplex: 'half' } as RequestInit),
    ).rejects.toThrow(/redirected a streamed upload/);
  });

  test('the time limit ends with the headers: a slow body is read to the end', async () => {
    const response = await client(TOKEN, 200)(`${server.origin}/slow`);
    expect((await response.text()).split('\n').filter(Boolean)).toHaveLength(5);
  });
});
