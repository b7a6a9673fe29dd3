// Reads the parts of a VOSI capabilities document that matter for login:
// which security methods each interface accepts, and the IVOA SSO login
// endpoints some platforms list as capabilities of their own. Elements are
// matched by local name because services disagree on prefixes and
// namespaces (cadcutils itself ignores them).

import { SaxesParser } from 'saxes';
import { ProtocolError } from '../../errors.js';

/** Login-relevant content of a VOSI capabilities document. */
export interface CapabilitiesSecurity {
  /** Capabilities whose standardID is an IVOA SSO method (`ivo://ivoa.net/sso#...`), with their access URL. */
  logins: { standardId: string; accessUrl?: string }[];
  /** Distinct `securityMethod` standardIDs over all interfaces, in document order. */
  securityMethods: string[];
  /** Whether some interface accepts anonymous calls (declares no securityMethod). */
  anonymousInterface: boolean;
}

/**
 * Parses a VOSI capabilities document.
 *
 * @throws ProtocolError with the element and location when the XML is not well-formed.
 */
export function parseCapabilitiesSecurity(xml: string): CapabilitiesSecurity {
  const result: CapabilitiesSecurity = { logins: [], securityMethods: [], anonymousInterface: false };
  const parser = new SaxesParser({ xmlns: true });
  let capabilityId: string | undefined;
  let firstAccessUrl: string | undefined;
  let interfaceMethods = 0;
  let inAccessUrl = false;
  let text = '';
  let currentElement: string | undefined;
  let failure: Error | undefined;
  let where = { line: 1, column: 1 };

  parser.on('error', (error) => {
    if (failure) return;
    failure = error;
    where = { line: parser.line, column: parser.column + 1 };
  });
  parser.on('opentag', (tag) => {
    currentElement = tag.local;
    const standardId = attribute(tag.attributes, 'standardID');
    switch (tag.local) {
      case 'capability':
        capabilityId = standardId;
        firstAccessUrl = undefined;
        break;
      case 'interface':
        interfaceMethods = 0;
        break;
      case 'accessURL':
        inAccessUrl = true;
        text = '';
        break;
      case 'securityMethod':
        interfaceMethods++;
        if (standardId && !result.securityMethods.includes(standardId)) result.securityMethods.push(standardId);
        break;
    }
  });
  parser.on('text', (t) => {
    if (inAccessUrl) text += t;
  });
  parser.on('closetag', (tag) => {
    switch (tag.local) {
      case 'accessURL':
        inAccessUrl = false;
        firstAccessUrl ??= text.trim();
        break;
      case 'interface':
        if (interfaceMethods === 0 && !isVosiStandard(capabilityId)) result.anonymousInterface = true;
        break;
      case 'capability':
        if (capabilityId?.toLowerCase().startsWith('ivo://ivoa.net/sso#')) {
          result.logins.push(firstAccessUrl ? { standardId: capabilityId, accessUrl: firstAccessUrl } : { standardId: capabilityId });
        }
        capabilityId = undefined;
        break;
    }
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    if (!failure) {
      failure = error instanceof Error ? error : new Error(String(error));
      where = { line: parser.line, column: parser.column + 1 };
    }
  }
  if (failure) {
    throw new ProtocolError(`The capabilities document is not well-formed XML: ${failure.message}`, {
      cause: failure,
      ...(currentElement ? { element: currentElement } : {}),
      location: where,
    });
  }
  return result;
}

function attribute(attributes: Record<string, { local: string; value: string }>, local: string): string | undefined {
  for (const a of Object.values(attributes)) if (a.local === local) return a.value;
  return undefined;
}

/** VOSI's own endpoints (capabilities, availability) are always anonymous and say nothing about the service. */
function isVosiStandard(id: string | undefined): boolean {
  return !!id && id.startsWith('ivo://ivoa.net/std/VOSI');
}
