// The UWS job runner: job records on disk (one file each, atomic), a bounded
// queue of executing jobs, execution-duration and destruction timers, and
// change notifications for blocking `WAIT` requests. A job never vanishes
// silently: a job that was executing when the platform stopped ends in ERROR
// with the reason, queued ones are queued again, and only the destruction
// time (or its owner) removes a job.

import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionPhase } from '@vobridge/sdk';
import { BadRequestError, ConflictError, NotFoundError } from '../http/index.js';
import type { Logger } from '../log/logger.js';
import { RecordStore, writeFileAtomic } from '../store/index.js';
import { ACTIVE_PHASES, EDITABLE_PHASES, parseJobRecord, type JobRecord, type StoredParameter } from './job.js';
import { JobFailure, JobParameterError, type Delegation, type JobParameters, type JobType } from './job-type.js';

/** Options of {@link JobManager.open}. */
export interface JobManagerOptions {
  /** Directory for job records (`jobs/`) and results (`results/`). */
  dir: string;
  /** The job lists served. */
  types: readonly JobType[];
  logger: Logger;
  /** Jobs executing at once; more wait in QUEUED (default 2: the reference platform is small). */
  maxConcurrent?: number;
  /** Execution duration of a new job and the cap on requested ones, in seconds (default 600 / 3600). */
  defaultExecutionDuration?: number;
  maxExecutionDuration?: number;
  /** Lifetime of a new job before destruction, in seconds (default 7 days). */
  lifetime?: number;
}

/** Extra properties of a job created by the platform itself rather than by form parameters. */
export interface CreateOptions {
  /** `uws:jobInfo` content (XML). */
  jobInfo?: string;
  /** Delegated token for the job type's {@link JobType.delegation}; kept in memory only. */
  credential?: string;
  /**
   * With `PHASE=RUN`: start at once, outside the concurrency limit. For work
   * that takes milliseconds (a transfer negotiation) and must not wait
   * behind long jobs.
   */
  immediate?: boolean;
}

/** Filters of a job list request (UWS 1.1). */
export interface ListFilter {
  phases?: readonly ExecutionPhase[];
  after?: Date;
  last?: number;
}

const RESULT_ID = /^[A-Za-z0-9._-]{1,64}$/;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Why a running job's signal fired. */
class StopReason extends Error {
  constructor(
    readonly outcome: 'ABORTED' | 'ERROR',
    message: string,
  ) {
    super(message);
    this.name = 'StopReason';
  }
}

/** Parameter names that set job properties instead of being job parameters. */
const CONTROL = new Set(['PHASE', 'RUNID', 'EXECUTIONDURATION', 'DESTRUCTION']);

/** Runs and keeps the jobs of every job list. */
export class JobManager {
  readonly #records: RecordStore<JobRecord>;
  readonly #types: Map<string, JobType>;
  readonly #options: Required<Omit<JobManagerOptions, 'types' | 'logger' | 'dir'>> & { dir: string; logger: Logger };
  readonly #changes = new EventEmitter();
  readonly #queue: string[] = [];
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  // Delegated tokens by job id: never persisted, so a restart forgets them.
  readonly #credentials = new Map<string, string>();
  #destructionTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(records: RecordStore<JobRecord>, options: JobManagerOptions) {
    this.#records = records;
    this.#types = new Map(options.types.map((t) => [t.name, t]));
    this.#options = {
      dir: options.dir,
      logger: options.logger,
      maxConcurrent: options.maxConcurrent ?? 2,
      defaultExecutionDuration: options.defaultExecutionDuration ?? 600,
      maxExecutionDuration: options.maxExecutionDuration ?? 3600,
      lifetime: options.lifetime ?? 7 * 24 * 3600,
    };
    // Every blocked WAIT request listens; there is no meaningful cap.
    this.#changes.setMaxListeners(0);
  }

  /** Loads the stored jobs, settles those interrupted by a restart and starts the timers. */
  static async open(options: JobManagerOptions): Promise<JobManager> {
    const records = await RecordStore.open<JobRecord>({
      dir: join(options.dir, 'jobs'),
      parse: parseJobRecord,
      onCorrupt: (id, error) =>
        options.logger.warn('unreadable job record skipped', { jobId: id, error: error.message }),
    });
    const manager = new JobManager(records, options);
    await manager.#recover();
    return manager;
  }

  /** Names of the job lists. */
  get lists(): string[] {
    return [...this.#types.keys()];
  }

  /** The delegation the jobs of `list` need, if any. */
  delegationOf(list: string): Delegation | undefined {
    return this.#type(list).delegation;
  }

  /**
   * Creates a job from form parameters (names case-insensitive). `PHASE=RUN`
   * starts it, `RUNID`, `EXECUTIONDURATION` and `DESTRUCTION` set those
   * properties, everything else is a job parameter checked by the job type.
   */
  async create(
    list: string,
    owner: string,
    form: readonly [string, string][],
    options: CreateOptions = {},
  ): Promise<JobRecord> {
    const type = this.#type(list);
    const { control, parameters } = splitForm(form);
    const stored = toStored(parameters);
    validate(type, stored);
    const now = new Date();
    const job: JobRecord = {
      id: randomBytes(8).toString('hex'),
      list,
      owner,
      phase: 'PENDING',
      creationTime: now.toISOString(),
      startTime: null,
      endTime: null,
      executionDuration: this.#options.defaultExecutionDuration,
      destruction: new Date(now.getTime() + this.#options.lifetime * 1000).toISOString(),
      parameters: stored,
      results: [],
      ...(options.jobInfo === undefined ? {} : { jobInfo: options.jobInfo }),
    };
    this.#applyControl(job, control);
    const run = control.get('PHASE');
    if (run !== undefined && run !== 'RUN') throw new BadRequestError('PHASE at creation must be RUN');
    await this.#records.put(job.id, job);
    if (options.credential !== undefined) this.#credentials.set(job.id, options.credential);
    this.#scheduleDestruction();
    if (run === 'RUN') return this.#run(job.id, options.immediate === true);
    return job;
  }

  /** The caller's job; another user's job, or one of another list, is a 404. */
  get(list: string, id: string, owner: string): JobRecord {
    const job = RecordStore.isValidId(id) ? this.#records.get(id) : undefined;
    if (job === undefined || job.list !== list || job.owner !== owner)
      throw new NotFoundError(`no such job ${id}`, { fault: 'NotFound' });
    return job;
  }

  /** The caller's jobs of a list, oldest first, or with `last` the newest `last` newest first. */
  list(list: string, owner: string, filter: ListFilter = {}): JobRecord[] {
    this.#type(list);
    let jobs = this.#records.values().filter((j) => j.list === list && j.owner === owner);
    if (filter.phases && filter.phases.length > 0) jobs = jobs.filter((j) => filter.phases?.includes(j.phase));
    const after = filter.after;
    if (after) jobs = jobs.filter((j) => new Date(j.creationTime) > after);
    jobs.sort((a, b) => a.creationTime.localeCompare(b.creationTime) || a.id.localeCompare(b.id));
    if (filter.last !== undefined) jobs = jobs.reverse().slice(0, filter.last);
    return jobs;
  }

  /** Adds or replaces parameters of a job that has not started. */
  async setParameters(list: string, id: string, owner: string, form: readonly [string, string][]): Promise<JobRecord> {
    const job = this.get(list, id, owner);
    const { control, parameters } = splitForm(form);
    if (!EDITABLE_PHASES.includes(job.phase))
      throw new ConflictError(`job ${id} is ${job.phase}; parameters can only change before it runs`);
    const merged = new Map(toMap(job.parameters));
    for (const [name, values] of parameters) merged.set(name, values);
    const stored = toStored(merged);
    validate(this.#type(list), stored);
    const updated = await this.#update(id, (draft) => {
      draft.parameters = stored;
      this.#applyControl(draft, control);
    });
    this.#scheduleDestruction();
    return updated;
  }

  /** `RUN` queues a PENDING/HELD job; `ABORT` stops a job that has not finished. */
  async setPhase(list: string, id: string, owner: string, phase: string): Promise<JobRecord> {
    const job = this.get(list, id, owner);
    if (phase === 'RUN') {
      if (job.phase === 'QUEUED' || job.phase === 'EXECUTING') return job;
      if (!EDITABLE_PHASES.includes(job.phase))
        throw new ConflictError(`job ${id} is ${job.phase} and cannot run again`);
      return this.#run(id, false);
    }
    if (phase === 'ABORT') {
      if (['COMPLETED', 'ERROR', 'ABORTED', 'ARCHIVED'].includes(job.phase)) return job;
      const running = this.#running.get(id);
      if (running) {
        running.controller.abort(new StopReason('ABORTED', 'aborted by its owner'));
        await running.done;
        return this.get(list, id, owner);
      }
      this.#dequeue(id);
      this.#credentials.delete(id);
      return this.#update(id, (draft) => {
        draft.phase = 'ABORTED';
        draft.endTime = new Date().toISOString();
      });
    }
    throw new BadRequestError('PHASE must be RUN or ABORT');
  }

  /** Sets the execution duration (seconds, capped) of a job that has not finished. */
  async setExecutionDuration(list: string, id: string, owner: string, value: string): Promise<JobRecord> {
    this.get(list, id, owner);
    return this.#update(id, (draft) => this.#applyControl(draft, new Map([['EXECUTIONDURATION', value]])));
  }

  /** Sets the destruction instant (ISO 8601) of a job. */
  async setDestruction(list: string, id: string, owner: string, value: string): Promise<JobRecord> {
    this.get(list, id, owner);
    const updated = await this.#update(id, (draft) => this.#applyControl(draft, new Map([['DESTRUCTION', value]])));
    this.#scheduleDestruction();
    return updated;
  }

  /** Deletes a job, aborting it first if it runs, and its results. */
  async delete(list: string, id: string, owner: string): Promise<void> {
    this.get(list, id, owner);
    await this.#destroy(id);
  }

  /**
   * Blocks while the job is in `phase` (or, without `phase`, in PENDING,
   * QUEUED or EXECUTING) for at most `seconds`, and returns the job as it
   * then is. Returns at once when the job is not in such a phase.
   */
  async wait(
    list: string,
    id: string,
    owner: string,
    seconds: number,
    phase: ExecutionPhase | undefined,
    signal: AbortSignal,
  ): Promise<JobRecord> {
    const job = this.get(list, id, owner);
    const blocking = phase === undefined ? ['PENDING', ...ACTIVE_PHASES].includes(job.phase) : job.phase === phase;
    if (!blocking || seconds <= 0 || signal.aborted) return job;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#changes.off(id, onChange);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const onChange = (changed: JobRecord | undefined): void => {
        if (changed === undefined || changed.phase !== job.phase) done();
      };
      const timer = setTimeout(done, seconds * 1000);
      this.#changes.on(id, onChange);
      signal.addEventListener('abort', done, { once: true });
    });
    const now = RecordStore.isValidId(id) ? this.#records.get(id) : undefined;
    if (now === undefined) throw new NotFoundError(`job ${id} was deleted`);
    return now;
  }

  /** Path of a stored result's bytes; throws 404 when the job has no such result. */
  resultFile(job: JobRecord, resultId: string): string {
    if (!job.results.some((r) => r.id === resultId)) throw new NotFoundError(`job ${job.id} has no result ${resultId}`);
    return join(this.#options.dir, 'results', job.id, resultId);
  }

  /** Stops the timers and the running jobs (they end in ERROR, saying the platform stopped). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#destructionTimer);
    this.#queue.length = 0;
    const running = [...this.#running.values()];
    for (const r of running)
      r.controller.abort(new StopReason('ERROR', 'the platform shut down while the job was running'));
    await Promise.all(running.map((r) => r.done));
  }

  #type(list: string): JobType {
    const type = this.#types.get(list);
    if (type === undefined) throw new NotFoundError(`no job list ${list}`);
    return type;
  }

  #applyControl(job: JobRecord, control: ReadonlyMap<string, string>): void {
    const runId = control.get('RUNID');
    if (runId !== undefined) {
      if (runId.length > 256) throw new BadRequestError('RUNID is longer than 256 characters');
      job.runId = runId;
    }
    const duration = control.get('EXECUTIONDURATION');
    if (duration !== undefined) {
      if (!/^\d+$/.test(duration.trim()))
        throw new BadRequestError('EXECUTIONDURATION must be a whole number of seconds');
      if (!EDITABLE_PHASES.includes(job.phase))
        throw new ConflictError(`job ${job.id} is ${job.phase}; its execution duration is fixed`);
      const requested = Number(duration.trim());
      const max = this.#options.maxExecutionDuration;
      // 0 asks for "unlimited": the platform grants its maximum instead.
      job.executionDuration = requested === 0 ? max : Math.min(requested, max);
    }
    const destruction = control.get('DESTRUCTION');
    if (destruction !== undefined) {
      const at = new Date(destruction.trim());
      if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(destruction.trim())) {
        throw new BadRequestError('DESTRUCTION must be an ISO 8601 instant');
      }
      job.destruction = at.toISOString();
    }
  }

  async #update(id: string, change: (draft: JobRecord) => void): Promise<JobRecord> {
    const updated = await this.#records.update(id, change);
    if (updated === undefined) throw new NotFoundError(`job ${id} was deleted`);
    this.#changes.emit(id, updated);
    return updated;
  }

  #dequeue(id: string): void {
    const at = this.#queue.indexOf(id);
    if (at >= 0) this.#queue.splice(at, 1);
  }

  async #run(id: string, immediate: boolean): Promise<JobRecord> {
    const queued = await this.#update(id, (draft) => {
      draft.phase = 'QUEUED';
    });
    if (immediate) {
      this.#launch(id);
    } else {
      this.#queue.push(id);
      this.#pump();
    }
    return queued;
  }

  #pump(): void {
    while (!this.#closed && this.#running.size < this.#options.maxConcurrent && this.#queue.length > 0) {
      this.#launch(this.#queue.shift() as string);
    }
  }

  #launch(id: string): void {
    const controller = new AbortController();
    const entry = { controller, done: Promise.resolve() };
    this.#running.set(id, entry);
    entry.done = this.#execute(id, controller).finally(() => {
      this.#running.delete(id);
      this.#pump();
    });
  }

  async #execute(id: string, controller: AbortController): Promise<void> {
    const record = this.#records.get(id);
    const type = record && this.#types.get(record.list);
    if (!record || !type || record.phase !== 'QUEUED') return;
    const job = await this.#update(id, (draft) => {
      draft.phase = 'EXECUTING';
      draft.startTime = new Date().toISOString();
    });
    const credential = this.#credentials.get(id);
    this.#credentials.delete(id);
    const timer =
      job.executionDuration > 0
        ? setTimeout(
            () =>
              controller.abort(
                new StopReason('ERROR', `the job exceeded its execution duration of ${job.executionDuration} s`),
              ),
            Math.min(job.executionDuration * 1000, MAX_TIMER_MS),
          )
        : undefined;
    let outcome: Pick<JobRecord, 'phase' | 'error'>;
    try {
      await type.run({
        jobId: id,
        owner: job.owner,
        parameters: toMap(job.parameters),
        signal: controller.signal,
        ...(job.jobInfo === undefined ? {} : { jobInfo: job.jobInfo }),
        ...(credential === undefined ? {} : { credential }),
        addResult: (resultId, mimeType, content) => this.#addResult(id, resultId, mimeType, content),
      });
      outcome = controller.signal.aborted ? stopped(controller.signal.reason) : { phase: 'COMPLETED' };
    } catch (err) {
      if (controller.signal.aborted) {
        outcome = stopped(controller.signal.reason);
      } else if (err instanceof JobFailure || err instanceof JobParameterError) {
        outcome = { phase: 'ERROR', error: { type: 'fatal', message: err.message } };
      } else {
        this.#options.logger.error('job failed unexpectedly', {
          jobId: id,
          list: job.list,
          error: (err as Error).message,
        });
        outcome = { phase: 'ERROR', error: { type: 'transient', message: 'internal error while running the job' } };
      }
    } finally {
      clearTimeout(timer);
    }
    try {
      await this.#update(id, (draft) => {
        draft.phase = outcome.phase;
        draft.endTime = new Date().toISOString();
        if (outcome.error) draft.error = outcome.error;
      });
    } catch (err) {
      // Deleted while it ran: results it wrote afterwards must not linger.
      if (!(err instanceof NotFoundError)) throw err;
      await rm(join(this.#options.dir, 'results', id), { recursive: true, force: true });
    }
  }

  async #addResult(id: string, resultId: string, mimeType: string, content: string | Uint8Array): Promise<void> {
    if (!RESULT_ID.test(resultId)) throw new Error(`invalid result id ${resultId}`);
    await writeFileAtomic(join(this.#options.dir, 'results', id, resultId), content, { mode: 0o600 });
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    await this.#update(id, (draft) => {
      draft.results = [...draft.results.filter((r) => r.id !== resultId), { id: resultId, mimeType, size }];
    });
  }

  async #destroy(id: string): Promise<void> {
    const running = this.#running.get(id);
    this.#dequeue(id);
    this.#credentials.delete(id);
    await this.#records.delete(id);
    if (running) {
      running.controller.abort(new StopReason('ABORTED', 'the job was deleted'));
      await running.done;
    }
    await rm(join(this.#options.dir, 'results', id), { recursive: true, force: true });
    this.#changes.emit(id, undefined);
    this.#scheduleDestruction();
  }

  async #recover(): Promise<void> {
    const now = new Date().toISOString();
    for (const job of this.#records.values()) {
      if (job.phase === 'EXECUTING') {
        await this.#update(job.id, (draft) => {
          draft.phase = 'ERROR';
          draft.endTime = now;
          draft.error = {
            type: 'transient',
            message: 'the platform restarted while the job was running; run a new job',
          };
        });
        this.#options.logger.warn('job interrupted by a restart', { jobId: job.id, list: job.list });
      } else if (job.phase === 'QUEUED') {
        this.#queue.push(job.id);
      }
    }
    await this.#sweep();
    this.#pump();
  }

  async #sweep(): Promise<void> {
    const now = Date.now();
    for (const job of this.#records.values()) {
      if (new Date(job.destruction).getTime() <= now) await this.#destroy(job.id);
    }
    this.#scheduleDestruction();
  }

  #scheduleDestruction(): void {
    clearTimeout(this.#destructionTimer);
    if (this.#closed) return;
    const next = Math.min(...this.#records.values().map((j) => new Date(j.destruction).getTime()));
    if (!Number.isFinite(next)) return;
    this.#destructionTimer = setTimeout(
      () => {
        this.#sweep().catch((err: unknown) =>
          this.#options.logger.error('job destruction failed', { error: (err as Error).message }),
        );
      },
      Math.min(Math.max(next - Date.now(), 0), MAX_TIMER_MS),
    );
    // Destruction must not keep a stopping platform alive.
    this.#destructionTimer.unref();
  }
}

function stopped(reason: unknown): Pick<JobRecord, 'phase' | 'error'> {
  if (reason instanceof StopReason) {
    return reason.outcome === 'ABORTED'
      ? { phase: 'ABORTED' }
      : { phase: 'ERROR', error: { type: 'transient', message: reason.message } };
  }
  return { phase: 'ABORTED' };
}

// XML 1.0 `Char`: job documents must be able to show every parameter.
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function splitForm(form: readonly [string, string][]): {
  control: Map<string, string>;
  parameters: Map<string, string[]>;
} {
  const control = new Map<string, string>();
  const parameters = new Map<string, string[]>();
  for (const [rawName, value] of form) {
    if (NOT_XML_CHAR.test(rawName) || NOT_XML_CHAR.test(value)) {
      throw new BadRequestError('parameter names and values may not contain control characters', {
        fault: 'InvalidArgument',
      });
    }
    const name = rawName.trim().toUpperCase();
    // A stray `&=` or an empty multipart name carries nothing a job could use.
    if (name === '') continue;
    // Values are trimmed as pyvo reads them back (`<uws:parameter>` text, stripped): a query
    // sent as "\nSELECT ...\n" is the job's "SELECT ...", whichever client looks.
    const trimmed = value.trim();
    if (CONTROL.has(name)) {
      if (control.has(name)) throw new BadRequestError(`${name} may be given only once`);
      control.set(name, name === 'PHASE' ? trimmed.toUpperCase() : trimmed);
    } else {
      parameters.set(name, [...(parameters.get(name) ?? []), trimmed]);
    }
  }
  return { control, parameters };
}

function toStored(parameters: ReadonlyMap<string, readonly string[]>): StoredParameter[] {
  return [...parameters].flatMap(([id, values]) => values.map((value) => ({ id, value })));
}

function toMap(parameters: readonly StoredParameter[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of parameters) map.set(p.id, [...(map.get(p.id) ?? []), p.value]);
  return map;
}

function validate(type: JobType, parameters: readonly StoredParameter[]): void {
  try {
    type.validate(toMap(parameters) as JobParameters);
  } catch (err) {
    if (err instanceof JobParameterError) throw new BadRequestError(err.message, { fault: 'InvalidArgument' });
    throw err;
  }
}
