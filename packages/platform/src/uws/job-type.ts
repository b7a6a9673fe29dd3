// What a job list runs. A job type checks its parameters when they are set
// (so bad input is a 400 at creation, not an ERROR later) and runs with an
// AbortSignal that fires on ABORT, on an exceeded execution duration and on
// shutdown; it must stop promptly when it fires.

/** A job's parameters: upper-case name -> values in the order they were sent. */
export type JobParameters = ReadonlyMap<string, readonly string[]>;

/** A parameter value a job type refuses; the message is shown to the client. */
export class JobParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobParameterError';
  }
}

/** A failure a job type reports; the message becomes the job's error summary. */
export class JobFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobFailure';
  }
}

/** What a running job can see and do. */
export interface JobContext {
  readonly jobId: string;
  /** User name of the owner. */
  readonly owner: string;
  readonly parameters: JobParameters;
  /** Type-specific document the job was created with (`uws:jobInfo`). */
  readonly jobInfo?: string;
  /**
   * A delegated token acting for the owner (RFC 8693 `act` claim naming the
   * job runner), limited to the job type's {@link Delegation} audience; only
   * for job types that ask for one. Never log or store it.
   */
  readonly credential?: string;
  /** Fires when the job must stop (abort, execution duration, shutdown). */
  readonly signal: AbortSignal;
  /** Stores a result; `id` must be letters, digits, `.`, `_` or `-`. */
  addResult(id: string, mimeType: string, content: string | Uint8Array): Promise<void>;
}

/** The delegated credential a job type needs to reach another service as the job's owner. */
export interface Delegation {
  /** The service URL the token is restricted to (its `aud`). */
  audience: string;
  /** Who acts for the owner (the token's `act.sub`), for provenance. */
  actor: string;
}

/** A kind of job, served as the job list of the same name. */
export interface JobType {
  /** Job list name (`^[a-z][a-z0-9-]*$`). */
  readonly name: string;
  /**
   * Set when jobs need a delegated token: the creating request's credential
   * is exchanged for one (RFC 8693) when the job is created. The token lives
   * in memory only; a job started after a restart runs without it.
   */
  readonly delegation?: Delegation;
  /**
   * Checks the parameters; throws {@link JobParameterError} for a bad one.
   * Called on creation and on every parameter change.
   */
  validate(parameters: JobParameters): void;
  /** Runs the job. Throw {@link JobFailure} to end it in ERROR with that message. */
  run(job: JobContext): Promise<void>;
}

/** The single value of parameter `name`, or `undefined`; more than one value is an error. */
export function single(parameters: JobParameters, name: string): string | undefined {
  const values = parameters.get(name);
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw new JobParameterError(`${name} may be given only once`);
  return values[0];
}

/** A finite number parameter within `[min, max]`, or `undefined` when absent. */
export function numberParameter(parameters: JobParameters, name: string, min: number, max: number): number | undefined {
  const raw = single(parameters, name);
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new JobParameterError(`${name} must be a number between ${min} and ${max}`);
  }
  return value;
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it fires. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
