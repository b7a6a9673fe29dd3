// A UWS 1.1 job list client. Every state change is a form POST answered by a
// 303 to the job, so each of them returns the job as it now is.
import type { operations } from '../generated/uws.js';
import { searchParams, withQuery } from '../lib/form.js';
import { ProtocolError, TimeoutError } from '../errors.js';
import { sleep } from '../lib/request.js';
import { parseJob, parseJobList } from './codec.js';
import {
  asDirectory,
  readXml,
  request,
  transportOf,
  type CallOptions,
  type ServiceClientOptions,
  type Transport,
} from '../lib/transport.js';
import {
  FINAL_PHASES,
  type ErrorSummary,
  type ExecutionPhase,
  type Job,
  type JobResult,
  type JobSummary,
} from './types.js';

// Query and form fields of the UWS API, from openapi/uws.yaml (the documents themselves are XML: codec.ts).
type ListQuery = NonNullable<operations['listJobs']['parameters']['query']>;
type WaitQuery = NonNullable<operations['getJob']['parameters']['query']>;
type Form<Op extends 'setJobPhase' | 'setJobDestruction' | 'setJobExecutionDuration'> =
  operations[Op]['requestBody']['content']['application/x-www-form-urlencoded'];
const phaseForm = (form: Form<'setJobPhase'>): URLSearchParams => searchParams(form);

/** Filters of {@link UwsClient.list} (UWS 1.1). */
export interface ListJobsOptions extends CallOptions {
  /** Only jobs in these phases. */
  phase?: ExecutionPhase | readonly ExecutionPhase[];
  /** Only jobs created after this instant. */
  after?: Date | string;
  /** Only the `last` most recent jobs. */
  last?: number;
}

/** Parameters of a new job: a record (array values repeat the name) or name/value pairs. */
export type JobParameters =
  Record<string, string | number | readonly (string | number)[]> | readonly [string, string][];

/** Options of {@link UwsClient.create}. */
export interface CreateJobOptions extends CallOptions {
  /** Start the job at once (`PHASE=RUN`). */
  run?: boolean;
  runId?: string;
}

/** Options of {@link UwsClient.waitForJob}. */
export interface WaitForJobOptions extends CallOptions {
  /**
   * Return when the job is in one of these phases. Final phases (COMPLETED,
   * ERROR, ABORTED, ARCHIVED) always end the wait.
   */
  phases?: readonly ExecutionPhase[];
  /** Give up after this many milliseconds with a {@link TimeoutError} (default: wait forever). */
  timeout?: number;
  /** Called with the first phase seen and every change after it. */
  onPhase?: (phase: ExecutionPhase, job: Job) => void;
  /** Longest `WAIT` asked of the server per request, in seconds (default 60). */
  maxWaitSeconds?: number;
  /** First polling delay for servers that ignore `WAIT`, in ms (default 500); grows ×1.5. */
  pollInterval?: number;
  /** Longest polling delay, in ms (default 30 000). */
  maxPollInterval?: number;
}

/** A job given by id, by URL-bearing summary or as a parsed job. */
export type JobRef = string | Pick<Job, 'jobId'>;

/**
 * Client of one UWS job list (`baseUrl` is the job list URL, such as
 * `https://host/uws/sleep`).
 *
 * @example
 * ```ts
 * const uws = new UwsClient({ baseUrl: 'https://host/uws/sleep', fetch: authFetch });
 * const job = await uws.create({ DURATION: 2 }, { run: true });
 * const done = await uws.waitForJob(job, { timeout: 60_000, onPhase: (p) => console.log(p) });
 * ```
 */
export class UwsClient {
  readonly #base: URL;
  readonly #t: Transport;

  constructor(options: ServiceClientOptions) {
    this.#base = asDirectory(options.baseUrl);
    this.#t = transportOf(options);
  }

  /** URL of a job. */
  jobUrl(job: JobRef): URL {
    const id = typeof job === 'string' ? job : job.jobId;
    return new URL(encodeURIComponent(id), this.#base);
  }

  /** Lists the caller's jobs, filtered by phase, creation time and count. */
  async list(options: ListJobsOptions = {}): Promise<JobSummary[]> {
    const query: ListQuery = {
      PHASE:
        options.phase === undefined
          ? undefined
          : typeof options.phase === 'string'
            ? [options.phase]
            : [...options.phase],
      AFTER: options.after instanceof Date ? options.after.toISOString() : options.after,
      LAST: options.last,
    };
    const url = withQuery(new URL(this.#base.href.replace(/\/$/, '')), query);
    const response = await request(this.#t, url, { headers: { accept: 'application/xml' } }, options.signal);
    return parseJobList(await readXml(response, 'a UWS job list')).jobs;
  }

  /** Creates a job (answered by a 303 to it) and returns it. */
  async create(parameters: JobParameters, options: CreateJobOptions = {}): Promise<Job> {
    const form = new URLSearchParams();
    const entries = Array.isArray(parameters) ? parameters : Object.entries(parameters);
    for (const [name, value] of entries as [string, unknown][]) {
      for (const v of Array.isArray(value) ? value : [value]) form.append(name, String(v));
    }
    if (options.runId !== undefined) form.set('RUNID', options.runId);
    if (options.run) form.set('PHASE', 'RUN');
    return this.#post(new URL(this.#base.href.replace(/\/$/, '')), form, options.signal);
  }

  /** Fetches a job. */
  async get(job: JobRef, options: CallOptions = {}): Promise<Job> {
    const response = await request(
      this.#t,
      this.jobUrl(job),
      { headers: { accept: 'application/xml' } },
      options.signal,
    );
    return parseJob(await readXml(response, 'a UWS job'));
  }

  /** Starts a job (`PHASE=RUN`). */
  run(job: JobRef, options: CallOptions = {}): Promise<Job> {
    return this.#post(new URL(`${this.jobUrl(job).href}/phase`), phaseForm({ PHASE: 'RUN' }), options.signal);
  }

  /** Aborts a job (`PHASE=ABORT`). */
  abort(job: JobRef, options: CallOptions = {}): Promise<Job> {
    return this.#post(new URL(`${this.jobUrl(job).href}/phase`), phaseForm({ PHASE: 'ABORT' }), options.signal);
  }

  /** Deletes a job. */
  async delete(job: JobRef, options: CallOptions = {}): Promise<void> {
    const response = await request(this.#t, this.jobUrl(job), { method: 'DELETE' }, options.signal);
    await response.body?.cancel();
  }

  /** Sets the job's destruction time. Returns the job as the service now has it. */
  setDestruction(job: JobRef, when: Date | string, options: CallOptions = {}): Promise<Job> {
    const value = when instanceof Date ? when.toISOString() : when;
    return this.#post(
      new URL(`${this.jobUrl(job).href}/destruction`),
      searchParams({ DESTRUCTION: value } satisfies Form<'setJobDestruction'>),
      options.signal,
    );
  }

  /** Sets the job's execution duration in seconds (0: unlimited). */
  setExecutionDuration(job: JobRef, seconds: number, options: CallOptions = {}): Promise<Job> {
    return this.#post(
      new URL(`${this.jobUrl(job).href}/executionduration`),
      searchParams({
        EXECUTIONDURATION: String(Math.max(0, Math.trunc(seconds))),
      } satisfies Form<'setJobExecutionDuration'>),
      options.signal,
    );
  }

  /** The job's results. */
  async results(job: JobRef, options: CallOptions = {}): Promise<JobResult[]> {
    return (await this.get(job, options)).results;
  }

  /**
   * Why the job failed: its error summary, with the text of `{job}/error` as
   * `message` when the service has a detail document. `undefined` when the
   * job has no error.
   */
  async errorSummary(job: JobRef, options: CallOptions = {}): Promise<ErrorSummary | undefined> {
    const current = await this.get(job, options);
    const summary = current.errorSummary;
    if (!summary?.hasDetail) return summary;
    const response = await request(this.#t, `${this.jobUrl(job).href}/error`, {}, options.signal);
    const type = response.headers.get('content-type') ?? '';
    const detail = (await response.text()).trim();
    // A VOTable or HTML error document is for people; keep the summary's text then.
    return type.startsWith('text/plain') && detail ? { ...summary, message: detail } : summary;
  }

  /**
   * Waits until the job reaches one of `phases` or a final phase. Asks the
   * server to block with UWS 1.1 `WAIT` (with `PHASE=<current>`, so any change
   * ends the block); a server that answers at once is polled with a delay
   * growing ×1.5.
   *
   * @throws {@link TimeoutError} after `timeout` ms, {@link AbortError} when `signal` fires.
   */
  async waitForJob(job: JobRef, options: WaitForJobOptions = {}): Promise<Job> {
    const targets = new Set<ExecutionPhase>([...FINAL_PHASES, ...(options.phases ?? [])]);
    const maxWait = options.maxWaitSeconds ?? 60;
    const maxDelay = options.maxPollInterval ?? 30_000;
    let delay = options.pollInterval ?? 500;
    const deadline = options.timeout === undefined ? Infinity : Date.now() + options.timeout;
    const timeoutSignal = options.timeout === undefined ? undefined : AbortSignal.timeout(options.timeout);
    const signals = [options.signal, timeoutSignal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length ? AbortSignal.any(signals) : undefined;
    const timedOut = (cause?: unknown): TimeoutError =>
      new TimeoutError(options.timeout ?? 0, this.jobUrl(job), {
        message: `Job ${typeof job === 'string' ? job : job.jobId} did not reach ${[...(options.phases ?? ['a final phase'])].join('/')} within ${options.timeout} ms.`,
        cause,
      });

    let last: ExecutionPhase | undefined;
    let current: Job | undefined;
    for (;;) {
      const started = Date.now();
      const waitSeconds = Math.max(1, Math.min(maxWait, Math.floor((deadline - started) / 1000)));
      const url = this.jobUrl(job);
      if (current) withQuery(url, { WAIT: waitSeconds, PHASE: current.phase } satisfies WaitQuery);
      try {
        const response = await request(
          this.#t,
          url,
          { headers: { accept: 'application/xml' }, timeoutMs: (waitSeconds + 30) * 1000 },
          signal,
        );
        current = parseJob(await readXml(response, 'a UWS job'));
      } catch (error) {
        if (timeoutSignal?.aborted && !options.signal?.aborted) throw timedOut(error);
        throw error;
      }
      if (current.phase !== last) {
        last = current.phase;
        options.onPhase?.(current.phase, current);
        delay = options.pollInterval ?? 500;
      } else {
        // Unchanged: either WAIT expired on the server (then it already took
        // time) or the server ignored WAIT and answered at once: back off.
        const pause = delay - (Date.now() - started);
        delay = Math.min(maxDelay, delay * 1.5);
        if (pause > 0) {
          try {
            await sleep(Math.min(pause, Math.max(0, deadline - Date.now())), signal);
          } catch (error) {
            if (timeoutSignal?.aborted && !options.signal?.aborted) throw timedOut(error);
            throw error;
          }
        }
      }
      if (targets.has(current.phase)) return current;
      if (Date.now() >= deadline) throw timedOut();
    }
  }

  async #post(url: URL, form: URLSearchParams, signal: AbortSignal | undefined): Promise<Job> {
    const response = await request(
      this.#t,
      url,
      { method: 'POST', body: form, headers: { accept: 'application/xml' } },
      signal,
    );
    const xml = await readXml(response, 'a UWS job');
    if (!xml.trim()) throw new ProtocolError('The UWS service answered the POST without redirecting to the job.');
    return parseJob(xml);
  }
}
