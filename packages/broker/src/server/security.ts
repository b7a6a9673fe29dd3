import { createHash, timingSafeEqual } from 'node:crypto';
import { BROKER_NONCE_HEADER, BROKER_PROOF_HEADER, brokerRequestProof, brokerResponseProof } from '@vobridge/sdk/node';
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

const NONCE = /^[A-Za-z0-9_-]{22,128}$/;

/**
 * Require the secret, in one of two forms:
 * - `Authorization: Bearer <secret>` (curl, scripts), compared in constant time;
 * - `Authorization: VobridgeProof <mac>` with `X-Vobridge-Nonce: <nonce>`, where
 *   `mac` is `brokerRequestProof` (`@vobridge/sdk/node`): the client never sends the secret itself, so a
 *   process that took over a dead broker's port learns nothing from it.
 * Whenever the request carries a nonce and passes, the answer carries
 * `X-Vobridge-Proof` (`brokerResponseProof`): the client then knows it talked to
 * the holder of the secret before it trusts a token from the answer.
 */
export function requireSecret(secret: string): RequestHandler {
  // Comparing fixed-length digests keeps the comparison constant-time whatever length is sent.
  const expected = digest(secret);
  return (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.headers.authorization ?? '';
    const nonce = req.headers[BROKER_NONCE_HEADER];
    const validNonce = typeof nonce === 'string' && NONCE.test(nonce) ? nonce : undefined;
    let ok = false;
    const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    const proof = /^VobridgeProof[ ]+([A-Za-z0-9_-]+)\s*$/.exec(authorization);
    if (bearer?.[1] !== undefined) {
      ok = timingSafeEqual(digest(bearer[1]), expected);
    } else if (proof?.[1] !== undefined && validNonce !== undefined) {
      const wanted = brokerRequestProof(secret, validNonce, req.method, req.originalUrl);
      ok = timingSafeEqual(digest(proof[1]), digest(wanted));
    }
    if (!ok) {
      next(new UnauthorizedError());
      return;
    }
    if (validNonce !== undefined) res.setHeader(BROKER_PROOF_HEADER, brokerResponseProof(secret, validNonce));
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
