import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { challengeHeader } from './challenges.js';
import { findCredential } from './credentials.js';
import { UnauthorizedError } from './errors.js';

/** The caller, as routers see it in `res.locals.user`. */
export interface AuthenticatedUser {
  /** User name (the token's `sub`). */
  username: string;
  /** Groups the user belongs to. */
  groups: string[];
  /** Scopes of the token, if it carries any. */
  scopes: string[];
  /** For a delegated token (RFC 8693), who acts on the user's behalf (`act.sub`). */
  actor?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Set by `requireUser` / `optionalUser` when the request is authenticated. */
      user?: AuthenticatedUser;
    }
  }
}

/** Thrown by an {@link AccessTokenVerifier} for a token it refuses. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/**
 * Checks a presented token. `resourceUrl` is the absolute URL being
 * requested, so audience-restricted tokens only work where they belong.
 */
export interface AccessTokenVerifier {
  /** Resolves to the user, or rejects with {@link InvalidTokenError}. */
  verify(token: string, resourceUrl: string): Promise<AuthenticatedUser>;
}

/** The two authentication middlewares every router uses. */
export interface AuthMiddleware {
  /** Lets only authenticated requests through; others get 401 with the IVOA challenges. */
  requireUser: RequestHandler;
  /**
   * Authenticates when a credential is present and lets anonymous requests
   * through; a credential that is present but invalid still gets 401.
   */
  optionalUser: RequestHandler;
}

/**
 * The public origin a request arrived at: the one its app serves
 * (`createApp` records it; a platform with several origins has an app per
 * origin), else `fallback`.
 */
export function arrivalOrigin(req: Request, fallback: string): string {
  const origin: unknown = req.app.locals.origin;
  return typeof origin === 'string' ? origin : fallback;
}

/**
 * Builds {@link AuthMiddleware} for a platform whose public base URL (where
 * its logins are) is `baseUrl`.
 */
export function createAuthMiddleware(verifier: AccessTokenVerifier, baseUrl: string): AuthMiddleware {
  const authenticate = async (req: Request, res: Response, required: boolean): Promise<void> => {
    const credential = findCredential(req.headers);
    if (credential === undefined) {
      if (required) {
        throw new UnauthorizedError('authentication required', {
          headers: { 'WWW-Authenticate': challengeHeader(baseUrl) },
        });
      }
      return;
    }
    try {
      res.locals.user = await verifier.verify(credential.token, `${arrivalOrigin(req, baseUrl)}${req.originalUrl}`);
      // AuthVO: every answer to an authenticated request says who it was for.
      res.setHeader('X-VO-Authenticated', res.locals.user.username);
    } catch (err) {
      if (!(err instanceof InvalidTokenError)) throw err;
      throw new UnauthorizedError(`invalid credential: ${err.message}`, {
        headers: { 'WWW-Authenticate': challengeHeader(baseUrl, 'invalid_token') },
      });
    }
  };
  return {
    requireUser: (req: Request, res: Response, next: NextFunction) =>
      authenticate(req, res, true).then(() => next(), next),
    optionalUser: (req: Request, res: Response, next: NextFunction) =>
      authenticate(req, res, false).then(() => next(), next),
  };
}

/** The authenticated user of a request that went through `requireUser`. */
export function currentUser(res: Response): AuthenticatedUser {
  const user = res.locals.user;
  if (user === undefined) throw new Error('currentUser() used on a route without requireUser');
  return user;
}
