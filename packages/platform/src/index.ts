export { startPlatform, type PlatformOptions, type RunningPlatform, type Topology } from './platform.js';
export { createApp, SERVICES } from './app.js';
export type { PlatformContext, RouterFactory, ServiceMount, ServiceName } from './context.js';
export * from './http/index.js';
export * from './store/index.js';
export { createLogger, type Logger, type LogLevel, type LogFields, type LoggerOptions } from './log/logger.js';
export {
  TokenService,
  type AccessTokenRequest,
  type IssuedToken,
  type TokenServiceOptions,
} from './identity/tokens.js';
export {
  UserStore,
  DEMO_USERS,
  UsersFileError,
  parseUserSpecs,
  readUsersFile,
  type UserSpec,
  type UserRecord,
  type GroupRecord,
} from './identity/users.js';
export { loadSigningKey, type SigningKey } from './identity/keys.js';
export { OAuthClientError, parseOAuthClients, readClientsFile, type OAuthClientMetadata } from './identity/clients.js';
export {
  capability,
  renderAvailability,
  renderCapabilities,
  vosiCapabilities,
  VOSI,
  type AccessOptions,
  type Capability,
  type CapabilityInterface,
} from './vosi/capabilities.js';
export { vosiRouter } from './vosi/routes.js';
export { escapeXml } from './vosi/xml.js';
export * from './vospace/index.js';
export * from './uws/index.js';
