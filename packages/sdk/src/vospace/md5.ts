// Incremental MD5 that runs in Node and browsers alike (WebCrypto has no
// MD5), used to check transfers against the node's `#MD5` property and the
// `digest: md5=` header.
import { md5 } from '@noble/hashes/legacy.js';

/** An MD5 computation fed chunk by chunk. */
export class Md5 {
  readonly #state = md5.create();

  /** Adds bytes. */
  update(chunk: Uint8Array): this {
    this.#state.update(chunk);
    return this;
  }

  /** The digest as lower-case hex. Ends the computation. */
  hex(): string {
    return Array.from(this.#state.digest(), (b) => b.toString(16).padStart(2, '0')).join('');
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
