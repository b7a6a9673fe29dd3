/** How hard a benchmark run pushes: the sizes named in the issue, or `--quick` for a smoke run. */
export interface BenchContext {
  /** Repetitions of each measurement. */
  reps: number;
  /** Seconds of load per repetition. */
  seconds: number;
  /** The large sizes (a 1 GiB transfer); false under `--quick`. */
  full: boolean;
}
