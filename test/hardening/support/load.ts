// Bounded autocannon runs on loopback: a few connections for a few seconds,
// so the suite stays well inside a shared 2-core machine's means.
import autocannon from 'autocannon';
import { loadSeconds } from './budget.js';

/** What a load run tells the assertions. */
export interface LoadOutcome {
  requests: number;
  errors: number;
  timeouts: number;
  /** Count per HTTP status. */
  statuses: Record<string, number>;
}

/** Options of {@link load}. */
export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Paths to cycle through (default: the URL's own). */
  paths?: string[];
  /** Seconds in CI; long mode multiplies it. */
  seconds?: number;
  connections?: number;
}

/** Runs autocannon and reduces its result to what the tests assert on. */
export async function load(options: LoadOptions): Promise<LoadOutcome> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 8,
    duration: loadSeconds(options.seconds ?? 3),
    headers: options.headers ?? {},
    ...(options.paths ? { requests: options.paths.map((path) => ({ method: 'GET' as const, path })) } : {}),
  });
  const statuses: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = stat.count ?? 0;
  return { requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, statuses };
}

/** Statuses of 500 and above, with their counts. */
export function serverErrors(outcome: LoadOutcome): Record<string, number> {
  return Object.fromEntries(Object.entries(outcome.statuses).filter(([status]) => Number(status) >= 500));
}
