import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { chmod, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import type { PlatformContext, ServiceName, UpgradeHandler } from './context.js';
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
  /**
   * `single` (the default): every service at one origin. `split`: the
   * registry, logins and OIDC at the platform's URL, and GMS, VOSpace, UWS
   * and sessions each at an origin of its own (another port), as real
   * platforms spread their services over hosts; `/reg/resource-caps` lists
   * where each lives. Not with `publicUrl`.
   */
  topology?: Topology;
}

/** How the platform lays its services over origins (see {@link PlatformOptions.topology}). */
export type Topology = 'single' | 'split';

/** A running platform. */
export interface RunningPlatform {
  /** Base URL, without a trailing slash: the registry, logins and OIDC issuer. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** Origin of each service (all `url` in the single topology). */
  serviceOrigins: Readonly<Record<ServiceName, string>>;
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

  const topology = options.topology ?? 'single';
  if (topology === 'split' && options.publicUrl !== undefined)
    throw new Error('a public URL names one origin: it cannot be combined with the split topology');
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls === true ? await loadTlsMaterial(dataDir, host) : undefined;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const scheme = tls === undefined ? 'http' : 'https';

  const upgradeHandlers: UpgradeHandler[] = [];
  const listeners: Listener[] = [];
  const closeHooks: Array<() => void | Promise<void>> = [];
  const shutdown = async (): Promise<void> => {
    const closed = listeners.map((l) => new Promise<void>((r) => l.server.close(() => r())));
    for (const l of listeners) l.server.closeIdleConnections();
    for (const hook of closeHooks.reverse()) {
      try {
        await hook();
      } catch (err) {
        logger.error('shutdown hook failed', { error: err });
      }
    }
    for (const l of listeners) l.server.closeAllConnections();
    await Promise.all(closed);
  };
  const open = async (port: number): Promise<Listener> => {
    const listener = await listen(host, port, tls, upgradeHandlers, logger);
    listeners.push(listener);
    return listener;
  };

  let serviceOrigins: Readonly<Record<ServiceName, string>>;
  try {
    const main = await open(options.port ?? 0);
    main.origin = (options.publicUrl ?? `${scheme}://${urlHost}:${main.port}`).replace(/\/+$/, '');
    const originFor = async (): Promise<string> => {
      if (topology === 'single') return main.origin;
      const own = await open(0);
      own.origin = `${scheme}://${urlHost}:${own.port}`;
      return own.origin;
    };
    serviceOrigins = {
      auth: main.origin,
      gms: await originFor(),
      vospace: await originFor(),
      uws: await originFor(),
      sessions: await originFor(),
    };
  } catch (err) {
    await shutdown();
    throw err;
  }
  const baseUrl = serviceOrigins.auth;
  const port = (listeners[0] as Listener).port;
  const origins = [...new Set(Object.values(serviceOrigins))];

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
      serviceOrigins,
      isPlatformUrl: (url) => origins.some((origin) => url === origin || url.startsWith(`${origin}/`)),
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
    const apps = [];
    for (const listener of listeners) apps.push([listener, await createApp(context, listener.origin)] as const);
    if (!isolateSessions)
      logger.warn(
        "sessions run as this OS user, like the platform, and are not isolated from its data; run the platform as root to run each session as its owner's own uid",
      );
    for (const [listener, app] of apps) listener.handler = app;
    logger.info('platform started', { url: baseUrl, dataDir, topology, serviceOrigins });
    let closing: Promise<void> | undefined;
    return {
      url: baseUrl,
      port,
      serviceOrigins,
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

/** One listening server: the requests it gets go to `handler`, upgrades to the platform's handlers. */
interface Listener {
  server: Server;
  port: number;
  /** The public origin it answers at (set once known). */
  origin: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * Listens on `host:port`. Listening comes first (so `port: 0` knows its
 * URL), but requests are answered 503 until the platform sets the handler.
 */
async function listen(
  host: string,
  port: number,
  tls: { cert: string; key: string } | undefined,
  upgradeHandlers: readonly UpgradeHandler[],
  logger: Logger,
): Promise<Listener> {
  const starting = (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' });
    // Shaped both as a /healthz answer and as an error body.
    res.end(JSON.stringify({ status: 'unavailable', error: 'unavailable', message: 'platform is starting' }));
  };
  const server: Server =
    tls === undefined
      ? createServer((req, res) => listener.handler(req, res))
      : createHttpsServer({ cert: tls.cert, key: tls.key }, (req, res) => listener.handler(req, res));
  const listener: Listener = { server, port: 0, origin: '', handler: starting };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      if (upgradeHandlers.some((handle) => handle(req, socket, head, listener.origin))) return;
    } catch (err) {
      logger.error('upgrade handler failed', { error: err });
    }
    if (socket.writable) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  listener.port = (server.address() as AddressInfo).port;
  return listener;
}
