import { readJsonFile, writeJsonAtomic } from './atomic.js';
import { SerialQueue } from './serial.js';

/** Turns the parsed JSON of a stored file into a typed value, or throws. */
export type Parse<T> = (value: unknown) => T;

/** Options for {@link DocumentStore}. */
export interface DocumentStoreOptions<T> {
  /** Absolute path of the JSON file. */
  path: string;
  /** Validates what was read from disk. */
  parse: Parse<T>;
  /** Value used when the file does not exist yet. */
  initial: () => T;
  /** File mode (default `0o600`: state files hold user data). */
  mode?: number;
}

/**
 * One JSON document on disk, cached in memory. Every change goes through
 * {@link DocumentStore.update}, which is serialised and persisted atomically
 * before it resolves, so a crash leaves either the old or the new document.
 */
export class DocumentStore<T> {
  readonly #options: DocumentStoreOptions<T>;
  readonly #queue = new SerialQueue();
  #value: T | undefined;

  private constructor(options: DocumentStoreOptions<T>) {
    this.#options = options;
  }

  /** Opens (and parses) the document, creating nothing until the first update. */
  static async open<T>(options: DocumentStoreOptions<T>): Promise<DocumentStore<T>> {
    const store = new DocumentStore(options);
    const raw = await readJsonFile(options.path);
    store.#value = raw === undefined ? options.initial() : options.parse(raw);
    return store;
  }

  /** The current document. Treat it as read-only: change it with {@link update}. */
  get value(): T {
    return this.#value as T;
  }

  /**
   * Applies `change` to a copy of the document and persists the result.
   * If `change` throws, nothing is written and the error propagates.
   */
  update<R>(change: (draft: T) => R): Promise<R> {
    return this.#queue.run(async () => {
      const draft = structuredClone(this.#value as T);
      const result = change(draft);
      await writeJsonAtomic(this.#options.path, draft, { mode: this.#options.mode ?? 0o600 });
      this.#value = draft;
      return result;
    });
  }
}
