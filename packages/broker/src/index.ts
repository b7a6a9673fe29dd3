/**
 * @vobridge/broker — the local token broker. Kernels and tools on this
 * machine ask it for a fresh token for a service URL; it keeps the logins,
 * refreshes tokens ahead of expiry, and releases a token only to the origins
 * it was issued for.
 */
export { startBroker, type Broker, type BrokerOptions } from './broker.js';
export {
  AlreadyRunningError,
  BadRequestError,
  BrokerError,
  InvalidCredentialsError,
  LoginPendingError,
  LoginRequiredError,
  MethodUnsupportedError,
  NotFoundError,
  NotLoggedInError,
  OriginRefusedError,
  OutOfScopeError,
  PlatformUnreachableError,
  RateLimitedError,
  UnauthorizedError,
  type BrokerErrorCode,
} from './errors.js';
export type { BrokerEvent, BrokerEventListener } from './events/event-bus.js';
export type { LoginInfo, LoginMethod, LoginState } from './logins/login.js';
export type { LoginRequest, PendingLogin } from './logins/registry.js';
export type { LoginScope } from './logins/scope.js';

export { HttpPlatformClient, type HttpPlatformClientOptions } from './platform/http-platform-client.js';
export { fetchHubToken, hubEndpointFrom, type HubToken } from './platform/hub-tokens.js';
export {
  RenewalRefusedError,
  type DeviceLoginStart,
  type DiscoveredMethod,
  type Discovery,
  type Grant,
  type HubEndpoint,
  type PkceLoginStart,
  type PlatformClient,
  type Renewal,
  type SessionsListing,
} from './platform/platform-client.js';
export { defaultRuntimeFile, readRuntimeFile, type RuntimeInfo } from './runtime/index.js';
export { defaultTokenFile } from './sink/token-file-sink.js';
