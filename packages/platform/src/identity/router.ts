import express, { Router, type Request, type Response } from 'express';
import type { PlatformContext } from '../context.js';
import {
  BadRequestError,
  challengeHeader,
  currentUser,
  errorStyle,
  SSO,
  SSO_COOKIE,
  UnauthorizedError,
} from '../http/index.js';
import { capability, vosiCapabilities } from '../vosi/capabilities.js';
import { vosiRouter } from '../vosi/routes.js';
import { oidcRouter } from './oidc.js';
import type { UserRecord } from './users.js';

/** Standard id of the CADC user service that `whoami` implements. */
const UMS_USERS = 'vos://cadc.nrc.ca~vospace/CADC/std/UMS#users-1.0';

/**
 * Password and cookie logins (`/ac/login`, `/ac/cookie`), `/ac/whoami`,
 * `/authcheck`, the VOSI capabilities of the authentication service and the
 * OIDC provider under `/oidc`.
 */
export async function identityRouter(ctx: PlatformContext): Promise<Router> {
  const router = Router();
  const { baseUrl } = ctx;
  router.use(
    vosiRouter(baseUrl, () => [
      ...vosiCapabilities(baseUrl),
      capability(SSO.password, `${baseUrl}/ac/login`, { anonymous: true }),
      capability(SSO.cookie, `${baseUrl}/ac/cookie`, { anonymous: true }),
      capability(SSO.oauth, `${baseUrl}/oidc/auth`, { anonymous: true }),
      capability(UMS_USERS, `${baseUrl}/ac/whoami`),
    ]),
  );

  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 });
  const login = async (req: Request): Promise<UserRecord> => {
    const body: unknown = req.body;
    const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const { username, password } = fields;
    if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '') {
      throw new BadRequestError('username and password are required (application/x-www-form-urlencoded)');
    }
    const user = await ctx.users.authenticate(username, password);
    if (user === undefined) {
      ctx.logger.info('login refused', { username });
      throw new UnauthorizedError('wrong user name or password', {
        headers: { 'WWW-Authenticate': challengeHeader(baseUrl, 'missing') },
      });
    }
    return user;
  };

  router.post('/ac/login', errorStyle('text'), form, async (req: Request, res: Response) => {
    const user = await login(req);
    const { token } = await ctx.tokens.issue({ username: user.username });
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('x-vo-authenticated', user.username);
    res.setHeader('x-vo-bearer', token);
    res.type('text/plain').send(token);
  });

  router.post('/ac/cookie', errorStyle('text'), form, async (req: Request, res: Response) => {
    const user = await login(req);
    const { token, expiresIn } = await ctx.tokens.issue({ username: user.username });
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('x-vo-authenticated', user.username);
    res.cookie(SSO_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: baseUrl.startsWith('https:'),
      maxAge: expiresIn * 1000,
    });
    res.type('text/plain').send(user.username);
  });

  router.get('/ac/whoami', errorStyle('json'), ctx.auth.requireUser, (_req: Request, res: Response) => {
    const user = currentUser(res);
    res.setHeader('x-vo-authenticated', user.username);
    res.json({ username: user.username, groups: user.groups });
  });

  router.get('/authcheck', errorStyle('text'), ctx.auth.requireUser, (_req: Request, res: Response) => {
    const user = currentUser(res);
    res.setHeader('x-vo-authenticated', user.username);
    res.type('text/plain').send(user.username);
  });

  router.use(await oidcRouter(ctx, ctx.tokens.signingKey));
  return router;
}
