export {
  discoverSessions,
  type PlatformSource,
  type PlatformSession,
  type PlatformFailure,
  type DiscoveredSessions,
} from './discover.js';
