import type { ServerResponse } from 'node:http';
import { BadRequestError, BrokerError } from '../errors.js';

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
  sendBody(res, status, Buffer.from(JSON.stringify(body)));
}

/** An already serialised JSON answer. */
export function sendBody(res: ServerResponse, status: number, body: Buffer): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', body.length);
  res.end(body);
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
