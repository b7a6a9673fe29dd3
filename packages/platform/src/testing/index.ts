/**
 * `@vobridge/platform/testing`: a headless user agent for tests and
 * benchmarks that signs in on the platform's pages and approves a device
 * code, as a person at a browser would, and a launcher of many real (headless)
 * sessions. For the reference platform's own pages and API only.
 *
 * @packageDocumentation
 */
export { HeadlessUserAgent, type Page } from './user-agent.js';
export { approveDeviceCode, type Credentials } from './device-approval.js';
export { authorize } from './authorization.js';
export { deleteSessions, launchHeadlessJobs } from './headless-jobs.js';
