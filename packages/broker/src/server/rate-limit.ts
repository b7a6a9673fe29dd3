import type { IncomingMessage } from 'node:http';
import { RateLimitedError } from '../errors.js';
import type { RequestCheck } from './security.js';

/** Token-bucket limits: sustained requests per second and burst size. */
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/** Buckets idle this long are forgotten, so the table stays small. */
const IDLE_MS = 60_000;

/**
 * Token bucket per client, a client being what `key` returns (by default the
 * remote address). It bounds what a runaway caller can make the broker do
 * (and how fast anyone can guess at the secret); answers 429 with
 * `Retry-After` when a bucket is empty.
 */
export function rateLimit(options: RateLimitOptions, key: (req: IncomingMessage) => string = clientKey): RequestCheck {
  const buckets = new Map<string, Bucket>();
  let lastSweep = Date.now();
  return (req, res) => {
    const now = Date.now();
    if (now - lastSweep > IDLE_MS) {
      for (const [k, bucket] of buckets) if (now - bucket.updated > IDLE_MS) buckets.delete(k);
      lastSweep = now;
    }
    const id = key(req);
    const bucket = buckets.get(id) ?? { tokens: options.burst, updated: now };
    bucket.tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.updated) / 1000) * options.perSecond);
    bucket.updated = now;
    buckets.set(id, bucket);
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond));
      res.setHeader('retry-after', String(retryAfter));
      return new RateLimitedError(retryAfter);
    }
    bucket.tokens -= 1;
    return undefined;
  };
}

function clientKey(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unix-socket';
}
