// Many real sessions on the platform: short headless jobs (`cmd: 'true'`,
// each a real stand-in process) launched through the sessions API, no more
// at once than the platform lets one user have live, each followed until it
// Succeeded. Finished sessions stay listed until they expire, so 1 000 real
// sessions take well under a minute to make.
import type { SessionsClient } from '@vobridge/sdk';
import { IMAGES } from '../sessions/images.js';
import { LIMITS } from '../sessions/service.js';

const FINISHED = new Set(['Succeeded', 'Failed', 'Error', 'Completed']);
const POLL_MS = 25;

/**
 * Launches `count` headless jobs named `job0`, `job1`, … as the user behind
 * `sessions`, at most the platform's live-session cap at a time, and resolves
 * once every one has Succeeded.
 */
export async function launchHeadlessJobs(sessions: SessionsClient, count: number): Promise<void> {
  const image = IMAGES.find((entry) => entry.types.includes('headless'));
  if (image === undefined) throw new Error('the platform has no image for headless sessions');
  await inPool(count, async (n) => {
    const id = await sessions.launch({ name: `job${n}`, image: image.id, type: 'headless', cmd: 'true' });
    for (;;) {
      const { status } = await sessions.get(id);
      if (status === 'Succeeded') return;
      if (FINISHED.has(status)) throw new Error(`headless job ${id} ended ${status}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });
}

/** Deletes the sessions `ids`, as many at a time as {@link launchHeadlessJobs} launches. */
export async function deleteSessions(sessions: SessionsClient, ids: readonly string[]): Promise<void> {
  await inPool(ids.length, async (n) => {
    await sessions.delete(ids[n] as string);
  });
}

/** Runs `task(0)` … `task(count - 1)`, `LIMITS.maxSessions` at a time; the first failure stops new tasks. */
async function inPool(count: number, task: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const n = next++;
      try {
        await task(n);
      } catch (error) {
        next = count;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LIMITS.maxSessions, count) }, worker));
}
