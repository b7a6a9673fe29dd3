// Incremental MD5 that runs in Node and browsers alike (WebCrypto has no
// MD5), used to check transfers against the node's `#MD5` property and the
// `digest: md5=` header.
import { md5 } from '@noble/hashes/legacy.js';

interface HashState {
  update(chunk: Uint8Array): unknown;
}
interface NodeCrypto {
  createHash(algorithm: 'md5'): HashState & { digest(encoding: 'hex'): string };
}

/**
 * Node's own MD5 when the runtime has one (about 8x faster than JavaScript,
 * which otherwise bounds transfer throughput). Looked up at run time through
 * `process.getBuiltinModule` rather than imported, so browser bundles of the
 * SDK neither contain nor need `node:crypto`.
 */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** An MD5 computation fed chunk by chunk. */
export class Md5 {
  readonly #native: ReturnType<NodeCrypto['createHash']> | undefined;
  readonly #portable: ReturnType<typeof md5.create> | undefined;

  /** @param portable - use the JavaScript implementation even on Node (for tests). @hidden */
  constructor(portable = false) {
    this.#native = portable ? undefined : nodeCrypto?.createHash('md5');
    this.#portable = this.#native ? undefined : md5.create();
  }

  /** Adds bytes. */
  update(chunk: Uint8Array): this {
    (this.#native ?? this.#portable)?.update(chunk);
    return this;
  }

  /** The digest as lower-case hex. Ends the computation. */
  hex(): string {
    if (this.#native) return this.#native.digest('hex');
    return Array.from(this.#portable?.digest() ?? [], (b) => b.toString(16).padStart(2, '0')).join('');
  }
}

/** `md5=<base64>` (RFC 3230 `digest` header) to hex; `undefined` for other algorithms or bad input. */
export function md5FromDigestHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /^\s*md5=([A-Za-z0-9+/=]+)\s*$/i.exec(part);
    if (!m?.[1]) continue;
    const raw = atob(m[1]);
    if (raw.length === 16) return Array.from(raw, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  }
  return undefined;
}

/** Hex MD5 to an RFC 3230 `digest` header value. */
export function md5ToDigestHeader(hex: string): string {
  const bytes = hex.match(/../g) ?? [];
  return `md5=${btoa(String.fromCharCode(...bytes.map((b) => parseInt(b, 16))))}`;
}
