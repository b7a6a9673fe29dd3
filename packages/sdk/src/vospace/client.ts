// VOSpace 2.1 client: node metadata over `/nodes`, data through transfer
// negotiation (`/synctrans`), move/copy as asynchronous UWS transfers. Data
// is streamed both ways with web streams, so memory stays flat whatever the
// file size; MD5 is computed on the fly and checked against what the
// service says.
import {
  ConfigurationError,
  NotFoundError,
  PermissionError,
  ProtocolError,
  VobridgeError,
  errorFromResponse,
  redactUrl,
} from '../errors.js';
import { UwsClient, type WaitForJobOptions } from '../uws/client.js';
import { parseJob } from '../uws/codec.js';
import {
  asDirectory,
  readXml,
  request,
  streamControl,
  transportOf,
  type CallOptions,
  type ServiceClientOptions,
  type StreamControl,
  type Transport,
} from '../lib/transport.js';
import type { Job } from '../uws/types.js';
import { parseNode, parseTransfer, serializeNode, serializeTransfer } from './codec.js';
import { Md5, md5FromDigestHeader, md5ToDigestHeader } from './md5.js';
import {
  VOS_PROPERTY,
  VOS_PROTOCOL,
  type ContainerNode,
  type Node,
  type NodeProperties,
  type TransferDirection,
} from './types.js';

/** Options of {@link VoSpaceClient}. */
export interface VoSpaceClientOptions extends ServiceClientOptions {
  /**
   * Authority part of this space's node URIs (`platform.example.org~vault`).
   * Found from the service when not given.
   */
  authority?: string;
  /**
   * `fetch` for the negotiated data endpoints only (default: `fetch`). When
   * the service hands out pre-authorized URLs, the global fetch can serve
   * them and streams uploads, whereas a credential-adding fetch may buffer
   * request bodies.
   */
  dataFetch?: ServiceClientOptions['fetch'];
}

/** Options of {@link VoSpaceClient.getNode}. */
export interface GetNodeOptions extends CallOptions {
  /** At most this many children (0: the node only). */
  limit?: number;
  /** Children listed after this child URI (paging). */
  uri?: string;
  /** `min`: no properties; `max` (default): all; `properties`: the node's, not its children's. */
  detail?: 'min' | 'max' | 'properties';
}

/** Progress of a transfer. */
export interface TransferProgress {
  /** Bytes of the file transferred so far, counting a resumed download's earlier part. */
  bytes: number;
  /** Size of the file, when known. */
  total: number | undefined;
}

/** Options of {@link VoSpaceClient.download}. */
export interface DownloadOptions extends CallOptions {
  /** Start at this byte (resume); the service may ignore it and send everything: check {@link Download.offset}. */
  offset?: number;
  onProgress?: (progress: TransferProgress) => void;
  /**
   * MD5 state that has already seen the first `offset` bytes, so a resumed
   * download is still verified end to end. Used only if the service honours
   * the range.
   */
  hash?: Md5;
}

/** An open download. Read `body` to the end: verification happens at its end. */
export interface Download {
  /**
   * The bytes, from `offset` on. Errors with {@link ProtocolError} when the
   * MD5 or length does not match, {@link NetworkError} when the connection
   * breaks, {@link TimeoutError} when it stalls.
   */
  body: ReadableStream<Uint8Array>;
  /** Where `body` starts in the file: the requested offset, or 0 when the service sent the whole file. */
  offset: number;
  size: number | undefined;
  /** Expected MD5 (hex): the node's `#MD5`, else the `digest` header. */
  md5: string | undefined;
  /** The endpoint serving the bytes, redacted as {@link redactEndpoint} does. */
  endpoint: string;
}

/**
 * Bytes to upload: a Blob or byte array (sent as a Blob; progress is reported
 * when it is done), or a function opening a fresh stream for each endpoint
 * tried (progress per chunk). A bare `ReadableStream` can be sent only once,
 * so only the first endpoint is tried.
 */
export type UploadSource = Blob | Uint8Array | (() => ReadableStream<Uint8Array>);

/** Options of {@link VoSpaceClient.upload}. */
export interface UploadOptions extends CallOptions {
  /** Size in bytes, sent as `Content-Length` when known. */
  size?: number;
  /** MD5 (hex) of the content if already known: sent as `digest` so the service can check it. */
  md5?: string;
  contentType?: string;
  onProgress?: (progress: TransferProgress) => void;
}

/** What an upload stored. */
export interface UploadResult {
  /** MD5 (hex) of the bytes sent, confirmed by the service's `digest` when it sends one. */
  md5: string;
  bytes: number;
  /** The endpoint that took the upload, redacted as {@link redactEndpoint} does. */
  endpoint: string;
}

/** Options of {@link VoSpaceClient.move} and {@link VoSpaceClient.copy}. */
export type MoveOptions = Pick<WaitForJobOptions, 'timeout' | 'signal' | 'onPhase'>;

const DATA_TYPES = new Set(['DataNode', 'UnstructuredDataNode', 'StructuredDataNode']);

/** Internal: the transport a client sends data requests with (for the Node file transfers). @hidden */
export let dataTransportOf: (client: VoSpaceClient) => Transport;

/**
 * Client of a VOSpace 2.1 service (`baseUrl` is the service root, under which
 * `nodes/`, `synctrans` and `transfers` live). Paths are node paths
 * (`alice/data/x.fits`) or `vos://` URIs.
 *
 * @example
 * ```ts
 * const vos = new VoSpaceClient({ baseUrl: 'https://host/vospace', fetch: authFetch });
 * for await (const child of vos.list('alice/data')) console.log(child.uri);
 * await vos.upload('alice/data/x.txt', new TextEncoder().encode('hello'));
 * const { body } = await vos.download('alice/data/x.txt');
 * ```
 */
export class VoSpaceClient {
  readonly #base: URL;
  readonly #t: Transport;
  /** Transport for data endpoints. */
  readonly #data: Transport;
  readonly #transfers: UwsClient;
  #authority: string | undefined;

  static {
    dataTransportOf = (client) => client.#data;
  }

  constructor(options: VoSpaceClientOptions) {
    this.#base = asDirectory(options.baseUrl);
    this.#t = transportOf(options);
    this.#data = transportOf({ ...options, ...(options.dataFetch ? { fetch: options.dataFetch } : {}) });
    this.#authority = options.authority;
    this.#transfers = new UwsClient({ ...options, baseUrl: new URL('transfers', this.#base) });
  }

  /** URL of a node's metadata. */
  nodeUrl(path: string): URL {
    return new URL(`nodes/${splitPath(path).map(encodeURIComponent).join('/')}`, this.#base);
  }

  /** Fetches a node (a container with up to `limit` children). */
  async getNode(path: string, options: GetNodeOptions = {}): Promise<Node> {
    const url = this.nodeUrl(path);
    if (options.limit !== undefined) url.searchParams.set('limit', String(options.limit));
    if (options.uri !== undefined) url.searchParams.set('uri', options.uri);
    if (options.detail !== undefined) url.searchParams.set('detail', options.detail);
    const response = await request(this.#t, url, { headers: { accept: 'text/xml' } }, options.signal);
    return parseNode(await readXml(response, 'a VOSpace node'));
  }

  /**
   * The children of a container, fetched `pageSize` at a time (`limit` and
   * `uri` paging) as they are consumed.
   */
  async *list(path: string, options: CallOptions & { pageSize?: number } = {}): AsyncGenerator<Node, void, undefined> {
    const pageSize = Math.max(1, options.pageSize ?? 500);
    let after: string | undefined;
    for (;;) {
      // Services differ on whether the `uri` child itself starts the next
      // page (CADC's do): ask for one more then, so every page makes progress.
      const limit = after === undefined ? pageSize : pageSize + 1;
      const node = await this.getNode(path, {
        limit,
        ...(after ? { uri: after } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (node.type !== 'ContainerNode')
        throw new ConfigurationError(`${redactUrl(this.nodeUrl(path))} is a ${node.type}, not a container.`);
      const page = after !== undefined && node.nodes[0]?.uri === after ? node.nodes.slice(1) : node.nodes;
      yield* page;
      const last = page[page.length - 1];
      if (node.nodes.length < limit || !last) return;
      after = last.uri;
    }
  }

  /** Creates a container node. */
  async createContainer(
    path: string,
    properties: NodeProperties = {},
    options: CallOptions = {},
  ): Promise<ContainerNode> {
    const node = await this.createNode(
      path,
      { type: 'ContainerNode', uri: await this.uriOf(path, options), properties, nodes: [] },
      options,
    );
    if (node.type !== 'ContainerNode')
      throw new ProtocolError(`The service created a ${node.type} where a container was asked for.`);
    return node;
  }

  /** Creates a node (`PUT`); 409 (already exists) is an {@link HttpError} with status 409. */
  async createNode(path: string, node: Node, options: CallOptions = {}): Promise<Node> {
    const response = await request(
      this.#t,
      this.nodeUrl(path),
      { method: 'PUT', body: serializeNode(node), headers: { 'content-type': 'text/xml', accept: 'text/xml' } },
      options.signal,
    );
    const xml = await readXml(response, 'a VOSpace node');
    return xml.trim() ? parseNode(xml) : node;
  }

  /** Sets properties; a `null` value deletes that property. Returns the updated node. */
  async setProperties(path: string, properties: NodeProperties, options: CallOptions = {}): Promise<Node> {
    const current = await this.getNode(path, { limit: 0, ...options });
    const update: Node = { ...current, properties } as Node;
    if (update.type === 'ContainerNode') update.nodes = [];
    const response = await request(
      this.#t,
      this.nodeUrl(path),
      { method: 'POST', body: serializeNode(update), headers: { 'content-type': 'text/xml', accept: 'text/xml' } },
      options.signal,
    );
    const xml = await readXml(response, 'a VOSpace node');
    return xml.trim() ? parseNode(xml) : this.getNode(path, { limit: 0, ...options });
  }

  /**
   * Deletes a node. VOSpace deletes a container with its content, but some
   * services (CADC vault and the reference platform) refuse a non-empty one
   * with 409.
   */
  async delete(path: string, options: CallOptions = {}): Promise<void> {
    const response = await request(this.#t, this.nodeUrl(path), { method: 'DELETE' }, options.signal);
    await response.body?.cancel();
  }

  /** Moves a node, as an asynchronous transfer waited for with UWS. */
  move(from: string, to: string, options: MoveOptions = {}): Promise<Job> {
    return this.#transferWithin(from, to, false, options);
  }

  /** Copies a node, as an asynchronous transfer waited for with UWS. */
  copy(from: string, to: string, options: MoveOptions = {}): Promise<Job> {
    return this.#transferWithin(from, to, true, options);
  }

  /** The `vos://` URI of a path. */
  async uriOf(path: string, options: CallOptions = {}): Promise<string> {
    if (path.startsWith('vos://')) return path;
    const segments = splitPath(path);
    if (this.#authority === undefined) {
      // The home container exists for any path a user can reach; its URI
      // carries the authority the service expects in transfer targets.
      const home = await this.getNode(segments[0] ?? '', { limit: 0, detail: 'min', ...options });
      const m = /^vos:\/\/([^/]+)/.exec(home.uri);
      if (!m?.[1])
        throw new ProtocolError(`The service gave node URI "${home.uri.slice(0, 80)}", which is not a vos:// URI.`, {
          element: 'vos:node',
        });
      this.#authority = m[1];
    }
    return `vos://${this.#authority}/${segments.join('/')}`;
  }

  /**
   * Negotiates a transfer through `/synctrans` and returns the endpoints the
   * service offers, in its order of preference.
   */
  async negotiate(
    path: string,
    direction: Extract<TransferDirection, 'pushToVoSpace' | 'pullFromVoSpace'>,
    options: CallOptions = {},
  ): Promise<string[]> {
    const target = await this.uriOf(path, options);
    const protocols =
      direction === 'pullFromVoSpace'
        ? [VOS_PROTOCOL.httpsGet, VOS_PROTOCOL.httpGet]
        : [VOS_PROTOCOL.httpsPut, VOS_PROTOCOL.httpPut];
    const response = await request(
      this.#t,
      new URL('synctrans', this.#base),
      {
        method: 'POST',
        body: serializeTransfer({ target, direction, protocols: protocols.map((uri) => ({ uri })) }),
        headers: { 'content-type': 'text/xml', accept: 'text/xml' },
      },
      options.signal,
    );
    const transfer = parseTransfer(await readXml(response, 'a VOSpace transfer'));
    const endpoints = transfer.protocols.map((p) => p.endpoint).filter((e): e is string => !!e);
    if (!endpoints.length)
      throw new ProtocolError(`The service offered no endpoint to ${direction} ${target}.`, {
        element: 'vos:protocol',
      });
    return endpoints;
  }

  /**
   * Opens a download, trying each negotiated endpoint in turn until one
   * answers. The body is verified against the node's `#MD5` (or the
   * `digest` header) and length when it ends.
   */
  async download(path: string, options: DownloadOptions = {}): Promise<Download> {
    const { length, md5: nodeMd5, what } = await describeDownload(this, path, options);
    const offset = options.offset ?? 0;
    const endpoints = await this.negotiate(path, 'pullFromVoSpace', options);
    return tryEach(
      endpoints,
      async (endpoint) => {
        const shown = redactEndpoint(endpoint);
        const ctl = streamControl(this.#data, shown, options.signal);
        let response: Response;
        try {
          response = await ctl.fetch(endpoint, {
            headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
            signal: ctl.signal,
            redirect: 'follow',
          });
        } catch (error) {
          throw ctl.fail(error);
        }
        if (!response.ok) {
          ctl.done();
          throw await errorFromResponse(response, shown);
        }
        const source = response.body ?? new Blob([]).stream();
        let placed: { start: number; total: number | undefined };
        try {
          placed = placeBody(response.status, (name) => response.headers.get(name), offset, length);
        } catch (error) {
          await source.cancel();
          ctl.done();
          throw error;
        }
        const { start, total } = placed;
        const md5 = nodeMd5 ?? md5FromDigestHeader(response.headers.get('digest'));
        const hash = start === 0 ? new Md5() : start === offset ? options.hash : undefined;
        return {
          body: verifiedStream(source, ctl, {
            start,
            total,
            md5,
            hash,
            onProgress: options.onProgress,
            what,
          }),
          offset: start,
          size: total,
          md5,
          endpoint: shown,
        };
      },
      options.signal,
    );
  }

  /**
   * Uploads bytes to a data node (created if needed) through transfer
   * negotiation, trying each endpoint in turn when the source can be read
   * again. The MD5 of what was sent is compared with the `digest` the service
   * returns.
   */
  async upload(
    path: string,
    source: UploadSource | ReadableStream<Uint8Array>,
    options: UploadOptions = {},
  ): Promise<UploadResult> {
    const endpoints = await this.negotiate(path, 'pushToVoSpace', options);
    const replayable = !(source instanceof ReadableStream);
    // A Blob (or bytes, made a Blob) is sent as it is: browsers stream a Blob
    // body themselves but refuse a stream body over HTTP/1.1. Its MD5 is
    // computed first, in one streamed pass.
    const blob =
      source instanceof Blob
        ? source
        : source instanceof Uint8Array
          ? new Blob([source as Uint8Array<ArrayBuffer>])
          : undefined;
    const blobMd5 = blob ? await md5OfStream(blob.stream()) : undefined;
    const size = options.size ?? blob?.size;
    return tryEach(
      replayable ? endpoints : endpoints.slice(0, 1),
      async (endpoint) => {
        const shown = redactEndpoint(endpoint);
        const ctl = streamControl(this.#data, shown, options.signal);
        const hash = new Md5();
        let bytes = 0;
        const stream = blob
          ? undefined
          : source instanceof ReadableStream
            ? source
            : (source as () => ReadableStream<Uint8Array>)();
        let counting: TransformStreamDefaultController<Uint8Array> | undefined;
        const body =
          blob ??
          stream!.pipeThrough(
            new TransformStream<Uint8Array, Uint8Array>({
              start(controller) {
                counting = controller;
              },
              transform(chunk, controller) {
                ctl.touch();
                hash.update(chunk);
                bytes += chunk.byteLength;
                options.onProgress?.({ bytes, total: size });
                controller.enqueue(chunk);
              },
            }),
          );
        const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/octet-stream' };
        if (size !== undefined && !blob) headers['content-length'] = String(size);
        if (options.md5 ?? blobMd5) headers.digest = md5ToDigestHeader((options.md5 ?? blobMd5)!);
        let response: Response;
        try {
          // `duplex` is required by fetch for a streamed request body. Redirect
          // mode `error` matters for memory: in any other mode fetch clones the
          // request, teeing the body, and the unread branch keeps every chunk.
          response = await ctl.fetch(endpoint, {
            method: 'PUT',
            body,
            headers,
            signal: ctl.signal,
            duplex: 'half',
            redirect: 'error',
          } as RequestInit);
        } catch (error) {
          const failure = ctl.fail(error);
          // fetch gave up, but it may go on pulling the body to the end: erroring the
          // counting stream cancels the source (a file stays open and the progress
          // reaches 100% otherwise).
          counting?.error(failure);
          throw failure;
        }
        ctl.done();
        if (!response.ok) throw await errorFromResponse(response, shown);
        await response.body?.cancel();
        if (blob) {
          bytes = blob.size;
          options.onProgress?.({ bytes, total: size });
        }
        const sent = blobMd5 ?? hash.hex();
        checkStored(this, path, sent, response.headers.get('digest'), options.md5);
        return { md5: sent, bytes, endpoint: shown };
      },
      options.signal,
    );
  }

  async #transferWithin(from: string, to: string, keepBytes: boolean, options: MoveOptions): Promise<Job> {
    const [target, direction] = await Promise.all([this.uriOf(from, options), this.uriOf(to, options)]);
    const response = await request(
      this.#t,
      new URL('transfers', this.#base),
      {
        method: 'POST',
        body: serializeTransfer({ target, direction, keepBytes, protocols: [] }),
        headers: { 'content-type': 'text/xml', accept: 'text/xml' },
      },
      options.signal,
    );
    const job = parseJob(await readXml(response, 'a UWS transfer job'));
    if (job.phase === 'PENDING' || job.phase === 'HELD') await this.#transfers.run(job, options);
    const done = await this.#transfers.waitForJob(job, options);
    if (done.phase === 'COMPLETED') return done;
    const message = done.errorSummary?.message || `The ${keepBytes ? 'copy' : 'move'} ended in phase ${done.phase}.`;
    const fault = /^\s*(\w+)/.exec(message)?.[1];
    const where = this.nodeUrl(fault === 'NodeNotFound' ? from : to);
    if (fault === 'NodeNotFound' || fault === 'ContainerNotFound')
      throw new NotFoundError(404, where, { detail: message });
    if (fault === 'PermissionDenied') throw new PermissionError(403, where, { detail: message });
    throw new VobridgeError(`Could not ${keepBytes ? 'copy' : 'move'} ${redactUrl(this.nodeUrl(from))}: ${message}`);
  }
}

/**
 * Internal: runs `attempt` on each endpoint in turn until one succeeds. The
 * caller's abort ends everything; any other failure may be that endpoint's
 * own (down, an expired pre-authorized URL), so the next is tried. @hidden
 */
export async function tryEach<T>(
  endpoints: string[],
  attempt: (endpoint: string) => Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  let last: unknown;
  for (const endpoint of endpoints) {
    try {
      return await attempt(endpoint);
    } catch (error) {
      if (signal?.aborted) throw error;
      last = error;
    }
  }
  throw last;
}

/** Internal: what a download of `path` should bring, from its node: length and MD5. @hidden */
export async function describeDownload(
  client: VoSpaceClient,
  path: string,
  options: CallOptions,
): Promise<{ length: string | undefined; md5: string | undefined; what: string }> {
  const node = await client.getNode(path, { limit: 0, ...(options.signal ? { signal: options.signal } : {}) });
  const what = redactUrl(client.nodeUrl(path));
  if (!DATA_TYPES.has(node.type))
    throw new ConfigurationError(`${what} is a ${node.type}: only data nodes have bytes to download.`);
  return {
    length: node.properties[VOS_PROPERTY.length] ?? undefined,
    md5: node.properties[VOS_PROPERTY.md5]?.toLowerCase() || undefined,
    what,
  };
}

/**
 * Internal: where a download's body starts in the file and the file's size,
 * from the response status and headers; `offset` is the byte asked for.
 * @throws {@link ProtocolError} when a 206 answers another range. @hidden
 */
export function placeBody(
  status: number,
  header: (name: string) => string | null | undefined,
  offset: number,
  nodeLength: string | undefined,
): { start: number; total: number | undefined } {
  let total = nodeLength ? Number(nodeLength) : undefined;
  if (status !== 206) {
    const length = header('content-length');
    return { start: 0, total: total ?? (length == null ? undefined : Number(length)) };
  }
  const range = header('content-range') ?? '';
  const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(range);
  if (!m || Number(m[1]) !== offset)
    throw new ProtocolError(`The service answered a range request with the wrong range (${range || 'none'}).`);
  if (m[2] !== '*') total ??= Number(m[2]);
  return { start: offset, total };
}

/**
 * Internal: checks an upload's MD5 (`sent`) against the service's `digest`
 * header and the MD5 the caller expected.
 * @throws {@link ProtocolError} on a mismatch. @hidden
 */
export function checkStored(
  client: VoSpaceClient,
  path: string,
  sent: string,
  digest: string | null | undefined,
  expected: string | undefined,
): void {
  const stored = md5FromDigestHeader(digest ?? null);
  if (stored !== undefined && stored !== sent) {
    throw new ProtocolError(
      `The service stored ${redactUrl(client.nodeUrl(path))} with MD5 ${stored}, but ${sent} was sent.`,
      {
        element: VOS_PROPERTY.md5,
      },
    );
  }
  if (expected && expected.toLowerCase() !== sent) {
    throw new ProtocolError(`The upload source changed while it was read: MD5 ${sent}, expected ${expected}.`, {
      element: VOS_PROPERTY.md5,
    });
  }
}

/**
 * A transfer endpoint as it may appear in results and error messages:
 * origin and file name only. Negotiated endpoints are often pre-authorized,
 * with the credential in the path (`/minoc/files/preauth:<token>/…`), so
 * more than the query has to go.
 */
export function redactEndpoint(endpoint: string): string {
  try {
    const u = new URL(endpoint);
    const name = u.pathname.split('/').filter(Boolean).pop();
    return name ? `${u.origin}/.../${name}` : u.origin;
  } catch {
    return '(invalid URL)';
  }
}

/** MD5 (hex) of a stream, read to its end. */
async function md5OfStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const hash = new Md5();
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) hash.update(r.value);
  return hash.hex();
}

/** Path segments of a node path or `vos://` URI. */
function splitPath(path: string): string[] {
  const p = path.startsWith('vos://') ? path.replace(/^vos:\/\/[^/]*/, '') : path;
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new ConfigurationError(`Node paths cannot contain "..": ${p.slice(0, 200)}`);
  return segments;
}

interface VerifyOptions {
  start: number;
  total: number | undefined;
  md5: string | undefined;
  hash: Md5 | undefined;
  onProgress: ((p: TransferProgress) => void) | undefined;
  what: string;
}

/** Passes a response body through, reporting progress and checking length and MD5 at the end. */
function verifiedStream(
  source: ReadableStream<Uint8Array>,
  ctl: StreamControl,
  v: VerifyOptions,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let position = v.start;
  // An abort (the caller's, or the stall timer's) ends a read waiting on a silent connection here,
  // whatever the fetch does with its signal: undici follows a request's signal through a weak
  // reference, so a collected request may never hear of it and the read would wait forever.
  const onAbort = (): void => void reader.cancel(ctl.signal.reason).catch(() => undefined);
  ctl.signal.addEventListener('abort', onAbort, { once: true });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        ctl.signal.removeEventListener('abort', onAbort);
        controller.error(ctl.fail(error));
        return;
      }
      if (ctl.signal.aborted) {
        controller.error(ctl.fail(ctl.signal.reason));
        return;
      }
      if (result.done) {
        ctl.signal.removeEventListener('abort', onAbort);
        ctl.done();
        if (v.total !== undefined && position !== v.total) {
          controller.error(
            new ProtocolError(`Download of ${v.what} ended at byte ${position} of ${v.total}.`, {
              element: VOS_PROPERTY.length,
            }),
          );
          return;
        }
        const got = v.hash?.hex();
        if (v.md5 && got !== undefined && got !== v.md5) {
          controller.error(
            new ProtocolError(`Download of ${v.what} has MD5 ${got}, but the service says ${v.md5}.`, {
              element: VOS_PROPERTY.md5,
            }),
          );
          return;
        }
        controller.close();
        return;
      }
      ctl.touch();
      v.hash?.update(result.value);
      position += result.value.byteLength;
      v.onProgress?.({ bytes: position, total: v.total });
      controller.enqueue(result.value);
    },
    cancel(reason) {
      ctl.signal.removeEventListener('abort', onAbort);
      ctl.done();
      return reader.cancel(reason);
    },
  });
}
