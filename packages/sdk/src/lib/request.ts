// One place that turns fetch's untyped failures into the SDK's typed errors
// and applies the caller's timeout and abort signal, so every auth request
// behaves the same way when the network misbehaves.

import { AbortError, NetworkError, TimeoutError, VobridgeError } from '../errors.js';

/** A `fetch`-compatible function. */
export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Timeout and cancellation accepted by every network operation of the auth layer. */
export interface RequestControl {
  /** `fetch` to use (defaults to the global one). */
  fetch?: FetchLike;
  /** Per-request time limit in milliseconds (default 30 000). */
  timeoutMs?: number;
  /**
   * Let the time limit end when the response headers arrive, so a caller can
   * stream a long body at its own pace (default: the limit covers the body too).
   */
  timeoutUntilHeaders?: boolean;
  /** Aborts the operation. */
  signal?: AbortSignal;
}

/** Default per-request time limit. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Sends one request (no redirect following: `redirect: 'manual'`), mapping
 * failures to {@link NetworkError}, {@link TimeoutError} or {@link AbortError}.
 */
export async function send(url: string | URL, init: RequestInit, control: RequestControl = {}): Promise<Response> {
  const fetchFn = control.fetch ?? globalThis.fetch;
  const timeoutMs = control.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException('The request timed out.', 'TimeoutError')), timeoutMs);
  // A pending limit must not keep a Node process alive on its own.
  (timer as { unref?: () => void }).unref?.();
  const signal = control.signal ? AbortSignal.any([control.signal, timeout.signal]) : timeout.signal;
  try {
    const response = await fetchFn(url, { redirect: 'manual', ...init, signal });
    if (control.timeoutUntilHeaders) clearTimeout(timer);
    return response;
  } catch (error) {
    clearTimeout(timer);
    throw toTypedError(error, url, timeoutMs, control.signal, timeout.signal);
  }
}

function toTypedError(
  error: unknown,
  url: string | URL,
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  timeout: AbortSignal,
): Error {
  if (callerSignal?.aborted) return new AbortError('The request was aborted by the caller.', { cause: error });
  if (timeout.aborted) return new TimeoutError(timeoutMs, url, { cause: error });
  if (error instanceof VobridgeError) return error;
  return new NetworkError(url, { cause: error });
}

/** Throws {@link AbortError} if the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError('The operation was aborted by the caller.', { cause: signal.reason });
}

/** Resolves after `ms`, or rejects with {@link AbortError} when the signal fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError('The operation was aborted by the caller.', { cause: signal.reason }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError('The operation was aborted by the caller.', { cause: signal?.reason }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Whether a status is a redirect that carries a `Location` to follow. */
export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
