import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from './atomic.js';
import type { Parse } from './document-store.js';
import { SerialQueue } from './serial.js';

/** Ids are file names: letters, digits, `-` and `_` only, so no id can escape the directory. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Options for {@link RecordStore}. */
export interface RecordStoreOptions<T> {
  /** Directory holding one `<id>.json` file per record. */
  dir: string;
  /** Validates a record read from disk. */
  parse: Parse<T>;
  /** File mode of record files (default `0o600`). */
  mode?: number;
  /** Called for a record file that cannot be parsed; it is then skipped, not deleted. */
  onCorrupt?: (id: string, error: Error) => void;
}

/**
 * A collection of JSON records, one file each, cached in memory. Writes are
 * atomic and serialised, so a record is never half-written and two writes
 * to the store never interleave.
 */
export class RecordStore<T> {
  readonly #options: RecordStoreOptions<T>;
  readonly #records = new Map<string, T>();
  readonly #queue = new SerialQueue();

  private constructor(options: RecordStoreOptions<T>) {
    this.#options = options;
  }

  /** Loads every record in `dir` (created if missing). */
  static async open<T>(options: RecordStoreOptions<T>): Promise<RecordStore<T>> {
    const store = new RecordStore(options);
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(options.dir)) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const id = name.slice(0, -'.json'.length);
      if (!SAFE_ID.test(id)) continue;
      try {
        store.#records.set(id, options.parse(await readJsonFile(join(options.dir, name))));
      } catch (err) {
        options.onCorrupt?.(id, err as Error);
      }
    }
    return store;
  }

  /** Whether `id` is acceptable as a record id. */
  static isValidId(id: string): boolean {
    return SAFE_ID.test(id);
  }

  /** The record with this id, if any. */
  get(id: string): T | undefined {
    return this.#records.get(id);
  }

  /** Every record, in no particular order. */
  values(): T[] {
    return [...this.#records.values()];
  }

  /** Stores (creates or replaces) a record; resolves once it is on disk. */
  put(id: string, record: T): Promise<void> {
    assertId(id);
    return this.#queue.run(async () => {
      await writeJsonAtomic(join(this.#options.dir, `${id}.json`), record, { mode: this.#options.mode ?? 0o600 });
      this.#records.set(id, record);
    });
  }

  /**
   * Reads, changes and stores one record in a single serialised step.
   * Returns the new record, or `undefined` when there is no such record.
   */
  update(id: string, change: (draft: T) => void): Promise<T | undefined> {
    assertId(id);
    return this.#queue.run(async () => {
      const current = this.#records.get(id);
      if (current === undefined) return undefined;
      const draft = structuredClone(current);
      change(draft);
      await writeJsonAtomic(join(this.#options.dir, `${id}.json`), draft, { mode: this.#options.mode ?? 0o600 });
      this.#records.set(id, draft);
      return draft;
    });
  }

  /** Deletes a record; resolves to whether it existed. */
  delete(id: string): Promise<boolean> {
    assertId(id);
    return this.#queue.run(async () => {
      const existed = this.#records.delete(id);
      await rm(join(this.#options.dir, `${id}.json`), { force: true });
      return existed;
    });
  }
}

function assertId(id: string): void {
  if (!SAFE_ID.test(id)) throw new Error(`invalid record id ${JSON.stringify(id)}`);
}
