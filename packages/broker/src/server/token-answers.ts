import { freshEnough, type IssuedToken } from '@vobridge/sdk';
import type { Login } from '../logins/login.js';
import type { SerialisedJson } from './responses.js';

/** Queries remembered at most; past this the table starts again (a caller cycling through URLs gains nothing). */
const MAX_ENTRIES = 256;

/** One serialised `/v1/token` answer and what it was computed from. */
export interface TokenAnswer {
  body: SerialisedJson;
  /** The login that answered, and the token it held then. */
  login: Login;
  loginToken: IssuedToken;
  /** The token in the answer. */
  token: IssuedToken;
  minValidMs: number;
}

/**
 * Serialised `/v1/token` answers per query string. Serving one skips the
 * login lookup, the scope parse and `JSON.stringify`; it is served only while
 * recomputing it would give the same bytes: the login still active and
 * holding the very token object it held (a refresh replaces it), and the
 * token still fresh enough for the query's `min_valid` under the one renewal
 * rule. Any broker event (a login added, renewed, removed or failed) clears
 * the table, so the choice between logins is never stale either.
 */
export class TokenAnswers {
  readonly #answers = new Map<string, TokenAnswer>();

  /** The remembered body for `query`, when it still holds. */
  get(query: string): SerialisedJson | undefined {
    const answer = this.#answers.get(query);
    if (answer === undefined) return undefined;
    if (
      answer.login.active &&
      answer.login.currentToken === answer.loginToken &&
      freshEnough(answer.token, answer.minValidMs)
    )
      return answer.body;
    this.#answers.delete(query);
    return undefined;
  }

  set(query: string, answer: TokenAnswer): void {
    if (this.#answers.size >= MAX_ENTRIES) this.#answers.clear();
    this.#answers.set(query, answer);
  }

  clear(): void {
    this.#answers.clear();
  }

  get size(): number {
    return this.#answers.size;
  }
}
