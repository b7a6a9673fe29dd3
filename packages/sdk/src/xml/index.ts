export {
  parseXml,
  childNamed,
  childrenNamed,
  elementChildren,
  textOf,
  attribute,
  resolveQName,
  XSI_NS,
  XLINK_NS,
  type XmlElement,
  type XmlAttribute,
} from './dom.js';
export {
  parseCapabilities,
  serializeCapabilities,
  VOSI_CAPABILITIES_NS,
  type Capability,
  type CapabilityInterface,
} from './capabilities.js';
