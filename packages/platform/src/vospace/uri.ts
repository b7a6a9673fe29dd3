// `vos://` URIs. Clients name the service's authority in different ways
// (`vos` derives `cadc.nrc.ca!vault` from the resource id it was configured
// with), and the service answering is by definition the one addressed, so
// any authority is accepted on input; output always uses the platform's own.

import { InvalidPathError, formatNodePath, parseNodePath, type NodePath } from './path.js';

const VOS_URI = /^vos:\/\/([^/?#]+)(\/[^?#]*)?$/;

/** Parses `vos://<authority>/<path>` into a {@link NodePath}; throws {@link InvalidPathError}. */
export function parseNodeUri(uri: string): NodePath {
  const match = VOS_URI.exec(uri.trim());
  if (!match) throw new InvalidPathError('not a vos:// URI');
  return parseNodePath(match[2] ?? '');
}

/** The `vos://` URI of `path` under `authority` (e.g. `vobridge!vault`). */
export function formatNodeUri(authority: string, path: NodePath): string {
  return `vos://${authority}${formatNodePath(path)}`;
}
