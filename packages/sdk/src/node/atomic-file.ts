import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options for {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  /** Mode of the written file (default `0o644`; `0o600` for secrets). */
  mode?: number;
  /** Mode of directories created on the way (default: the process umask's; `0o700` for private state). */
  dirMode?: number;
  /** Owner of the written file (needs the privilege to give files away, i.e. root). */
  owner?: { uid: number; gid: number };
}

/**
 * Writes `data` to `path` so that readers see either the old or the new
 * content, never a torn file: a temporary sibling created with the final mode
 * (a secret is never readable by others, even for a moment), fsync, rename
 * over the target, then fsync the directory so the rename survives a crash.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? 0o644;
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, ...(options.dirMode === undefined ? {} : { mode: options.dirMode }) });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    // The umask may have narrowed the creation mode; enforce the one asked for.
    await handle.chmod(mode);
    if (options.owner !== undefined) await handle.chown(options.owner.uid, options.owner.gid);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}
