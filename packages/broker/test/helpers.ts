import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform, type Topology } from '@vobridge/platform';
import { startBroker, type Broker, type BrokerOptions } from '../src/index.js';

/** A demo user of the reference platform. */
export const ALICE = { username: 'alice', password: 'alice-demo-password' };

/** A response read whole. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

/**
 * One HTTP request with full control over the headers (fetch would refuse to
 * set `Host`); `secret: null` sends no Authorization header.
 */
export function call(
  broker: Pick<Broker, 'url' | 'secret'>,
  path: string,
  options: {
    method?: string;
    secret?: string | null;
    headers?: Record<string, string>;
    body?: unknown;
    raw?: string;
  } = {},
): Promise<Reply> {
  const url = new URL(path, broker.url);
  const headers: Record<string, string> = { ...options.headers };
  const secret = options.secret === undefined ? broker.secret : options.secret;
  if (secret !== null) headers.authorization ??= `Bearer ${secret}`;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A temporary directory removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `vobridge-${prefix}-`));
}

/** A real reference platform with its own data directory. */
export async function platform(
  options: { accessTokenTtlSeconds?: number; topology?: Topology } = {},
): Promise<RunningPlatform & { dataDir: string }> {
  const dataDir = await tempDir('platform');
  const running = await startPlatform({ port: 0, dataDir, ...options });
  return {
    ...running,
    dataDir,
    close: async () => {
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A broker with a runtime file in a temporary directory. */
export async function broker(options: BrokerOptions = {}): Promise<Broker & { dir: string }> {
  const dir = await tempDir('broker');
  const running = await startBroker({ runtimeFile: join(dir, 'vobridge-broker.json'), ...options });
  return {
    ...running,
    subscribe: running.subscribe,
    dir,
    close: async () => {
      await running.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Log alice in to `platformUrl` through the API and return the login. */
export async function loginAlice(b: Broker, platformUrl: string): Promise<Record<string, unknown>> {
  const reply = await call(b, '/v1/logins', {
    method: 'POST',
    body: { url: platformUrl, method: 'password', ...ALICE },
  });
  if (reply.status !== 201) throw new Error(`login failed: ${reply.status} ${reply.text}`);
  return reply.json();
}

/** Resolve when `predicate` holds, checking whenever `subscribe` reports something, or fail after `timeoutMs`. */
export function until<T>(
  subscribe: (listener: (event: T) => void) => () => void,
  predicate: (event: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('timed out waiting for an event'));
    }, timeoutMs);
    const stop = subscribe((event) => {
      if (predicate(event)) {
        clearTimeout(timer);
        stop();
        resolve(event);
      }
    });
  });
}

/** Resolve once `check` returns true (checked every 20 ms), or fail after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
