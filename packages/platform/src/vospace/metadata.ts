// What the file system cannot hold about a node: its MD5 (computed while the
// bytes streamed in, valid while size and mtime are unchanged) and the
// properties users set. One JSON document per user, rewritten atomically and
// serialised per user, so a crash leaves either the old or the new index.
// The file system stays the truth for existence, type, length and date: an
// index entry for a missing file is ignored and pruned.

import { join } from 'node:path';
import { readJsonFile, writeJsonAtomic } from '../store/atomic.js';

/** The cached checksum of a data node, valid while size and mtime match the file. */
export interface ChecksumEntry {
  /** Hex MD5 of the content. */
  md5: string;
  /** File size the checksum was computed for. */
  size: number;
  /** File mtime (ms) the checksum was computed for. */
  mtimeMs: number;
}

/** Stored metadata of one node. */
export interface NodeMetadata {
  /** Checksum of a data node's bytes. */
  checksum?: ChecksumEntry;
  /** User-set properties, property URI -> value. */
  properties: Record<string, string>;
  /** Target URI of a link node; its file is empty and only holds the node's place in the tree. */
  link?: string;
}

interface IndexFile {
  version: 1;
  nodes: Record<string, NodeMetadata>;
}

/** Per-user metadata indexes under one directory. */
export class MetadataIndex {
  private readonly cache = new Map<string, Promise<IndexFile>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {}

  /** Metadata of the node at `key` (home-relative, segments joined by `/`), if any. */
  async get(user: string, key: string): Promise<NodeMetadata | undefined> {
    const index = await this.load(user);
    return index.nodes[key];
  }

  /** Entries whose key is `prefix` or lies below it (copies). */
  async under(user: string, prefix: string): Promise<Record<string, NodeMetadata>> {
    const index = await this.load(user);
    const out: Record<string, NodeMetadata> = {};
    for (const [key, meta] of Object.entries(index.nodes)) {
      if (key === prefix || key.startsWith(`${prefix}/`)) out[key] = structuredClone(meta);
    }
    return out;
  }

  /** Applies `change` to the user's index and persists it; changes for one user run one at a time. */
  async update(user: string, change: (nodes: Record<string, NodeMetadata>) => void): Promise<void> {
    const previous = this.queues.get(user) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const index = await this.load(user);
        const copy = structuredClone(index);
        change(copy.nodes);
        await writeJsonAtomic(this.fileOf(user), copy);
        this.cache.set(user, Promise.resolve(copy));
      });
    this.queues.set(user, next);
    try {
      await next;
    } finally {
      if (this.queues.get(user) === next) this.queues.delete(user);
    }
  }

  private load(user: string): Promise<IndexFile> {
    let loaded = this.cache.get(user);
    if (!loaded) {
      loaded = readJsonFile(this.fileOf(user)).then(parseIndex);
      // A failed read must not poison the cache: the next call retries.
      loaded.catch(() => this.cache.delete(user));
      this.cache.set(user, loaded);
    }
    return loaded;
  }

  private fileOf(user: string): string {
    // User names are validated path segments, but keep the file name unambiguous anyway.
    return join(this.dir, `${encodeURIComponent(user)}.json`);
  }
}

function parseIndex(value: unknown): IndexFile {
  if (value === undefined) return { version: 1, nodes: {} };
  if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1) {
    throw new Error('VOSpace metadata index has an unknown format');
  }
  const nodes = (value as { nodes?: unknown }).nodes;
  if (typeof nodes !== 'object' || nodes === null) throw new Error('VOSpace metadata index has no nodes');
  return { version: 1, nodes: nodes as Record<string, NodeMetadata> };
}
