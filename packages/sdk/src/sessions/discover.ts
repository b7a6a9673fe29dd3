// Sessions across several platforms at once: one list for a sidebar, each
// session tagged with where it runs, and a platform that is down reported on
// its own instead of hiding everyone else's sessions.
import type { PlatformSession } from '../broker/types.js';
import { VobridgeError } from '../errors.js';
import { SessionsClient, type ListSessionsOptions } from './client.js';
import type { FetchLike } from '../lib/transport.js';

/** A platform to ask: a ready client, or the sessions base URL and the `fetch` that carries its credentials. */
export type PlatformSource =
  | { name: string; sessions: SessionsClient }
  | { name: string; baseUrl: string | URL; fetch?: FetchLike; timeoutMs?: number };

/** A session tagged with its platform: the broker spec's `PlatformSession`, one type for both. */
export type { PlatformSession };

/** Why one platform's sessions are missing. */
export interface PlatformFailure {
  platform: string;
  error: VobridgeError;
}

/** Result of {@link discoverSessions}. */
export interface DiscoveredSessions {
  sessions: PlatformSession[];
  /** One entry per platform that could not be listed; the others' sessions are still returned. */
  failures: PlatformFailure[];
}

/**
 * Lists sessions on every platform concurrently. Never rejects because of one
 * platform: its error is reported in `failures`.
 */
export async function discoverSessions(
  platforms: readonly PlatformSource[],
  options: Omit<ListSessionsOptions, 'view'> = {},
): Promise<DiscoveredSessions> {
  const results = await Promise.allSettled(
    platforms.map(async (p) => {
      const client =
        'sessions' in p
          ? p.sessions
          : new SessionsClient({
              baseUrl: p.baseUrl,
              ...(p.fetch ? { fetch: p.fetch } : {}),
              ...(p.timeoutMs ? { timeoutMs: p.timeoutMs } : {}),
            });
      return (await client.list(options)).map((s): PlatformSession => ({ ...s, platform: p.name }));
    }),
  );
  const out: DiscoveredSessions = { sessions: [], failures: [] };
  results.forEach((r, i) => {
    const platform = platforms[i]?.name ?? String(i);
    if (r.status === 'fulfilled') out.sessions.push(...r.value);
    else {
      const error =
        r.reason instanceof VobridgeError
          ? r.reason
          : new VobridgeError(`Listing sessions on ${platform} failed.`, { cause: r.reason });
      out.failures.push({ platform, error });
    }
  });
  return out;
}
