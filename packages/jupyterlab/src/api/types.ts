// Shapes of the broker API as the browser sees it through the Jupyter proxy
// (openapi/broker.yaml). Only what the extension reads is typed; tokens are
// never part of any of these: the proxy refuses the token route.

/** How a login was made. */
export type LoginMethod = 'password' | 'device' | 'pkce' | 'token';

/** Lifecycle of a login in the broker. */
export type LoginState = 'pending' | 'active' | 'refreshing' | 'expired' | 'failed';

/** A login held by the broker (never its token). */
export interface Login {
  id: string;
  platform: string;
  user?: string;
  method: LoginMethod;
  scopes: string[];
  /** Expiry of the current access token, epoch seconds; 0 when unknown. */
  expires_at?: number;
  refresh_expires_at?: number;
  state: LoginState;
  /** What the broker renews the token with. */
  renews_with?: 'refresh_token' | 'password_in_memory' | 'password_on_disk' | 'none';
}

/** A login that waits for the user (device code or PKCE popup). */
export interface PendingLogin {
  id: string;
  platform: string;
  method: 'device' | 'pkce';
  state: 'pending';
  verification_uri?: string;
  verification_uri_complete?: string;
  user_code?: string;
  interval?: number;
  authorization_url?: string;
  expires_in: number;
}

/** One login method a platform offers. */
export interface DiscoveredMethod {
  method: LoginMethod;
  standard_id?: string;
  login_url?: string;
  issuer?: string;
}

/** Result of probing a platform URL for login methods. */
export interface Discovery {
  url: string;
  platform: string;
  anonymous?: boolean;
  methods: DiscoveredMethod[];
}

/** Session types the sidebar knows icons for; others are shown as "other". */
export const SESSION_TYPES = ['firefly', 'carta', 'notebook', 'desktop', 'headless', 'contributed'] as const;

/** A known session type. */
export type SessionType = (typeof SESSION_TYPES)[number];

/** A skaha session tagged with the platform it runs on. */
export interface PlatformSession {
  platform: string;
  id: string;
  name?: string;
  type: string;
  status?: string;
  image?: string;
  startTime?: string;
  expiryTime?: string;
  connectURL?: string;
  requestedRAM?: string;
  requestedCPUCores?: string;
}

/** Whether a platform answered the broker's session listing. */
export interface PlatformStatus {
  platform: string;
  ok: boolean;
  error?: string;
}

/** Answer of `GET /v1/sessions`. */
export interface SessionsAcrossPlatforms {
  platforms: PlatformStatus[];
  sessions: PlatformSession[];
}

/** Data of one broker server-sent event. */
export interface BrokerEvent {
  type: 'login' | 'expiring' | 'refresh_failed' | 'sessions';
  id?: string;
  login?: Login;
  expires_at?: number;
  error?: string;
  message?: string;
  platform?: string;
}

/** Resource limits of a platform, for the launch form (skaha `/context`). */
export interface PlatformContext {
  cores?: unknown;
  memoryGB?: unknown;
  gpus?: unknown;
}

/** A container image a platform can launch (skaha `/image`). */
export interface PlatformImage {
  id: string;
  types: string[];
}
