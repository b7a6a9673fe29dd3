import express, { Router, type Request, type Response } from 'express';
import type { PlatformContext } from '../context.js';
import { BadRequestError, ConflictError, currentUser, errorStyle, SSO_COOKIE } from '../http/index.js';
import { capability, vosiCapabilities } from '../vosi/capabilities.js';
import { vosiRouter } from '../vosi/routes.js';
import { IMAGES, REGISTRY } from './images.js';
import {
  connectUrl,
  NONE,
  SESSION_STATUSES,
  SESSION_TYPES,
  type SessionRecord,
  type SessionStatus,
  type SessionType,
  type SessionView,
} from './model.js';
import { LOGIN_LINK_TTL_SECONDS, LoginLinks } from './login-links.js';
import { sessionProxy } from './proxy.js';
import { LIMITS, SessionService, type LaunchRequest } from './service.js';

/** Standard id of the skaha sessions API. */
export const SKAHA_SESSIONS = 'vos://cadc.nrc.ca~vospace/CADC/std/Proc#sessions-1.0';
/** Default session lifetime (and renewal step): 4 days, as on CANFAR. */
export const DEFAULT_SESSION_LIFETIME = 4 * 24 * 3600;

const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const SESSION_ID = /^[a-z0-9]{1,64}$/;

/**
 * The skaha-compatible sessions service (`/skaha/v1/...`, what the `canfar`
 * client speaks) and the reverse proxy to the sessions (`/session/...`).
 */
export async function sessionsRouter(ctx: PlatformContext): Promise<Router> {
  const service = await SessionService.open({
    dataDir: ctx.dataDir,
    platformUrl: ctx.baseUrl,
    platformOrigins: [...new Set(Object.values(ctx.serviceOrigins))],
    delegationAudiences: [`${ctx.serviceOrigins.vospace}/vospace`, `${ctx.serviceOrigins.gms}/gms`],
    users: ctx.users,
    tokens: ctx.tokens,
    logger: ctx.logger.child({ service: 'sessions' }),
    lifetimeSeconds: ctx.sessionLifetimeSeconds ?? DEFAULT_SESSION_LIFETIME,
    ...(ctx.caCertPath === undefined ? {} : { caCertPath: ctx.caCertPath }),
    isolate: ctx.isolateSessions,
    runDir: ctx.sessionsDir,
  });
  ctx.onClose(() => service.close());

  const router = Router();
  const skahaBase = `${ctx.serviceOrigins.sessions}/skaha`;
  router.use(
    '/skaha',
    vosiRouter(ctx.baseUrl, () => [
      ...vosiCapabilities(skahaBase),
      capability(SKAHA_SESSIONS, `${skahaBase}/v1`, { use: 'base' }),
    ]),
  );

  const api = Router();
  api.use(errorStyle('text'), ctx.auth.requireUser);
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });
  const view = async (record: SessionRecord): Promise<SessionView> => toView(ctx, service, record);

  api.get('/session', async (req: Request, res: Response) => {
    const user = currentUser(res);
    const mode = optional(req.query.view, 'view');
    if (mode !== undefined && mode !== 'stats' && mode !== 'all')
      throw new BadRequestError('view must be stats or all');
    if (mode === 'stats') {
      res.json(stats(service.all()));
      return;
    }
    const type = optional(req.query.type, 'type');
    const status = optional(req.query.status, 'status');
    if (type !== undefined && !SESSION_TYPES.includes(type as SessionType))
      throw new BadRequestError(`unknown session type ${type}`);
    if (status !== undefined && !SESSION_STATUSES.includes(status as SessionStatus))
      throw new BadRequestError(`unknown status ${status}`);
    const sessions = service.list(user, {
      ...(type === undefined ? {} : { type: type as SessionType }),
      ...(status === undefined ? {} : { status: status as SessionStatus }),
    });
    res.json(await Promise.all(sessions.map(view)));
  });

  api.post('/session', form, async (req: Request, res: Response) => {
    const record = await service.launch(currentUser(res), parseLaunch(req));
    res.type('text/plain').send(`${record.id}\n`);
  });

  api.get('/session/:id', async (req: Request, res: Response) => {
    const user = currentUser(res);
    const id = sessionId(req);
    const mode = optional(req.query.view, 'view');
    const record = service.get(user, id);
    if (mode === undefined) res.json(await view(record));
    else if (mode === 'logs') res.type('text/plain').send(await service.logs(user, id));
    else if (mode === 'events') res.type('text/plain').send(record.events.map((e) => `${e}\n`).join(''));
    else throw new BadRequestError('view must be logs or events');
  });

  api.post('/session/:id', form, async (req: Request, res: Response) => {
    const action = optional(req.query.action ?? (req.body as Record<string, unknown> | undefined)?.action, 'action');
    const id = sessionId(req);
    if (action !== 'renew') throw new BadRequestError('action must be renew');
    const record = await service.renew(currentUser(res), id);
    res.type('text/plain').send(`renewed until ${record.expiryTime}\n`);
  });

  api.delete('/session/:id', async (req: Request, res: Response) => {
    await service.delete(currentUser(res), sessionId(req));
    res.status(200).end();
  });

  api.get('/image', (req: Request, res: Response) => {
    const type = optional(req.query.type, 'type');
    if (type !== undefined && !SESSION_TYPES.includes(type as SessionType))
      throw new BadRequestError(`unknown session type ${type}`);
    res.json(
      IMAGES.filter((i) => type === undefined || i.types.includes(type as SessionType)).map(
        ({ id, types, digest }) => ({ id, types, digest }),
      ),
    );
  });

  api.get('/context', (_req: Request, res: Response) => {
    res.json({
      cores: LIMITS.cores,
      memoryGB: LIMITS.memoryGB,
      gpus: LIMITS.gpus,
      maxInteractiveSessions: LIMITS.maxInteractiveSessions,
    });
  });

  api.get('/repository', (_req: Request, res: Response) => {
    res.json([REGISTRY]);
  });

  // Open logged in: a one-time link for the browser, asked for with the user's token (login-links.ts).
  const links = new LoginLinks();
  const origin = ctx.serviceOrigins.sessions;
  api.post('/session/:id/login-link', (req: Request, res: Response) => {
    const user = currentUser(res);
    const record = service.get(user, sessionId(req));
    if (record.type === 'headless') throw new ConflictError(`session ${record.id} is headless: it has no page to open`);
    if (record.status !== 'Running')
      throw new ConflictError(`session ${record.id} is ${record.status.toLowerCase()}: it opens once it runs`);
    const nonce = links.issue(user.username, new URL(connectUrl(origin, record)).pathname);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ url: `${origin}/session-login/${nonce}`, expires_in: LOGIN_LINK_TTL_SECONDS });
  });

  router.use('/skaha/v1', api);
  router.get('/session-login/:nonce', errorStyle('text'), async (req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    // The nonce is in this URL: the session page must not learn it from a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    const link = links.redeem(String(req.params.nonce));
    if (link === undefined) {
      res
        .status(404)
        .type('text/plain')
        .send('This login link was already used or has expired. Open the session again from where you found it.\n');
      return;
    }
    // A token good for session pages only, in an HttpOnly cookie no page script can read.
    const { token, expiresIn } = await ctx.tokens.issue({ username: link.username, audience: `${origin}/session/` });
    res.cookie(SSO_COOKIE, token, {
      path: '/session/',
      httpOnly: true,
      sameSite: 'lax',
      secure: origin.startsWith('https:'),
      maxAge: expiresIn * 1000,
    });
    res.redirect(303, link.target);
  });
  router.use(sessionProxy(ctx, service));
  return router;
}

/** A single-valued query parameter (repeating it is an error). */
function optional(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(`${name} must be given once`);
  return value;
}

function sessionId(req: Request): string {
  const id = String(req.params.id);
  if (!SESSION_ID.test(id)) throw new BadRequestError('session ids are lower-case letters and digits');
  return id;
}

function integer(value: unknown, name: string, min: number): number | undefined {
  const text = optional(value, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,6}$/.test(text) || Number(text) < min) throw new BadRequestError(`${name} must be an integer >= ${min}`);
  return Number(text);
}

/** Reads a launch from the query string (what `canfar` sends) and a form body (older clients). */
function parseLaunch(req: Request): LaunchRequest {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const param = (name: string): unknown => req.query[name] ?? body[name];
  const name = optional(param('name'), 'name');
  const image = optional(param('image'), 'image');
  if (name === undefined || !NAME.test(name))
    throw new BadRequestError('name is required: letters, digits and -, at most 64');
  if (image === undefined || image === '') throw new BadRequestError('image is required');
  const type = optional(param('type'), 'type') ?? 'headless';
  if (!SESSION_TYPES.includes(type as SessionType)) throw new BadRequestError(`unknown session type ${type}`);
  const envValues = param('env');
  const envList = envValues === undefined ? [] : Array.isArray(envValues) ? envValues.map(String) : [String(envValues)];
  // No prototype: a `__proto__=...` entry stays an ordinary key that the environment check refuses.
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const entry of envList) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new BadRequestError('env must be KEY=VALUE');
    env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  const cores = integer(param('cores'), 'cores', 1);
  const ram = integer(param('ram'), 'ram', 1);
  const gpus = integer(param('gpus'), 'gpus', 0);
  const cmd = optional(param('cmd'), 'cmd');
  const args = optional(param('args'), 'args');
  return {
    name,
    image,
    type: type as SessionType,
    env,
    ...(cores === undefined ? {} : { cores }),
    ...(ram === undefined ? {} : { ram }),
    ...(gpus === undefined ? {} : { gpus }),
    ...(cmd === undefined ? {} : { cmd }),
    ...(args === undefined ? {} : { args }),
  };
}

async function toView(ctx: PlatformContext, service: SessionService, record: SessionRecord): Promise<SessionView> {
  const user = ctx.users.get(record.owner);
  const uid = user === undefined ? NONE : String(user.uid);
  const usage = await service.runtime.usage(
    record.status === 'Running' ? record.pid : undefined,
    new Date(record.startTime),
  );
  return {
    id: record.id,
    userid: record.owner,
    runAsUID: uid,
    runAsGID: uid,
    supplementalGroups: (user?.groups ?? [])
      .map((g) => ctx.users.group(g)?.gid)
      .filter((gid): gid is number => gid !== undefined),
    appid: NONE,
    image: record.image,
    type: record.type,
    status: record.status,
    name: record.name,
    startTime: record.startTime,
    expiryTime: record.expiryTime,
    connectURL: connectUrl(ctx.serviceOrigins.sessions, record),
    requestedRAM: record.ramGB === undefined ? NONE : `${record.ramGB}G`,
    requestedCPUCores: record.cores === undefined ? NONE : String(record.cores),
    requestedGPUCores: record.gpus === undefined || record.gpus === 0 ? NONE : String(record.gpus),
    ramInUse: usage.ramInUse,
    gpuRAMInUse: NONE,
    cpuCoresInUse: usage.cpuCoresInUse,
    gpuUtilization: NONE,
    isFixedResources: record.cores !== undefined && record.ramGB !== undefined,
  };
}

function stats(sessions: readonly SessionRecord[]): Record<string, unknown> {
  const live = sessions.filter((s) => s.status === 'Pending' || s.status === 'Running');
  const headless = live.filter((s) => s.type === 'headless').length;
  const desktopApp = live.filter((s) => s.type === 'desktop-app').length;
  const requested = live.reduce((sum, s) => sum + (s.cores ?? LIMITS.cores.defaultRequest), 0);
  const maxCores = LIMITS.cores.defaultLimit;
  const maxRam = `${LIMITS.memoryGB.defaultLimit}Gi`;
  return {
    instances: { session: live.length - headless - desktopApp, desktopApp, headless, total: live.length },
    cores: { requestedCPUCores: requested, coresAvailable: maxCores, maxCores: { cores: maxCores, withRam: maxRam } },
    ram: { maxRAM: { ram: maxRam, withCores: maxCores } },
  };
}
