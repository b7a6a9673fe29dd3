// Store nodes as VOSpace documents (through the SDK codec, so the platform
// and its clients share one writer) or as the JSON rendering of the spec.

import { serializeNode, type Node } from '@vobridge/sdk';
import { READ_ONLY_PROPERTIES } from './properties.js';
import type { NodeInfo } from './store.js';
import { formatNodeUri } from './uri.js';

/** The SDK model of a stored node; a container lists `children` (one page). */
export function toSdkNode(authority: string, info: NodeInfo, children: readonly NodeInfo[] = []): Node {
  const base = {
    uri: formatNodeUri(authority, info.path),
    properties: { ...info.properties },
    readOnly: Object.keys(info.properties).filter((uri) => READ_ONLY_PROPERTIES.has(uri)),
    accepts: [],
    provides: [],
  };
  if (info.kind === 'container')
    return { ...base, type: 'ContainerNode', nodes: children.map((c) => toSdkNode(authority, c)) };
  if (info.kind === 'link') return { ...base, type: 'LinkNode', target: info.target ?? '' };
  return { ...base, type: 'DataNode', busy: false };
}

/** A node as the `text/xml` document `vos` reads. */
export function nodeXml(node: Node): string {
  return serializeNode(node);
}

/** A node as the JSON of the spec's `Node` schema. */
export function nodeJson(node: Node): Record<string, unknown> {
  const out: Record<string, unknown> = { uri: node.uri, type: node.type, properties: node.properties };
  if (node.type === 'ContainerNode') out.nodes = node.nodes.map(nodeJson);
  else if (node.type === 'LinkNode') out.target = node.target;
  else out.busy = node.busy ?? false;
  return out;
}
