import { readFile, rm } from 'node:fs/promises';
import { AlreadyRunningError } from '../errors.js';
import { writePrivateFileAtomic } from '../util/atomic-file.js';

/** Content of the runtime file: how a local client finds and authenticates to the broker. */
export interface RuntimeInfo {
  /** Base URL (`http://127.0.0.1:<port>`), or `http+unix://<encoded path>` for a unix socket. */
  url: string;
  /** Shared secret to send as `Authorization: Bearer <secret>`. */
  secret: string;
  /** Process id of the broker. */
  pid: number;
  /** Unix socket path, when the broker listens on one. */
  socket?: string;
  /** ISO 8601 time the broker started. */
  started_at: string;
}

/**
 * Claim the runtime file: fail with {@link AlreadyRunningError} when a live
 * broker owns it, replace it when it was left behind by a dead one.
 * `isAlive` decides whether the recorded broker still runs.
 */
export async function claimRuntimeFile(
  path: string,
  info: RuntimeInfo,
  isAlive: (existing: RuntimeInfo) => Promise<boolean>,
): Promise<void> {
  const existing = await readRuntimeFile(path);
  if (existing && existing.pid !== info.pid && (await isAlive(existing))) {
    throw new AlreadyRunningError(path, existing.pid);
  }
  await writePrivateFileAtomic(path, `${JSON.stringify(info, null, 2)}\n`);
}

/** Remove the runtime file if it still describes this broker (a successor may own it by now). */
export async function releaseRuntimeFile(path: string, info: RuntimeInfo): Promise<void> {
  const existing = await readRuntimeFile(path);
  if (existing && existing.pid === info.pid && existing.secret === info.secret) {
    await rm(path, { force: true });
  }
}

/** Read a runtime file; `undefined` when it is missing or unreadable (a stale half-file counts as none). */
export async function readRuntimeFile(path: string): Promise<RuntimeInfo | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as RuntimeInfo).url === 'string' &&
      typeof (value as RuntimeInfo).secret === 'string' &&
      typeof (value as RuntimeInfo).pid === 'number'
    ) {
      return value as RuntimeInfo;
    }
  } catch {
    // Not JSON: treated as absent, and replaced.
  }
  return undefined;
}

/** True when a process with this pid exists (EPERM means it exists but is not ours). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
