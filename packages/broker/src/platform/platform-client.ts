import type { SessionsClient } from '@vobridge/sdk';
import type {
  BrokerLogin as BrokerLoginWire,
  DiscoveredMethod,
  Discovery,
  SessionsAcrossPlatforms,
  TokenResponse,
} from '@vobridge/sdk/broker';
import type { IssuedToken } from '@vobridge/sdk';

/** Where a JupyterHub hands this server's user their platform token, and the server's API token for it. */
export interface HubEndpoint {
  /** `<JUPYTERHUB_API_URL>/vobridge/token`. */
  readonly tokenUrl: string;
  /** The server's `JUPYTERHUB_API_TOKEN` (sent to `tokenUrl` only; never logged or persisted). */
  readonly apiToken: string;
}

/**
 * What a login needs to get its next token without asking the user. Kept in
 * memory; persisted (encrypted) only when the user turned persistence on.
 */
export type Renewal =
  | {
      readonly kind: 'refresh_token';
      readonly tokenEndpoint: string;
      readonly clientId: string;
      readonly refreshToken: string;
    }
  | {
      readonly kind: 'password';
      /** What the password is presented as (default `token`): see {@link PasswordCredential}. */
      readonly via?: PasswordCredential;
      readonly loginUrl: string;
      readonly username: string;
      readonly password: string;
      /** Written (encrypted) to the login store when the broker persists logins; only if the user chose so. */
      readonly persist?: boolean;
    }
  | {
      /** Through the JupyterHub that holds the user's platform login (vobridge_jupyterhub). */
      readonly kind: 'hub';
      readonly hub: HubEndpoint;
      /** Expiry of the token this login holds (epoch ms): the hub is asked for one that outlives it. */
      readonly heldUntil?: number;
    }
  | { readonly kind: 'none' };

/**
 * What a user name and password become: a `token` (POSTed to a login URL,
 * CADC `/ac/login`), a `cookie` (POSTed to a cookie login URL, the session
 * cookie kept), or themselves as HTTP `basic` credentials (DaCHS, BasicAA).
 */
export type PasswordCredential = 'token' | 'cookie' | 'basic';

/** How a login's credential is sent (the spec's `TokenResponse.token_type`). */
export type TokenType = TokenResponse['token_type'];

/** A login's credential as it goes to a platform: its type and value (never logged). */
export interface PresentedCredential {
  readonly type: TokenType;
  readonly value: string;
}

/** A login method a URL offers, as `GET /v1/discover` lists it (the spec's `DiscoveredMethod`). */
export type { DiscoveredMethod };
/** What `GET /v1/discover` answers (the spec's `Discovery`). */
export type { Discovery };
/** Sessions across platforms, as `GET /v1/sessions` answers them (the spec's `SessionsAcrossPlatforms`). */
export type SessionsListing = SessionsAcrossPlatforms;

/** Where a platform's services are, as its registry says (the spec's `Login.services`). */
export type PlatformServices = NonNullable<BrokerLoginWire['services']>;

/** The outcome of a successful login. */
export interface Grant {
  readonly token: IssuedToken;
  readonly renewal: Renewal;
  /** Origin of the platform logged in to. */
  readonly platform: string;
  /** Origins the token may be sent to (the platform's and its services', as its registry declares them). */
  readonly origins: readonly string[];
  /** Where its services are (empty for a platform without a registry). */
  readonly services?: PlatformServices;
}

/** A device authorization in progress (RFC 8628): what the user must do, and the wait for it. */
export interface DeviceLoginStart {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete?: string;
  /** Seconds until the device code expires. */
  readonly expiresIn: number;
  /** Seconds between polls. */
  readonly interval: number;
  /** Resolves once the user approved; rejects on denial, expiry or abort. */
  readonly completion: Promise<Grant>;
}

/** An authorization code + PKCE login in progress: where to send the browser, and how to finish. */
export interface PkceLoginStart {
  readonly authorizationUrl: string;
  /** The `state` value the redirect must come back with. */
  readonly state: string;
  /** Finish with the query the redirect came back with (`code`, `state`, or `error`): checks state, redeems the code. */
  readonly complete: (callbackQuery: URLSearchParams) => Promise<Grant>;
}

/**
 * The platform operations the broker relies on. One implementation speaks
 * HTTP to real platforms; the interface keeps the login registry and the
 * HTTP API independent of how logins are performed.
 */
export interface PlatformClient {
  /** The login methods `url` offers, best first (the broker only lists those it can perform). */
  discover(url: URL): Promise<Discovery>;
  /**
   * Password login (CADC / IVOA SSO `tls-with-password`), giving a token, a
   * session cookie or, for `basic`, the checked Basic credential itself.
   */
  passwordLogin(url: URL, username: string, password: string, via?: PasswordCredential): Promise<Grant>;
  /** Adopt a token the user already has (a refresh token, if given, is redeemed at the platform's OIDC token endpoint). */
  tokenLogin(url: URL, accessToken: string, refreshToken?: string): Promise<Grant>;
  /** Log in through the JupyterHub this server runs under, which holds the user's platform login. */
  hubLogin(hub: HubEndpoint): Promise<Grant>;
  /** Start an OIDC device authorization grant. */
  startDeviceLogin(url: URL, options: { scope?: string; signal: AbortSignal }): Promise<DeviceLoginStart>;
  /** Start an OIDC authorization code + PKCE login. */
  startPkceLogin(url: URL, options: { redirectUri: string; scope?: string }): Promise<PkceLoginStart>;
  /** Exchange a token of `platform` for one with another audience or a narrower scope (RFC 8693). */
  exchange(platform: string, subjectToken: string, target: { audience: string; scope?: string }): Promise<IssuedToken>;
  /** Get a fresh token from the renewal material; may return new material (rotated refresh token). */
  renew(renewal: Renewal): Promise<{ token: IssuedToken; renewal: Renewal }>;
  /** The caller's sessions on each platform (each with its credential), tagged with the platform; a platform that fails is reported, not fatal. */
  listSessions(sources: readonly { platform: string; credential: PresentedCredential }[]): Promise<SessionsListing>;
  /** A skaha client of `platform`'s sessions service that presents `credential` (to that platform only). */
  sessions(platform: string, credential: PresentedCredential): Promise<SessionsClient>;
}

/** Thrown by {@link PlatformClient.renew} when renewing can never succeed again (revoked grant, changed password). */
export class RenewalRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenewalRefusedError';
  }
}
