import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { VobridgeRequestError } from './errors.js';
import type {
  Discovery,
  Login,
  PendingLogin,
  PlatformContext,
  PlatformImage,
  SessionsAcrossPlatforms,
} from './types.js';

/** What a password, device or PKCE login request carries. */
export type LoginRequest =
  | { method: 'password'; url: string; username: string; password: string; keep_password: 'no' | 'memory' }
  | { method: 'device'; url: string; scopes?: string[] }
  | { method: 'pkce'; url: string; redirect_uri: string; scopes?: string[] };

/** What the launch form sends. */
export interface LaunchRequest {
  name: string;
  image: string;
  type: string;
  cores?: number;
  ram?: number;
}

/** Images and limits for the launch form. */
export interface LaunchOptions {
  platform: string;
  context: PlatformContext;
  images: PlatformImage[];
}

/**
 * Typed access to `/vobridge/*` on the Jupyter server. Requests go through
 * Jupyter's ServerConnection, so they carry Jupyter's auth and XSRF token;
 * the server adds the broker secret. No method returns a platform token.
 */
export class VobridgeClient {
  constructor(readonly serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings()) {}

  /** Absolute URL of a `/vobridge/...` path on this Jupyter server. */
  url(path: string, query?: Record<string, string>): string {
    const base = URLExt.join(this.serverSettings.baseUrl, 'vobridge', path);
    return query ? base + URLExt.objectToQueryString(query) : base;
  }

  /** Where the PKCE popup's authorization server sends the browser back to. */
  get callbackUrl(): string {
    return new URL(this.url('v1/callback'), window.location.href).href;
  }

  /** Platform URLs the server suggests (e.g. the demo's reference platform). */
  async suggestedPlatforms(): Promise<string[]> {
    const answer = await this._json<{ platforms?: unknown }>('GET', 'config');
    return Array.isArray(answer.platforms) ? answer.platforms.filter((p): p is string => typeof p === 'string') : [];
  }

  /** Login methods a platform URL offers. */
  discover(url: string): Promise<Discovery> {
    return this._json<Discovery>('GET', 'v1/discover', { url });
  }

  /** Current logins (never tokens). */
  logins(): Promise<Login[]> {
    return this._json<Login[]>('GET', 'v1/logins');
  }

  /** One login, to follow a pending device or PKCE login. */
  login(id: string): Promise<Login> {
    return this._json<Login>('GET', `v1/logins/${encodeURIComponent(id)}`);
  }

  /** Start a login: a finished {@link Login} or a {@link PendingLogin} the user has to act on. */
  startLogin(request: LoginRequest): Promise<Login | PendingLogin> {
    return this._json<Login | PendingLogin>('POST', 'v1/logins', undefined, request);
  }

  /** Log out of one login. */
  async logout(id: string): Promise<void> {
    await this._request('DELETE', `v1/logins/${encodeURIComponent(id)}`);
  }

  /** Sessions of every logged-in platform, and which platforms answered. */
  sessions(): Promise<SessionsAcrossPlatforms> {
    return this._json<SessionsAcrossPlatforms>('GET', 'v1/sessions');
  }

  /** Images and resource limits of a platform. */
  launchOptions(platform: string): Promise<LaunchOptions> {
    return this._json<LaunchOptions>('GET', 'actions/launch-options', { platform });
  }

  /** Launch a session; resolves to its id. */
  async launch(platform: string, request: LaunchRequest): Promise<string> {
    const answer = await this._json<{ id: string }>('POST', 'actions/sessions', { platform }, request);
    return answer.id;
  }

  /** Extend a session's lifetime. */
  async renew(platform: string, id: string): Promise<void> {
    await this._request('POST', `actions/sessions/${encodeURIComponent(id)}/renew`, { platform });
  }

  /** Delete a session. */
  async deleteSession(platform: string, id: string): Promise<void> {
    await this._request('DELETE', `actions/sessions/${encodeURIComponent(id)}`, { platform });
  }

  private async _json<T>(method: string, path: string, query?: Record<string, string>, body?: unknown): Promise<T> {
    const response = await this._request(method, path, query, body);
    return (await response.json()) as T;
  }

  private async _request(
    method: string,
    path: string,
    query?: Record<string, string>,
    body?: unknown,
  ): Promise<Response> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'Content-Type': 'application/json' };
    }
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(this.url(path, query), init, this.serverSettings);
    } catch {
      throw new VobridgeRequestError('network', 'The Jupyter server could not be reached.', undefined);
    }
    if (!response.ok) {
      let code = `http_${response.status}`;
      let message = response.statusText || `HTTP ${response.status}`;
      try {
        const data = (await response.json()) as { error?: unknown; message?: unknown };
        if (typeof data.error === 'string') code = data.error;
        if (typeof data.message === 'string' && data.message) message = data.message;
      } catch {
        // Not a JSON error body: keep the status text.
      }
      throw new VobridgeRequestError(code, message, response.status);
    }
    return response;
  }
}
