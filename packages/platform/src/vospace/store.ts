// VOSpace nodes over a real directory: `<root>/<user>/...` holds the bytes,
// the per-user metadata index holds checksums and user properties. Paths
// arrive as validated `NodePath`s, so a join can never leave the root; what
// is left is symbolic links planted inside the tree, refused on every access
// (lstat of each component, never followed). Uploads stream into a temporary
// file outside the tree, checked, fsynced, then renamed into place: a reader
// sees the old bytes or the new, never a partial file.

import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, lstat, mkdir, open, readdir, rename, rm, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { VospaceFault } from './faults.js';
import { MetadataIndex, type NodeMetadata } from './metadata.js';
import { formatNodePath, isWithin, nameOf, parentOf, type NodePath } from './path.js';
import { PROPERTY, READ_ONLY_PROPERTIES } from './properties.js';

/**
 * File reads and writes of node data go a mebibyte at a time: with Node's
 * 64 KiB default, serving a gibibyte costs 10-15 full garbage collections
 * and twice the CPU of the copy itself.
 */
const IO_CHUNK = 1024 * 1024;

/** Kind of a stored node. */
export type NodeKind = 'container' | 'data' | 'link';

/** A node as the store reports it. */
export interface NodeInfo {
  /** Where the node is. */
  readonly path: NodePath;
  /** Container or data node. */
  readonly kind: NodeKind;
  /** Content length in bytes (0 for containers). */
  readonly length: number;
  /** Last modification. */
  readonly date: Date;
  /** Hex MD5 of a data node's content. */
  readonly md5?: string;
  /** Target URI of a link node. */
  readonly target?: string;
  /** Every property of the node (core ones included), property URI -> value. */
  readonly properties: Readonly<Record<string, string>>;
}

/** Where the store keeps bytes, metadata and uploads in flight. */
export interface NodeStoreOptions {
  /** Directory holding one home directory per user. */
  root: string;
  /** Directory of the per-user metadata indexes. */
  metadataDir: string;
  /** Directory for uploads in flight; must be on the same file system as `root`. */
  tmpDir: string;
}

/** What an upload is checked against before it replaces the node. */
export interface UploadExpectations {
  /** Hex MD5 the content must have (from the `digest` header). */
  md5?: string;
  /** Length the content must have (from `Content-Length`). */
  length?: number;
}

/** An open data node: its metadata and a stream of (a range of) its bytes. */
export interface NodeReader {
  /** The node. */
  info: NodeInfo;
  /** The bytes; destroy it if you stop reading early. */
  stream: Readable;
}

/** The byte range a read covers, both ends inclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/** The VOSpace node tree of the platform. */
export class NodeStore {
  private readonly index: MetadataIndex;

  constructor(private readonly options: NodeStoreOptions) {
    this.index = new MetadataIndex(options.metadataDir);
  }

  /** Deletes uploads left in flight by a crash; call once at start, before serving. */
  async clearUploads(): Promise<void> {
    await rm(this.options.tmpDir, { recursive: true, force: true });
  }

  /** Creates the user's home container if it does not exist yet. */
  async ensureHome(user: string): Promise<void> {
    await mkdir(join(this.options.root, user), { recursive: true });
  }

  /** The node at `path`; throws NodeNotFound. */
  async stat(path: NodePath): Promise<NodeInfo> {
    if (path.segments.length === 0) {
      return { path, kind: 'container', length: 0, date: new Date(), properties: {} };
    }
    const fsPath = await this.resolve(path);
    const st = await lstat(fsPath).catch(() => undefined);
    if (!st || !(st.isFile() || st.isDirectory())) throw notFound(path);
    const user = ownerOf(path);
    const key = keyOf(path);
    const meta = await this.index.get(user, key);
    const kind: NodeKind = st.isDirectory() ? 'container' : meta?.link !== undefined ? 'link' : 'data';
    let md5: string | undefined;
    if (kind === 'data') {
      const cached = meta?.checksum;
      if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) {
        md5 = cached.md5;
      } else {
        // Written outside the platform (or by a copy): compute once and remember.
        md5 = await md5OfFile(fsPath);
        await this.index.update(user, (nodes) => {
          nodes[key] = {
            properties: nodes[key]?.properties ?? {},
            checksum: { md5: md5 as string, size: st.size, mtimeMs: st.mtimeMs },
          };
        });
      }
    }
    const length = kind === 'data' ? st.size : 0;
    const date = st.mtime;
    const properties: Record<string, string> = {
      ...(meta?.properties ?? {}),
      [PROPERTY.length]: String(length),
      [PROPERTY.date]: date.toISOString(),
      [PROPERTY.creator]: user,
    };
    if (md5 !== undefined) properties[PROPERTY.md5] = md5;
    return {
      path,
      kind,
      length,
      date,
      properties,
      ...(md5 !== undefined ? { md5 } : {}),
      ...(kind === 'link' ? { target: meta?.link } : {}),
    };
  }

  /**
   * Children of a container, sorted by name. `from` (a child name) starts the
   * page at that child, inclusive, as VOSpace 2.1 paging with `uri` does;
   * `limit` caps the page. The root lists only `visibleHomes`.
   */
  async list(
    path: NodePath,
    page: { limit?: number; from?: string; visibleHomes?: readonly string[] } = {},
  ): Promise<NodeInfo[]> {
    const info = await this.stat(path);
    if (info.kind !== 'container') return [];
    let names: string[];
    if (path.segments.length === 0) {
      names = [...(page.visibleHomes ?? [])];
    } else {
      const entries = await readdir(await this.resolve(path), { withFileTypes: true });
      names = entries.filter((e) => e.isFile() || e.isDirectory()).map((e) => e.name);
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const from = page.from;
    if (from !== undefined) names = names.filter((n) => n >= from);
    if (page.limit !== undefined) names = names.slice(0, page.limit);
    const children: NodeInfo[] = [];
    for (const name of names) {
      try {
        children.push(await this.stat({ segments: [...path.segments, name] }));
      } catch (err) {
        // Deleted between readdir and stat: not part of the listing.
        if (!(err instanceof VospaceFault && err.fault === 'NodeNotFound')) throw err;
      }
    }
    return children;
  }

  /** Creates a container; its parent must be a container and the path free. */
  async createContainer(path: NodePath, properties: Record<string, string | null> = {}): Promise<NodeInfo> {
    const fsPath = await this.prepareCreate(path);
    try {
      await mkdir(fsPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw duplicate(path);
      throw err;
    }
    await this.writeProperties(path, properties);
    return this.stat(path);
  }

  /** Creates the empty file behind a new data or link node; 409 when the name is taken. */
  private async createEmptyFile(path: NodePath): Promise<void> {
    const fsPath = await this.prepareCreate(path);
    let handle: FileHandle;
    try {
      handle = await open(fsPath, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw duplicate(path);
      throw err;
    }
    await handle.close();
  }

  /** Creates an empty data node; its parent must be a container and the path free. */
  async createData(path: NodePath, properties: Record<string, string | null> = {}): Promise<NodeInfo> {
    await this.createEmptyFile(path);
    await this.writeProperties(path, properties);
    return this.stat(path);
  }

  /** Creates a link node pointing at `target` (a URI); its parent must be a container and the path free. */
  async createLink(path: NodePath, target: string, properties: Record<string, string | null> = {}): Promise<NodeInfo> {
    await this.createEmptyFile(path);
    const key = keyOf(path);
    await this.index.update(ownerOf(path), (nodes) => {
      nodes[key] = { properties: {}, link: target };
    });
    await this.writeProperties(path, properties);
    return this.stat(path);
  }

  /** Sets (value) or removes (`null`) user properties; core properties are read-only and ignored. */
  async setProperties(path: NodePath, properties: Record<string, string | null>): Promise<NodeInfo> {
    await this.stat(path);
    if (path.segments.length === 0) throw new VospaceFault('PermissionDenied', 'the root node cannot be changed');
    await this.writeProperties(path, properties);
    return this.stat(path);
  }

  /** Deletes a data node or an empty container. Home containers and the root stay. */
  async remove(path: NodePath): Promise<void> {
    if (path.segments.length < 2)
      throw new VospaceFault('PermissionDenied', 'home containers and the root cannot be deleted');
    const info = await this.stat(path);
    const fsPath = await this.resolve(path);
    if (info.kind === 'container') {
      try {
        await rmdir(fsPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOTEMPTY') {
          throw new VospaceFault(
            'ContainerNotEmpty',
            `${formatNodePath(path)} is not empty; delete its children first`,
          );
        }
        throw err;
      }
    } else {
      await unlink(fsPath);
    }
    await this.index.update(ownerOf(path), (nodes) => pruneUnder(nodes, keyOf(path)));
  }

  /**
   * Replaces (or creates) a data node's content from `source`. The bytes go to a
   * temporary file while their MD5 and length are computed; they replace the
   * node only when they match `expect`, so a failed or interrupted upload
   * leaves the previous content (or no node) behind.
   */
  async write(path: NodePath, source: AsyncIterable<Uint8Array>, expect: UploadExpectations = {}): Promise<NodeInfo> {
    if (path.segments.length < 2)
      throw new VospaceFault('InvalidArgument', 'only nodes inside a home container hold data');
    await this.requireContainer(parentOf(path));
    const fsPath = await this.resolve(path);
    const existing = await lstat(fsPath).catch(() => undefined);
    if (existing && (!existing.isFile() || (await this.index.get(ownerOf(path), keyOf(path)))?.link !== undefined))
      throw new VospaceFault('InvalidArgument', `${formatNodePath(path)} is not a data node`);

    await mkdir(this.options.tmpDir, { recursive: true });
    const tmp = join(this.options.tmpDir, `upload-${randomBytes(8).toString('hex')}`);
    const hash = createHash('md5');
    let size = 0;
    const handle = await open(tmp, 'wx', 0o644);
    try {
      try {
        // Written a mebibyte at a time: awaiting each 64 KiB network chunk's write costs more than the copy.
        let pending: Uint8Array[] = [];
        let pendingBytes = 0;
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.byteLength;
          pending.push(chunk);
          pendingBytes += chunk.byteLength;
          if (pendingBytes >= IO_CHUNK) {
            await handle.writev(pending);
            pending = [];
            pendingBytes = 0;
          }
        }
        if (pending.length > 0) await handle.writev(pending);
        await handle.sync();
      } finally {
        await handle.close();
      }
      const md5 = hash.digest('hex');
      if (expect.length !== undefined && expect.length !== size) {
        throw new VospaceFault('InvalidData', `received ${size} bytes but ${expect.length} were announced`);
      }
      if (expect.md5 !== undefined && expect.md5.toLowerCase() !== md5) {
        throw new VospaceFault('PreconditionFailed', 'the content does not match the digest sent with it');
      }
      await rename(tmp, fsPath);
      const st = await lstat(fsPath);
      const key = keyOf(path);
      await this.index.update(ownerOf(path), (nodes) => {
        nodes[key] = {
          properties: nodes[key]?.properties ?? {},
          checksum: { md5, size: st.size, mtimeMs: st.mtimeMs },
        };
      });
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return this.stat(path);
  }

  /** Opens a data node for reading, optionally a byte range of it. */
  async read(path: NodePath, range?: ByteRange): Promise<NodeReader> {
    const info = await this.stat(path);
    if (info.kind !== 'data') throw new VospaceFault('InvalidArgument', `${formatNodePath(path)} is not a data node`);
    const fsPath = await this.resolve(path);
    const stream = createReadStream(fsPath, {
      highWaterMark: IO_CHUNK,
      ...(range ? { start: range.start, end: range.end } : {}),
    });
    return { info, stream };
  }

  /**
   * Moves `src` to `dest`; into `dest` when it is an existing container.
   * Returns where the node ended up.
   */
  async move(src: NodePath, dest: NodePath): Promise<NodePath> {
    const target = await this.prepareTransfer(src, dest);
    await rename(await this.resolve(src), await this.resolve(target));
    const srcKey = keyOf(src);
    const destKey = keyOf(target);
    const srcUser = ownerOf(src);
    const moved: Record<string, NodeMetadata> = {};
    await this.index.update(srcUser, (nodes) => {
      for (const [key, meta] of Object.entries(nodes)) {
        if (key === srcKey || key.startsWith(`${srcKey}/`)) {
          moved[destKey + key.slice(srcKey.length)] = meta;
          delete nodes[key];
        }
      }
    });
    await this.index.update(ownerOf(target), (nodes) => Object.assign(nodes, moved));
    return target;
  }

  /** Copies `src` (recursively) to `dest`; into `dest` when it is an existing container. */
  async copy(src: NodePath, dest: NodePath): Promise<NodePath> {
    const target = await this.prepareTransfer(src, dest);
    await cp(await this.resolve(src), await this.resolve(target), {
      recursive: true,
      errorOnExist: true,
      force: false,
    });
    const srcKey = keyOf(src);
    const destKey = keyOf(target);
    const copied: Record<string, NodeMetadata> = {};
    const srcMeta = await this.index.under(ownerOf(src), srcKey);
    // Checksums are recomputed on first access: the copies have new mtimes.
    for (const [key, meta] of Object.entries(srcMeta)) {
      copied[destKey + key.slice(srcKey.length)] = {
        properties: meta.properties,
        ...(meta.link === undefined ? {} : { link: meta.link }),
      };
    }
    await this.index.update(ownerOf(target), (nodes) => Object.assign(nodes, copied));
    return target;
  }

  private async prepareTransfer(src: NodePath, dest: NodePath): Promise<NodePath> {
    if (src.segments.length < 2)
      throw new VospaceFault('PermissionDenied', 'home containers and the root cannot be moved or copied');
    await this.stat(src);
    let target = dest;
    const destInfo = await this.stat(dest).catch((err: unknown) => {
      if (err instanceof VospaceFault && err.fault === 'NodeNotFound') return undefined;
      throw err;
    });
    if (destInfo?.kind === 'container') target = { segments: [...dest.segments, nameOf(src)] };
    else if (destInfo) throw duplicate(dest);
    if (target.segments.length < 2)
      throw new VospaceFault('InvalidArgument', 'the destination must be inside a home container');
    if (isWithin(target, src))
      throw new VospaceFault('InvalidArgument', 'a node cannot be moved or copied into itself');
    await this.prepareCreate(target);
    return target;
  }

  private async prepareCreate(path: NodePath): Promise<string> {
    if (path.segments.length < 2)
      throw new VospaceFault('PermissionDenied', 'nodes can only be created inside a home container');
    await this.requireContainer(parentOf(path));
    const fsPath = await this.resolve(path);
    if (await lstat(fsPath).catch(() => undefined)) throw duplicate(path);
    // Nothing is on disk here, so any metadata left for this path (a file removed by hand) is stale.
    await this.index.update(ownerOf(path), (nodes) => pruneUnder(nodes, keyOf(path)));
    return fsPath;
  }

  private async requireContainer(path: NodePath): Promise<void> {
    let info: NodeInfo;
    try {
      info = await this.stat(path);
    } catch (err) {
      if (err instanceof VospaceFault && err.fault === 'NodeNotFound') {
        throw new VospaceFault('ContainerNotFound', `${formatNodePath(path)} does not exist`);
      }
      throw err;
    }
    if (info.kind !== 'container')
      throw new VospaceFault('ContainerNotFound', `${formatNodePath(path)} is not a container`);
  }

  private async writeProperties(path: NodePath, properties: Record<string, string | null>): Promise<void> {
    const settable = Object.entries(properties).filter(([uri]) => !READ_ONLY_PROPERTIES.has(uri));
    if (settable.length === 0) return;
    const key = keyOf(path);
    await this.index.update(ownerOf(path), (nodes) => {
      const entry = nodes[key] ?? { properties: {} };
      for (const [uri, value] of settable) {
        if (value === null) delete entry.properties[uri];
        else entry.properties[uri] = value;
      }
      nodes[key] = entry;
    });
  }

  /** File-system path of `path`, after checking that no existing component is a symbolic link. */
  private async resolve(path: NodePath): Promise<string> {
    let current = this.options.root;
    for (const segment of path.segments) {
      current = join(current, segment);
      const st = await lstat(current).catch(() => undefined);
      if (!st) break;
      if (st.isSymbolicLink()) throw new VospaceFault('PermissionDenied', 'symbolic links are not followed');
    }
    return current;
  }
}

function ownerOf(path: NodePath): string {
  const owner = path.segments[0];
  if (owner === undefined) throw new VospaceFault('PermissionDenied', 'the root node has no owner');
  return owner;
}

/** Home-relative index key: segments after the owner joined by `/` (`''` is the home itself). */
function keyOf(path: NodePath): string {
  return path.segments.slice(1).join('/');
}

function pruneUnder(nodes: Record<string, NodeMetadata>, key: string): void {
  for (const k of Object.keys(nodes)) {
    if (k === key || k.startsWith(`${key}/`)) delete nodes[k];
  }
}

function notFound(path: NodePath): VospaceFault {
  return new VospaceFault('NodeNotFound', `${formatNodePath(path)} does not exist`);
}

function duplicate(path: NodePath): VospaceFault {
  return new VospaceFault('DuplicateNode', `${formatNodePath(path)} already exists`);
}

async function md5OfFile(fsPath: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(fsPath, { highWaterMark: IO_CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
