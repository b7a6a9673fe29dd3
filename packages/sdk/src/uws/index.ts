export * from './types.js';
export { parseJob, parseJobList, serializeJob, serializeJobList } from './codec.js';
