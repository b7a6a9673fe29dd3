// Chunked transfer coding (RFC 9112 §7.1), decoded as bytes arrive in reads
// of any size: a chunk's size line, its data or its CRLF may be split between
// two reads.
import { ProtocolError } from '../../../errors.js';

/** Longest chunk-size line (hex size plus extensions) accepted. */
const MAX_LINE = 4096;

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/** Decodes one chunked body. */
export class ChunkedDecoder {
  #state: State = 'size';
  #line = '';
  #remaining = 0;

  /**
   * Decodes `bytes`, passing each piece of payload to `emit` (a view of
   * `bytes`). Returns true once the last chunk and the trailer section are in;
   * anything after that is ignored.
   *
   * @throws {@link ProtocolError} on a malformed size line or chunk end.
   */
  feed(bytes: Buffer, emit: (data: Buffer) => void): boolean {
    let at = 0;
    while (at < bytes.length && this.#state !== 'done') {
      if (this.#state === 'data') {
        const take = Math.min(this.#remaining, bytes.length - at);
        emit(bytes.subarray(at, at + take));
        at += take;
        this.#remaining -= take;
        if (this.#remaining === 0) this.#state = 'data-end';
        continue;
      }
      const newline = bytes.indexOf(0x0a, at);
      const end = newline < 0 ? bytes.length : newline;
      this.#line += bytes.toString('latin1', at, end);
      at = newline < 0 ? bytes.length : newline + 1;
      if (this.#line.length > MAX_LINE) throw new ProtocolError('A chunked response has a line over 4 KiB.');
      if (newline < 0) continue;
      const line = this.#line.replace(/\r$/, '');
      this.#line = '';
      if (this.#state === 'size') {
        const m = /^([0-9a-fA-F]{1,12})[ \t]*(?:;.*)?$/.exec(line);
        if (!m?.[1])
          throw new ProtocolError(`A chunked response has a bad chunk size line ${JSON.stringify(line.slice(0, 40))}.`);
        this.#remaining = parseInt(m[1], 16);
        this.#state = this.#remaining === 0 ? 'trailer' : 'data';
      } else if (this.#state === 'data-end') {
        if (line !== '') throw new ProtocolError('A chunk of a chunked response is longer than its size says.');
        this.#state = 'size';
      } else if (line === '') {
        this.#state = 'done';
      }
    }
    return this.#state === 'done';
  }
}
