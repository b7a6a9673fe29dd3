import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../log/logger.js';
import { HttpError } from './errors.js';

/**
 * How a router's errors are written by default: `text` is the IVOA style
 * (plain-text message, fault name first) that UWS, VOSpace, GMS and skaha
 * clients read; `json` is `{error, message}`. A client's `Accept` header
 * still wins when it prefers the other one.
 */
export type ErrorStyle = 'text' | 'json';

/** Middleware that sets the default {@link ErrorStyle} for the routes after it. */
export function errorStyle(style: ErrorStyle): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.locals.errorStyle = style;
    next();
  };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Default error body format for this route (see `errorStyle`). */
      errorStyle?: ErrorStyle;
    }
  }
}

/** Writes `error` as the HTTP answer, in the style the route and client want. */
export function sendError(req: Request, res: Response, error: HttpError): void {
  const style = res.locals.errorStyle ?? 'json';
  const offered = style === 'text' ? ['text/plain', 'application/json'] : ['application/json', 'text/plain'];
  const wantsJson = req.accepts(offered) === 'application/json';
  res.status(error.status);
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (wantsJson) {
    res.json({ error: error.code, message: error.message });
  } else {
    res.type('text/plain').send(`${error.fault === undefined ? '' : `${error.fault}: `}${error.message}\n`);
  }
}

/**
 * Converts whatever a route threw into an answer: {@link HttpError}s as they
 * are, body-parser failures as 400/413/415, anything else as a logged 500
 * whose body reveals nothing internal.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      // Too late for a clean answer: cut the connection so the client sees a failure, not a truncated success.
      logger.warn('error after response started', { method: req.method, path: req.path, error: describe(err) });
      next(err);
      return;
    }
    sendError(req, res, toHttpError(err, logger, req));
  };
}

function toHttpError(err: unknown, logger: Logger, req: Request): HttpError {
  if (err instanceof HttpError) return err;
  const status = statusOf(err);
  if (status !== undefined && status >= 400 && status < 500) {
    // body-parser and friends: their messages are safe and useful ("request entity too large").
    const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'bad_request';
    return new HttpError(status, code, (err as Error).message);
  }
  logger.error('unhandled error', { method: req.method, path: req.path, error: describe(err) });
  return new HttpError(500, 'internal', 'unexpected error', { fault: 'InternalFault' });
}

function statusOf(err: unknown): number | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const candidate =
    (err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode;
  return typeof candidate === 'number' ? candidate : undefined;
}

function describe(err: unknown): unknown {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err);
}
