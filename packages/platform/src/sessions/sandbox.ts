import { constants } from 'node:fs';
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
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

/** What `<dataDir>` holds that a session process may reach: only its own working directory below this. */
export const SESSIONS_RUN_DIR = join('sessions', 'run');

/**
 * Makes the data root private to the platform. With isolated sessions the
 * root and `sessions/run` stay traversable (mode 0711: no listing) so that
 * each session reaches its own 0700 directory, and every other entry of the
 * root (keys, users, VOSpace, UWS, OIDC state, TLS) is closed to anyone but
 * the platform. Runs after every service has created its files, and again
 * whenever a service may have created a new top-level entry.
 */
export async function protectDataRoot(dataDir: string, isolating: boolean): Promise<void> {
  await chmod(dataDir, isolating ? 0o711 : 0o700);
  if (!isolating) return;
  for (const entry of await readdir(dataDir, { withFileTypes: true })) {
    if (entry.name === 'sessions') continue;
    await chmod(join(dataDir, entry.name), entry.isDirectory() ? 0o700 : 0o600);
  }
  const sessions = join(dataDir, 'sessions');
  await mkdir(join(dataDir, SESSIONS_RUN_DIR), { recursive: true });
  await chmod(sessions, 0o711);
  for (const entry of await readdir(sessions, { withFileTypes: true })) {
    await chmod(join(sessions, entry.name), entry.name === 'run' ? 0o711 : entry.isDirectory() ? 0o700 : 0o600);
  }
}

/**
 * Returns the first of `paths` an unprivileged user cannot read (a parent
 * directory without `x` for others, or the file without `r`), so a root
 * platform refuses to start rather than failing every session launch.
 */
export async function unreadableByOthers(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    const info = await stat(path);
    if ((info.mode & constants.S_IROTH) === 0) return path;
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if (((await stat(dir)).mode & constants.S_IXOTH) === 0) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  return undefined;
}
