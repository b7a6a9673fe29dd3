export { parseResourceCaps, type ResourceCaps } from './resource-caps.js';
export { RegistryClient, REGISTRY_TTL_MS, type RegistryClientOptions } from './registry-client.js';
export { parseVosUri, type VosLocation } from './vos-uri.js';
export { SERVICE_STANDARDS, type PlatformService } from './standards.js';
export {
  CANFAR,
  PLATFORM_PROFILES,
  resolvePlatform,
  resolveVosUri,
  type PlatformProfile,
  type ResolvedPlatform,
  type ResolvePlatformOptions,
  type ServiceEndpoint,
} from './platform.js';
