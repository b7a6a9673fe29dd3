// Small helpers shared by the benchmarks.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { FetchLike } from '@vobridge/sdk';

/** The repository's Python virtual environment interpreter. */
export const PYTHON = fileURLToPath(new URL('../../../.venv/bin/python', import.meta.url));

/** The built `vobridge` CLI (run with `process.execPath`). */
export const CLI = fileURLToPath(new URL('../../../packages/cli/bin/vobridge.cjs', import.meta.url));

/** JSON request with a bearer token; throws on a non-2xx answer. */
export async function json<T>(url: string, init: RequestInit & { bearer?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.bearer) headers.set('authorization', `Bearer ${init.bearer}`);
  const res = await fetch(url, { ...init, headers });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** The demo user alice's token from a platform's CADC-style password login. */
export async function demoToken(platformUrl: string): Promise<string> {
  const login = await fetch(`${platformUrl}/ac/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'alice', password: 'alice-demo-password' }),
  });
  return (await login.text()).trim();
}

/** Logs the demo user alice in to `platformUrl` through a broker (a password login). */
export async function brokerLogin(broker: { url: string; secret: string }, platformUrl: string): Promise<void> {
  await json(`${broker.url}/v1/logins`, {
    method: 'POST',
    bearer: broker.secret,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: platformUrl, method: 'password', username: 'alice', password: 'alice-demo-password' }),
  });
}

/** A fetch that sends `token` as a bearer (the SDK clients never add credentials themselves); `onCall` counts requests. */
export function bearerFetch(token: string, onCall?: () => void): FetchLike {
  return (input, init) => {
    onCall?.();
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}

/** Runs a command, resolving with its stdout; rejects on a non-zero exit. An `undefined` in `env` removes that variable. */
export function run(cmd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<string> {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined));
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-3000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err}`))));
  });
}

/**
 * Latencies in milliseconds of `n` sequential GETs over one kept-alive
 * connection, timed with the high-resolution clock (autocannon's histogram
 * has whole milliseconds, too coarse for loopback).
 */
export async function sequentialLatencies(url: string, headers: Record<string, string>, n: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        const req = request(url, { headers, agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end();
      });
      out.push(performance.now() - start);
    }
  } finally {
    agent.destroy();
  }
  return out;
}
