import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Router } from 'express';
import type { AuthMiddleware } from './http/index.js';
import type { OAuthClientMetadata } from './identity/clients.js';
import type { TokenService } from './identity/tokens.js';
import type { UserStore } from './identity/users.js';
import type { Logger } from './log/logger.js';

/** What every router factory gets: the platform's shared services. */
export interface PlatformContext {
  /** Directory holding all platform state; each service keeps to its own sub-directory. */
  dataDir: string;
  /** Public base URL of the platform, without a trailing slash (`http://127.0.0.1:PORT`). */
  baseUrl: string;
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

/** Handles an HTTP upgrade request, or returns `false` to pass it on. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/** Builds one service's router. May be async (to open its stores). */
export type RouterFactory = (ctx: PlatformContext) => Router | Promise<Router>;

/** A service mounted on the platform, as listed in the root index and the registry. */
export interface ServiceMount {
  /** Short name in the root index (`vospace`, `uws`, `sessions`, ...). */
  name: string;
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
