// Wire types of the broker API as the CLI reads them (openapi/broker.yaml).
// Only the fields the CLI uses; the broker may send more.

/** A login as `GET /v1/logins` lists it (never a token). */
export interface BrokerLogin {
  id: string;
  platform: string;
  user?: string;
  method: string;
  state: string;
  scopes?: string[];
  /** Access token expiry, epoch seconds (0 or absent when unknown). */
  expires_at?: number;
  /** Refresh token expiry, epoch seconds, when known. */
  refresh_expires_at?: number;
  /** What the broker renews the token with. */
  renews_with?: 'refresh_token' | 'password_in_memory' | 'password_on_disk' | 'none';
}

/** Answer of `POST /v1/logins` for a device login that waits for the user. */
export interface PendingDeviceLogin extends BrokerLogin {
  verification_uri?: string;
  verification_uri_complete?: string;
  user_code?: string;
  expires_in?: number;
}

/** Answer of `GET /v1/token`. */
export interface BrokerToken {
  token: string;
  expires_at?: number;
  login_id?: string;
  platform?: string;
}

/** One login method found by `GET /v1/discover`. */
export interface DiscoveredMethod {
  method: 'password' | 'device' | 'pkce' | 'token';
}

/** Answer of `GET /v1/discover`. */
export interface BrokerDiscovery {
  platform: string;
  methods: DiscoveredMethod[];
}

/** Body of `POST /v1/logins` for the methods a terminal can drive. */
export type BrokerLoginRequest =
  | { method: 'password'; url: string; username: string; password: string; keep_password?: 'no' | 'memory' | 'disk' }
  | { method: 'device'; url: string; scopes?: string[] }
  | { method: 'token'; url: string; token: string };

/** Error body of every broker route. */
export interface BrokerErrorBody {
  error: string;
  message: string;
}
