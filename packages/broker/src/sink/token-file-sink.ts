import { lstat, rm } from 'node:fs/promises';
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

  readonly #onError: (error: Error) => void;

  /**
   * `current` returns the token the file should hold now, or `undefined` for
   * none; `onError` hears of a write that failed (the file is then stale).
   */
  constructor(path: string, current: () => string | undefined, onError: (error: Error) => void = () => undefined) {
    this.path = path;
    this.#current = current;
    this.#onError = onError;
  }

  /**
   * Refuses a path someone else prepared: in a shared directory such as /tmp
   * another user can create `bt_u<uid>` first (or a symlink), and our atomic
   * rename over it would then fail while tools keep reading their token.
   *
   * @throws TokenFileRefusedError when the path exists and is not a plain file of ours.
   */
  async check(): Promise<void> {
    let info;
    try {
      info = await lstat(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const uid = process.getuid?.();
    if (!info.isFile()) throw new TokenFileRefusedError(this.path, 'it is not a plain file (a symlink or a directory)');
    if (uid !== undefined && info.uid !== uid)
      throw new TokenFileRefusedError(this.path, `it belongs to another user (uid ${info.uid})`);
  }

  /** Bring the file up to date; writes are serialised so the file never goes back to an older token. */
  update(): Promise<void> {
    this.#queue = this.#queue
      .then(() => this.#sync())
      .catch((error: unknown) => this.#onError(error instanceof Error ? error : new Error(String(error))));
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
    await this.check();
    if (token === undefined) {
      await rm(this.path, { force: true });
    } else {
      await writePrivateFileAtomic(this.path, `${token}\n`);
    }
    this.#written = token;
  }
}

/** The token file's path is taken by something that is not ours: nothing is written there. */
export class TokenFileRefusedError extends Error {
  constructor(path: string, why: string) {
    super(
      `Refusing to use ${path} as the WLCG token file: ${why}. Remove it, or choose another path (--token-file PATH).`,
    );
    this.name = 'TokenFileRefusedError';
  }
}
