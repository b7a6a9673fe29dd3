import {
  BROKER_NONCE_HEADER,
  BROKER_PROOF_HEADER,
  BROKER_PROOF_SCHEME,
  brokerRequestProof,
  brokerResponseProof,
  newBrokerNonce,
} from '@vobridge/sdk/broker-proof';

// The broker's own HTTP/1.1 over a plain socket, not node:http: in a fresh
// process (every `vobridge token` of a shell loop) loading and warming Node's
// HTTP client costs about 10 ms, three times the request itself. The broker
// always answers with a Content-Length and closes when asked; anything else
// is refused as a protocol error rather than guessed at.
const { connect } = process.getBuiltinModule('node:net');

/** Where a broker listens and the secret it wants. */
export interface BrokerEndpoint {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** Shared secret; proven to the broker, never sent. */
  secret: string;
}

/** A broker answer, read whole. */
export interface LoopbackAnswer {
  status: number;
  contentType?: string;
  body: Buffer<ArrayBuffer>;
}

/** Longest broker answer read (logins and sessions lists are small). */
const MAX_BODY = 4 * 1024 * 1024;

/** Something answered at the broker's address without proving it holds the secret. */
export class NotTheBrokerError extends Error {
  constructor(origin: string) {
    super(`what answers at ${origin} could not prove it is the vobridge broker (no proof of the secret)`);
  }
}

/** The broker answered something that is not the HTTP it speaks. */
export class BrokerProtocolError extends Error {}

/** Header names and values that cannot break out of their line. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * One request to the broker over loopback. The secret is never sent: the
 * request carries an HMAC of a fresh nonce under it, and an answer without
 * the broker's proof of that nonce is refused, so whatever listens on a dead
 * broker's address learns nothing and can plant nothing. (Not the global
 * fetch either: it adds `Sec-Fetch-*` headers the broker refuses as coming
 * from a browser.)
 */
export function loopbackRequest(
  endpoint: BrokerEndpoint,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<LoopbackAnswer> {
  const target = new URL(pathAndQuery, endpoint.url);
  const nonce = newBrokerNonce();
  const sent: Record<string, string> = {
    ...headers,
    host: target.host,
    connection: 'close',
    authorization: `${BROKER_PROOF_SCHEME} ${brokerRequestProof(endpoint.secret, nonce, method, `${target.pathname}${target.search}`)}`,
    [BROKER_NONCE_HEADER]: nonce,
    'content-length': String(body?.length ?? 0),
  };
  const lines = [`${method} ${target.pathname}${target.search} HTTP/1.1`];
  for (const [name, value] of Object.entries(sent)) {
    if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) throw new TypeError(`invalid header ${name}`);
    lines.push(`${name}: ${value}`);
  }
  const request = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.hostname, port: Number(target.port) || 80 });
    const chunks: Buffer[] = [];
    let size = 0;
    // Not `end()`: Node's server drops a half-closed connection before a slow answer is ready; it closes after answering (`connection: close`).
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY + 64 * 1024) socket.destroy(new Error('broker answer too large'));
      else chunks.push(chunk);
    });
    socket.once('end', () => {
      try {
        const answer = parseAnswer(Buffer.concat(chunks));
        if (answer.headers[BROKER_PROOF_HEADER] !== brokerResponseProof(endpoint.secret, nonce))
          reject(new NotTheBrokerError(target.origin));
        else
          resolve({
            status: answer.status,
            ...(answer.headers['content-type'] === undefined ? {} : { contentType: answer.headers['content-type'] }),
            body: answer.body,
          });
      } catch (error) {
        reject(error);
      }
    });
    socket.once('error', reject);
  });
}

/** Status, headers (lower-case names) and body of a whole HTTP/1.1 answer with a Content-Length. */
function parseAnswer(raw: Buffer): { status: number; headers: Record<string, string>; body: Buffer<ArrayBuffer> } {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) throw new BrokerProtocolError('the broker closed the connection before its answer was complete');
  const [statusLine = '', ...fields] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine)?.[1];
  if (status === undefined) throw new BrokerProtocolError('the broker answered something other than HTTP/1.1');
  const headers: Record<string, string> = {};
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon <= 0) throw new BrokerProtocolError('malformed header in the broker answer');
    headers[field.slice(0, colon).trim().toLowerCase()] = field.slice(colon + 1).trim();
  }
  const declared = headers['content-length'];
  const rest = raw.subarray(end + 4);
  if (headers['transfer-encoding'] !== undefined || (declared === undefined && rest.length > 0))
    throw new BrokerProtocolError('the broker answered without a Content-Length');
  const length = declared === undefined ? 0 : Number(declared);
  if (!Number.isSafeInteger(length) || length < 0 || rest.length < length)
    throw new BrokerProtocolError('the broker answer was cut short');
  const body = Buffer.alloc(length);
  rest.copy(body, 0, 0, length);
  return { status: Number(status), headers, body };
}
