/** VOSpace 2.x namespace. */
export const VOSPACE_NS = 'http://www.ivoa.net/xml/VOSpace/v2.0';

/** Standard property URIs (`ivo://ivoa.net/vospace/core#…`). */
export const VOS_PROPERTY = {
  length: 'ivo://ivoa.net/vospace/core#length',
  md5: 'ivo://ivoa.net/vospace/core#MD5',
  date: 'ivo://ivoa.net/vospace/core#date',
  type: 'ivo://ivoa.net/vospace/core#type',
  description: 'ivo://ivoa.net/vospace/core#description',
  creator: 'ivo://ivoa.net/vospace/core#creator',
  groupRead: 'ivo://ivoa.net/vospace/core#groupread',
  groupWrite: 'ivo://ivoa.net/vospace/core#groupwrite',
  isPublic: 'ivo://ivoa.net/vospace/core#ispublic',
  quota: 'ivo://ivoa.net/vospace/core#quota',
} as const;

/** Standard transfer protocol URIs. */
export const VOS_PROTOCOL = {
  httpGet: 'ivo://ivoa.net/vospace/core#httpget',
  httpPut: 'ivo://ivoa.net/vospace/core#httpput',
  httpsGet: 'ivo://ivoa.net/vospace/core#httpsget',
  httpsPut: 'ivo://ivoa.net/vospace/core#httpsput',
} as const;

/** The default view of a node's data. */
export const VOS_DEFAULT_VIEW = 'ivo://ivoa.net/vospace/core#defaultview';

/** The kinds of VOSpace node (`xsi:type` local names). */
export type NodeType = 'ContainerNode' | 'DataNode' | 'UnstructuredDataNode' | 'StructuredDataNode' | 'LinkNode';

/**
 * Node properties by URI. `null` is a property marked `xsi:nil`, which in a
 * property update means "delete this property".
 */
export type NodeProperties = Record<string, string | null>;

interface NodeBase {
  /** `vos://authority!vospace/path` URI. */
  uri: string;
  properties: NodeProperties;
  /** URIs of the properties the service marks read-only. */
  readOnly?: string[];
  /** View URIs the node accepts. */
  accepts?: string[];
  /** View URIs the node provides. */
  provides?: string[];
}

/** A container (directory). `nodes` holds the children the service listed (one page). */
export interface ContainerNode extends NodeBase {
  type: 'ContainerNode';
  nodes: Node[];
}

/** A data node (file). */
export interface DataNode extends NodeBase {
  type: 'DataNode' | 'UnstructuredDataNode' | 'StructuredDataNode';
  /** The service is still writing the data. */
  busy?: boolean;
}

/** A link to another URI. */
export interface LinkNode extends NodeBase {
  type: 'LinkNode';
  target: string;
}

/** Any VOSpace node. */
export type Node = ContainerNode | DataNode | LinkNode;

/** Transfer directions that move data in or out of the space. */
export type TransferDirection = 'pushToVoSpace' | 'pullFromVoSpace' | 'pushFromVoSpace' | 'pullToVoSpace';

/** A transfer protocol, offered (with `endpoint`) or requested. */
export interface Protocol {
  uri: string;
  endpoint?: string;
  /** Security method URIs the endpoint accepts or the client asks for. */
  securityMethods?: string[];
}

/** A view with optional parameters. */
export interface View {
  uri: string;
  params?: { uri: string; value: string }[];
}

/**
 * A VOSpace transfer. `direction` is one of {@link TransferDirection} or, for
 * a move/copy inside the space, the destination node URI.
 */
export interface Transfer {
  target: string;
  direction: TransferDirection | (string & {});
  view?: View;
  protocols: Protocol[];
  /** `false` for a move, `true` (default) for a copy. */
  keepBytes?: boolean;
  /** Extra `<vos:param>`s. */
  params?: { uri: string; value: string }[];
  version?: string;
}
