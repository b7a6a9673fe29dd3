/**
 * `vos:` URIs as the `vos` command-line tools write them: `vos:alice/data/x.fits`
 * names `/alice/data/x.fits` in the user's default VOSpace service, and
 * `vos://authority!vospace/alice/x` names it in an explicit one.
 */
export interface VosUri {
  /** The VOSpace authority (`cadc.nrc.ca!vault`), or undefined for the default service. */
  authority?: string;
  /** Absolute node path, `/`-separated, never ending in `/` (except the root). */
  path: string;
}

/** Thrown when a string is not a usable `vos:` URI. */
export class VosUriError extends Error {
  override readonly name = 'VosUriError';
}

/** Parses a `vos:` URI, rejecting empty, relative-escaping and non-`vos:` input. */
export function parseVosUri(input: string): VosUri {
  const m = /^vos:(\/\/([^/]+))?(.*)$/i.exec(input.trim());
  if (!m) throw new VosUriError(`not a vos: URI: ${JSON.stringify(input)} (expected e.g. vos:alice/data)`);
  const authority = m[2];
  const segments = (m[3] ?? '').split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new VosUriError(`'..' is not allowed in a vos: URI: ${JSON.stringify(input)}`);
  const path = `/${segments.join('/')}`;
  return authority === undefined ? { path } : { authority, path };
}

/** True for strings the CLI should treat as VOSpace locations rather than local files. */
export function isVosUri(input: string): boolean {
  return /^vos:/i.test(input);
}
