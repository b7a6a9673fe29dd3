// `@vobridge/sdk/broker`: the local token broker's API (openapi/broker.yaml),
// typed from its spec, for the CLI, the JupyterLab extension and any other tool.
export { BrokerClient, BrokerRequestError, type BrokerClientOptions } from './client.js';
export {
  BROKER_ERROR_CODES,
  isBrokerErrorCode,
  type BrokerErrorBody,
  type BrokerErrorCode,
  type BrokerEvent,
  type BrokerHealth,
  type BrokerLogin,
  type DiscoveredMethod,
  type Discovery,
  type LaunchRequest,
  type LaunchedSession,
  type LoginMethod,
  type LoginRequest,
  type LoginState,
  type PendingLogin,
  type PlatformSession,
  type PlatformStatus,
  type SessionsAcrossPlatforms,
  type TokenResponse,
} from './types.js';
