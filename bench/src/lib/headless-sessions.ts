// Many real sessions on the reference platform: short headless jobs
// (`cmd=true`, each a real stand-in process) launched through the sessions
// API, at most `concurrency` live at once (the platform caps live sessions
// per user), each followed until it is recorded as finished. Finished
// sessions stay in the listing until they expire.
import type { SessionsClient } from '@vobridge/sdk';

const IMAGE = 'images.canfar.net/skaha/terminal:1.1.1';
const FINISHED = new Set(['Succeeded', 'Failed', 'Error', 'Completed']);
const POLL_MS = 25;

/** Launches `count` headless `true` jobs and resolves once every one has Succeeded. */
export async function launchFinishedJobs(sessions: SessionsClient, count: number, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const n = next++;
      const id = await sessions.launch({ name: `job${n}`, image: IMAGE, type: 'headless', cmd: 'true' });
      for (;;) {
        const { status } = await sessions.get(id);
        if (status === 'Succeeded') break;
        if (FINISHED.has(status ?? '')) throw new Error(`headless job ${id} ended ${status}`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
