// The MD5 of a file while a transfer writes or reads it, computed on a worker
// thread. MD5 runs at about 750 MiB/s on one core: on the thread that moves
// the bytes it takes more CPU than the transfer itself. The worker reads the
// file just behind the transfer, from the page cache, so a download is
// checked as it lies on disk. Progress is shared through a SharedArrayBuffer:
// no message per chunk.
import { Worker } from 'node:worker_threads';
import { VobridgeError } from '../../../errors.js';

// Run with `eval`: no file to locate next to a bundled or transpiled copy of this
// module. As a script or a module alike (a parent started with
// --input-type=module passes it on): built-ins come from getBuiltinModule.
const WORKER = `
const { workerData, parentPort } = process.getBuiltinModule('node:worker_threads');
const { openSync, readSync } = process.getBuiltinModule('node:fs');
const hash = process.getBuiltinModule('node:crypto').createHash('md5');
const { file, state } = workerData;
const bytes = new BigInt64Array(state, 0, 2);
const sequence = new Int32Array(state, 16, 1);
const buffer = Buffer.allocUnsafe(1024 * 1024);
try {
  const fd = openSync(file, 'r');
  let position = 0;
  for (;;) {
    const seen = Atomics.load(sequence, 0);
    const end = Atomics.load(bytes, 1);
    const available = Number(end >= 0n ? end : Atomics.load(bytes, 0));
    if (position < available) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, available - position), position);
      if (n === 0) throw new Error('the file is ' + position + ' bytes long, ' + available + ' were expected');
      hash.update(buffer.subarray(0, n));
      position += n;
    } else if (end >= 0n) {
      break;
    } else {
      Atomics.wait(sequence, 0, seen);
    }
  }
  parentPort.postMessage({ digest: hash.digest('hex') });
} catch (error) {
  parentPort.postMessage({ error: String(error && error.message || error) });
}
`;

/** MD5 of a file as it grows (a download) or is read (an upload), on a worker thread. */
export class FileHasher {
  readonly #bytes: BigInt64Array;
  readonly #sequence: Int32Array;
  readonly #worker: Worker;
  readonly #result: Promise<string>;

  /** Starts hashing `file` from its first byte; it reads only as far as {@link advance} allows. */
  constructor(file: string) {
    const state = new SharedArrayBuffer(24);
    this.#bytes = new BigInt64Array(state, 0, 2);
    this.#bytes[1] = -1n;
    this.#sequence = new Int32Array(state, 16, 1);
    this.#worker = new Worker(WORKER, { eval: true, workerData: { file, state } });
    this.#result = new Promise<string>((resolve, reject) => {
      this.#worker.once('message', (m: { digest?: string; error?: string }) =>
        m.digest
          ? resolve(m.digest)
          : reject(new VobridgeError(`Could not read ${file} to check its MD5: ${m.error}.`)),
      );
      this.#worker.once('error', (error) =>
        reject(new VobridgeError(`Could not check the MD5 of ${file}: ${error.message}`, { cause: error })),
      );
    });
    // The result is awaited only at the end; a failure before that must not be reported as unhandled.
    this.#result.catch(() => undefined);
  }

  /** Lets the worker read the file up to `bytes` (they are on disk, or readable, now). */
  advance(bytes: number): void {
    Atomics.store(this.#bytes, 0, BigInt(bytes));
    this.#wake();
  }

  /**
   * The MD5 (hex) of the file's first `length` bytes, once the worker has
   * read them. The worker ends by itself after answering.
   */
  digest(length: number): Promise<string> {
    Atomics.store(this.#bytes, 1, BigInt(length));
    this.#wake();
    return this.#result;
  }

  /** Stops the worker if it still runs (a transfer that failed abandons the result). */
  async close(): Promise<void> {
    await this.#worker.terminate();
  }

  #wake(): void {
    Atomics.add(this.#sequence, 0, 1);
    Atomics.notify(this.#sequence, 0);
  }
}
