export {
  SessionsClient,
  waitUntilRunning,
  waitUntilEnded,
  sessionEnded,
  type Session,
  type SessionType,
  type SessionStatus,
  type SessionImage,
  type SessionLoginLink,
  type SessionContext,
  type SessionStats,
  type ListSessionsOptions,
  type LaunchOptions,
  type WaitUntilRunningOptions,
} from './client.js';
export {
  discoverSessions,
  type PlatformSource,
  type PlatformSession,
  type PlatformFailure,
  type DiscoveredSessions,
} from './discover.js';
