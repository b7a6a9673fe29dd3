/** How hard a benchmark run pushes: `--full` for the sizes named in the issue. */
export interface BenchContext {
  /** Repetitions of each measurement. */
  reps: number;
  /** Seconds of load per repetition. */
  seconds: number;
  /** `--full`: the large sizes (a 1 GiB transfer). */
  full: boolean;
}
