/**
 * Runs async tasks one after another. Stores use it so that two concurrent
 * updates of the same document never interleave their read-modify-write.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; resolves or rejects with its result once it has run. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    // A failed task must not block the ones queued after it.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
