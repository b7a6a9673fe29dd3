export * from './types.js';
export { parseJob, parseJobList, serializeJob, serializeJobList } from './codec.js';
export {
  UwsClient,
  type ListJobsOptions,
  type JobParameters,
  type CreateJobOptions,
  type WaitForJobOptions,
  type JobRef,
} from './client.js';
export type { ServiceClientOptions, CallOptions } from '../lib/transport.js';
