// One-time links that put a user's browser into a session page logged in,
// for a client that holds the user's token (the vobridge broker) but must
// never hand it to a page. The link carries a random single-use nonce, not a
// token; following it sets the SSO cookie on the sessions origin.

import { randomBytes } from 'node:crypto';

/** How long a link may wait to be followed. */
export const LOGIN_LINK_TTL_SECONDS = 60;
/** Links waiting at once; the oldest go first beyond this. */
const MAX_PENDING = 1000;

interface PendingLink {
  username: string;
  /** Path of the session page to land on. */
  target: string;
  expiresAt: number;
}

/** The links issued and not yet followed (in memory: a restart voids them, which is safe). */
export class LoginLinks {
  readonly #pending = new Map<string, PendingLink>();

  /** A new nonce for `username`, landing on `target` (a session page path). */
  issue(username: string, target: string): string {
    this.#sweep();
    if (this.#pending.size >= MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value as string);
    const nonce = randomBytes(32).toString('base64url');
    this.#pending.set(nonce, { username, target, expiresAt: Date.now() + LOGIN_LINK_TTL_SECONDS * 1000 });
    return nonce;
  }

  /** Spends a nonce: its user and target, or `undefined` when unknown, used or expired. */
  redeem(nonce: string): { username: string; target: string } | undefined {
    const link = this.#pending.get(nonce);
    this.#pending.delete(nonce);
    if (link === undefined || link.expiresAt < Date.now()) return undefined;
    return { username: link.username, target: link.target };
  }

  #sweep(): void {
    const now = Date.now();
    for (const [nonce, link] of this.#pending) if (link.expiresAt < now) this.#pending.delete(nonce);
  }
}
