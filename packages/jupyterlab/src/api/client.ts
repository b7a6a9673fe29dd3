import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import type { SessionContext, SessionImage } from '@vobridge/sdk';
import {
  BrokerClient,
  BrokerRequestError,
  type BrokerLogin,
  type Discovery,
  type LaunchRequest,
  type LoginRequest,
  type PendingLogin,
  type PlatformSession,
  type SessionsAcrossPlatforms,
} from '@vobridge/sdk/broker';

/** Images and limits for the launch form. */
export interface LaunchOptions {
  platform: string;
  context: SessionContext;
  images: SessionImage[];
}

/**
 * The broker API (`@vobridge/sdk/broker`, typed from `openapi/broker.yaml`)
 * as the page reaches it: through `/vobridge/*` on the Jupyter server, with
 * Jupyter's ServerConnection (Jupyter's auth and XSRF token); the server adds
 * the broker secret. No method returns a platform token: the proxy refuses
 * the token route.
 */
export class VobridgeClient {
  readonly #broker: BrokerClient;

  constructor(readonly serverSettings: ServerConnection.ISettings = ServerConnection.makeSettings()) {
    this.#broker = new BrokerClient({
      baseUrl: URLExt.join(serverSettings.baseUrl, 'vobridge'),
      fetch: async (request) =>
        ServerConnection.makeRequest(
          request.url,
          {
            method: request.method,
            headers: request.headers,
            ...(request.body === null ? {} : { body: await request.text() }),
          },
          this.serverSettings,
        ),
    });
  }

  /** Absolute URL of a `/vobridge/...` path on this Jupyter server. */
  url(path: string): string {
    return URLExt.join(this.serverSettings.baseUrl, 'vobridge', path);
  }

  /** Where the PKCE popup's authorization server sends the browser back to. */
  get callbackUrl(): string {
    return new URL(this.url('v1/callback'), window.location.href).href;
  }

  /** Platform URLs the server suggests (e.g. the demo's reference platform). */
  async suggestedPlatforms(): Promise<string[]> {
    const response = await ServerConnection.makeRequest(this.url('config'), {}, this.serverSettings);
    if (!response.ok) return [];
    const answer = (await response.json()) as { platforms?: unknown };
    return Array.isArray(answer.platforms) ? answer.platforms.filter((p): p is string => typeof p === 'string') : [];
  }

  /** Login methods a platform URL offers. */
  discover(url: string): Promise<Discovery> {
    return this.#broker.discover(url);
  }

  /** Current logins (never tokens). */
  logins(): Promise<BrokerLogin[]> {
    return this.#broker.logins();
  }

  /** One login, to follow a pending device or PKCE login. */
  login(id: string): Promise<BrokerLogin> {
    return this.#broker.login(id);
  }

  /** Start a login: a finished login or a {@link PendingLogin} the user has to act on. */
  startLogin(request: LoginRequest): Promise<BrokerLogin | PendingLogin> {
    return this.#broker.startLogin(request);
  }

  /** Log out of one login. */
  logout(id: string): Promise<void> {
    return this.#broker.logout(id);
  }

  /** Sessions of every logged-in platform, and which platforms answered. */
  sessions(): Promise<SessionsAcrossPlatforms> {
    return this.#broker.sessions();
  }

  /** Images and resource limits of a platform. */
  async launchOptions(platform: string): Promise<LaunchOptions> {
    const [context, images] = await Promise.all([this.#broker.context(platform), this.#broker.images(platform)]);
    return { platform, context, images };
  }

  /** Launch a session; resolves to its id. */
  async launch(platform: string, request: LaunchRequest): Promise<string> {
    return (await this.#broker.launch(platform, request)).id;
  }

  /** Extend a session's lifetime. */
  renew(platform: string, id: string): Promise<PlatformSession> {
    return this.#broker.renewSession(platform, id);
  }

  /**
   * A one-time link that opens the session logged in, or `undefined` when
   * the platform has no such links (real skaha): its page then relies on the
   * browser's own login there.
   */
  async openLink(platform: string, id: string): Promise<string | undefined> {
    try {
      return (await this.#broker.openSession(platform, id)).url;
    } catch (error) {
      if (error instanceof BrokerRequestError && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  /** Delete a session. */
  deleteSession(platform: string, id: string): Promise<void> {
    return this.#broker.deleteSession(platform, id);
  }
}
