// `vos:` URIs name a node in a VOSpace service found through a registry, as
// the `vos` tools read them: `vos://cadc.nrc.ca~vault/alice/x` (or `!` for
// `~`) is node `/alice/x` of resource `ivo://cadc.nrc.ca/vault`; a bare
// `vos:alice/x` is in the default service (CADC's vault for `vos`).

import { ConfigurationError } from '../errors.js';

/** A node of a VOSpace service named by its registry resource id. */
export interface VosLocation {
  /** Resource id of the service (`ivo://cadc.nrc.ca/vault`), or undefined for the default one. */
  resourceId?: string;
  /** Absolute node path, `/`-separated, never ending in `/` (except the root). */
  path: string;
}

/**
 * Parses a `vos:` URI. The authority is lower-cased as `vos` does
 * (`vos://CADC.nrc.ca!Vault/x` is `ivo://cadc.nrc.ca/vault`).
 *
 * @throws {@link ConfigurationError} for anything that is not a usable `vos:` URI
 *   (another scheme, an authority without a service, `..` segments).
 */
export function parseVosUri(input: string): VosLocation {
  const m = /^vos:(\/\/([^/]*))?(.*)$/i.exec(input.trim());
  if (!m) throw new ConfigurationError(`Not a vos: URI: ${JSON.stringify(input)} (expected e.g. vos:alice/data).`);
  const segments = (m[3] ?? '').split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..'))
    throw new ConfigurationError(`'..' is not allowed in a vos: URI: ${JSON.stringify(input)}.`);
  const path = `/${segments.join('/')}`;
  const authority = m[2];
  if (authority === undefined) return { path };
  const split = /^([^~!]+)[~!]([^~!]+)$/.exec(authority);
  if (!split)
    throw new ConfigurationError(
      `The authority of ${JSON.stringify(input)} does not name a service: expected vos://<authority>~<service>/...`,
    );
  return { resourceId: `ivo://${(split[1] as string).toLowerCase()}/${(split[2] as string).toLowerCase()}`, path };
}
