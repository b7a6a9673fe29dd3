import type { ServerResponse } from 'node:http';
import { BadRequestError, BrokerError } from '../errors.js';
import { COMMON_HEADERS } from './guard.js';

/**
 * Answer with the broker's error body (`BrokerErrorBody` in
 * `openapi/broker.yaml`). Only our own messages are sent: never the body,
 * the query or a parser's text.
 */
export function sendError(res: ServerResponse, error: unknown, log: (line: string) => void): void {
  const known = asBrokerError(error);
  if (known.code === 'internal') log(`internal error: ${error instanceof Error ? error.name : 'unknown'}`);
  if (known.status === 401) res.setHeader('www-authenticate', 'Bearer realm="vobridge-broker"');
  sendJson(res, known.status, {
    error: known.code,
    message: known.message,
    ...(known.loginId !== undefined ? { login_id: known.loginId } : {}),
    ...(known.platform !== undefined ? { platform: known.platform } : {}),
  });
}

/** A JSON answer, framed as express's `res.json` frames it. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendBody(res, status, serialised(body));
}

/** A JSON body and its length in bytes, ready to send many times. */
export interface SerialisedJson {
  text: string;
  bytes: number;
}

/** Serialise a JSON body once. */
export function serialised(body: unknown): SerialisedJson {
  const text = JSON.stringify(body);
  return { text, bytes: Buffer.byteLength(text) };
}

/**
 * An already serialised JSON answer. The headers go in one `writeHead` and
 * the body as a string, which Node sends with the headers in one write (a
 * Buffer body costs a second one): on the token path, both show.
 */
export function sendBody(res: ServerResponse, status: number, body: SerialisedJson): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.bytes,
  });
  res.end(body.text);
}

/** Map body-parser and unknown errors onto typed broker errors (never echoing the body). */
function asBrokerError(error: unknown): BrokerError {
  if (error instanceof BrokerError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new BadRequestError('The body is not valid JSON.');
  if (type === 'entity.too.large') return new BrokerError('bad_request', 413, 'The body is too large.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new BrokerError('bad_request', 415, 'Unsupported body encoding.');
  // Anything else express or its parsers reject as the client's fault (a malformed %-escape in the path, say).
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new BrokerError('bad_request', status, 'Malformed request.');
  return new BrokerError('internal', 500, 'Internal broker error.');
}
