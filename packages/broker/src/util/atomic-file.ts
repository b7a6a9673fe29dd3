import { writeFileAtomic } from '@vobridge/sdk/node';

/**
 * Write a secret atomically: mode 0600, in a directory created 0700, so no
 * other user can read it, not even for an instant, and a reader never sees a
 * half-written file.
 */
export function writePrivateFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomic(path, data, { mode: 0o600, dirMode: 0o700 });
}
