import type { PlatformClient } from '../platform/platform-client.js';
import type { Login } from './login.js';
import type { IssuedToken } from '@vobridge/sdk';

/**
 * Tokens a login's token was exchanged for (RFC 8693: narrower audience or
 * scope), cached per login, audience and scope until they run short, with one
 * exchange in flight per key. A login's exchanged tokens go with it.
 */
export class ExchangeCache {
  readonly #client: PlatformClient;
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #inflight = new Map<string, Promise<IssuedToken>>();

  constructor(client: PlatformClient) {
    this.#client = client;
  }

  /** A token for `audience` (and `scope`) derived from `login`'s, valid `minValidSeconds` when the platform allows. */
  async token(
    login: Login,
    audience: string,
    scope: string | undefined,
    minValidSeconds: number,
  ): Promise<IssuedToken> {
    const key = JSON.stringify([login.id, audience, scope ?? '']);
    const cached = this.#tokens.get(key);
    if (cached && (cached.expiresAt === undefined || cached.expiresAt - Date.now() > minValidSeconds * 1000))
      return cached;
    let pending = this.#inflight.get(key);
    if (!pending) {
      pending = login
        .token(minValidSeconds)
        .then((subject) =>
          this.#client.exchange(login.platform, subject.accessToken, { audience, ...(scope ? { scope } : {}) }),
        )
        .then((token) => {
          this.#tokens.set(key, token);
          return token;
        })
        .finally(() => this.#inflight.delete(key));
      this.#inflight.set(key, pending);
    }
    return pending;
  }

  /** Forget every token derived from logins that no longer exist. */
  prune(liveLoginIds: ReadonlySet<string>): void {
    for (const key of this.#tokens.keys()) {
      const [loginId] = JSON.parse(key) as [string];
      if (!liveLoginIds.has(loginId)) this.#tokens.delete(key);
    }
  }
}
