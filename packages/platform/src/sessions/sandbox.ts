import { constants } from 'node:fs';
import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The OS identity a session process runs as. */
export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * Whether session processes are isolated from the platform: they run as their
 * owner's own unprivileged uid (skaha's `runAsUID`), which only a root
 * platform can switch to. A platform started by an ordinary user runs its
 * sessions as that same user, who can read the platform's data anyway; it
 * says so at start-up.
 */
export function isolatesSessions(): boolean {
  return process.getuid?.() === 0;
}

/**
 * Where sessions get their working directories. Run by an ordinary user:
 * `<dataDir>/sessions/run`. With isolated sessions the data directory stays
 * 0700, closed to them, and each platform gets `<tmp>/vobridge-sessions/<hash
 * of the data directory>` (0711: no listing), whose path every uid can
 * traverse whatever the data directory's parents allow; each session's own
 * directory in it is 0700 and its owner's. The shared parent is created here
 * and refused if it is not a plain directory of the platform's user (a
 * planted one in /tmp).
 */
export async function sessionsRunDir(dataDir: string, isolating: boolean): Promise<string> {
  if (!isolating) return join(dataDir, 'sessions', 'run');
  const shared = join(tmpdir(), 'vobridge-sessions');
  const own = join(shared, createHash('sha256').update(dataDir).digest('hex').slice(0, 16));
  for (const dir of [shared, own]) {
    await mkdir(dir, { mode: 0o711 }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    const info = await lstat(dir);
    if (!info.isDirectory() || info.uid !== process.getuid?.())
      throw new Error(`${dir} is not a directory of the platform's own user: refusing to run sessions there`);
    await chmod(dir, 0o711);
  }
  const blocked = await untraversable(own);
  if (blocked !== undefined)
    throw new Error(
      `sessions run as unprivileged users, who cannot reach ${own} (${blocked} is closed): set TMPDIR to a directory they can traverse`,
    );
  return own;
}

/**
 * Returns the first of `paths` an unprivileged user cannot read (a parent
 * directory without `x` for others, or the file without `r`), so a root
 * platform refuses to start rather than failing every session launch.
 */
export async function unreadableByOthers(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    if (((await stat(path)).mode & constants.S_IROTH) === 0) return path;
    const blocked = await untraversable(dirname(path));
    if (blocked !== undefined) return blocked;
  }
  return undefined;
}

/** The first of `dir` and its parents other users cannot traverse (no `x` for others), if any. */
async function untraversable(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    if (((await stat(current)).mode & constants.S_IXOTH) === 0) return current;
    if (dirname(current) === current) return undefined;
  }
}
