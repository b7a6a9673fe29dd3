import { Router, type Request, type Response } from 'express';
import type { PlatformContext } from '../context.js';
import { currentUser, errorStyle, ForbiddenError, NotFoundError } from '../http/index.js';
import { capability, vosiCapabilities } from '../vosi/capabilities.js';
import { vosiRouter } from '../vosi/routes.js';

/** IVOA GMS 1.0 standard id of the membership search. */
export const GMS_SEARCH = 'ivo://ivoa.net/std/GMS#search-1.0';
/** CADC standard id of the password login that `cadcutils` looks up in the GMS capabilities. */
export const UMS_LOGIN = 'ivo://ivoa.net/std/UMS#login-0.1';
/** CADC standard id of the groups resource. */
export const GMS_GROUPS = 'ivo://ivoa.net/std/GMS#groups-0.1';

/** A group as the JSON endpoints show it. */
export interface GroupView {
  name: string;
  /** IVOA group identifier `ivo://<authority>/gms?<name>`. */
  uri: string;
  /** Only in `GET /groups/{name}`. */
  members?: string[];
  /** Only in `GET /groups/{name}`; always empty: groups come from the users file. */
  admins?: string[];
}

/**
 * Group membership service (IVOA GMS 1.0 `search` plus JSON listings).
 * Admin-less: a user sees the groups they are in and those groups'
 * members; other existing groups answer 403, unknown ones 404.
 */
export function gmsRouter(ctx: PlatformContext): Router {
  const router = Router();
  const base = `${ctx.serviceOrigins.gms}/gms`;
  const authority = new URL(ctx.baseUrl).hostname;
  const uriOf = (name: string): string => `ivo://${authority}/gms?${name}`;
  router.use(
    vosiRouter(ctx.baseUrl, () => [
      ...vosiCapabilities(base),
      capability(GMS_SEARCH, `${base}/search`),
      capability(GMS_GROUPS, `${base}/groups`, { use: 'base' }),
      capability(UMS_LOGIN, `${ctx.baseUrl}/ac/login`, { anonymous: true }),
    ]),
  );
  router.use(errorStyle('text'), ctx.auth.requireUser);

  // IVOA GMS 1.0: the caller's groups, one per line, optionally only those among `group=` values.
  router.get('/search', (req: Request, res: Response) => {
    const user = currentUser(res);
    // Full identifiers (`ivo://host/gms?name`) name the same group as the short name.
    const asked = queryList(req.query.group).map((g) =>
      g.startsWith('ivo://') && g.includes('?') ? g.slice(g.indexOf('?') + 1) : g,
    );
    const groups = asked.length === 0 ? user.groups : user.groups.filter((g) => asked.includes(g));
    res.type('text/plain').send(groups.map((g) => `${g}\n`).join(''));
  });

  router.get('/groups', (_req: Request, res: Response) => {
    const user = currentUser(res);
    res.json(user.groups.map((name): GroupView => ({ name, uri: uriOf(name) })));
  });

  router.get('/groups/:name', (req: Request, res: Response) => {
    const user = currentUser(res);
    const name = String(req.params.name);
    if (ctx.users.group(name) === undefined) throw new NotFoundError(`no such group ${name}`);
    if (!user.groups.includes(name)) throw new ForbiddenError(`${user.username} is not a member of ${name}`);
    const view: GroupView = { name, uri: uriOf(name), members: ctx.users.members(name), admins: [] };
    res.json(view);
  });

  return router;
}

function queryList(value: unknown): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}
