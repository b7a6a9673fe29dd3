import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writePrivateFileAtomic } from '../util/atomic-file.js';

/**
 * The default WLCG bearer token file: `$XDG_RUNTIME_DIR/bt_u<uid>`, else
 * `/tmp/bt_u<uid>` (WLCG Bearer Token Discovery).
 */
export function defaultTokenFile(env: NodeJS.ProcessEnv = process.env, uid: number = process.getuid?.() ?? 0): string {
  return join(env.XDG_RUNTIME_DIR || '/tmp', `bt_u${uid}`);
}

/**
 * Keeps a WLCG bearer token file in step with one login's token, for tools
 * that follow WLCG token discovery: written 0600 and replaced atomically on
 * every refresh, removed on logout and when the broker stops, so no token
 * outlives the broker on disk.
 */
export class TokenFileSink {
  readonly path: string;
  readonly #current: () => string | undefined;
  #written?: string;
  #queue: Promise<void> = Promise.resolve();

  /** `current` returns the token the file should hold now, or `undefined` for none. */
  constructor(path: string, current: () => string | undefined) {
    this.path = path;
    this.#current = current;
  }

  /** Bring the file up to date; writes are serialised so the file never goes back to an older token. */
  update(): Promise<void> {
    this.#queue = this.#queue.then(() => this.#sync()).catch(() => undefined);
    return this.#queue;
  }

  /** Remove the file (broker stopping). */
  async remove(): Promise<void> {
    await this.#queue;
    this.#written = undefined;
    await rm(this.path, { force: true });
  }

  async #sync(): Promise<void> {
    const token = this.#current();
    if (token === this.#written) return;
    if (token === undefined) {
      await rm(this.path, { force: true });
    } else {
      await writePrivateFileAtomic(this.path, `${token}\n`);
    }
    this.#written = token;
  }
}
