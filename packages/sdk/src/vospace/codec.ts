// VOSpace 2.1 node and transfer documents. The writer always uses the `vos`
// prefix and `xsi:type="vos:…"`: the `vos` Python client compares that
// attribute literally. The reader resolves `xsi:type` properly, so any prefix
// a service chooses is accepted.
import {
  XSI_NS,
  attribute,
  childNamed,
  childrenNamed,
  invalid,
  isNil,
  parseXml,
  resolveQName,
  textOf,
  type XmlElement,
} from '../xml/dom.js';
import { renderXml, type XmlOut } from '../xml/writer.js';
import {
  VOSPACE_NS,
  type Node,
  type NodeProperties,
  type NodeType,
  type Protocol,
  type Transfer,
  type View,
} from './types.js';

const NS = [VOSPACE_NS];
const NODE = 'VOSpace node';
const TRANSFER = 'VOSpace transfer';
const NODE_TYPES: readonly NodeType[] = [
  'ContainerNode',
  'DataNode',
  'UnstructuredDataNode',
  'StructuredDataNode',
  'LinkNode',
];

function viewUris(node: XmlElement, local: string): string[] | undefined {
  const el = childNamed(node, NS, local);
  if (!el) return undefined;
  return childrenNamed(el, [VOSPACE_NS, ''], 'view')
    .map((v) => attribute(v, 'uri'))
    .filter((u): u is string => u !== undefined);
}

function parseNodeElement(el: XmlElement): Node {
  if (el.local !== 'node' || el.uri !== VOSPACE_NS) {
    throw invalid(el, NODE, `expected <vos:node> in namespace ${VOSPACE_NS}.`);
  }
  const uri = attribute(el, 'uri');
  if (uri === undefined) throw invalid(el, NODE, 'the node has no uri attribute.');
  const typeAttr = attribute(el, 'type', XSI_NS);
  if (typeAttr === undefined) throw invalid(el, NODE, `node ${uri} has no xsi:type.`);
  const qn = resolveQName(el, typeAttr);
  const type = NODE_TYPES.find((t) => t === qn.local);
  if (!type || (qn.uri !== VOSPACE_NS && qn.uri !== '')) {
    throw invalid(el, NODE, `unknown node type "${typeAttr.slice(0, 60)}".`);
  }

  const properties: NodeProperties = {};
  const readOnly: string[] = [];
  const propsEl = childNamed(el, NS, 'properties');
  for (const p of propsEl ? childrenNamed(propsEl, NS, 'property') : []) {
    const puri = attribute(p, 'uri');
    if (puri === undefined) throw invalid(p, NODE, 'a property has no uri attribute.');
    properties[puri] = isNil(p) ? null : textOf(p).trim();
    if (attribute(p, 'readOnly')?.trim() === 'true') readOnly.push(puri);
  }
  const base: Pick<Node, 'uri' | 'properties' | 'readOnly' | 'accepts' | 'provides'> = { uri, properties };
  if (readOnly.length) base.readOnly = readOnly;
  const accepts = viewUris(el, 'accepts');
  if (accepts) base.accepts = accepts;
  const provides = viewUris(el, 'provides');
  if (provides) base.provides = provides;

  switch (type) {
    case 'ContainerNode': {
      const list = childNamed(el, NS, 'nodes');
      return { ...base, type, nodes: list ? childrenNamed(list, NS, 'node').map(parseNodeElement) : [] };
    }
    case 'LinkNode': {
      const target = childNamed(el, NS, 'target');
      if (!target) throw invalid(el, NODE, `link node ${uri} has no <vos:target>.`);
      return { ...base, type, target: textOf(target).trim() };
    }
    default: {
      const busy = attribute(el, 'busy')?.trim() === 'true';
      return busy ? { ...base, type, busy } : { ...base, type };
    }
  }
}

/**
 * Parses a VOSpace node document (`<vos:node>`), children of a container included.
 *
 * @throws {@link ProtocolError} naming the element for malformed XML, a
 *   missing `uri`/`xsi:type`, an unknown type or a link without target.
 */
export function parseNode(xml: string): Node {
  return parseNodeElement(parseXml(xml, NODE));
}

function propertiesOut(node: Node): XmlOut {
  const readOnly = new Set(node.readOnly ?? []);
  return {
    name: 'vos:properties',
    children: Object.entries(node.properties).map(([uri, value]) => ({
      name: 'vos:property',
      attrs: { uri, readOnly: readOnly.has(uri) ? 'true' : undefined, 'xsi:nil': value === null ? 'true' : undefined },
      children: value === null ? [] : [value],
    })),
  };
}

function viewsOut(name: string, uris: string[] | undefined): XmlOut {
  return { name, children: (uris ?? []).map((uri) => ({ name: 'vos:view', attrs: { uri } })) };
}

function nodeOut(node: Node, root: boolean): XmlOut {
  return {
    name: 'vos:node',
    attrs: {
      ...(root ? { 'xmlns:vos': VOSPACE_NS, 'xmlns:xsi': XSI_NS } : {}),
      'xsi:type': `vos:${node.type}`,
      uri: node.uri,
      busy: node.type !== 'ContainerNode' && node.type !== 'LinkNode' && node.busy ? 'true' : undefined,
    },
    children: [
      propertiesOut(node),
      viewsOut('vos:accepts', node.accepts),
      viewsOut('vos:provides', node.provides),
      { name: 'vos:capabilities' },
      node.type === 'ContainerNode'
        ? { name: 'vos:nodes', children: node.nodes.map((c) => nodeOut(c, false)) }
        : undefined,
      node.type === 'LinkNode' ? { name: 'vos:target', children: [node.target] } : undefined,
    ],
  };
}

/**
 * Writes a node as a VOSpace 2.1 document: prefix `vos`,
 * `xsi:type="vos:ContainerNode"` etc., a container's children in `<vos:nodes>`.
 *
 * @throws {@link ProtocolError} when a value cannot be represented in XML.
 */
export function serializeNode(node: Node): string {
  return renderXml(nodeOut(node, true));
}

function paramsOf(el: XmlElement): { uri: string; value: string }[] {
  return childrenNamed(el, NS, 'param').map((p) => ({ uri: attribute(p, 'uri') ?? '', value: textOf(p).trim() }));
}

/**
 * Parses a VOSpace transfer document (`<vos:transfer>`), as a client sends it
 * or as a service returns it with negotiated endpoints.
 *
 * @throws {@link ProtocolError} naming the element for malformed XML or a
 *   missing `target`/`direction`.
 */
export function parseTransfer(xml: string): Transfer {
  const root = parseXml(xml, TRANSFER);
  if (root.local !== 'transfer' || root.uri !== VOSPACE_NS) {
    throw invalid(root, TRANSFER, `expected <vos:transfer> in namespace ${VOSPACE_NS}.`);
  }
  const target = childNamed(root, NS, 'target');
  if (!target) throw invalid(root, TRANSFER, 'it has no <vos:target>.');
  const direction = childNamed(root, NS, 'direction');
  if (!direction) throw invalid(root, TRANSFER, 'it has no <vos:direction>.');
  const protocols = childrenNamed(root, NS, 'protocol').map((p): Protocol => {
    const uri = attribute(p, 'uri');
    if (uri === undefined) throw invalid(p, TRANSFER, 'a protocol has no uri attribute.');
    const out: Protocol = { uri };
    const endpoint = childNamed(p, NS, 'endpoint');
    if (endpoint) out.endpoint = textOf(endpoint).trim();
    const methods = childrenNamed(p, NS, 'securityMethod')
      .map((m) => attribute(m, 'uri'))
      .filter((u): u is string => u !== undefined);
    if (methods.length) out.securityMethods = methods;
    return out;
  });
  const transfer: Transfer = { target: textOf(target).trim(), direction: textOf(direction).trim(), protocols };
  const viewEl = childNamed(root, NS, 'view');
  if (viewEl) {
    const view: View = { uri: attribute(viewEl, 'uri') ?? '' };
    const params = paramsOf(viewEl);
    if (params.length) view.params = params;
    transfer.view = view;
  }
  const keepBytes = childNamed(root, NS, 'keepBytes');
  if (keepBytes) transfer.keepBytes = textOf(keepBytes).trim() !== 'false';
  const params = paramsOf(root);
  if (params.length) transfer.params = params;
  const version = attribute(root, 'version');
  if (version !== undefined) transfer.version = version;
  return transfer;
}

function paramOut(p: { uri: string; value: string }): XmlOut {
  return { name: 'vos:param', attrs: { uri: p.uri }, children: [p.value] };
}

/**
 * Writes a transfer as a VOSpace 2.1 document (prefix `vos`).
 *
 * @throws {@link ProtocolError} when a value cannot be represented in XML.
 */
export function serializeTransfer(transfer: Transfer): string {
  return renderXml({
    name: 'vos:transfer',
    attrs: { 'xmlns:vos': VOSPACE_NS, version: transfer.version ?? '2.1' },
    children: [
      { name: 'vos:target', children: [transfer.target] },
      { name: 'vos:direction', children: [transfer.direction] },
      transfer.view && {
        name: 'vos:view',
        attrs: { uri: transfer.view.uri },
        children: (transfer.view.params ?? []).map(paramOut),
      },
      ...transfer.protocols.map((p): XmlOut => ({
        name: 'vos:protocol',
        attrs: { uri: p.uri },
        children: [
          p.endpoint === undefined ? undefined : { name: 'vos:endpoint', children: [p.endpoint] },
          ...(p.securityMethods ?? []).map((uri): XmlOut => ({ name: 'vos:securityMethod', attrs: { uri } })),
        ],
      })),
      transfer.keepBytes === undefined ? undefined : { name: 'vos:keepBytes', children: [String(transfer.keepBytes)] },
      ...(transfer.params ?? []).map(paramOut),
    ],
  });
}
