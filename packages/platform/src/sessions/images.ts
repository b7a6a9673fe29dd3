import type { SessionType } from './model.js';

/** Which local stand-in program runs an image. */
export type StandIn = 'firefly' | 'webapp' | 'headless';

/** An image sessions can be launched from. */
export interface ImageEntry {
  /** Full reference, registry included (`canfar` accepts only `images.canfar.net`). */
  id: string;
  types: SessionType[];
  /** Content digest, as skaha lists it. */
  digest: string;
  /** The local program that stands in for the container. */
  standIn: StandIn;
  /** Display name the stand-in shows. */
  title: string;
  /** Environment variables the image documents and reads; a launch may set these (see `user-environment.ts`). */
  env: readonly string[];
}

/** What `canfar` sets on every launch (one request per replica), so every image documents them. */
const REPLICA_ENV = ['REPLICA_ID', 'REPLICA_COUNT'] as const;

/** Registry host of every image (the only one `canfar` accepts). */
export const REGISTRY = 'images.canfar.net';

/**
 * The platform's images. There are no containers here: each image is run by
 * a small local stand-in program (see `apps/`) that behaves like the real
 * application as far as clients can see.
 */
export const IMAGES: readonly ImageEntry[] = [
  image('skaha/firefly:2025.2', ['firefly'], 'firefly', 'Firefly'),
  image('skaha/carta:4.1', ['carta'], 'webapp', 'CARTA'),
  image('skaha/notebook:1.0', ['notebook'], 'webapp', 'Notebook'),
  image('skaha/desktop:1.0', ['desktop'], 'webapp', 'Desktop'),
  image('skaha/contributed:1.0', ['contributed'], 'webapp', 'Contributed app'),
  image('skaha/terminal:1.1.1', ['headless'], 'headless', 'Terminal'),
];

function image(
  path: string,
  types: SessionType[],
  standIn: StandIn,
  title: string,
  env: readonly string[] = REPLICA_ENV,
): ImageEntry {
  // A stable, made-up digest: there is no image content to hash.
  const hex = Buffer.from(path).toString('hex').padEnd(64, '0').slice(0, 64);
  return { id: `${REGISTRY}/${path}`, types, digest: `sha256:${hex}`, standIn, title, env };
}

/** Finds an image by its full reference; `:latest` (what `canfar` adds to an untagged name) means the one listed. */
export function findImage(id: string): ImageEntry | undefined {
  const exact = IMAGES.find((entry) => entry.id === id);
  if (exact !== undefined || !id.endsWith(':latest')) return exact;
  const repository = id.slice(0, -':latest'.length);
  return IMAGES.find((entry) => entry.id.slice(0, entry.id.lastIndexOf(':')) === repository);
}
