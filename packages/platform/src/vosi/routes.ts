import { Router, type Request, type Response } from 'express';
import { challengeHeader } from '../http/index.js';
import { renderAvailability, renderCapabilities, type Capability } from './capabilities.js';

/**
 * A router serving `/capabilities` and `/availability` for one service.
 * Both stay anonymous; `/capabilities` carries the login challenges on its
 * 200 (optional authentication), as the IVOA SSO note recommends.
 * `capabilities` is called per request because URLs depend on the base URL only.
 */
export function vosiRouter(baseUrl: string, capabilities: () => readonly Capability[]): Router {
  const router = Router();
  router.get('/capabilities', (_req: Request, res: Response) => {
    res.setHeader('WWW-Authenticate', challengeHeader(baseUrl));
    res.type('application/xml').send(renderCapabilities(capabilities()));
  });
  router.get('/availability', (_req: Request, res: Response) => {
    res.type('application/xml').send(renderAvailability(true, 'service is accepting requests'));
  });
  return router;
}
