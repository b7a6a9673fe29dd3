// The login-relevant reading of a VOSI capabilities document (parsed by the
// shared codec in src/xml): which security methods the interfaces accept, and
// the IVOA SSO login endpoints some platforms list as capabilities of their own.

import type { Capability } from '../../xml/capabilities.js';

/** Login-relevant content of a VOSI capabilities document. */
export interface CapabilitiesSecurity {
  /** Capabilities whose standardID is an IVOA SSO method (`ivo://ivoa.net/sso#...`), with their first access URL. */
  logins: { standardId: string; accessUrl?: string }[];
  /** Distinct `securityMethod` standardIDs over all interfaces, in document order. */
  securityMethods: string[];
  /** Whether some service interface accepts anonymous calls (declares no securityMethod; VOSI's own endpoints excluded). */
  anonymousInterface: boolean;
}

/** Extracts login methods and accepted security methods from parsed capabilities. */
export function capabilitiesSecurity(capabilities: readonly Capability[]): CapabilitiesSecurity {
  const result: CapabilitiesSecurity = { logins: [], securityMethods: [], anonymousInterface: false };
  for (const capability of capabilities) {
    const id = capability.standardID;
    if (id.toLowerCase().startsWith('ivo://ivoa.net/sso#')) {
      const accessUrl = capability.interfaces[0]?.accessURL;
      result.logins.push(accessUrl ? { standardId: id, accessUrl } : { standardId: id });
    }
    for (const itf of capability.interfaces) {
      // VOSI's own endpoints are always anonymous and say nothing about the service.
      if (itf.securityMethods.length === 0 && !id.startsWith('ivo://ivoa.net/std/VOSI'))
        result.anonymousInterface = true;
      for (const method of itf.securityMethods)
        if (!result.securityMethods.includes(method)) result.securityMethods.push(method);
    }
  }
  return result;
}
