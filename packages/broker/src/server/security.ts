import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BROKER_NONCE_HEADER,
  BROKER_PROOF_HEADER,
  brokerRequestProof,
  brokerResponseProof,
} from '@vobridge/sdk/broker-proof';
import { OriginRefusedError, UnauthorizedError, type BrokerError } from '../errors.js';

/**
 * One check a request must pass before any route sees it: the refusal, or
 * `undefined` to go on. Plain node:http types, so the express app and the
 * `/v1/token` fast path run the very same checks.
 */
export type RequestCheck = (req: IncomingMessage, res: ServerResponse) => BrokerError | undefined;

/**
 * Refuse anything a web page could send: an `Origin` header (CORS and
 * same-origin POSTs), `Sec-Fetch-Site` (sent by browsers on every request to
 * a trustworthy origin such as 127.0.0.1), or a `Cookie`. No local program
 * sends these (Node's fetch sends `Sec-Fetch-Mode` only, which is why that
 * one is not refused); refusing them closes CSRF and cross-site reads even
 * before the secret is checked.
 */
export function refuseBrowsers(): RequestCheck {
  return (req) => {
    const headers = req.headers;
    if (headers.origin !== undefined || headers.cookie !== undefined || headers['sec-fetch-site'] !== undefined)
      return new OriginRefusedError('browser');
    return undefined;
  };
}

/**
 * Accept only requests addressed to the broker itself (`127.0.0.1:<port>`,
 * `localhost:<port>`, or for a unix socket `localhost`): a DNS-rebound name
 * pointing at 127.0.0.1 carries its own name in `Host` and is refused.
 */
export function requireLoopbackHost(allowed: () => readonly string[]): RequestCheck {
  return (req) => {
    const host = req.headers.host?.toLowerCase();
    return host && allowed().includes(host) ? undefined : new OriginRefusedError('host');
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
export function requireSecret(secret: string): RequestCheck {
  const expected = Buffer.from(secret);
  return (req, res) => {
    const authorization = req.headers.authorization ?? '';
    const nonce = req.headers[BROKER_NONCE_HEADER];
    const validNonce = typeof nonce === 'string' && NONCE.test(nonce) ? nonce : undefined;
    let ok = false;
    const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (bearer?.[1] !== undefined) {
      // Constant time over the secret's bytes; only its length (public: 43 characters unless the user picks one) can show.
      const sent = Buffer.from(bearer[1]);
      ok = sent.length === expected.length && timingSafeEqual(sent, expected);
    } else if (validNonce !== undefined) {
      const proof = /^VobridgeProof[ ]+([A-Za-z0-9_-]+)\s*$/.exec(authorization);
      const wanted = brokerRequestProof(secret, validNonce, req.method ?? '', req.url ?? '');
      ok = proof?.[1] !== undefined && timingSafeEqual(digest(proof[1]), digest(wanted));
    }
    if (!ok) return new UnauthorizedError();
    if (validNonce !== undefined) res.setHeader(BROKER_PROOF_HEADER, brokerResponseProof(secret, validNonce));
    return undefined;
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
