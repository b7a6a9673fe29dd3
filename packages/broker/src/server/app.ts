import express, { type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, BrokerError, NotFoundError, OutOfScopeError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { SessionsWatch } from '../events/sessions-watch.js';
import { serveEvents } from '../events/sse.js';
import type { ExchangeCache } from '../logins/exchange-cache.js';
import { parseLoginRequest, type LoginRegistry } from '../logins/registry.js';
import { parseServiceUrl } from '../logins/scope.js';
import type { PlatformClient, PresentedCredential } from '../platform/platform-client.js';
import type { SessionType } from '@vobridge/sdk';
import type {
  BrokerHealth,
  BrokerLogin,
  Discovery,
  LaunchedSession,
  PlatformSession,
  SessionsAcrossPlatforms,
  TokenResponse,
} from '@vobridge/sdk/broker';
import { sessionTypeValues } from '@vobridge/sdk/openapi/broker';
import type { SessionsGateway } from '../sessions/gateway.js';
import { parseLaunchRequest } from '../sessions/launch-request.js';
import { rateLimit, type RateLimitOptions } from './rate-limit.js';
import { refuseBrowsers, requireLoopbackHost, requireSecret } from './security.js';

/** What the HTTP layer needs from the broker. */
export interface AppContext {
  secret: string;
  logins: LoginRegistry;
  /** Tokens exchanged for another audience or scope. */
  exchanges: ExchangeCache;
  bus: EventBus;
  client: PlatformClient;
  /** `Host` header values accepted (known once the server listens). */
  allowedHosts: () => readonly string[];
  rateLimit: RateLimitOptions;
  /** Open event streams, ended when the broker stops. */
  streams: Set<Response>;
  /** Watches sessions while event streams are open. */
  sessionsWatch: SessionsWatch;
  /** Sessions of the logged-in platforms, through the broker. */
  sessions: SessionsGateway;
  /** One log line per request: method, path (never the query), status. */
  log: (line: string) => void;
  version: string;
}

/** Largest accepted JSON body. */
const BODY_LIMIT = '16kb';
/** Longest `min_valid` accepted (a day). */
const MAX_MIN_VALID = 86_400;

/**
 * The broker's HTTP API (`openapi/broker.yaml`). Every route, `/healthz`
 * included, sits behind the same checks, in this order: Host, browser
 * headers, secret, rate limit.
 */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    res.on('finish', () => ctx.log(`${req.method} ${req.path} ${res.statusCode}`));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.use(requireLoopbackHost(ctx.allowedHosts));
  app.use(refuseBrowsers());
  // The secret first: a request without it must not spend the budget of the programs that have it.
  app.use(requireSecret(ctx.secret));
  app.use(rateLimit(ctx.rateLimit));
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));

  app.get('/healthz', (_req, res) => {
    res.json({
      status: 'ok',
      version: ctx.version,
      pid: process.pid,
      logins: ctx.logins.established().length,
    } satisfies BrokerHealth);
  });

  app.get('/v1/token', async (req, res) => {
    const minValid = parseMinValid(req.query.min_valid);
    const audience = queryString(req.query.audience);
    const scope = queryString(req.query.scope)?.trim() || undefined;
    if (audience !== undefined && (audience.length === 0 || audience.length > 2048))
      throw new BadRequestError('"audience" must be a service name or URL.');
    if (scope !== undefined && !/^[\x21-\x7e]+( [\x21-\x7e]+)*$/.test(scope))
      throw new BadRequestError('"scope" must be space-separated scope names.');
    const user = queryString(req.query.user);
    if (user !== undefined && (user.length === 0 || user.length > 256))
      throw new BadRequestError('"user" must be a user name.');
    const resolved = await ctx.logins.token(queryString(req.query.url), minValid, user);
    const { login } = resolved;
    let token = resolved.token;
    if (audience !== undefined || (scope !== undefined && login.tokenType !== 'Bearer')) {
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
    res.json({
      token: token.accessToken,
      token_type: login.tokenType,
      expires_at: token.expiresAt === undefined ? 0 : Math.floor(token.expiresAt / 1000),
      scope: token.scopes.join(' '),
      login_id: login.id,
      platform: login.platform,
      // The origin the URL was scoped as (WHATWG URL parsing): clients compare it with where they will send the token.
      origin: resolved.origin,
    } satisfies TokenResponse);
  });

  app.get('/v1/logins', (_req, res) => {
    res.json(ctx.logins.list() satisfies BrokerLogin[]);
  });
  app.post('/v1/logins', async (req, res) => {
    const started = await ctx.logins.start(parseLoginRequest(req.body));
    res
      .status(started.state === 'pending' ? 202 : 201)
      .location(`/v1/logins/${started.id}`)
      .json(started);
  });
  app.get('/v1/logins/:id', (req, res) => {
    res.json(ctx.logins.get(String(req.params.id)));
  });
  app.delete('/v1/logins/:id', (req, res) => {
    ctx.logins.remove(String(req.params.id));
    res.status(204).end();
  });
  app.get('/v1/callback', async (req, res) => {
    const query = new URLSearchParams();
    for (const name of ['state', 'code', 'error', 'error_description', 'iss']) {
      const value = queryString(req.query[name]);
      if (value !== undefined) query.set(name, value.slice(0, 4096));
    }
    if (!query.get('state')) throw new BadRequestError('Missing "state".');
    let message = 'Logged in. You can close this window.';
    try {
      await ctx.logins.completePkce(query);
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      message = 'The login failed. Close this window and try again from JupyterLab.';
    }
    // A fixed page: nothing from the request is reflected into it.
    res
      .type('html')
      .setHeader('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'")
      .send(
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>vobridge</title></head><body><p>${message}</p><script>window.close()</script></body></html>`,
      );
  });

  app.get('/v1/discover', async (req, res) => {
    res.json((await ctx.client.discover(parseServiceUrl(queryString(req.query.url)))) satisfies Discovery);
  });

  app.get('/v1/sessions', async (_req, res) => {
    const platforms: { platform: string; ok: boolean; error?: string }[] = [];
    const sources: { platform: string; credential: PresentedCredential }[] = [];
    await Promise.all(
      ctx.logins
        .established()
        .filter((login) => login.active)
        .map(async (login) => {
          try {
            sources.push({ platform: login.platform, credential: await login.credential(60) });
          } catch (error) {
            platforms.push({
              platform: login.platform,
              ok: false,
              error: error instanceof BrokerError ? error.code : 'internal',
            });
          }
        }),
    );
    const listing = await ctx.client.listSessions(sources);
    res.json({
      platforms: [...listing.platforms, ...platforms],
      sessions: listing.sessions,
    } satisfies SessionsAcrossPlatforms);
  });

  app.post('/v1/sessions', async (req, res) => {
    const platform = requiredPlatform(req.query.platform);
    const id = await ctx.sessions.launch(platform, parseLaunchRequest(req.body));
    ctx.sessionsWatch.changed();
    res.status(201).json({ platform: new URL(platform).origin, id } satisfies LaunchedSession);
  });
  app.get('/v1/sessions/:id', async (req, res) => {
    const platform = requiredPlatform(req.query.platform);
    const id = sessionId(req.params.id);
    const session = await ctx.sessions.on(platform, (client) => client.get(id));
    res.json({ ...session, platform: new URL(platform).origin } satisfies PlatformSession);
  });
  app.delete('/v1/sessions/:id', async (req, res) => {
    const platform = requiredPlatform(req.query.platform);
    const id = sessionId(req.params.id);
    await ctx.sessions.on(platform, (client) => client.delete(id));
    ctx.sessionsWatch.changed();
    res.status(204).end();
  });
  app.post('/v1/sessions/:id/renew', async (req, res) => {
    const platform = requiredPlatform(req.query.platform);
    const id = sessionId(req.params.id);
    const session = await ctx.sessions.on(platform, async (client) => {
      await client.renew(id);
      return client.get(id);
    });
    ctx.sessionsWatch.changed();
    res.json({ ...session, platform: new URL(platform).origin } satisfies PlatformSession);
  });
  app.post('/v1/sessions/:id/open', async (req, res) => {
    const platform = requiredPlatform(req.query.platform);
    const id = sessionId(req.params.id);
    const link = await ctx.sessions.on(platform, (client) => client.loginLink(id));
    // A one-time link is a credential until it is used: never cached, never logged.
    res.setHeader('Cache-Control', 'no-store');
    res.json(link);
  });
  app.get('/v1/sessions/:id/logs', async (req, res) => {
    const platform = requiredPlatform(req.query.platform);
    const id = sessionId(req.params.id);
    const view = queryString(req.query.view) ?? 'logs';
    if (view !== 'logs' && view !== 'events') throw new BadRequestError('"view" must be logs or events.');
    const text = await ctx.sessions.on(platform, (client) => (view === 'logs' ? client.logs(id) : client.events(id)));
    res.type('text/plain').send(text);
  });
  app.get('/v1/images', async (req, res) => {
    const platform = requiredPlatform(req.query.platform);
    const type = queryString(req.query.type);
    if (type !== undefined && !sessionTypeValues.includes(type as SessionType))
      throw new BadRequestError(`"type" must be one of ${sessionTypeValues.join(', ')}.`);
    res.json(await ctx.sessions.on(platform, (client) => client.images(type ? { type: type as SessionType } : {})));
  });
  app.get('/v1/context', async (req, res) => {
    const platform = requiredPlatform(req.query.platform);
    res.json(await ctx.sessions.on(platform, (client) => client.context()));
  });

  app.get('/v1/events', serveEvents(ctx.bus, ctx.streams, ctx.sessionsWatch));

  app.use((req: Request) => {
    throw new BrokerError('not_found', 404, `No route ${req.method} ${req.path}.`);
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const known = asBrokerError(error);
    if (known.code === 'internal') ctx.log(`internal error: ${error instanceof Error ? error.name : 'unknown'}`);
    if (known.status === 401) res.setHeader('www-authenticate', 'Bearer realm="vobridge-broker"');
    res.status(known.status).json({
      error: known.code,
      message: known.message,
      ...(known.loginId !== undefined ? { login_id: known.loginId } : {}),
      ...(known.platform !== undefined ? { platform: known.platform } : {}),
    });
  });
  return app;
}

function requiredPlatform(value: unknown): string {
  const platform = queryString(value);
  if (!platform) throw new BadRequestError('Missing query parameter "platform" (the platform the session is on).');
  return platform;
}

const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function sessionId(value: string | undefined): string {
  if (value === undefined || !SESSION_ID.test(value)) throw new BadRequestError('Not a session id.');
  return value;
}

function queryString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function parseMinValid(value: unknown): number {
  if (value === undefined) return 60;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) > MAX_MIN_VALID) {
    throw new BadRequestError(`"min_valid" must be a number of seconds between 0 and ${MAX_MIN_VALID}.`);
  }
  return Number(value);
}

/** Map body-parser and unknown errors onto typed broker errors (never echoing the body). */
function asBrokerError(error: unknown): BrokerError {
  if (error instanceof BrokerError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new BadRequestError('The body is not valid JSON.');
  if (type === 'entity.too.large') return new BrokerError('bad_request', 413, 'The body is too large.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new BrokerError('bad_request', 415, 'Unsupported body encoding.');
  // Anything else express or its parsers reject as the client's fault (a malformed %-escape in the path, say).
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return new BrokerError('bad_request', status, 'Malformed request.');
  return new BrokerError('internal', 500, 'Internal broker error.');
}
