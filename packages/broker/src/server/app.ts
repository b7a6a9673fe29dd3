import express, { type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, BrokerError, NotFoundError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { SessionsWatch } from '../events/sessions-watch.js';
import { serveEvents } from '../events/sse.js';
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
} from '@vobridge/sdk/broker';
import { sessionTypeValues } from '@vobridge/sdk/openapi/broker';
import type { SessionsGateway } from '../sessions/gateway.js';
import { parseLaunchRequest } from '../sessions/launch-request.js';
import { sendError } from './responses.js';
import { COMMON_HEADERS } from './guard.js';
import type { RequestCheck } from './security.js';

/** What the HTTP layer needs from the broker. */
export interface AppContext {
  /** The checks every broker request passes first (see `createGuard`). */
  guard: RequestCheck;
  logins: LoginRegistry;
  bus: EventBus;
  client: PlatformClient;
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

/**
 * The broker's HTTP API (`openapi/broker.yaml`) but for `GET /v1/token`,
 * which is served ahead of it (`token-route.ts`). Every route, `/healthz`
 * included, sits behind the same guard.
 */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    res.on('finish', () => ctx.log(`${req.method} ${req.path} ${res.statusCode}`));
    res.set(COMMON_HEADERS);
    next(ctx.guard(req, res));
  });
  app.use(express.json({ limit: BODY_LIMIT, strict: true }));

  app.get('/healthz', (_req, res) => {
    res.json({
      status: 'ok',
      version: ctx.version,
      pid: process.pid,
      logins: ctx.logins.established().length,
    } satisfies BrokerHealth);
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
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => sendError(res, error, ctx.log));
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
