// How hard the hardening suite pushes. CI runs a small, bounded amount of
// each property and load; `LONG=1` (`npm test -- --long`) multiplies it for
// a deeper run on a quiet machine.

/** True when the long mode was asked for with `LONG=1`. */
export const LONG = process.env.LONG === '1' || process.env.LONG === 'true';

/** Number of fast-check runs: `base` in CI, ten times that in long mode. */
export function runs(base: number): number {
  return LONG ? base * 10 : base;
}

/** Seconds of load per autocannon run: a few in CI, more in long mode. */
export function loadSeconds(base: number): number {
  return LONG ? base * 6 : base;
}

/** Jest timeout for one property or load test: generous in CI, longer in long mode. It guards against hangs; nothing asserts on time. */
export const TEST_TIMEOUT_MS = LONG ? 900_000 : 120_000;
