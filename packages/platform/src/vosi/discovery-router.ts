import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { PlatformContext, RouterFactory, ServiceMount } from '../context.js';
import { NotFoundError } from '../http/index.js';

const SPEC_FILE = /^[a-z][a-z0-9-]*\.yaml$/;
const VERSION = '0.1.0';

/** The URL of a service's VOSI capabilities at its origin, or `undefined` when it has none. */
export function capabilitiesUrl(origin: string, service: ServiceMount): string | undefined {
  if (service.capabilitiesPath === null) return undefined;
  return `${origin}${service.capabilitiesPath ?? `${service.path}/capabilities`}`;
}

/**
 * Discovery endpoints at the platform's base URL: the root JSON index of
 * services, `/healthz`, the CADC registry file `/reg/resource-caps` (the
 * one clients need: every service, at whichever origin it lives) and the
 * OpenAPI specs under `/openapi/`. All anonymous.
 */
export function discoveryRouter(services: readonly ServiceMount[]): RouterFactory {
  return (ctx: PlatformContext) => {
    const router = Router();
    const started = Date.now();
    const { baseUrl } = ctx;
    const originOf = (s: ServiceMount): string => ctx.serviceOrigins[s.name];

    router.get('/', (_req: Request, res: Response) => {
      res.json({
        name: 'vobridge reference platform',
        issuer: ctx.tokens.issuer,
        registry: `${baseUrl}/reg/resource-caps`,
        services: services.map((s) => {
          const caps = capabilitiesUrl(originOf(s), s);
          return {
            name: s.name,
            baseUrl: `${originOf(s)}${s.apiPath ?? s.path}`,
            ...(caps === undefined ? {} : { capabilitiesUrl: caps }),
            ...(s.spec === undefined ? {} : { openapiUrl: `${baseUrl}/openapi/${s.spec}` }),
          };
        }),
      });
    });

    router.get('/healthz', (_req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json({ status: 'ok', version: VERSION, uptime: (Date.now() - started) / 1000 });
    });

    router.get('/reg/resource-caps', (_req: Request, res: Response) => {
      const lines = ['# vobridge reference platform registry'];
      for (const s of services) {
        const url = capabilitiesUrl(originOf(s), s);
        if (url === undefined) continue;
        for (const id of s.resourceIds ?? []) lines.push(`${id} = ${url}`);
      }
      res.type('text/plain').send(`${lines.join('\n')}\n`);
    });

    router.get('/openapi/:file', async (req: Request, res: Response) => {
      const file = String(req.params.file);
      const known = services.some((s) => s.spec === file) || file === 'common.yaml';
      if (!SPEC_FILE.test(file) || !known) throw new NotFoundError(`no such spec ${file}`);
      let text: string;
      try {
        text = await readFile(join(ctx.specsDir, file), 'utf8');
      } catch {
        throw new NotFoundError(`spec ${file} is not installed`);
      }
      res.type('application/yaml').send(text);
    });

    return router;
  };
}
