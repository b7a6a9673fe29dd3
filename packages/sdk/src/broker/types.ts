// The broker API's wire types, named: all of them come from openapi/broker.yaml
// (src/generated/broker.ts); nothing here is typed by hand.
import { brokerErrorCodeValues, type components } from '../generated/broker.js';

type Schemas = components['schemas'];

/** A login as the broker lists it (never a token). */
export type BrokerLogin = Schemas['Login'];
/** A login that waits for the user (device code or browser). */
export type PendingLogin = Schemas['PendingLogin'];
/** How a login was made. */
export type LoginMethod = Schemas['LoginMethod'];
/** Lifecycle of a login. */
export type LoginState = Schemas['LoginState'];
/** Body of `POST /v1/logins`. */
export type LoginRequest = Schemas['LoginRequest'];
/** Answer of `GET /v1/token`. */
export type TokenResponse = Schemas['TokenResponse'];
/** Answer of `GET /v1/discover`. */
export type Discovery = Schemas['Discovery'];
/** One way to log in that a platform offers. */
export type DiscoveredMethod = Schemas['DiscoveredMethod'];
/** A skaha session tagged with its platform. */
export type PlatformSession = Schemas['PlatformSession'];
/** Whether a platform answered a listing. */
export type PlatformStatus = Schemas['PlatformStatus'];
/** Answer of `GET /v1/sessions`. */
export type SessionsAcrossPlatforms = Schemas['SessionsAcrossPlatforms'];
/** Body of `POST /v1/sessions`. */
export type LaunchRequest = Schemas['LaunchRequest'];
/** Answer of `POST /v1/sessions`. */
export type LaunchedSession = Schemas['LaunchedSession'];
/** A one-time link that opens a session logged in (`POST /v1/sessions/{id}/open`). */
export type SessionOpenLink = Schemas['SessionOpenLink'];
/** Data of one server-sent event of `GET /v1/events`. */
export type BrokerEvent = Schemas['BrokerEvent'];
/** Error body of every broker (and Jupyter proxy) error answer. */
export type BrokerErrorBody = Schemas['BrokerError'];
/** Stable code of a broker error. */
export type BrokerErrorCode = Schemas['BrokerErrorCode'];
/** Answer of `GET /healthz`. */
export type BrokerHealth = Schemas['BrokerHealth'];

/** Every broker error code, in the spec's order: consumers map exactly these. */
export const BROKER_ERROR_CODES: readonly BrokerErrorCode[] = brokerErrorCodeValues;

/** Whether a string is one of the broker's error codes. */
export function isBrokerErrorCode(value: unknown): value is BrokerErrorCode {
  return typeof value === 'string' && (BROKER_ERROR_CODES as readonly string[]).includes(value);
}

/** Whether `POST /v1/logins` answered a login that still waits for the user (202). */
export function isPendingLogin(answer: BrokerLogin | PendingLogin): answer is PendingLogin {
  return answer.state === 'pending' && 'expires_in' in answer;
}
