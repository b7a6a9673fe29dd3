/**
 * Exit codes of the `vobridge` command, stable so shell scripts can branch on
 * them (documented in the package README). Chosen by what the user has to do
 * next, not by which layer failed.
 */
export const ExitCode = {
  /** Success. */
  OK: 0,
  /** Wrong command line (unknown flag, missing argument, bad value), or a request the service refused as malformed (HTTP 400). */
  USAGE: 1,
  /** Authentication needed or rejected: run `vobridge login`. */
  AUTH: 2,
  /** The named session, job, node, login or file does not exist. */
  NOT_FOUND: 3,
  /** Logged in, but not allowed (permission denied, URL outside every login). */
  FORBIDDEN: 4,
  /** The broker or the platform could not be reached (or is not running). */
  UNAVAILABLE: 5,
  /** The target already exists or is in the wrong state. */
  CONFLICT: 6,
  /** The remote operation ran and failed: job in ERROR, checksum mismatch, bad protocol answer. */
  FAILED: 7,
  /** Waited too long (job wait, device login). */
  TIMEOUT: 8,
  /** A bug in vobridge: please report it. */
  INTERNAL: 10,
  /** Interrupted by the user (SIGINT), as shells report it. */
  INTERRUPTED: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
