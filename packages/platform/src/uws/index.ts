export { uwsRouter, UWS_JOB_LIST } from './router.js';
export { JobManager, type JobManagerOptions, type CreateOptions, type ListFilter } from './manager.js';
export {
  JobFailure,
  JobParameterError,
  type Delegation,
  type JobContext,
  type JobParameters,
  type JobType,
} from './job-type.js';
export type { JobRecord, StoredError, StoredParameter, StoredResult } from './job.js';
export { jobRoutes, MAX_WAIT_SECONDS, type JobRoutesOptions } from './http.js';
export { sleepJob } from './types/sleep.js';
export { coneJob, type ConeJobOptions } from './types/cone.js';
