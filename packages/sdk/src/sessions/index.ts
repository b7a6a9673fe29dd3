export {
  SessionsClient,
  waitUntilRunning,
  type Session,
  type SessionType,
  type SessionStatus,
  type SessionImage,
  type SessionContext,
  type SessionStats,
  type ListSessionsOptions,
  type LaunchOptions,
  type WaitUntilRunningOptions,
} from './client.js';
