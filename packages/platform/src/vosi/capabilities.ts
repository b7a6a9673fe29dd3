import { SSO } from '../http/index.js';
import { escapeXml } from './xml.js';

/** Standard ids of the VOSI capabilities and availability endpoints. */
export const VOSI = {
  capabilities: 'ivo://ivoa.net/std/VOSI#capabilities',
  availability: 'ivo://ivoa.net/std/VOSI#availability',
} as const;

/** One interface of a capability: an access URL and the security method it accepts (none: anonymous). */
export interface CapabilityInterface {
  /** Absolute access URL. */
  accessURL: string;
  /** `full` for an endpoint, `base` for a prefix that paths are appended to (default `full`). */
  use?: 'full' | 'base';
  /** IVOA SSO standardID (`ivo://ivoa.net/sso#token`, ...); absent for anonymous access. */
  securityMethod?: string;
}

/** A VOSI capability: a standard id and its interfaces. */
export interface Capability {
  standardID: string;
  interfaces: CapabilityInterface[];
}

/** How a capability may be reached. */
export interface AccessOptions {
  /** `base` or `full` (default `full`). */
  use?: 'full' | 'base';
  /** Whether anonymous access is allowed (adds an interface without securityMethod, first). */
  anonymous?: boolean;
}

/**
 * A capability offering `url` anonymously (if allowed), with a token and
 * with the SSO cookie: one interface per security method, the anonymous one
 * first, because `cadcutils` only uses an anonymous interface listed first.
 */
export function capability(standardID: string, url: string, options: AccessOptions = {}): Capability {
  const use = options.use ?? 'full';
  const interfaces: CapabilityInterface[] = [];
  if (options.anonymous === true) interfaces.push({ accessURL: url, use });
  interfaces.push(
    { accessURL: url, use, securityMethod: SSO.token },
    { accessURL: url, use, securityMethod: SSO.cookie },
  );
  return { standardID, interfaces };
}

/** The two VOSI capabilities every service has, at `<serviceUrl>/capabilities` and `/availability`. */
export function vosiCapabilities(serviceUrl: string): Capability[] {
  return [
    { standardID: VOSI.capabilities, interfaces: [{ accessURL: `${serviceUrl}/capabilities` }] },
    { standardID: VOSI.availability, interfaces: [{ accessURL: `${serviceUrl}/availability` }] },
  ];
}

/**
 * Writes a VOSI 1.1 capabilities document in the form `cadcutils` reads:
 * `capability`, `interface`, `accessURL` and `securityMethod` unqualified,
 * the root declaring the `xsi` and `vs` prefixes.
 */
export function renderCapabilities(capabilities: readonly Capability[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0"' +
      ' xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1"' +
      ' xmlns:vr="http://www.ivoa.net/xml/VOResource/v1.0"' +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
  ];
  for (const cap of capabilities) {
    lines.push(`  <capability standardID="${escapeXml(cap.standardID)}">`);
    for (const iface of cap.interfaces) {
      lines.push('    <interface xsi:type="vs:ParamHTTP" role="std">');
      lines.push(`      <accessURL use="${iface.use ?? 'full'}">${escapeXml(iface.accessURL)}</accessURL>`);
      if (iface.securityMethod !== undefined)
        lines.push(`      <securityMethod standardID="${escapeXml(iface.securityMethod)}"/>`);
      lines.push('    </interface>');
    }
    lines.push('  </capability>');
  }
  lines.push('</vosi:capabilities>', '');
  return lines.join('\n');
}

/** A VOSI availability document. */
export function renderAvailability(available: boolean, note: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">',
    `  <vosi:available>${available}</vosi:available>`,
    `  <vosi:note>${escapeXml(note)}</vosi:note>`,
    '</vosi:availability>',
    '',
  ].join('\n');
}
