import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenResponse } from '@vobridge/sdk/broker';
import { BadRequestError, OutOfScopeError } from '../errors.js';
import type { ExchangeCache } from '../logins/exchange-cache.js';
import type { LoginRegistry } from '../logins/registry.js';
import { sendBody, sendError, serialised, type SerialisedJson } from './responses.js';
import type { RequestCheck } from './security.js';
import type { TokenAnswers } from './token-answers.js';

/** Longest `min_valid` accepted (a day). */
const MAX_MIN_VALID = 86_400;

/** What `GET /v1/token` needs. */
export interface TokenRouteContext {
  /** The checks every broker request passes first (see `createGuard`). */
  guard: RequestCheck;
  logins: LoginRegistry;
  exchanges: ExchangeCache;
  answers: TokenAnswers;
  log: (line: string) => void;
}

/** Whether a request is for `GET /v1/token` (what {@link createTokenRoute} serves). */
export function isTokenRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return req.method === 'GET' && url.startsWith('/v1/token') && (url.length === 9 || url[9] === '?');
}

/**
 * `GET /v1/token` on node:http, ahead of express: it is the one route kernels
 * call in loops, and express's routing costs more than everything the broker
 * itself does for it. The same checks run first, in the same order (the
 * guard); the answer is remembered per query string (see
 * {@link TokenAnswers}).
 */
export function createTokenRoute(ctx: TokenRouteContext): (req: IncomingMessage, res: ServerResponse) => void {
  const finish = (res: ServerResponse, error?: unknown): void => {
    if (error !== undefined) sendError(res, error, ctx.log);
    ctx.log(`GET /v1/token ${res.statusCode}`);
  };
  return (req, res) => {
    const refused = ctx.guard(req, res);
    if (refused) return finish(res, refused);
    const url = req.url ?? '';
    const query = url.length > 10 ? url.slice(10) : '';
    const remembered = ctx.answers.get(query);
    if (remembered) {
      sendBody(res, 200, remembered);
      return finish(res);
    }
    answer(ctx, query).then(
      (body) => {
        sendBody(res, 200, body);
        finish(res);
      },
      (error: unknown) => finish(res, error),
    );
  };
}

async function answer(ctx: TokenRouteContext, query: string): Promise<SerialisedJson> {
  const params = new URLSearchParams(query);
  const minValid = parseMinValid(single(params, 'min_valid'));
  const audience = single(params, 'audience');
  const scope = single(params, 'scope')?.trim() || undefined;
  if (audience !== undefined && (audience.length === 0 || audience.length > 2048))
    throw new BadRequestError('"audience" must be a service name or URL.');
  if (scope !== undefined && !/^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(scope))
    throw new BadRequestError('"scope" must be space-separated scope names.');
  const user = single(params, 'user');
  if (user !== undefined && (user.length === 0 || user.length > 256))
    throw new BadRequestError('"user" must be a user name.');
  const resolved = await ctx.logins.token(single(params, 'url'), minValid, user);
  const { login } = resolved;
  const loginToken = resolved.token;
  let token = loginToken;
  const exchanged = audience !== undefined || (scope !== undefined && login.tokenType !== 'Bearer');
  if (exchanged) {
    if (login.tokenType !== 'Bearer')
      throw new OutOfScopeError(
        `The login to ${login.platform} holds a ${login.tokenType === 'Cookie' ? 'session cookie' : 'Basic credential'}: it cannot be narrowed to an audience or scope.`,
      );
    // A token for another audience (or a narrower scope) of the same platform: RFC 8693 exchange.
    token = await ctx.exchanges.token(login, audience as string, scope, minValid);
  } else if (scope !== undefined) {
    const missing = scope.split(' ').filter((wanted) => !token.scopes.includes(wanted));
    if (missing.length > 0) {
      throw new OutOfScopeError(
        `The login to ${login.platform} does not carry the scope(s) ${missing.join(' ')}; log in again asking for them.`,
      );
    }
  }
  const body = serialised({
    token: token.accessToken,
    token_type: login.tokenType,
    expires_at: token.expiresAt === undefined ? 0 : Math.floor(token.expiresAt / 1000),
    scope: token.scopes.join(' '),
    login_id: login.id,
    platform: login.platform,
    // The origin the URL was scoped as (WHATWG URL parsing): clients compare it with where they will send the token.
    origin: resolved.origin,
  } satisfies TokenResponse);
  // Exchanged tokens have their own cache, with its own lifetime rule.
  if (!exchanged) ctx.answers.set(query, { body, login, loginToken, token, minValidMs: minValid * 1000 });
  return body;
}

/** A parameter given at most once (a repeated one is refused rather than guessed at). */
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new BadRequestError(`"${name}" is given more than once.`);
  return values[0];
}

function parseMinValid(value: string | undefined): number {
  if (value === undefined) return 60;
  if (!/^\d{1,6}$/.test(value) || Number(value) > MAX_MIN_VALID) {
    throw new BadRequestError(`"min_valid" must be a number of seconds between 0 and ${MAX_MIN_VALID}.`);
  }
  return Number(value);
}
