import { rateLimit, type RateLimitOptions } from './rate-limit.js';
import { refuseBrowsers, requireLoopbackHost, requireSecret, type RequestCheck } from './security.js';

/** What {@link createGuard} checks requests against. */
export interface GuardOptions {
  secret: string;
  /** `Host` header values accepted (known once the server listens). */
  allowedHosts: () => readonly string[];
  rateLimit: RateLimitOptions;
}

/** Headers every broker answer carries, refusals included. */
export const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/**
 * Every request, whatever its route, passes these checks in this order: Host,
 * browser headers, secret, rate limit. The secret comes before the rate
 * limit: a request without it must not spend the budget of the programs that
 * have it.
 */
export function createGuard(options: GuardOptions): RequestCheck {
  const checks = [
    requireLoopbackHost(options.allowedHosts),
    refuseBrowsers(),
    requireSecret(options.secret),
    rateLimit(options.rateLimit),
  ];
  return (req, res) => {
    for (const check of checks) {
      const refused = check(req, res);
      if (refused) return refused;
    }
    return undefined;
  };
}
