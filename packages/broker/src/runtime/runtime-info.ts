import { readFile } from 'node:fs/promises';

/** Content of the runtime file: how a local client finds and authenticates to the broker. */
export interface RuntimeInfo {
  /** Base URL (`http://127.0.0.1:<port>`), or `http+unix://<encoded path>` for a unix socket. */
  url: string;
  /** Shared secret to send as `Authorization: Bearer <secret>`. */
  secret: string;
  /** Process id of the broker. */
  pid: number;
  /** Unix socket path, when the broker listens on one. */
  socket?: string;
  /** ISO 8601 time the broker started. */
  started_at: string;
}

/** Read a runtime file; `undefined` when it is missing or unreadable (a stale half-file counts as none). */
export async function readRuntimeFile(path: string): Promise<RuntimeInfo | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as RuntimeInfo).url === 'string' &&
      typeof (value as RuntimeInfo).secret === 'string' &&
      typeof (value as RuntimeInfo).pid === 'number'
    ) {
      return value as RuntimeInfo;
    }
  } catch {
    // Not JSON: treated as absent, and replaced.
  }
  return undefined;
}
