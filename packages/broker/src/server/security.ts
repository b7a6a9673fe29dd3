import { timingSafeEqual, createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { OriginRefusedError, UnauthorizedError } from '../errors.js';

/**
 * Refuse anything a web page could send: an `Origin` header (CORS and
 * same-origin POSTs), `Sec-Fetch-Site` (sent by browsers on every request to
 * a trustworthy origin such as 127.0.0.1), or a `Cookie`. No local program
 * sends these (Node's fetch sends `Sec-Fetch-Mode` only, which is why that
 * one is not refused); refusing them closes CSRF and cross-site reads even
 * before the secret is checked.
 */
export function refuseBrowsers(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const headers = req.headers;
    if (headers.origin !== undefined || headers.cookie !== undefined || headers['sec-fetch-site'] !== undefined) {
      next(new OriginRefusedError('browser'));
      return;
    }
    next();
  };
}

/**
 * Accept only requests addressed to the broker itself (`127.0.0.1:<port>`,
 * `localhost:<port>`, or for a unix socket `localhost`): a DNS-rebound name
 * pointing at 127.0.0.1 carries its own name in `Host` and is refused.
 */
export function requireLoopbackHost(allowed: () => readonly string[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const host = req.headers.host?.toLowerCase();
    if (!host || !allowed().includes(host)) {
      next(new OriginRefusedError('host'));
      return;
    }
    next();
  };
}

/** Require `Authorization: Bearer <secret>`, compared in constant time. */
export function requireSecret(secret: string): RequestHandler {
  // Comparing fixed-length digests keeps the comparison constant-time whatever length is sent.
  const expected = digest(secret);
  return (req: Request, _res: Response, next: NextFunction) => {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      next(new UnauthorizedError());
      return;
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
