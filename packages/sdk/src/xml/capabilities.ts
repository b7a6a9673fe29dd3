// VOSI capabilities in the form cadcutils reads: the root is namespaced but
// `capability`, `interface`, `accessURL` and `securityMethod` are unqualified,
// and the root declares `xsi` (cadcutils looks the attribute up by that
// namespace). Reading accepts qualified children too.
import { XSI_NS, attribute, childrenNamed, invalid, parseXml, textOf } from './dom.js';
import { renderXml, type XmlOut } from './writer.js';

/** VOSI capabilities namespace. */
export const VOSI_CAPABILITIES_NS = 'http://www.ivoa.net/xml/VOSICapabilities/v1.0';
const VR_NS = 'http://www.ivoa.net/xml/VOResource/v1.0';
const VS_NS = 'http://www.ivoa.net/xml/VODataService/v1.1';
const WHAT = 'VOSI capabilities';

/** One interface of a capability. */
export interface CapabilityInterface {
  accessURL: string;
  /** `use` attribute of `accessURL` (`full`, `base`, `dir`). */
  use?: string;
  /** `xsi:type` as written, such as `vs:ParamHTTP`. */
  type?: string;
  role?: string;
  /**
   * `securityMethod@standardID`s, such as `ivo://ivoa.net/sso#token`. An
   * empty list means anonymous access.
   */
  securityMethods: string[];
}

/** A capability (`standardID`) and its interfaces. */
export interface Capability {
  standardID: string;
  interfaces: CapabilityInterface[];
}

/**
 * Parses a VOSI capabilities document.
 *
 * @throws {@link ProtocolError} naming the element for malformed XML, a wrong
 *   root, a capability without `standardID` or an interface without `accessURL`.
 */
export function parseCapabilities(xml: string): Capability[] {
  const root = parseXml(xml, WHAT);
  if (root.local !== 'capabilities') throw invalid(root, WHAT, 'expected <capabilities>.');
  const ns = ['', VOSI_CAPABILITIES_NS, VR_NS];
  return childrenNamed(root, ns, 'capability').map((cap) => {
    const standardID = attribute(cap, 'standardID');
    if (standardID === undefined) throw invalid(cap, WHAT, 'a capability has no standardID.');
    return {
      standardID,
      interfaces: childrenNamed(cap, ns, 'interface').map((itf) => {
        const url = childrenNamed(itf, ns, 'accessURL')[0];
        if (!url) throw invalid(itf, WHAT, `an interface of ${standardID} has no accessURL.`);
        const out: CapabilityInterface = {
          accessURL: textOf(url).trim(),
          securityMethods: childrenNamed(itf, ns, 'securityMethod')
            .map((m) => attribute(m, 'standardID'))
            .filter((id): id is string => id !== undefined && id !== ''),
        };
        const use = attribute(url, 'use');
        if (use !== undefined) out.use = use;
        const type = attribute(itf, 'type', XSI_NS);
        if (type !== undefined) out.type = type;
        const role = attribute(itf, 'role');
        if (role !== undefined) out.role = role;
        return out;
      }),
    };
  });
}

/**
 * Writes a VOSI capabilities document cadcutils and pyvo can read. List an
 * anonymous interface first in its capability: cadcutils only uses it there.
 *
 * @throws {@link ProtocolError} when a value cannot be represented in XML.
 */
export function serializeCapabilities(capabilities: readonly Capability[]): string {
  return renderXml({
    name: 'vosi:capabilities',
    attrs: { 'xmlns:vosi': VOSI_CAPABILITIES_NS, 'xmlns:vs': VS_NS, 'xmlns:xsi': XSI_NS },
    children: capabilities.map((cap): XmlOut => ({
      name: 'capability',
      attrs: { standardID: cap.standardID },
      children: cap.interfaces.map((itf): XmlOut => ({
        name: 'interface',
        attrs: { 'xsi:type': itf.type ?? 'vs:ParamHTTP', role: itf.role ?? 'std' },
        children: [
          { name: 'accessURL', attrs: { use: itf.use ?? 'base' }, children: [itf.accessURL] },
          ...itf.securityMethods.map((id): XmlOut => ({ name: 'securityMethod', attrs: { standardID: id } })),
        ],
      })),
    })),
  });
}
