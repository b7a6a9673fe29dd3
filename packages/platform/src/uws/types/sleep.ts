// The test job: sleeps DURATION seconds, then reports it. Long enough to
// watch phases change, abort it or let its execution duration run out.

import { numberParameter, sleep, type JobType } from '../job-type.js';

/** Longest accepted DURATION, in seconds. */
const MAX_DURATION = 3600;

/** `sleep` job list: parameter `DURATION` (seconds, default 1, fractions allowed); result `result` (text). */
export const sleepJob: JobType = {
  name: 'sleep',
  validate(parameters) {
    numberParameter(parameters, 'DURATION', 0, MAX_DURATION);
  },
  async run(job) {
    const seconds = numberParameter(job.parameters, 'DURATION', 0, MAX_DURATION) ?? 1;
    await sleep(seconds * 1000, job.signal);
    await job.addResult('result', 'text/plain', `slept ${seconds} seconds\n`);
  },
};
