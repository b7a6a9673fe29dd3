// The platform's UWS service: `/uws/{list}` for each job type (`sleep`, the
// test job, and `cone`, a cone search over the bundled bright-star table).

import { Router, type Request, type Response } from 'express';
import { join } from 'node:path';
import type { PlatformContext } from '../context.js';
import { outboundRequest } from '../tls/outbound.js';
import { currentUser, errorStyle, findCredential, InvalidTokenError } from '../http/index.js';
import { capability, vosiCapabilities } from '../vosi/capabilities.js';
import { vosiRouter } from '../vosi/routes.js';
import { formPairs, jobRoutes, parseForm } from './http.js';
import type { Delegation } from './job-type.js';
import { JobManager } from './manager.js';
import { coneJob } from './types/cone.js';
import { sleepJob } from './types/sleep.js';

/** Each job list appears in the capabilities as `<UWS_JOB_LIST>#<list>`. */
export const UWS_JOB_LIST = 'ivo://vobridge.org/uws';

/** Builds the UWS router and starts its job runner (stopped when the platform closes). */
export async function uwsRouter(ctx: PlatformContext): Promise<Router> {
  const jobs = await JobManager.open({
    dir: join(ctx.dataDir, 'uws'),
    types: [
      sleepJob,
      coneJob({ vospaceUrl: `${ctx.serviceOrigins.vospace}/vospace`, request: outboundRequest(ctx.caCertPath) }),
    ],
    logger: ctx.logger.child({ service: 'uws' }),
  });
  ctx.onClose(() => jobs.close());
  const base = `${ctx.serviceOrigins.uws}/uws`;
  const router = Router();
  router.use(
    vosiRouter(ctx.baseUrl, () => [
      ...vosiCapabilities(base),
      ...jobs.lists.map((list) => capability(`${UWS_JOB_LIST}#${list}`, `${base}/${list}`, { use: 'base' })),
    ]),
  );
  router.use(errorStyle('text'), ctx.auth.requireUser);
  const listOf = (req: Request): string => String(req.params.list);

  router.post('/:list', parseForm, async (req: Request, res: Response) => {
    const list = listOf(req);
    const credential = await delegate(ctx, req, jobs.delegationOf(list));
    const job = await jobs.create(
      list,
      currentUser(res).username,
      await formPairs(req),
      credential === undefined ? {} : { credential },
    );
    res.redirect(303, `${base}/${list}/${job.id}`);
  });
  router.use('/:list', jobRoutes(jobs, { list: listOf, listUrl: (list) => `${base}/${list}` }));
  return router;
}

/** Longest life of a delegated job token, in seconds. */
const DELEGATION_TTL = 3600;

/**
 * Exchanges the caller's credential (RFC 8693) for a token restricted to the
 * job type's audience and naming the job runner as actor. A credential
 * that cannot be exchanged (a token whose audience is narrower, say) leaves
 * the job without one; it fails with a clear error only if it needs it.
 */
async function delegate(
  ctx: PlatformContext,
  req: Request,
  delegation: Delegation | undefined,
): Promise<string | undefined> {
  const presented = delegation && findCredential(req.headers);
  if (!delegation || !presented) return undefined;
  try {
    const issued = await ctx.tokens.exchange(presented.token, {
      actor: delegation.actor,
      audience: delegation.audience,
      maxTtlSeconds: DELEGATION_TTL,
    });
    return issued.token;
  } catch (err) {
    if (err instanceof InvalidTokenError) return undefined;
    throw err;
  }
}
