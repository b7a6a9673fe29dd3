import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  type AuthenticatedUser,
} from '../http/index.js';
import type { TokenService } from '../identity/tokens.js';
import type { UserStore } from '../identity/users.js';
import type { Logger } from '../log/logger.js';
import { RecordStore } from '../store/index.js';
import { findImage } from './images.js';
import {
  INTERACTIVE_TYPES,
  isoSeconds,
  SESSION_STATUSES,
  SESSION_TYPES,
  sessionPath,
  type SessionRecord,
  type SessionStatus,
  type SessionType,
} from './model.js';
import { SessionRuntime, standInFiles } from './runtime.js';
import { unreadableByOthers, type RunAs } from './sandbox.js';
import { checkUserEnvironment } from './user-environment.js';

/** Resource limits, as `GET /context` reports them and launches enforce. */
export const LIMITS = {
  cores: { default: 1, defaultRequest: 1, defaultLimit: 8, options: [1, 2, 4, 8] },
  memoryGB: { default: 2, defaultRequest: 2, defaultLimit: 32, options: [1, 2, 4, 8, 16, 32] },
  gpus: { options: [] as number[] },
  maxInteractiveSessions: 5,
  /** Sessions of all kinds one user may have at once (keeps a shared machine safe). */
  maxSessions: 10,
} as const;

/** What `POST /session` asks for (already parsed from the query string). */
export interface LaunchRequest {
  name: string;
  image: string;
  type: SessionType;
  cores?: number;
  ram?: number;
  gpus?: number;
  cmd?: string;
  args?: string;
  env: Record<string, string>;
}

/** Options of {@link SessionService}. */
export interface SessionServiceOptions {
  dataDir: string;
  /** The platform's base URL (registry, logins), given to sessions as `PLATFORM_URL`. */
  platformUrl: string;
  /** Every origin of the platform, given to sessions as `PLATFORM_ORIGINS` (where their token goes). */
  platformOrigins: readonly string[];
  /** Audiences of the delegated token a session gets (its owner's VOSpace and GMS). */
  delegationAudiences: readonly string[];
  users: UserStore;
  tokens: TokenService;
  logger: Logger;
  /** How long a session lives before it expires, and what a renewal adds (seconds). */
  lifetimeSeconds: number;
  /** CA certificate of the platform in TLS mode, given to session processes. */
  caCertPath?: string;
  /** Run each session as its owner's uid, away from the platform's data (see `sandbox.ts`). */
  isolate: boolean;
  /** Where sessions get their working directories (`sessionsRunDir`). */
  runDir: string;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Lifetime of the delegated tokens given to sessions; refreshed at half of it. */
const SESSION_TOKEN_TTL = 900;

function newId(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

function parseRecord(value: unknown): SessionRecord {
  const r = value as Partial<SessionRecord> | null;
  if (
    r === null ||
    typeof r !== 'object' ||
    typeof r.id !== 'string' ||
    typeof r.owner !== 'string' ||
    !SESSION_TYPES.includes(r.type as SessionType) ||
    !SESSION_STATUSES.includes(r.status as SessionStatus) ||
    typeof r.startTime !== 'string' ||
    typeof r.expiryTime !== 'string' ||
    !Array.isArray(r.events)
  ) {
    throw new Error('malformed session record');
  }
  return r as SessionRecord;
}

/**
 * Sessions: launch, list, renew, delete and expire, each backed by a real
 * local process (see {@link SessionRuntime}). State is one record file per
 * session; after a restart, sessions that were running are started again
 * and the processes of the previous run are stopped first.
 */
export class SessionService {
  readonly #options: SessionServiceOptions;
  readonly #store: RecordStore<SessionRecord>;
  readonly runtime: SessionRuntime;
  #expiryTimer: NodeJS.Timeout | undefined;
  #tokenTimer: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(options: SessionServiceOptions, store: RecordStore<SessionRecord>) {
    this.#options = options;
    this.#store = store;
    this.runtime = new SessionRuntime(options.runDir);
  }

  /** Opens the store and recovers the sessions of an earlier run. */
  static async open(options: SessionServiceOptions): Promise<SessionService> {
    if (options.isolate) {
      const blocked = await unreadableByOthers(standInFiles());
      if (blocked !== undefined)
        throw new Error(
          `sessions run as unprivileged users, who cannot read ${blocked}: install the platform (and Node.js) where other users can read it, or start the platform as an ordinary user`,
        );
    }
    const store = await RecordStore.open({
      dir: join(options.dataDir, 'sessions', 'records'),
      parse: parseRecord,
      onCorrupt: (id, error) => options.logger.error('unreadable session record', { id, error: error.message }),
    });
    const service = new SessionService(options, store);
    await service.#recover();
    service.#tokenTimer = setInterval(() => void service.#refreshTokens(), (SESSION_TOKEN_TTL / 2) * 1000);
    service.#tokenTimer.unref();
    service.#scheduleExpiry();
    return service;
  }

  /** The caller's sessions (`view=all` shows the same: there are no operators here). */
  list(user: AuthenticatedUser, filter: { type?: SessionType; status?: SessionStatus } = {}): SessionRecord[] {
    return this.#store
      .values()
      .filter((s) => s.owner === user.username)
      .filter((s) => filter.type === undefined || s.type === filter.type)
      .filter((s) => filter.status === undefined || s.status === filter.status)
      .sort((a, b) => a.startTime.localeCompare(b.startTime) || a.id.localeCompare(b.id));
  }

  /** All sessions, for statistics. */
  all(): SessionRecord[] {
    return this.#store.values();
  }

  /** One of the caller's sessions; another user's session is indistinguishable from a missing one. */
  get(user: AuthenticatedUser, id: string): SessionRecord {
    const record = RecordStore.isValidId(id) ? this.#store.get(id) : undefined;
    if (record === undefined || record.owner !== user.username) throw new NotFoundError(`session ${id} not found`);
    return record;
  }

  /** The session with this id, whoever owns it (for the proxy, which checks ownership itself). */
  find(id: string): SessionRecord | undefined {
    return RecordStore.isValidId(id) ? this.#store.get(id) : undefined;
  }

  /** Launches a session; resolves once it is recorded (it becomes Running in the background). */
  async launch(user: AuthenticatedUser, request: LaunchRequest): Promise<SessionRecord> {
    const image = findImage(request.image);
    if (image === undefined) throw new BadRequestError(`unknown image ${request.image}`);
    if (!image.types.includes(request.type))
      throw new BadRequestError(`image ${image.id} cannot run ${request.type} sessions`);
    if (request.gpus !== undefined && request.gpus > 0) throw new BadRequestError('no GPUs on this platform');
    if (request.cores !== undefined && !LIMITS.cores.options.includes(request.cores as 1)) {
      throw new BadRequestError(`cores must be one of ${LIMITS.cores.options.join(', ')}`);
    }
    if (request.ram !== undefined && !LIMITS.memoryGB.options.includes(request.ram as 1)) {
      throw new BadRequestError(`ram must be one of ${LIMITS.memoryGB.options.join(', ')} (GB)`);
    }
    if (request.type !== 'headless' && (request.cmd !== undefined || request.args !== undefined)) {
      throw new BadRequestError('cmd and args are for headless sessions only');
    }
    checkUserEnvironment(image, request.env);
    const mine = this.#store.values().filter((s) => s.owner === user.username && isLive(s.status));
    if (mine.length >= LIMITS.maxSessions) throw new ForbiddenError(`at most ${LIMITS.maxSessions} sessions per user`);
    if (INTERACTIVE_TYPES.has(request.type)) {
      if (mine.some((s) => s.type === request.type))
        throw new ConflictError(`${user.username} already has a ${request.type} session`);
      if (mine.filter((s) => INTERACTIVE_TYPES.has(s.type)).length >= LIMITS.maxInteractiveSessions) {
        throw new ConflictError(`at most ${LIMITS.maxInteractiveSessions} interactive sessions per user`);
      }
    }

    const now = new Date();
    let id = newId();
    while (this.#store.get(id) !== undefined) id = newId();
    const record: SessionRecord = {
      id,
      owner: user.username,
      name: request.name,
      type: request.type,
      image: image.id,
      status: 'Pending',
      startTime: isoSeconds(now),
      expiryTime: isoSeconds(new Date(now.getTime() + this.#options.lifetimeSeconds * 1000)),
      env: request.env,
      events: [],
      ...(request.cores === undefined ? {} : { cores: request.cores }),
      ...(request.ram === undefined ? {} : { ramGB: request.ram }),
      ...(request.gpus === undefined ? {} : { gpus: request.gpus }),
      ...(request.cmd === undefined ? {} : { cmd: request.cmd }),
      ...(request.args === undefined ? {} : { args: request.args }),
    };
    record.events.push(event(`Scheduled session ${id} (${image.id})`));
    await this.#store.put(id, record);
    this.#scheduleExpiry();
    void this.#start(record);
    return record;
  }

  /** Pushes a session's expiry forward by the platform's session lifetime. */
  async renew(user: AuthenticatedUser, id: string): Promise<SessionRecord> {
    this.get(user, id);
    const expiry = isoSeconds(new Date(Date.now() + this.#options.lifetimeSeconds * 1000));
    const updated = await this.#store.update(id, (r) => {
      r.expiryTime = expiry;
      r.events.push(event(`Renewed until ${expiry}`));
    });
    this.#scheduleExpiry();
    if (updated === undefined) throw new NotFoundError(`session ${id} not found`);
    return updated;
  }

  /** Deletes a session: stops its process and forgets it. */
  async delete(user: AuthenticatedUser, id: string): Promise<void> {
    this.get(user, id);
    await this.#destroy(id, 'deleted by its owner');
  }

  /** The session's output. */
  logs(user: AuthenticatedUser, id: string): Promise<string> {
    this.get(user, id);
    return this.runtime.logs(id);
  }

  /** Stops timers and every session process (their records stay, so a restart brings them back). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#expiryTimer);
    clearInterval(this.#tokenTimer);
    await this.runtime.stopAll();
  }

  /** The owner's OS identity when sessions are isolated; `undefined` runs the session as the platform's user. */
  #runAs(record: SessionRecord): RunAs | undefined {
    if (!this.#options.isolate) return undefined;
    const uid = this.#options.users.get(record.owner)?.uid;
    if (uid === undefined) throw new Error(`${record.owner} is no longer a user of this platform`);
    return { uid, gid: uid };
  }

  async #start(record: SessionRecord): Promise<void> {
    const image = findImage(record.image);
    if (image === undefined) {
      await this.#setStatus(record.id, 'Failed', `image ${record.image} is no longer available`);
      return;
    }
    try {
      const runAs = this.#runAs(record);
      const platformEnv: Record<string, string> = {
        BASE_PATH: sessionPath(record),
        PLATFORM_URL: this.#options.platformUrl,
        PLATFORM_ORIGINS: this.#options.platformOrigins.join(' '),
        APP_TITLE: image.title,
        ...(record.cmd === undefined ? {} : { SESSION_CMD: record.cmd }),
        ...(record.args === undefined ? {} : { SESSION_ARGS: record.args }),
      };
      if (image.standIn === 'firefly') {
        // Token relay: Firefly reads the platform's services as the owner, with a short-lived delegated token.
        await this.#writeSessionToken(record);
        platformEnv.BEARER_TOKEN_FILE = this.runtime.tokenFile(record.id);
      }
      const serves = image.standIn !== 'headless';
      const launched = await this.runtime.launch({
        id: record.id,
        standIn: image.standIn,
        userEnv: record.env,
        platformEnv,
        serves,
        ...(runAs === undefined ? {} : { runAs }),
        ...(this.#options.caCertPath === undefined ? {} : { caCertPath: this.#options.caCertPath }),
      });
      const current = this.#store.get(record.id);
      if (current === undefined || current.status === 'Terminating') {
        // Deleted or expired while it was starting.
        await this.runtime.stop(record.id, launched.pid);
        return;
      }
      await this.#store.update(record.id, (r) => {
        r.pid = launched.pid;
        if (launched.port === undefined) delete r.port;
        else r.port = launched.port;
        r.events.push(event(`Started process ${launched.pid}`));
        if (!serves) r.status = 'Running';
      });
      void launched.exited.then((code) => this.#exited(record.id, launched.pid, code));
      if (launched.port !== undefined) {
        const ready = await this.runtime.waitReady(launched.port, launched.exited);
        if (ready) await this.#setStatus(record.id, 'Running', `Listening on port ${launched.port}`, launched.pid);
      }
    } catch (err) {
      this.#options.logger.error('session failed to start', { id: record.id, error: err });
      await this.#setStatus(record.id, 'Failed', `failed to start: ${(err as Error).message}`);
    }
  }

  async #exited(id: string, pid: number, code: number | null): Promise<void> {
    if (this.#closed) return;
    const current = this.#store.get(id);
    if (current === undefined || current.pid !== pid || current.status === 'Terminating') return;
    const status: SessionStatus = current.type === 'headless' ? (code === 0 ? 'Succeeded' : 'Failed') : 'Failed';
    await this.#store.update(id, (r) => {
      r.status = status;
      delete r.pid;
      delete r.port;
      if (code !== null) r.exitCode = code;
      r.events.push(event(`Process exited (${code === null ? 'killed' : `code ${code}`})`));
    });
  }

  async #setStatus(id: string, status: SessionStatus, message: string, pid?: number): Promise<void> {
    await this.#store.update(id, (r) => {
      if (pid !== undefined && r.pid !== pid) return;
      if (r.status === 'Terminating') return;
      r.status = status;
      r.events.push(event(message));
    });
  }

  async #destroy(id: string, why: string): Promise<void> {
    const record = await this.#store.update(id, (r) => {
      r.status = 'Terminating';
      r.events.push(event(`Terminating: ${why}`));
    });
    if (record === undefined) return;
    await this.runtime.stop(id, record.pid);
    await this.#store.delete(id);
    await this.runtime.remove(id);
    this.#options.logger.info('session removed', { id, owner: record.owner, why });
  }

  async #writeSessionToken(record: SessionRecord): Promise<void> {
    const { token } = await this.#options.tokens.issue({
      username: record.owner,
      actor: `session:${record.id}`,
      audience: [...this.#options.delegationAudiences],
      ttlSeconds: SESSION_TOKEN_TTL,
    });
    await this.runtime.writeToken(record.id, token, this.#runAs(record));
  }

  async #refreshTokens(): Promise<void> {
    for (const record of this.#store.values()) {
      if (record.type !== 'firefly' || !isLive(record.status) || this.#options.users.get(record.owner) === undefined)
        continue;
      try {
        await this.#writeSessionToken(record);
      } catch (err) {
        this.#options.logger.warn('session token refresh failed', { id: record.id, error: (err as Error).message });
      }
    }
  }

  /** After a restart: stop leftover processes, drop expired sessions, start the others again. */
  async #recover(): Promise<void> {
    const now = Date.now();
    for (const record of this.#store.values()) {
      await this.runtime.stop(record.id, record.pid);
      if (Date.parse(record.expiryTime) <= now || record.status === 'Terminating') {
        await this.#store.delete(record.id);
        await this.runtime.remove(record.id);
        continue;
      }
      if (record.status === 'Pending' || record.status === 'Running') {
        await this.#store.update(record.id, (r) => {
          r.status = 'Pending';
          delete r.pid;
          delete r.port;
          r.events.push(event('Restarting after a platform restart'));
        });
        const updated = this.#store.get(record.id);
        if (updated !== undefined) void this.#start(updated);
      }
    }
  }

  #scheduleExpiry(): void {
    clearTimeout(this.#expiryTimer);
    if (this.#closed) return;
    const next = Math.min(...this.#store.values().map((s) => Date.parse(s.expiryTime)));
    if (!Number.isFinite(next)) return;
    // setTimeout takes at most ~24.8 days; a later expiry just re-arms the timer.
    const delay = Math.min(Math.max(next - Date.now(), 0), 2 ** 31 - 1);
    this.#expiryTimer = setTimeout(() => void this.#expire(), delay);
    this.#expiryTimer.unref();
  }

  async #expire(): Promise<void> {
    const now = Date.now();
    for (const record of this.#store.values()) {
      if (Date.parse(record.expiryTime) <= now && record.status !== 'Terminating')
        await this.#destroy(record.id, 'expired');
    }
    this.#scheduleExpiry();
  }
}

function isLive(status: SessionStatus): boolean {
  return status === 'Pending' || status === 'Running';
}

function event(text: string): string {
  return `${isoSeconds(new Date())} ${text}`;
}
