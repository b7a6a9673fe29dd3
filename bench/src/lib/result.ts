// One side-by-side figure: vobridge's, the peer's and their ratio.
import type { Summary } from './stats.js';

/** Which way is better for a metric. */
export type Better = 'higher' | 'lower';

/** vobridge against one peer on one metric, from the same run. */
export interface Comparison {
  /** What is measured, e.g. "token fetch, requests/s". */
  metric: string;
  unit: string;
  better: Better;
  vobridge: { what: string; value: Summary };
  /** Absent when there is no peer to compare with; `reason` says why. */
  peer?: { what: string; value: Summary };
  /** vobridge / peer, on medians. */
  ratio?: number;
  note?: string;
}

/** The results of one benchmark file. */
export interface BenchResult {
  name: string;
  title: string;
  comparisons: Comparison[];
  /** Conditions worth knowing (sizes, repetitions, what was left out). */
  notes: string[];
  /** The machine's 1-minute load average when the benchmark started and ended (set by the runner). */
  load?: { before: number; after: number };
}

/** Builds a comparison, computing the ratio of the medians. */
export function compare(
  metric: string,
  unit: string,
  better: Better,
  vobridge: { what: string; value: Summary },
  peer?: { what: string; value: Summary },
  note?: string,
): Comparison {
  return {
    metric,
    unit,
    better,
    vobridge,
    ...(peer ? { peer } : {}),
    ...(peer && peer.value.median > 0 ? { ratio: vobridge.value.median / peer.value.median } : {}),
    ...(note ? { note } : {}),
  };
}
