import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Router } from 'express';
import type { AuthMiddleware } from './http/index.js';
import type { OAuthClientMetadata } from './identity/clients.js';
import type { TokenService } from './identity/tokens.js';
import type { UserStore } from './identity/users.js';
import type { Logger } from './log/logger.js';

/** The platform's services, each of which may have an origin of its own (`--topology split`). */
export type ServiceName = 'auth' | 'gms' | 'sessions' | 'vospace' | 'uws';

/** What every router factory gets: the platform's shared services. */
export interface PlatformContext {
  /** Directory holding all platform state; each service keeps to its own sub-directory. */
  dataDir: string;
  /**
   * Public base URL of the platform, without a trailing slash
   * (`http://127.0.0.1:PORT`): its registry, logins and OIDC issuer live
   * here, and a token for this audience is good at every service.
   */
  baseUrl: string;
  /**
   * Public origin of each service, without a trailing slash. All are
   * `baseUrl` on a single-origin platform; with `--topology split` each
   * service has its own, as on CANFAR. Paths stay the same either way
   * (`<vospace origin>/vospace/...`).
   */
  serviceOrigins: Readonly<Record<ServiceName, string>>;
  /** Whether `url` is at one of the platform's origins (a resource its tokens may name). */
  isPlatformUrl(url: string): boolean;
  /** `requireUser` / `optionalUser` middleware. */
  auth: AuthMiddleware;
  /** Users and groups. */
  users: UserStore;
  /** Issues access and delegation tokens (`tokens.issue({ username, actor, audience })`). */
  tokens: TokenService;
  /** Structured logger; never give it a token or password. */
  logger: Logger;
  /** Directory of the OpenAPI specs (`auth.yaml`, `vospace.yaml`, ...). */
  specsDir: string;
  /** Lifetime of a session and the step of a renewal, in seconds (default: the service's own). */
  sessionLifetimeSeconds?: number;
  /** OAuth clients the operator registered besides the platform's own public one (checked). */
  oauthClients?: readonly OAuthClientMetadata[];
  /** In TLS mode, the CA certificate that the platform's own processes must trust to call it. */
  caCertPath?: string;
  /** Whether session processes run as their owners' own uids, away from the platform's data (`sessions/sandbox.ts`). */
  isolateSessions: boolean;
  /** Where sessions get their working directories (outside `dataDir` when they are isolated). */
  sessionsDir: string;
  /** Registers work to do when the platform stops (kill processes, flush state); run in reverse order. */
  onClose(hook: () => void | Promise<void>): void;
  /**
   * Registers a handler for HTTP upgrade requests (websockets). A handler
   * returns `false` for requests that are not its own; upgrades nobody
   * takes are refused with 404.
   */
  onUpgrade(handler: UpgradeHandler): void;
}

/** Handles an HTTP upgrade request that reached `origin`, or returns `false` to pass it on. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, origin: string) => boolean;

/** Builds one service's router. May be async (to open its stores). */
export type RouterFactory = (ctx: PlatformContext) => Router | Promise<Router>;

/** A service mounted on the platform, as listed in the root index and the registry. */
export interface ServiceMount {
  /** Short name in the root index (`vospace`, `uws`, `sessions`, ...). */
  name: ServiceName;
  /** Where the router is mounted (`/vospace`). */
  path: string;
  /** The router. */
  router: RouterFactory;
  /** Base URL path clients use, if not `path` (skaha: `/skaha/v1`). */
  apiPath?: string;
  /** Path of its VOSI capabilities, if it has one (default `<path>/capabilities`); `null` for none. */
  capabilitiesPath?: string | null;
  /** File name of its spec in `openapi/`, served at `/openapi/<spec>`. */
  spec?: string;
  /** Registry resource ids resolved to its capabilities in `/reg/resource-caps`. */
  resourceIds?: readonly string[];
  /** Error body style of the service, for requests its spec refuses (default `text`, the IVOA style). */
  errorStyle?: 'text' | 'json';
}
