// A platform, the IVOA way: a registry plus resource ids. Its services are
// found through the registry's `resource-caps` and their VOSI capabilities,
// wherever they live (CANFAR spreads them over several hosts); a login's
// credential scope is every origin the registry declares.

import { HttpError, RegistryError, UnsafeUrlError } from '../errors.js';
import type { FetchLike } from '../lib/request.js';
import { checkPlatformUrl, isSecureTarget } from '../lib/urls.js';
import type { Capability } from '../xml/capabilities.js';
import { RegistryClient } from './registry-client.js';
import { SERVICE_STANDARDS, serviceBase, type PlatformService } from './standards.js';
import { parseVosUri } from './vos-uri.js';

/** What vobridge knows of a platform before asking its registry. */
export interface PlatformProfile {
  /** Short name (`canfar`), accepted wherever a platform URL is. */
  name: string;
  /** URL of the registry's `resource-caps` file. */
  registry: string;
  /** Resource id of each service; one not given is found by its standardID among the registry's resources. */
  resources?: Partial<Record<PlatformService, string>>;
  /** Resource id of the VOSpace that bare `vos:path` URIs name (CADC: its vault). */
  defaultVoSpace?: string;
}

/**
 * CANFAR, as cadcutils, vos and canfar find it (read from cadcutils 1.6.2,
 * vos 3.7, canfar 1.5.2; see docs/wire-notes.md): CADC's registry, the vault,
 * GMS (which also holds the login, `UMS#login-0.1`) and skaha.
 */
export const CANFAR: PlatformProfile = {
  name: 'canfar',
  registry: 'https://cadc-west-01.canfar.net/reg/resource-caps',
  resources: {
    vospace: 'ivo://cadc.nrc.ca/vault',
    gms: 'ivo://cadc.nrc.ca/gms',
    login: 'ivo://cadc.nrc.ca/gms',
    sessions: 'ivo://cadc.nrc.ca/skaha',
  },
  defaultVoSpace: 'ivo://cadc.nrc.ca/vault',
};

/** The built-in profiles, by name. */
export const PLATFORM_PROFILES: readonly PlatformProfile[] = [CANFAR];

/** Where a service of a platform answers. */
export interface ServiceEndpoint {
  /** Registry resource id of the service. */
  resourceId: string;
  /** The capability standardID it was found by. */
  standardId: string;
  /** Base URL for the service's client (`VoSpaceClient`, `SessionsClient`, ...), or the login URL. */
  url: string;
}

/** A platform with its services located. */
export interface ResolvedPlatform {
  /** The profile's name, or the registry's origin. */
  name: string;
  /** The platform's identity, which logins are keyed by: the registry's origin (or the URL's, without a registry). */
  origin: string;
  /** The registry, when the platform has one. */
  registry?: RegistryClient;
  /** Its services, those it has. */
  services: Partial<Record<PlatformService, ServiceEndpoint>>;
  /**
   * Every origin the registry declares (its own, each capabilities URL's
   * and each located service's): the credential scope of a login here.
   */
  origins: string[];
  /** Resource id of the VOSpace bare `vos:` URIs name, when known. */
  defaultVoSpace?: string;
}

/** Options of {@link resolvePlatform}. */
export interface ResolvePlatformOptions {
  /** `fetch` for the (anonymous) registry reads. */
  fetch?: FetchLike;
  /** Per-request time limit in milliseconds. */
  timeoutMs?: number;
  /** Most resources read when services must be found by walking the registry (default 64). */
  maxResources?: number;
}

const SERVICES = Object.keys(SERVICE_STANDARDS) as PlatformService[];

/**
 * Locates a platform's services. `platform` is a built-in profile's name
 * (`canfar`), a profile, a registry's `resource-caps` URL, or any URL of a
 * platform whose origin serves `/reg/resource-caps`. A URL whose origin has
 * no registry resolves to that origin alone, with no services.
 *
 * @throws {@link RegistryError} for a name that is no profile, or a
 *   registry URL that is not one; the network's typed errors when the
 *   registry cannot be read.
 */
export async function resolvePlatform(
  platform: string | PlatformProfile,
  options: ResolvePlatformOptions = {},
): Promise<ResolvedPlatform> {
  const profile = typeof platform === 'string' ? profileFor(platform) : platform;
  const registryUrl =
    profile !== undefined ? { url: profile.registry, guessed: false } : registryUrlOf(platform as string);
  const registry = new RegistryClient({
    url: registryUrl.url,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const origin = new URL(registry.url).origin;
  let resources: ReadonlyMap<string, string>;
  try {
    resources = await registry.resources();
  } catch (error) {
    // A platform URL (not a registry URL the caller named) without a registry is a platform of one origin.
    const noRegistry = error instanceof RegistryError || (error instanceof HttpError && error.status < 500);
    if (noRegistry && profile === undefined && registryUrl.guessed) {
      const own = new URL(platform as string).origin;
      return { name: own, origin: own, services: {}, origins: [own] };
    }
    throw error;
  }

  const named = profile?.resources ?? {};
  const namedIds = new Set(Object.values(named));
  const capabilities = new Map<string, Promise<Capability[] | undefined>>();
  const capabilitiesOf = (id: string): Promise<Capability[] | undefined> => {
    let found = capabilities.get(id);
    if (found === undefined) {
      // One resource that cannot be read does not hide the others; a resource the profile
      // names that sends a plain-http or javascript: URL is an error worth saying.
      found = registry.capabilities(id).catch((error: unknown) => {
        if (error instanceof UnsafeUrlError && namedIds.has(id)) throw error;
        return undefined;
      });
      capabilities.set(id, found);
    }
    return found;
  };
  const services: Partial<Record<PlatformService, ServiceEndpoint>> = {};
  const walk = [...resources.keys()].slice(0, options.maxResources ?? 64);
  // Services the profile does not name are looked for in every resource: read them a few at a time.
  if (SERVICES.some((service) => named[service] === undefined)) await inBatches(walk, 8, capabilitiesOf);
  for (const service of SERVICES) {
    const candidates = named[service] !== undefined ? [named[service]] : walk;
    for (const id of candidates) {
      let found: ServiceEndpoint | undefined;
      try {
        found = pick(service, id, await capabilitiesOf(id));
      } catch (error) {
        // An unsafe access URL: refused outright where the profile named the resource, skipped in a walk.
        if (namedIds.has(id)) throw error;
      }
      if (found !== undefined) {
        services[service] = found;
        break;
      }
    }
  }

  const origins = new Set<string>([origin]);
  for (const url of resources.values()) addOrigin(origins, url);
  for (const endpoint of Object.values(services)) addOrigin(origins, endpoint.url);
  return {
    name: profile?.name ?? origin,
    origin,
    registry,
    services,
    origins: [...origins],
    ...(profile?.defaultVoSpace !== undefined ? { defaultVoSpace: profile.defaultVoSpace } : {}),
  };
}

/**
 * The VOSpace base URL and node path a `vos:` URI names on a platform:
 * `vos://authority~service/path` through the platform's registry, a bare
 * `vos:path` in the platform's default VOSpace (else the one it has).
 *
 * @throws {@link RegistryError} when the registry does not list the
 *   resource or the platform has no VOSpace; {@link ConfigurationError} for
 *   a malformed URI.
 */
export async function resolveVosUri(
  platform: ResolvedPlatform,
  uri: string,
): Promise<{ baseUrl: string; path: string }> {
  const location = parseVosUri(uri);
  const resourceId = location.resourceId ?? platform.defaultVoSpace;
  if (resourceId !== undefined && resourceId !== platform.services.vospace?.resourceId && platform.registry) {
    const found = pick('vospace', resourceId, await platform.registry.capabilities(resourceId));
    if (found === undefined) throw new RegistryError(`${resourceId} offers no VOSpace nodes capability.`);
    return { baseUrl: found.url, path: location.path };
  }
  const vospace = platform.services.vospace;
  if (vospace === undefined) throw new RegistryError(`${platform.name} has no VOSpace service in its registry.`);
  return { baseUrl: vospace.url, path: location.path };
}

function profileFor(platform: string): PlatformProfile | undefined {
  const byName = PLATFORM_PROFILES.find((p) => p.name === platform.toLowerCase());
  if (byName !== undefined) return byName;
  if (!/^https?:\/\//i.test(platform))
    throw new RegistryError(
      `${JSON.stringify(platform)} is neither a URL nor a known platform (${PLATFORM_PROFILES.map((p) => p.name).join(', ')}).`,
    );
  const origin = new URL(platform).origin;
  return PLATFORM_PROFILES.find((p) => new URL(p.registry).origin === origin);
}

/** The registry a URL names: itself when it is a `resource-caps` URL, else `<origin>/reg/resource-caps`. */
function registryUrlOf(platform: string): { url: string; guessed: boolean } {
  const url = checkPlatformUrl(platform, 'platform URL');
  if (url.pathname.endsWith('/resource-caps')) return { url: url.toString(), guessed: false };
  return { url: `${url.origin}/reg/resource-caps`, guessed: true };
}

/**
 * The endpoint of `service` in a resource's capabilities: the first
 * capability with one of its standardIDs, the interface that takes a token
 * (else the cookie, else the first), https before http.
 */
function pick(
  service: PlatformService,
  resourceId: string,
  capabilities: Capability[] | undefined,
): ServiceEndpoint | undefined {
  if (capabilities === undefined) return undefined;
  for (const standardId of SERVICE_STANDARDS[service]) {
    const capability = capabilities.find((c) => c.standardID.toLowerCase() === standardId.toLowerCase());
    if (capability === undefined || capability.interfaces.length === 0) continue;
    const ranked = [...capability.interfaces].sort((a, b) => rank(a) - rank(b));
    const accessUrl = checkPlatformUrl((ranked[0] as (typeof ranked)[number]).accessURL, `${service} access URL`);
    return { resourceId, standardId: capability.standardID, url: serviceBase(service, accessUrl.toString()) };
  }
  return undefined;
}

function rank(itf: Capability['interfaces'][number]): number {
  const methods = itf.securityMethods.map((m) => m.toLowerCase());
  const byMethod = methods.includes('ivo://ivoa.net/sso#token')
    ? 0
    : methods.includes('ivo://ivoa.net/sso#cookie')
      ? 1
      : methods.length === 0
        ? 2
        : 3;
  return byMethod * 2 + (itf.accessURL.startsWith('https:') ? 0 : 1);
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

/** Adds the origin of `url` when a credential may go there (https, or http on loopback). */
function addOrigin(origins: Set<string>, url: string): void {
  if (!URL.canParse(url)) return;
  const parsed = new URL(url);
  if (isSecureTarget(parsed)) origins.add(parsed.origin);
}
