import { randomBytes } from 'node:crypto';
import { chmod, rm } from 'node:fs/promises';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Response } from 'express';
import { EventBus, type BrokerEvent, type BrokerEventListener } from './events/event-bus.js';
import { SessionsWatch } from './events/sessions-watch.js';
import { ExchangeCache } from './logins/exchange-cache.js';
import { LoginStore, defaultStateDir } from './logins/persistence.js';
import { LoginRegistry } from './logins/registry.js';
import { parseServiceUrl, scopeCovers } from './logins/scope.js';
import { joinHub } from './logins/hub-login.js';
import { HttpPlatformClient } from './platform/http-platform-client.js';
import type { HubEndpoint, PlatformClient, Renewal } from './platform/platform-client.js';
import { processExists, claimRuntimeFile, releaseRuntimeFile } from './runtime/runtime-file.js';
import type { RuntimeInfo } from './runtime/runtime-info.js';
import { defaultRuntimeFile } from './runtime/paths.js';
import type { AppContext } from './server/app.js';
import { sendError } from './server/responses.js';
import { createGuard } from './server/guard.js';
import type { RateLimitOptions } from './server/rate-limit.js';
import { TokenAnswers } from './server/token-answers.js';
import { createTokenRoute, isTokenRequest } from './server/token-route.js';
import { SessionsGateway } from './sessions/gateway.js';
import { TokenFileSink, defaultTokenFile } from './sink/token-file-sink.js';
import { VERSION } from './version.js';

// Not `import … from 'node:http'`: an ES import of node:http fills in all of its
// exports, and the lazy `WebSocket` one loads Node's whole fetch implementation
// (undici, with http2 and zlib), about 14 MiB, whether the process ever fetches or not.
const { createServer } = process.getBuiltinModule('node:http');

/** Options of {@link startBroker}. */
export interface BrokerOptions {
  /** TCP port on 127.0.0.1; `0` (the default) picks a free one. Ignored when `socketPath` is set. */
  port?: number;
  /** Listen on this unix socket (mode 0600) instead of TCP. */
  socketPath?: string;
  /** Runtime file path (default `$JUPYTER_RUNTIME_DIR/vobridge-broker.json`), or `false` to write none. */
  runtimeFile?: string | false;
  /** The shared secret; random (256 bits) by default. */
  secret?: string;
  /** Keep a WLCG bearer token file in step with a login: `true` for `$XDG_RUNTIME_DIR/bt_u<uid>`, or a path and the URL whose login it follows (default: the newest login). */
  tokenFile?: boolean | { path?: string; url?: string };
  /** Persist logins (encrypted) so they survive a restart: `true` for the default state dir, or a directory. Off by default. */
  persist?: boolean | { dir: string };
  /** Per-client rate limit; default 100 requests/s with bursts of 200. */
  rateLimit?: RateLimitOptions;
  /** Log sink (one line per request and per login change; never a credential). Default: nothing. */
  log?: (line: string) => void;
  /** How often sessions are checked for changes while an event stream is open (seconds; default 15, 0 turns it off). */
  sessionsPollSeconds?: number;
  /** How logins talk to platforms; default {@link HttpPlatformClient}. */
  platformClient?: PlatformClient;
  /** How long a failed login stays listed, so the user sees why, before it is forgotten (seconds; default 300). */
  failedLoginsKeptSeconds?: number;
  /** Under JupyterHub with vobridge_jupyterhub: log in through the hub (see {@link hubEndpointFrom}). */
  hub?: HubEndpoint;
}

/** A running broker. */
export interface Broker {
  /** Base URL (`http://127.0.0.1:<port>`, or `http+unix://...` for a socket). */
  readonly url: string;
  /** The secret clients send as `Authorization: Bearer <secret>`. */
  readonly secret: string;
  /** The TCP port, when listening on TCP. */
  readonly port?: number;
  /** The runtime file written, if any. */
  readonly runtimeFile?: string;
  /** The WLCG token file maintained, if any. */
  readonly tokenFile?: string;
  /** Subscribe to broker events (the same ones `GET /v1/events` streams). */
  subscribe(listener: BrokerEventListener): () => void;
  /** Stop: close connections and event streams, remove the runtime and token files, save persisted logins. */
  close(): Promise<void>;
}

/**
 * Start a broker: load persisted logins (if asked), listen on loopback, then
 * claim the runtime file. Fails with `AlreadyRunningError` when a live broker
 * owns the runtime file; a file left by a dead broker is replaced.
 */
export async function startBroker(options: BrokerOptions = {}): Promise<Broker> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const log = options.log ?? (() => undefined);
  const bus = new EventBus();
  const client = options.platformClient ?? new HttpPlatformClient();
  const streams = new Set<Response>();
  const hosts: string[] = [];

  const store = options.persist ? storeFor(options.persist) : undefined;
  let sink: TokenFileSink | undefined;
  let saving: Promise<void> = Promise.resolve();
  const changed = (): Promise<void> => {
    void sink?.update();
    if (store) saving = saving.then(() => store.save(snapshot(logins))).catch(() => log('could not save logins'));
    return saving;
  };
  const logins = new LoginRegistry(client, bus, changed, options.failedLoginsKeptSeconds);
  bus.subscribe((event) => log(describeEvent(event)));

  if (store) {
    for (const stored of await store.load()) {
      logins.restore({
        id: stored.id,
        method: stored.method,
        createdAt: new Date(stored.created_at),
        domains: stored.domains,
        grant: {
          token: stored.token,
          renewal: stored.renewal,
          platform: stored.platform,
          origins: stored.origins,
          ...(stored.services ? { services: stored.services } : {}),
        },
      });
    }
  }

  if (options.tokenFile) {
    const spec = options.tokenFile === true ? {} : options.tokenFile;
    const target = spec.url ? parseServiceUrl(spec.url, 'tokenFile.url') : undefined;
    sink = new TokenFileSink(
      spec.path ?? defaultTokenFile(),
      () => {
        // The WLCG token file holds bearer tokens only.
        const login = logins
          .established()
          .find((l) => l.active && l.tokenType === 'Bearer' && (!target || scopeCovers(l.scope, target)));
        return login?.currentToken?.accessToken;
      },
      (error) => log(`token file not updated: ${error.message}`),
    );
    // Refused at start, before anything is served: a planted file must not keep feeding tools its token.
    await sink.check();
    await sink.update();
  }

  const exchanges = new ExchangeCache(client);
  bus.subscribe((event) => {
    if (event.type === 'login' && event.login === undefined) exchanges.prune(new Set(logins.list().map((l) => l.id)));
  });
  const sessionsWatch = new SessionsWatch(logins, client, bus, (options.sessionsPollSeconds ?? 15) * 1000);
  const guard = createGuard({
    secret,
    allowedHosts: () => hosts,
    rateLimit: options.rateLimit ?? { perSecond: 100, burst: 200 },
  });
  const answers = new TokenAnswers();
  bus.subscribe(() => answers.clear());
  const tokenRoute = createTokenRoute({ guard, logins, exchanges, answers, log });
  const appContext: AppContext = {
    guard,
    logins,
    sessionsWatch,
    sessions: new SessionsGateway(logins, client),
    bus,
    client,
    streams,
    log,
    version: VERSION,
  };
  // Express (and what only its routes use) loads on the first request that is not for a token: a
  // broker that only hands tokens to kernels never pays for it.
  let app: Promise<RequestListener> | undefined;
  const server = createServer((req, res) => {
    if (isTokenRequest(req)) return tokenRoute(req, res);
    (app ??= import('./server/app.js').then(({ createApp }) => createApp(appContext))).then(
      (handle) => handle(req, res),
      (error: unknown) => sendError(res, error, log),
    );
  });
  const url = await listen(server, options);
  const port = options.socketPath ? undefined : (server.address() as AddressInfo).port;
  hosts.push(...(port === undefined ? ['localhost', '127.0.0.1'] : [`127.0.0.1:${port}`, `localhost:${port}`]));

  const info: RuntimeInfo = {
    url,
    secret,
    pid: process.pid,
    ...(options.socketPath ? { socket: options.socketPath } : {}),
    started_at: new Date().toISOString(),
  };
  const runtimeFile = options.runtimeFile === false ? undefined : (options.runtimeFile ?? defaultRuntimeFile());
  if (runtimeFile) {
    try {
      await claimRuntimeFile(runtimeFile, info, brokerAnswers);
    } catch (error) {
      await closeServer(server, streams);
      sessionsWatch.stop();
      logins.close();
      throw error;
    }
  }

  const hubJoin = options.hub ? joinHub({ hub: options.hub, client, logins, log }) : undefined;

  let closing: Promise<void> | undefined;
  return {
    url,
    secret,
    ...(port !== undefined ? { port } : {}),
    ...(runtimeFile ? { runtimeFile } : {}),
    ...(sink ? { tokenFile: sink.path } : {}),
    subscribe: (listener) => bus.subscribe(listener),
    close: () =>
      (closing ??= (async () => {
        hubJoin?.stop();
        await closeServer(server, streams);
        sessionsWatch.stop();
        await saving;
        logins.close();
        await sink?.remove();
        if (runtimeFile) await releaseRuntimeFile(runtimeFile, info);
        if (options.socketPath) await rm(options.socketPath, { force: true });
      })()),
  };
}

/** A log line for an event; events never carry credentials, and the message of a failure is our own text. */
function describeEvent(event: BrokerEvent): string {
  switch (event.type) {
    case 'login':
      return event.login
        ? `login ${event.id} ${event.login.method} ${event.login.user ?? '?'}@${event.login.platform}: ${event.login.state}`
        : `login ${event.id} removed`;
    case 'expiring':
      return `login ${event.id} expiring at ${new Date(event.expires_at * 1000).toISOString()}`;
    case 'refresh_failed':
      return `login ${event.id} refresh failed: ${event.message}`;
    case 'sessions':
      return `sessions changed on ${event.platform}`;
  }
}

function storeFor(persist: true | { dir: string }): LoginStore {
  const dir = persist === true ? defaultStateDir() : persist.dir;
  return new LoginStore(join(dir, 'broker-logins.enc'), join(dir, 'broker-logins.key'));
}

/** What of a renewal may be written to disk: a password only when the user chose `keep_password: disk`. */
function persistable(renewal: Renewal): Renewal {
  return renewal.kind === 'password' && renewal.persist !== true ? { kind: 'none' } : renewal;
}

function snapshot(logins: LoginRegistry) {
  return logins.established().flatMap((login) => {
    const token = login.currentToken;
    // A login through JupyterHub is made again at every start; the hub's API token never goes to disk.
    if (!token || login.renewal.kind === 'hub') return [];
    // A Basic login's credential is the password: on disk only where the user chose `keep_password: disk`.
    if (login.tokenType === 'Basic' && !(login.renewal.kind === 'password' && login.renewal.persist === true))
      return [];
    return [
      {
        id: login.id,
        method: login.method,
        created_at: login.createdAt.toISOString(),
        platform: login.platform,
        origins: [...login.scope.origins],
        domains: [...login.scope.domains],
        services: { ...login.services },
        token,
        // A password goes to disk only when the user chose `keep_password: disk`.
        renewal: persistable(login.renewal),
      },
    ];
  });
}

async function listen(server: Server, options: BrokerOptions): Promise<string> {
  if (options.socketPath) {
    const socketPath = options.socketPath;
    await rm(socketPath, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    await chmod(socketPath, 0o600);
    return `http+unix://${encodeURIComponent(socketPath)}`;
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1' }, () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server, streams: Set<Response>): Promise<void> {
  for (const stream of streams) stream.end();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Whether the broker a runtime file describes is alive: its process exists and it answers its health check. */
async function brokerAnswers(existing: RuntimeInfo): Promise<boolean> {
  if (!processExists(existing.pid)) return false;
  if (!existing.url.startsWith('http://127.0.0.1:')) return true;
  try {
    const response = await fetch(`${existing.url}/healthz`, {
      headers: { authorization: `Bearer ${existing.secret}` },
      signal: AbortSignal.timeout(2000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
