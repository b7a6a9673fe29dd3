import { rm } from 'node:fs/promises';
import { AlreadyRunningError } from '../errors.js';
import { writePrivateFileAtomic } from '../util/atomic-file.js';
import { readRuntimeFile, type RuntimeInfo } from './runtime-info.js';

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

/** True when a process with this pid exists (EPERM means it exists but is not ours). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
