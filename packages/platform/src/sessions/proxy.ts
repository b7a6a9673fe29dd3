import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { PlatformContext, UpgradeHandler } from '../context.js';
import {
  challengeHeader,
  currentUser,
  findCredential,
  HttpError,
  InvalidTokenError,
  NotFoundError,
  isPlatformCookie,
  type AuthenticatedUser,
} from '../http/index.js';
import type { SessionRecord } from './model.js';
import type { SessionService } from './service.js';

const SESSION_PATH = /^\/session\/([a-z-]+)\/([a-z0-9]+)(\/.*)?$/;

/** Hop-by-hop headers (RFC 9110 §7.6.1), never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Request headers for the session process: the platform credentials are
 * removed (the session never sees the user's token or the platform's SSO and
 * OIDC cookies; it gets its own delegated token), as are hop-by-hop headers;
 * forwarding headers are added.
 */
function upstreamHeaders(
  headers: IncomingHttpHeaders,
  publicOrigin: string,
  keepUpgrade: boolean,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name === 'authorization' || name === 'x-cadc-delegationtoken') continue;
    if (HOP_BY_HOP.has(name) && !(keepUpgrade && (name === 'upgrade' || name === 'connection'))) continue;
    if (name === 'cookie') {
      const kept = String(value)
        .split(';')
        .filter((part) => !isPlatformCookie(part.trim().split('=')[0] ?? ''))
        .join(';')
        .trim();
      if (kept !== '') out.cookie = kept;
      continue;
    }
    out[name] = value;
  }
  const origin = new URL(publicOrigin);
  out['x-forwarded-host'] = origin.host;
  out['x-forwarded-proto'] = origin.protocol.slice(0, -1);
  return out;
}

function target(
  service: SessionService,
  user: AuthenticatedUser,
  type: string,
  id: string,
): SessionRecord & { port: number } {
  const record = service.find(id);
  // Someone else's session looks exactly like a missing one.
  if (record === undefined || record.owner !== user.username || record.type !== type)
    throw new NotFoundError(`session ${id} not found`);
  if (record.status !== 'Running' || record.port === undefined) {
    throw new HttpError(503, 'unavailable', `session ${id} is ${record.status.toLowerCase()}`, {
      headers: { 'Retry-After': '2' },
    });
  }
  return record as SessionRecord & { port: number };
}

/**
 * Reverse proxy from `/session/<type>/<id>/...` on the sessions origin to
 * the session's process, for its owner only (token, delegation header or
 * SSO cookie). Websocket upgrades are authenticated the same way.
 */
export function sessionProxy(ctx: PlatformContext, service: SessionService): Router {
  const router = Router();

  router.all(/^\/session\/[a-z-]+\/[a-z0-9]+$/, (req: Request, res: Response) => {
    res.redirect(301, `${req.path}/`);
  });

  router.all(
    /^\/session\/[a-z-]+\/[a-z0-9]+\/.*$/,
    ctx.auth.requireUser,
    (req: Request, res: Response, next: NextFunction) => {
      const match = SESSION_PATH.exec(req.path);
      if (match === null) throw new NotFoundError('no such session path');
      const record = target(service, currentUser(res), match[1] as string, match[2] as string);
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: record.port,
          method: req.method,
          path: req.originalUrl,
          headers: upstreamHeaders(req.headers, ctx.serviceOrigins.sessions, false),
        },
        (answer: IncomingMessage) => {
          const headers: OutgoingHttpHeaders = {};
          for (const [name, value] of Object.entries(answer.headers))
            if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
          res.writeHead(answer.statusCode ?? 502, headers);
          answer.pipe(res);
          answer.on('error', () => res.destroy());
        },
      );
      upstream.on('error', (err) => {
        if (res.headersSent) res.destroy();
        else next(new HttpError(502, 'bad_gateway', `session ${record.id} did not answer`, { cause: err }));
      });
      req.pipe(upstream);
    },
  );

  ctx.onUpgrade(upgradeHandler(ctx, service));
  return router;
}

function upgradeHandler(ctx: PlatformContext, service: SessionService): UpgradeHandler {
  return (req: IncomingMessage, socket: Duplex, head: Buffer, origin: string) => {
    // Session pages live at the sessions service's origin only.
    if (origin !== ctx.serviceOrigins.sessions) return false;
    const raw = req.url ?? '/';
    const parsed = new URL(raw, 'http://localhost');
    const refuse = (status: number, reason: string, extra = ''): void => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n${extra}\r\n`);
    };
    // One path for routing and for the audience check: a target that URL
    // normalisation would change (`..`, `%2e%2e`, backslashes) is refused, so
    // `/vospace/../session/...` can neither be routed here nor authorised as VOSpace.
    if (`${parsed.pathname}${parsed.search}` !== raw) {
      if (!SESSION_PATH.test(parsed.pathname)) return false;
      refuse(400, 'Bad Request');
      return true;
    }
    const match = SESSION_PATH.exec(parsed.pathname);
    if (match === null) return false;
    const credential = findCredential(req.headers);
    if (credential === undefined) {
      refuse(401, 'Unauthorized', `WWW-Authenticate: ${challengeHeader(ctx.baseUrl)}\r\n`);
      return true;
    }
    ctx.tokens
      .verify(credential.token, `${origin}${raw}`)
      .then((user) => {
        const record = target(service, user, match[1] as string, match[2] as string);
        const upstream = connect(record.port, '127.0.0.1', () => {
          const headers = upstreamHeaders(req.headers, origin, true);
          const lines = [`${req.method ?? 'GET'} ${raw} HTTP/1.1`];
          for (const [name, value] of Object.entries(headers)) {
            for (const item of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${String(item)}`);
          }
          upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
          if (head.length > 0) upstream.write(head);
          upstream.pipe(socket);
          socket.pipe(upstream);
        });
        upstream.on('error', () => socket.destroy());
        socket.on('close', () => upstream.destroy());
      })
      .catch((err: unknown) => {
        if (err instanceof InvalidTokenError)
          refuse(401, 'Unauthorized', `WWW-Authenticate: ${challengeHeader(ctx.baseUrl, 'invalid_token')}\r\n`);
        else if (err instanceof HttpError) refuse(err.status, err.status === 404 ? 'Not Found' : 'Service Unavailable');
        else {
          ctx.logger.error('session upgrade failed', { error: err });
          refuse(500, 'Internal Server Error');
        }
      });
    return true;
  };
}
