// VOSpace node paths as the platform sees them: a list of already-decoded,
// individually checked segments. Every way a client can name a node (URL path,
// `vos://` URI, `uri=` paging parameter, transfer target) goes through
// `parseNodePath`, so the traversal rules live in exactly one place.

/** A validated VOSpace path; `segments[0]` is the owner's home container. */
export interface NodePath {
  /** Decoded path segments, none empty, `.`, `..` or containing `/`, `\` or control characters. */
  readonly segments: readonly string[];
}

/** A path (or URI) that cannot name a node: traversal, bad encoding, control characters, empty segments. */
export class InvalidPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPathError';
  }
}

/** Longest accepted segment, in UTF-16 code units: a little under the common 255-byte file-name limit. */
const MAX_SEGMENT = 200;
/** Deepest accepted path. */
const MAX_DEPTH = 64;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
const FORBIDDEN = /[\u0000-\u001f\u007f/\\]/;

/**
 * Parses the still percent-encoded path of a request URL (or of a `vos://`
 * URI) into a {@link NodePath}. Decoding happens per segment, so an encoded
 * slash (`%2F`) can never split a segment and an encoded dot-dot (`%2e%2e`)
 * is refused like a literal one. A leading and a trailing slash are allowed;
 * an empty path names the root.
 */
export function parseNodePath(encoded: string): NodePath {
  const trimmed = encoded.replace(/^\/+/, '').replace(/\/$/, '');
  if (trimmed === '') return { segments: [] };
  const raw = trimmed.split('/');
  if (raw.length > MAX_DEPTH) throw new InvalidPathError(`path is deeper than ${MAX_DEPTH} levels`);
  const segments = raw.map(decodeSegment);
  return { segments };
}

function decodeSegment(raw: string): string {
  if (raw === '') throw new InvalidPathError('path has an empty segment');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new InvalidPathError('path is not valid percent-encoded UTF-8');
  }
  if (decoded === '.' || decoded === '..') throw new InvalidPathError('path may not contain "." or ".." segments');
  if (FORBIDDEN.test(decoded)) throw new InvalidPathError('path segment contains "/", "\\" or a control character');
  if (decoded.length > MAX_SEGMENT) throw new InvalidPathError(`path segment longer than ${MAX_SEGMENT} characters`);
  return decoded;
}

/** The path as it appears in URIs and URLs: `/alice/data/x.fits`, each segment percent-encoded. */
export function formatNodePath(path: NodePath): string {
  return `/${path.segments.map(encodeURIComponent).join('/')}`;
}

/** The parent of a non-root path. */
export function parentOf(path: NodePath): NodePath {
  return { segments: path.segments.slice(0, -1) };
}

/** A child of `path`; `name` must already be a valid segment (it comes from the store or a validated path). */
export function childOf(path: NodePath, name: string): NodePath {
  return { segments: [...path.segments, name] };
}

/** The last segment (node name), or `''` for the root. */
export function nameOf(path: NodePath): string {
  return path.segments.at(-1) ?? '';
}

/** True when `inner` is `outer` or lies below it. */
export function isWithin(inner: NodePath, outer: NodePath): boolean {
  return outer.segments.length <= inner.segments.length && outer.segments.every((s, i) => inner.segments[i] === s);
}
