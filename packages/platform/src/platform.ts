import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { chmod, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import type { PlatformContext, UpgradeHandler } from './context.js';
import { createAuthMiddleware } from './http/index.js';
import { checkClientIds, parseOAuthClients, type OAuthClientMetadata } from './identity/clients.js';
import { loadSigningKey } from './identity/keys.js';
import { TokenService } from './identity/tokens.js';
import { readUsersFile, UserStore, type UserSpec } from './identity/users.js';
import { createLogger, type Logger, type LogLevel } from './log/logger.js';
import { isolatesSessions, sessionsRunDir } from './sessions/sandbox.js';
import { loadTlsMaterial } from './tls/certificates.js';

/** Options of {@link startPlatform}. */
export interface PlatformOptions {
  /** Directory holding all state (created if missing). */
  dataDir: string;
  /** TCP port; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Users: a list, or the path of a users JSON file. Default: the stored users, or the demo users. */
  users?: readonly UserSpec[] | string;
  /** Lifetime of access tokens in seconds (default 3600). */
  accessTokenTtlSeconds?: number;
  /** Public base URL when behind a proxy (default `http://<host>:<port>`). */
  publicUrl?: string;
  /** Logger (default: JSON lines on standard error at `logLevel`). */
  logger?: Logger;
  /** Level of the default logger (default `warn`, so tests stay quiet). */
  logLevel?: LogLevel;
  /** Directory of the OpenAPI specs (default: the repository's `openapi/`). */
  specsDir?: string;
  /** Session lifetime and renewal step in seconds (default 4 days). */
  sessionLifetimeSeconds?: number;
  /**
   * Serve HTTPS with a certificate from the platform's own CA (created in
   * `<dataDir>/tls/` on first start), for clients that insist on HTTPS.
   */
  tls?: boolean;
  /**
   * OAuth clients to register besides the platform's own public client
   * `vobridge`, e.g. a confidential client (`client_secret_basic`) for
   * oidc-agent. Checked before the platform listens; a bad entry throws
   * `OAuthClientError`. There is no default secret: the operator supplies it.
   */
  oauthClients?: readonly OAuthClientMetadata[];
}

/** A running platform. */
export interface RunningPlatform {
  /** Base URL, without a trailing slash. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** With `tls`: the CA certificate clients must trust. */
  caPath?: string;
  /** Where sessions get their working directories (outside the data directory when they run as their owners). */
  sessionsDir: string;
  /** The shared context (for tests that need the token service or stores). */
  context: PlatformContext;
  /** Stops accepting requests, runs the services' shutdown hooks and closes every connection. */
  close(): Promise<void>;
}

/** The specs the build copies into the package (the same from `src/` in tests and from `dist/`). */
const DEFAULT_SPECS_DIR = fileURLToPath(new URL('../dist/openapi/', import.meta.url));

/**
 * Starts the reference platform and resolves once it accepts requests.
 * Listening happens first (so `port: 0` knows its URL), but requests are
 * answered 503 until every service is ready.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'warn' });
  const oauthClients = parseOAuthClients(options.oauthClients ?? [], 'oauthClients');
  checkClientIds(oauthClients);
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Private to the platform, also when it existed before: sessions work elsewhere (sessions/sandbox.ts).
  await chmod(dataDir, 0o700);
  const isolateSessions = isolatesSessions();
  const sessionsDir = await sessionsRunDir(dataDir, isolateSessions);

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' });
    // Shaped both as a /healthz answer and as an error body.
    res.end(JSON.stringify({ status: 'unavailable', error: 'unavailable', message: 'platform is starting' }));
  };
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls === true ? await loadTlsMaterial(dataDir, host) : undefined;
  const server: Server =
    tls === undefined
      ? createServer((req, res) => handler(req, res))
      : createHttpsServer({ cert: tls.cert, key: tls.key }, (req, res) => handler(req, res));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const baseUrl = (options.publicUrl ?? `${tls === undefined ? 'http' : 'https'}://${urlHost}:${port}`).replace(
    /\/+$/,
    '',
  );

  const closeHooks: Array<() => void | Promise<void>> = [];
  const upgradeHandlers: UpgradeHandler[] = [];
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      if (upgradeHandlers.some((handle) => handle(req, socket, head))) return;
    } catch (err) {
      logger.error('upgrade handler failed', { error: err });
    }
    if (socket.writable) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  const shutdown = async (): Promise<void> => {
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    for (const hook of closeHooks.reverse()) {
      try {
        await hook();
      } catch (err) {
        logger.error('shutdown hook failed', { error: err });
      }
    }
    server.closeAllConnections();
    await closed;
  };

  try {
    const specs = typeof options.users === 'string' ? await readUsersFile(options.users) : options.users;
    const users = await UserStore.open(dataDir, specs);
    const key = await loadSigningKey(dataDir);
    const tokens = new TokenService({
      key,
      issuer: `${baseUrl}/oidc`,
      baseUrl,
      users,
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    });
    const context: PlatformContext = {
      dataDir,
      baseUrl,
      auth: createAuthMiddleware(tokens, baseUrl),
      users,
      tokens,
      logger,
      specsDir: options.specsDir ?? DEFAULT_SPECS_DIR,
      oauthClients,
      ...(options.sessionLifetimeSeconds === undefined
        ? {}
        : { sessionLifetimeSeconds: options.sessionLifetimeSeconds }),
      ...(tls === undefined ? {} : { caCertPath: tls.caPath }),
      isolateSessions,
      sessionsDir,
      onClose: (hook) => closeHooks.push(hook),
      onUpgrade: (handle) => upgradeHandlers.push(handle),
    };
    const app = await createApp(context);
    if (!isolateSessions)
      logger.warn(
        "sessions run as this OS user, like the platform, and are not isolated from its data; run the platform as root to run each session as its owner's own uid",
      );
    handler = app;
    logger.info('platform started', { url: baseUrl, dataDir });
    let closing: Promise<void> | undefined;
    return {
      url: baseUrl,
      port,
      context,
      sessionsDir,
      ...(tls === undefined ? {} : { caPath: tls.caPath }),
      close: () => (closing ??= shutdown()),
    };
  } catch (err) {
    await shutdown();
    throw err;
  }
}
