// skaha-compatible sessions client on openapi-fetch and the types generated
// from openapi/sessions.yaml. Launch parameters go in the query string, as
// skaha and the `canfar` client expect.
import createClient, { type Client } from 'openapi-fetch';
import { ProtocolError, TimeoutError, VobridgeError } from '../errors.js';
import { sleep } from '../lib/request.js';
import { checkPlatformUrl } from '../lib/urls.js';
import type { components, paths } from '../generated/sessions.js';
import { transportOf, typedFetch, type CallOptions, type ServiceClientOptions } from '../lib/transport.js';

/** A session as the service reports it (resource fields are strings, `"<none>"` when unknown). */
export type Session = components['schemas']['Session'];
/** Session types. */
export type SessionType = components['schemas']['SessionType'];
/** Session status. */
export type SessionStatus = components['schemas']['SessionStatus'];
/** A container image offered for sessions. */
export type SessionImage = components['schemas']['Image'];
/** Resource limits and options (`GET context`). */
export type SessionContext = components['schemas']['Context'];
/** Cluster statistics (`view=stats`). */
export type SessionStats = components['schemas']['SessionStats'];
/** A one-time link that opens a session logged in (vobridge's extension of skaha). */
export type SessionLoginLink = components['schemas']['SessionLoginLink'];

/** Filters of {@link SessionsClient.list}. */
export interface ListSessionsOptions extends CallOptions {
  type?: SessionType;
  status?: SessionStatus;
  /** `all`: every user's sessions (operators only; others get their own). */
  view?: 'all';
}

/** What to launch. */
export interface LaunchOptions extends CallOptions {
  name: string;
  image: string;
  /** Default `headless`. */
  type?: SessionType;
  /** Fixed cores; without `cores`/`ram` the session gets flexible resources. */
  cores?: number;
  /** Fixed RAM in GB. */
  ram?: number;
  gpus?: number;
  /** Command (headless only). */
  cmd?: string;
  /** Arguments of `cmd`, one string (headless only). */
  args?: string;
  /** Environment variables of the session. */
  env?: Record<string, string>;
}

/** Options of {@link SessionsClient.waitUntilRunning}. */
export interface WaitUntilRunningOptions extends CallOptions {
  /** Give up after this many ms with a {@link TimeoutError} (default 300 000). */
  timeout?: number;
  /** First delay between polls in ms (default 500), growing ×1.5 up to 10 s. */
  pollInterval?: number;
  /** Called with each new status. */
  onStatus?: (status: SessionStatus, session: Session) => void;
}

/**
 * A session's `connectURL` ends up in a browser window, so it is checked
 * here: a placeholder (`<none>`, what skaha sends before a session runs)
 * passes, a real URL must be https (or http to loopback).
 *
 * @throws UnsafeUrlError for a `javascript:`, `data:`, `file:` or off-machine http URL.
 */
function checkSession(session: Session): Session {
  const url = session.connectURL as unknown;
  if (typeof url === 'string' && URL.canParse(url)) checkPlatformUrl(url, `connectURL of session ${session.id}`);
  return session;
}

const ENDED: readonly SessionStatus[] = ['Succeeded', 'Completed', 'Error', 'Failed', 'Terminating'];

/** The statuses a session ends in; `Succeeded` and `Completed` are the ones a headless job wants. */
export function sessionEnded(status: SessionStatus): boolean {
  return ENDED.includes(status);
}

/**
 * Polls `get` until the session it returns is `Running`, from `pollInterval`
 * (default 500 ms) growing ×1.5 up to 10 s. For any way of reading a session:
 * a {@link SessionsClient}, or the broker's `GET /v1/sessions/{id}`.
 *
 * @throws {@link TimeoutError} after `timeout`; {@link VobridgeError} when the
 *   session ends (Failed, Error, Terminating, …) before running.
 */
export async function waitUntilRunning<S extends Pick<Session, 'id' | 'status'>>(
  get: () => Promise<S>,
  options: Omit<WaitUntilRunningOptions, 'onStatus'> & { onStatus?: (status: SessionStatus, session: S) => void } = {},
): Promise<S> {
  const session = await pollSession(get, (status) => status === 'Running' || sessionEnded(status), 'running', options);
  if (session.status !== 'Running') {
    throw new VobridgeError(
      `Session ${session.id} ended (${session.status}) before it was running; see its events and logs.`,
    );
  }
  return session;
}

/**
 * Polls `get` until the session has ended (see {@link sessionEnded}) and
 * returns it, whatever the outcome: what a headless job is waited for. Same
 * polling and options as {@link waitUntilRunning}.
 *
 * @throws {@link TimeoutError} after `timeout`.
 */
export function waitUntilEnded<S extends Pick<Session, 'id' | 'status'>>(
  get: () => Promise<S>,
  options: Omit<WaitUntilRunningOptions, 'onStatus'> & { onStatus?: (status: SessionStatus, session: S) => void } = {},
): Promise<S> {
  return pollSession(get, sessionEnded, 'finished', options);
}

async function pollSession<S extends Pick<Session, 'id' | 'status'>>(
  get: () => Promise<S>,
  done: (status: SessionStatus) => boolean,
  goal: string,
  options: Omit<WaitUntilRunningOptions, 'onStatus'> & { onStatus?: (status: SessionStatus, session: S) => void },
): Promise<S> {
  const timeout = options.timeout ?? 300_000;
  const deadline = Date.now() + timeout;
  let delay = options.pollInterval ?? 500;
  let last: SessionStatus | undefined;
  for (;;) {
    const session = await get();
    if (session.status !== last) {
      last = session.status;
      options.onStatus?.(session.status, session);
    }
    if (done(session.status)) return session;
    const left = deadline - Date.now();
    if (left <= 0)
      throw new TimeoutError(timeout, undefined, {
        message: `Session ${session.id} was not ${goal} within ${timeout} ms (still ${session.status}).`,
      });
    await sleep(Math.min(delay, left), options.signal);
    delay = Math.min(10_000, delay * 1.5);
  }
}

/**
 * Client of a skaha-compatible sessions service. `baseUrl` is the versioned
 * API root, such as `https://host/skaha/v1`.
 *
 * @example
 * ```ts
 * const sessions = new SessionsClient({ baseUrl: 'https://host/skaha/v1', fetch: authFetch });
 * const id = await sessions.launch({ name: 'explore', image: 'images.canfar.net/skaha/firefly:2025.2', type: 'firefly' });
 * const running = await sessions.waitUntilRunning(id, { timeout: 120_000 });
 * console.log(running.connectURL);
 * ```
 */
export class SessionsClient {
  readonly #api: Client<paths>;

  constructor(options: ServiceClientOptions) {
    this.#api = createClient<paths>({
      baseUrl: String(options.baseUrl).replace(/\/+$/, ''),
      fetch: typedFetch(transportOf(options)),
    });
  }

  /** The caller's sessions (or everyone's with `view: 'all'`), filtered by type and status. */
  async list(options: ListSessionsOptions = {}): Promise<Session[]> {
    const { data } = await this.#api.GET('/session', {
      params: { query: { type: options.type, status: options.status, view: options.view } },
      signal: options.signal,
    });
    if (!Array.isArray(data)) throw new ProtocolError('The sessions service did not answer with a list of sessions.');
    return data.map(checkSession);
  }

  /** Cluster statistics (`view=stats`). */
  async stats(options: CallOptions = {}): Promise<SessionStats> {
    const { data } = await this.#api.GET('/session', { params: { query: { view: 'stats' } }, signal: options.signal });
    if (!data || Array.isArray(data)) throw new ProtocolError('The sessions service did not answer with statistics.');
    return data;
  }

  /** One session. */
  async get(id: string, options: CallOptions = {}): Promise<Session> {
    const { data } = await this.#api.GET('/session/{id}', {
      params: { path: { id } },
      signal: options.signal,
      parseAs: 'json',
    });
    if (!data || typeof data !== 'object') throw new ProtocolError(`The sessions service sent no session ${id}.`);
    return checkSession(data as Session);
  }

  /** Launches a session; resolves to its id. */
  async launch(options: LaunchOptions): Promise<string> {
    const { data } = await this.#api.POST('/session', {
      params: {
        query: {
          name: options.name,
          image: options.image,
          type: options.type,
          cores: options.cores,
          ram: options.ram,
          gpus: options.gpus,
          cmd: options.cmd,
          args: options.args,
          env: options.env ? Object.entries(options.env).map(([k, v]) => `${k}=${v}`) : undefined,
        },
      },
      parseAs: 'text',
      signal: options.signal,
    });
    const id = (data ?? '').trim();
    if (!/^[a-z0-9]+$/.test(id))
      throw new ProtocolError('The sessions service did not answer the launch with a session id.');
    return id;
  }

  /** Deletes (stops) a session. */
  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.#api.DELETE('/session/{id}', { params: { path: { id } }, parseAs: 'text', signal: options.signal });
  }

  /** Pushes the session's expiry forward. */
  async renew(id: string, options: CallOptions = {}): Promise<void> {
    await this.#api.POST('/session/{id}', {
      params: { path: { id }, query: { action: 'renew' } },
      parseAs: 'text',
      signal: options.signal,
    });
  }

  /** The session's output. */
  async logs(id: string, options: CallOptions = {}): Promise<string> {
    return this.#text(id, 'logs', options);
  }

  /** The session's scheduling events, one per line. */
  async events(id: string, options: CallOptions = {}): Promise<string> {
    return this.#text(id, 'events', options);
  }

  /** Images available for sessions, optionally of one type. */
  async images(options: CallOptions & { type?: SessionType } = {}): Promise<SessionImage[]> {
    const { data } = await this.#api.GET('/image', {
      params: { query: { type: options.type } },
      signal: options.signal,
    });
    return data ?? [];
  }

  /** Resource limits and options for launching. */
  /**
   * A one-time link that lands a browser on the session's page logged in
   * (the platform sets its SSO cookie on the way): for a client that holds
   * the token but must not give it to a page. Good once, for `expires_in` s.
   *
   * @throws {@link UnsafeUrlError} when the platform answers a link that is
   *   not https (or loopback http).
   */
  async loginLink(id: string, options: CallOptions = {}): Promise<SessionLoginLink> {
    const { data } = await this.#api.POST('/session/{id}/login-link', {
      params: { path: { id } },
      signal: options.signal,
    });
    if (!data || typeof data.url !== 'string') throw new ProtocolError(`The sessions service sent no link for ${id}.`);
    checkPlatformUrl(data.url, `login link of session ${id}`);
    return data;
  }

  async context(options: CallOptions = {}): Promise<SessionContext> {
    const { data } = await this.#api.GET('/context', { signal: options.signal });
    if (!data) throw new ProtocolError('The sessions service sent no context.');
    return data;
  }

  /**
   * Polls until the session is `Running` (see {@link waitUntilRunning}).
   *
   * @throws {@link TimeoutError} after `timeout`; {@link VobridgeError} when the
   *   session ends (Failed, Error, Terminating, …) before running.
   */
  waitUntilRunning(id: string, options: WaitUntilRunningOptions = {}): Promise<Session> {
    return waitUntilRunning(() => this.get(id, options), options);
  }

  async #text(id: string, view: 'logs' | 'events', options: CallOptions): Promise<string> {
    const { data } = await this.#api.GET('/session/{id}', {
      params: { path: { id }, query: { view } },
      parseAs: 'text',
      signal: options.signal,
    });
    return data ?? '';
  }
}
