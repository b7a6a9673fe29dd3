import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { PlatformContext, ServiceMount } from './context.js';
import { gmsRouter } from './gms/router.js';
import { join } from 'node:path';
import { createErrorHandler, NotFoundError, openapiValidator } from './http/index.js';
import { identityRouter } from './identity/router.js';
import { sessionsRouter } from './sessions/router.js';
import { uwsRouter } from './uws/router.js';
import { vospaceRouter } from './vospace/router.js';
import { discoveryRouter } from './vosi/discovery-router.js';

/**
 * The services of the platform. To add one, write a router factory
 * `(ctx: PlatformContext) => Router` in its own folder and add ONE line here;
 * the root index, `/reg/resource-caps` and `/openapi/*` pick it up.
 */
export const SERVICES: readonly ServiceMount[] = [
  {
    name: 'auth',
    path: '',
    router: identityRouter,
    capabilitiesPath: '/capabilities',
    spec: 'auth.yaml',
    resourceIds: ['ivo://vobridge.org/auth'],
    errorStyle: 'json',
  },
  {
    name: 'gms',
    path: '/gms',
    router: gmsRouter,
    spec: 'gms.yaml',
    resourceIds: ['ivo://cadc.nrc.ca/gms', 'ivo://opencadc.org/gms'],
  },
  {
    name: 'sessions',
    path: '',
    apiPath: '/skaha/v1',
    router: sessionsRouter,
    capabilitiesPath: '/skaha/capabilities',
    spec: 'sessions.yaml',
    resourceIds: ['ivo://cadc.nrc.ca/skaha', 'ivo://opencadc.org/skaha'],
  },
  {
    name: 'vospace',
    path: '/vospace',
    router: vospaceRouter,
    spec: 'vospace.yaml',
    resourceIds: ['ivo://cadc.nrc.ca/vault', 'ivo://opencadc.org/vault', 'ivo://vobridge.org/vault'],
  },
  { name: 'uws', path: '/uws', router: uwsRouter, spec: 'uws.yaml', resourceIds: ['ivo://vobridge.org/uws'] },
];

/**
 * Builds the express application that answers at `origin`, one of the
 * platform's: the services whose origin it is and, at the platform's own
 * base URL, the discovery endpoints (root index, registry, specs) listing
 * every service wherever it lives.
 */
export async function createApp(
  ctx: PlatformContext,
  origin: string = ctx.baseUrl,
  allServices: readonly ServiceMount[] = SERVICES,
): Promise<Express> {
  const services = allServices.filter((s) => ctx.serviceOrigins[s.name] === origin);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Where requests to this app arrive: audience checks compare tokens with `<origin><path>`.
  app.locals.origin = origin;
  app.use(requestLog(ctx));
  // Requests are held to the specs; the OIDC provider answers its own endpoints in OAuth's error format.
  const specs = services.flatMap((s) =>
    s.spec === undefined ? [] : [{ path: join(ctx.specsDir, s.spec), errorStyle: s.errorStyle ?? 'text' }],
  );
  app.use(openapiValidator(specs, { skipParameters: ['/oidc', '/.well-known'] }));
  if (origin === ctx.baseUrl) app.use(await discoveryRouter(allServices)(ctx));
  else app.get('/healthz', (_req: Request, res: Response) => void res.json({ status: 'ok' }));
  for (const service of services) {
    const router = await service.router(ctx);
    if (service.path === '') app.use(router);
    else app.use(service.path, router);
  }
  app.use((req: Request) => {
    throw new NotFoundError(`no such resource: ${req.method} ${req.path}`, { fault: 'NotFound' });
  });
  app.use(createErrorHandler(ctx.logger));
  return app;
}

function requestLog(ctx: PlatformContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      ctx.logger.info('request', {
        method: req.method,
        // The path only: query strings can carry codes and states.
        path: req.path,
        status: res.statusCode,
        user: res.locals.user?.username,
        ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
      });
    });
    next();
  };
}
