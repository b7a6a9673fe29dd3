// Node-only transfers between VOSpace and local files (`@vobridge/sdk/node`).
// A download is written to `<dest>.part` and renamed into place only once its
// length and MD5 check out, so the destination never holds a partial file; a
// broken connection is resumed from the `.part` with a range request.
//
// The bytes move on connections of their own (./direct/) when the client's
// data requests go through the runtime's fetch, with or without an AuthFetch
// over it: that path allocates nothing per chunk and hashes on another
// thread. A client given any other fetch (a proxy, a test's fault injector)
// has every byte go through that fetch.
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { AuthFetch, DirectCredentials } from '../../auth/fetch/auth-fetch.js';
import { HttpError, NetworkError, ProtocolError, TimeoutError } from '../../errors.js';
import type { CallOptions, Transport } from '../../lib/transport.js';
import { dataTransportOf, type TransferProgress, type UploadResult, type VoSpaceClient } from '../client.js';
import { Md5 } from '../md5.js';
import { downloadDirect, uploadDirect } from './direct/transfers.js';

/** Options of {@link downloadFile}. */
export interface DownloadFileOptions extends CallOptions {
  onProgress?: (progress: TransferProgress) => void;
  /** Continue from an existing `<dest>.part` (default true). */
  resume?: boolean;
  /** Reconnections after a broken or stalled connection, each resuming where it stopped (default 3). */
  retries?: number;
}

/** What {@link downloadFile} wrote. */
export interface DownloadFileResult {
  path: string;
  bytes: number;
  /** MD5 (hex) checked against the service's, when it gave one. */
  md5: string | undefined;
  /** Bytes that came from an earlier, interrupted attempt. */
  resumedFrom: number;
}

/** Local file reads and write buffers: a mebibyte, where Node's defaults (64 KiB, 16 KiB) leave transfers waiting on the disk. */
const FILE_CHUNK = 1024 * 1024;

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function hashFile(file: string, hash: Md5): Promise<void> {
  await pipeline(
    createReadStream(file, { highWaterMark: FILE_CHUNK }),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        cb();
      },
    }),
  );
}

/**
 * Downloads a data node to `dest` in constant memory. Bytes go to
 * `<dest>.part`, which is renamed to `dest` only after the length and MD5
 * are verified; after a broken connection the download continues from the
 * `.part` with a `Range` request (from the start when the service ignores
 * ranges). A `.part` left by a failure is resumed by the next call.
 *
 * @throws {@link ProtocolError} on an MD5 or length mismatch (the `.part` is removed);
 *   {@link NetworkError}/{@link TimeoutError} once the retries are spent, and
 *   HTTP or abort errors (the `.part` is kept for a later resume).
 */
export async function downloadFile(
  client: VoSpaceClient,
  path: string,
  dest: string,
  options: DownloadFileOptions = {},
): Promise<DownloadFileResult> {
  const part = `${dest}.part`;
  const direct = directAccess(dataTransportOf(client));
  let retries = options.retries ?? 3;
  let resume = options.resume ?? true;
  for (;;) {
    const offset = resume ? await sizeOf(part) : 0;
    try {
      const got = direct
        ? await downloadDirect(client, path, part, offset, direct.credentials, options)
        : await downloadThroughFetch(client, path, part, offset, options);
      await rename(part, dest);
      return { path: dest, bytes: await sizeOf(dest), md5: got.md5, resumedFrom: got.offset };
    } catch (error) {
      if (error instanceof HttpError && error.status === 416 && offset > 0) {
        // The `.part` is longer than the file now is: it belongs to another version.
        await rm(part, { force: true });
        resume = false;
        continue;
      }
      const transient = error instanceof NetworkError || error instanceof TimeoutError;
      if (transient && retries > 0 && !options.signal?.aborted) {
        retries--;
        resume = true;
        continue;
      }
      // Bytes that failed verification must not seed a later resume.
      if (error instanceof ProtocolError) await rm(part, { force: true });
      throw error;
    }
  }
}

/** {@link downloadFile}'s attempt through the client's own fetch (`client.download`). */
async function downloadThroughFetch(
  client: VoSpaceClient,
  path: string,
  part: string,
  offset: number,
  options: DownloadFileOptions,
): Promise<{ offset: number; md5: string | undefined }> {
  const hash = new Md5();
  if (offset > 0) await hashFile(part, hash);
  const d = await client.download(path, {
    offset,
    hash,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  // A mebibyte may wait for the disk while the next chunks arrive (Node's default, 16 KiB, stalls the socket).
  const out = createWriteStream(part, { flags: d.offset > 0 ? 'a' : 'w', highWaterMark: FILE_CHUNK });
  try {
    await pipeline(Readable.fromWeb(d.body as NodeReadableStream<Uint8Array>), out);
  } finally {
    // A write still in flight would grow the `.part` behind a resume's back.
    if (!out.closed) await once(out, 'close');
  }
  return { offset: d.offset, md5: d.md5 };
}

/**
 * Whether the bytes can move on connections of their own, and with which
 * credentials: the runtime's fetch sends none, an AuthFetch over it offers
 * its own; any other fetch cannot be bypassed.
 */
function directAccess(t: Transport): { credentials: DirectCredentials | undefined } | undefined {
  if (t.fetch === undefined || t.fetch === globalThis.fetch) return { credentials: undefined };
  const credentials = (t.fetch as Partial<AuthFetch>).direct;
  return credentials ? { credentials } : undefined;
}

/** Options of {@link uploadFile}. */
export interface UploadFileOptions extends CallOptions {
  onProgress?: (progress: TransferProgress) => void;
  contentType?: string;
}

/**
 * Uploads a local file to a data node in constant memory, the file re-read
 * for each endpoint tried.
 */
export async function uploadFile(
  client: VoSpaceClient,
  path: string,
  source: string,
  options: UploadFileOptions = {},
): Promise<UploadResult> {
  const { size } = await stat(source);
  const direct = directAccess(dataTransportOf(client));
  if (direct) return uploadDirect(client, path, source, size, direct.credentials, options);
  return client.upload(
    path,
    () => Readable.toWeb(createReadStream(source, { highWaterMark: FILE_CHUNK })) as ReadableStream<Uint8Array>,
    {
      ...options,
      size,
    },
  );
}
