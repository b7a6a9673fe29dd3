// One HTTP/1.1 exchange on a connection of its own, for bulk data. The
// socket reads into one buffer that is reused for every read (`onread`), so a
// transfer allocates nothing per chunk: through fetch or node:http each
// 64 KiB read is a new buffer, and a gigabyte leaves about 64 MiB of them
// waiting for the garbage collector at any time, besides the CPU they cost.
import { connect as netConnect, type Socket } from 'node:net';
import { ProtocolError } from '../../../errors.js';
import { ChunkedDecoder } from './chunked.js';

/** Bytes read from the socket at most at a time (and the one buffer they go to). */
const READ_BUFFER = 1024 * 1024;
/** A response head larger than this is refused. */
const MAX_HEAD = 64 * 1024;

/** A request of {@link exchange}. Header names in lower case. */
export interface Http1Request {
  method: 'GET' | 'PUT';
  url: URL;
  headers: Record<string, string>;
  /**
   * Writes the request body (its length announced in `content-length`).
   * `stopped()` turns true once the response has ended or the exchange failed: stop writing then.
   */
  body?: (socket: Socket, stopped: () => boolean) => Promise<void>;
}

/** A response's status line and headers. Header names in lower case; repeated headers joined with ", ". */
export interface Http1Head {
  status: number;
  headers: Map<string, string>;
}

/**
 * Where a response body goes. `write` gets a view of the read buffer that is
 * valid only during the call: copy what must outlive it. Throwing ends the
 * exchange with that error.
 */
export interface BodySink {
  write(chunk: Buffer): void;
}

/** What {@link exchange} reports while bytes flow, and how it can be cancelled. */
export interface ExchangeControl {
  /** Ends the exchange (with the signal's reason) when it fires. */
  signal: AbortSignal;
  /** Called on every read from the socket. */
  touch(): void;
}

/**
 * Sends `request` and hands the response to `onHead`, which picks the sink
 * for its body; resolves once the body is complete. Interim (1xx) responses
 * are skipped. The connection is closed at the end either way.
 *
 * @throws the error a sink threw; {@link ProtocolError} for a response that
 *   is not HTTP/1.x; a plain `Error` when the connection closes before the
 *   body's end, and the socket's own errors (the caller maps them to typed
 *   ones: both are transient).
 */
export function exchange(
  request: Http1Request,
  onHead: (head: Http1Head) => BodySink,
  control: ExchangeControl,
): Promise<Http1Head> {
  return new Promise<Http1Head>((resolve, reject) => {
    const { url } = request;
    const secure = url.protocol === 'https:';
    const port = Number(url.port) || (secure ? 443 : 80);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    let settled = false;
    let head = Buffer.alloc(0);
    let response: Http1Head | undefined;
    let body: BodyReader | undefined;

    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      control.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error !== undefined) reject(error);
      else resolve(response!);
    };
    const onAbort = (): void => finish(control.signal.reason);

    const onRead = (length: number, buffer: Buffer): boolean => {
      if (settled) return false;
      control.touch();
      try {
        let bytes = buffer.subarray(0, length);
        while (!body) {
          // The head is collected in a buffer of its own: it may come in pieces, and the read buffer is reused.
          head = Buffer.concat([head, bytes]);
          const end = head.indexOf('\r\n\r\n');
          if (end < 0) {
            if (head.length > MAX_HEAD) throw new ProtocolError(`${url.origin} sent a response head over 64 KiB.`);
            return true;
          }
          const parsed = parseHead(head.subarray(0, end).toString('latin1'), url);
          bytes = head.subarray(end + 4);
          head = Buffer.alloc(0);
          if (parsed.status >= 100 && parsed.status < 200) continue;
          response = parsed;
          body = new BodyReader(parsed, request.method, onHead(parsed));
        }
        if (body.done || (bytes.length > 0 && body.feed(bytes))) finish();
      } catch (error) {
        finish(error);
      }
      return !settled;
    };

    // Checked before connecting: a header that could break out of its line is never sent.
    const requestText = requestHead(request);
    const options = { host, port, onread: { buffer: Buffer.allocUnsafe(READ_BUFFER), callback: onRead } };
    // TLS (about 5 MiB of it) is loaded for an https endpoint only.
    const socket: Socket = secure
      ? process.getBuiltinModule('node:tls').connect({ ...options, ALPNProtocols: ['http/1.1'] })
      : netConnect(options);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      socket.write(requestText);
      request.body?.(socket, () => settled).catch(finish);
    });
    // A write error after the response ended is the server closing early: the answer stands.
    socket.on('error', (error) => finish(error));
    socket.on('close', () => {
      if (body?.endsAtClose()) finish();
      else
        finish(
          // Not a ProtocolError: a connection cut short is transient, and a download resumes after it.
          new Error(
            `${url.origin} closed the connection ${response ? 'before the end of the response body' : 'without a response'}.`,
          ),
        );
    });
    if (control.signal.aborted) onAbort();
    else control.signal.addEventListener('abort', onAbort, { once: true });
  });
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The request line and headers, each checked to stay on its own line. */
function requestHead({ method, url, headers }: Http1Request): string {
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value))
      throw new TypeError(
        `The request header ${JSON.stringify(name.slice(0, 40))} has characters HTTP does not allow.`,
      );
    lines.push(`${name}: ${value}`);
  }
  lines.push('connection: close', '', '');
  return lines.join('\r\n');
}

function parseHead(text: string, url: URL): Http1Head {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
  if (!m)
    throw new ProtocolError(
      `${url.origin} did not answer in HTTP/1.1 (status line ${JSON.stringify(statusLine.slice(0, 60))}).`,
    );
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0 || /^\s/.test(line))
      throw new ProtocolError(`${url.origin} sent a malformed header line ${JSON.stringify(line.slice(0, 60))}.`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return { status: Number(m[1]), headers };
}

/** A response body's framing (RFC 9112 §6.3): no body, chunked, a length, or up to the connection's close. */
class BodyReader {
  readonly #sink: BodySink;
  readonly #chunked: ChunkedDecoder | undefined;
  #remaining: number | undefined;
  #done = false;

  constructor(head: Http1Head, method: string, sink: BodySink) {
    this.#sink = sink;
    const length = head.headers.get('content-length');
    if (method === 'HEAD' || head.status === 204 || head.status === 304) this.#remaining = 0;
    else if (/chunked\s*$/i.test(head.headers.get('transfer-encoding') ?? '')) this.#chunked = new ChunkedDecoder();
    else if (length !== undefined) {
      if (!/^\d+$/.test(length))
        throw new ProtocolError(`The response's content-length is not a number: ${length.slice(0, 40)}.`);
      this.#remaining = Number(length);
    }
    if (this.#remaining === 0) this.#done = true;
  }

  /** Whether the body is complete (known before any byte when it is empty). */
  get done(): boolean {
    return this.#done;
  }

  /** Takes bytes off the wire; true once the body is complete. */
  feed(bytes: Buffer): boolean {
    if (this.#done) return true;
    if (this.#chunked) {
      this.#done = this.#chunked.feed(bytes, (data) => this.#sink.write(data));
    } else if (this.#remaining === undefined) {
      this.#sink.write(bytes);
    } else {
      const take = bytes.subarray(0, this.#remaining);
      this.#remaining -= take.length;
      this.#sink.write(take);
      this.#done = this.#remaining === 0;
    }
    return this.#done;
  }

  /** Whether a closed connection ends this body well (it had no length of its own, or was complete). */
  endsAtClose(): boolean {
    return this.#done || (!this.#chunked && this.#remaining === undefined);
  }
}
