// Raw HTTP for fuzzing: fetch normalises or refuses exactly the inputs we
// want to send (odd methods, duplicate or hostile headers, bodies on GET, a
// `Host` of our choosing), so requests go out through node:http, and through
// a bare socket for bytes that are not even valid HTTP.
import { request } from 'node:http';
import { connect } from 'node:net';

/** A response read whole. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request as the fuzzers build it. */
export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/**
 * Sends one request to `base` and reads the whole answer. Rejects only when
 * the connection fails or no answer comes within `timeoutMs` (a hang).
 */
export function send(base: string, req: RawRequest, timeoutMs = 15_000): Promise<RawReply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        // node:http sends a body on GET, HEAD, DELETE and OPTIONS without
        // framing unless told its length, which the server reads as a second request.
        headers: {
          connection: 'close',
          ...(req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) }),
          ...req.headers,
        },
        timeout: timeoutMs,
      },
      (res) => {
        // An event stream never ends by itself: its headers are the answer.
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
          r.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    r.on('timeout', () =>
      r.destroy(new Error(`no answer to ${req.method} ${req.path.slice(0, 80)} within ${timeoutMs} ms`)),
    );
    // Errors after the answer (the event stream destroyed above) come too late to matter.
    r.on('error', reject);
    r.end(req.body);
  });
}

/**
 * Writes raw bytes to the server and returns whatever it answers before it
 * closes the connection (possibly nothing). Never rejects on a reset: a
 * server may drop garbage without a word. Rejects on a hang.
 */
export function sendBytes(base: string, bytes: Buffer, timeoutMs = 15_000): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection still open ${timeoutMs} ms after raw bytes`));
    }, timeoutMs);
    socket.on('connect', () => {
      socket.end(bytes);
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    const done = (): void => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.on('close', done);
    socket.on('error', () => undefined);
  });
}

/** The status line's code from a raw answer, or undefined when there was none. */
export function rawStatus(answer: string): number | undefined {
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
  return m ? Number(m[1]) : undefined;
}
