// Downloads and uploads between VOSpace data endpoints and local files on
// connections of their own: the socket reads into one reused buffer, which is
// written to the file at once (positioned, synchronous writes of at most a
// mebibyte to the page cache, as curl does), and the MD5 is computed by a
// worker thread reading the file beside the transfer. Negotiation, range
// handling and the checks are the fetch path's own (../../client.ts).
import { open, type FileHandle } from 'node:fs/promises';
import { ftruncateSync, writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { DirectCredentials } from '../../../auth/fetch/auth-fetch.js';
import { ProtocolError, VobridgeError } from '../../../errors.js';
import { streamControl, type StreamControl } from '../../../lib/transport.js';
import {
  checkStored,
  dataTransportOf,
  describeDownload,
  placeBody,
  redactEndpoint,
  tryEach,
  type TransferProgress,
  type UploadResult,
  type VoSpaceClient,
} from '../../client.js';
import { md5FromDigestHeader } from '../../md5.js';
import { VOS_PROPERTY } from '../../types.js';
import { FileHasher } from './file-hasher.js';
import { sendDirect } from './send.js';

/** File reads of an upload, two in flight: one being sent while the next is read. */
const UPLOAD_CHUNK = 1024 * 1024;

/** What the direct transfers share with the fetch path's options. */
export interface DirectOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: TransferProgress) => void) | undefined;
}

/**
 * Brings `path` into `part` from byte `offset` on (its first `offset` bytes
 * are an earlier attempt's). Returns where the service's bytes started (0
 * when it ignored the range: `part` is then rewritten) and the MD5 checked.
 *
 * @throws {@link ProtocolError} on a length or MD5 mismatch; typed HTTP,
 *   network, timeout and abort errors as the fetch path.
 */
export async function downloadDirect(
  client: VoSpaceClient,
  path: string,
  part: string,
  offset: number,
  credentials: DirectCredentials | undefined,
  options: DirectOptions,
): Promise<{ offset: number; md5: string | undefined }> {
  const { length, md5: nodeMd5, what } = await describeDownload(client, path, options);
  const endpoints = await client.negotiate(path, 'pullFromVoSpace', options);
  return tryEach(
    endpoints,
    async (endpoint) => {
      const ctl = streamControl(dataTransportOf(client), redactEndpoint(endpoint), options.signal);
      const file = await open(part, offset > 0 ? 'r+' : 'w');
      const hasher = new FileHasher(part);
      let position = offset;
      let start = offset;
      let total: number | undefined;
      let md5: string | undefined;
      try {
        await sendDirect(
          {
            method: 'GET',
            url: new URL(endpoint),
            // The file's own bytes: a compressed body would be stored compressed (fetch would decode it).
            headers: { 'accept-encoding': 'identity', ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
          },
          (head) => {
            const coding = head.headers.get('content-encoding') ?? 'identity';
            if (coding.toLowerCase() !== 'identity')
              throw new ProtocolError(
                `${what} came with content-encoding ${coding.slice(0, 40)}, though none was accepted.`,
              );
            ({ start, total } = placeBody(head.status, (name) => head.headers.get(name), offset, length));
            md5 = nodeMd5 ?? md5FromDigestHeader(head.headers.get('digest') ?? null);
            // The service sent the whole file: what an earlier attempt left goes.
            if (start < offset) onDisk(part, () => ftruncateSync(file.fd, 0));
            position = start;
            hasher.advance(position);
            return {
              write(chunk) {
                // A body that runs past the file's length would otherwise fill the disk before the check at its end.
                if (total !== undefined && position + chunk.length > total)
                  throw new ProtocolError(`Download of ${what} runs past the ${total} bytes the file has.`, {
                    element: VOS_PROPERTY.length,
                  });
                onDisk(part, () => writeSync(file.fd, chunk, 0, chunk.length, position));
                position += chunk.length;
                hasher.advance(position);
                options.onProgress?.({ bytes: position, total });
              },
            };
          },
          credentials,
          ctl,
        );
        ctl.done();
        if (total !== undefined && position !== total)
          throw new ProtocolError(`Download of ${what} ended at byte ${position} of ${total}.`, {
            element: VOS_PROPERTY.length,
          });
        const got = await hasher.digest(position);
        if (md5 && got !== md5)
          throw new ProtocolError(`Download of ${what} has MD5 ${got}, but the service says ${md5}.`, {
            element: VOS_PROPERTY.md5,
          });
        return { offset: start, md5 };
      } catch (error) {
        throw ctl.fail(error);
      } finally {
        await Promise.all([file.close(), hasher.close()]);
      }
    },
    options.signal,
  );
}

/**
 * Uploads `source` (`size` bytes) to `path`, the file re-read for each
 * endpoint tried and each redirect or retry.
 *
 * @throws {@link ProtocolError} when the file shrinks while it is sent or
 *   the service's MD5 differs; typed HTTP, network, timeout and abort errors.
 */
export async function uploadDirect(
  client: VoSpaceClient,
  path: string,
  source: string,
  size: number,
  credentials: DirectCredentials | undefined,
  options: DirectOptions & { contentType?: string | undefined },
): Promise<UploadResult> {
  const endpoints = await client.negotiate(path, 'pushToVoSpace', options);
  return tryEach(
    endpoints,
    async (endpoint) => {
      const shown = redactEndpoint(endpoint);
      const ctl = streamControl(dataTransportOf(client), shown, options.signal);
      const hasher = new FileHasher(source);
      try {
        const head = await sendDirect(
          {
            method: 'PUT',
            url: new URL(endpoint),
            headers: {
              'content-type': options.contentType ?? 'application/octet-stream',
              'content-length': String(size),
            },
            body: (socket, stopped) => sendFile(socket, stopped, source, size, hasher, ctl, options),
          },
          () => ({ write: () => undefined }),
          credentials,
          ctl,
        );
        ctl.done();
        const sent = await hasher.digest(size);
        checkStored(client, path, sent, head.headers.get('digest'), undefined);
        return { md5: sent, bytes: size, endpoint: shown };
      } catch (error) {
        throw ctl.fail(error);
      } finally {
        await hasher.close();
      }
    },
    options.signal,
  );
}

/** Writes the file to the socket, a mebibyte being read while the one before is sent. */
async function sendFile(
  socket: Socket,
  stopped: () => boolean,
  source: string,
  size: number,
  hasher: FileHasher,
  ctl: StreamControl,
  options: DirectOptions,
): Promise<void> {
  const file: FileHandle = await open(source, 'r');
  const buffers = [Buffer.allocUnsafe(UPLOAD_CHUNK), Buffer.allocUnsafe(UPLOAD_CHUNK)] as const;
  // A buffer is read into again only once the socket is done with it. These never reject: a failed
  // write ends the exchange on its own, and its error is the exchange's.
  const written: [Promise<unknown>, Promise<unknown>] = [Promise.resolve(), Promise.resolve()];
  try {
    for (let sent = 0, i = 0; sent < size && !stopped(); i ^= 1) {
      await written[i];
      const buffer = buffers[i]!;
      const { bytesRead } = await file.read(buffer, 0, Math.min(UPLOAD_CHUNK, size - sent), sent);
      if (bytesRead === 0)
        throw new ProtocolError(`${source} shrank while it was uploaded: ${sent} of ${size} bytes were there.`);
      sent += bytesRead;
      hasher.advance(sent);
      ctl.touch();
      options.onProgress?.({ bytes: sent, total: size });
      if (stopped()) break;
      written[i] = new Promise((resolve) => socket.write(buffer.subarray(0, bytesRead), resolve));
    }
    await Promise.all(written);
  } finally {
    await file.close();
  }
}

/** Runs a write to the local file, reporting a failure as the file's (a full disk), not the connection's. */
function onDisk(file: string, write: () => unknown): void {
  try {
    write();
  } catch (error) {
    throw new VobridgeError(`Could not write ${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
