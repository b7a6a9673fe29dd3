// The standardIDs by which a platform's services are found in their VOSI
// capabilities, across the spellings real services use.

/** Services of a platform that vobridge finds through its registry. */
export type PlatformService = 'vospace' | 'gms' | 'sessions' | 'login';

/** Capability standardIDs that identify each service, most preferred first. */
export const SERVICE_STANDARDS: Readonly<Record<PlatformService, readonly string[]>> = {
  vospace: ['ivo://ivoa.net/std/VOSpace/v2.0#nodes', 'ivo://ivoa.net/std/VOSpace#nodes-2.1'],
  gms: ['ivo://ivoa.net/std/GMS#search-1.0', 'ivo://ivoa.net/std/GMS#search-0.1'],
  // skaha's v0 id (what CANFAR and the canfar client use) and the platform API's versioned ids.
  sessions: [
    'vos://cadc.nrc.ca~vospace/CADC/std/Proc#sessions-1.0',
    'http://www.opencadc.org/std/platform#session-1',
    'http://www.opencadc.org/std/platform#session-0',
  ],
  // CADC's login (form POST, token back), and the IVOA SSO password login as a capability.
  login: ['ivo://ivoa.net/std/UMS#login-0.1', 'ivo://ivoa.net/sso#tls-with-password'],
};

/**
 * The service's base URL from the access URL of the capability that found
 * it: VOSpace clients append `nodes/`, `synctrans`, ...; GMS `search`; the
 * others are used as given.
 */
export function serviceBase(service: PlatformService, accessUrl: string): string {
  const suffix = service === 'vospace' ? /\/nodes\/?$/ : service === 'gms' ? /\/search\/?$/ : undefined;
  return suffix === undefined ? accessUrl.replace(/\/+$/, '') : accessUrl.replace(suffix, '');
}
