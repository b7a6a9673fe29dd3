import type { BrokerClient } from '../broker/client.js';
import { parseUrl } from '../commands/arguments.js';
import { CliError, UsageError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';

/**
 * A platform argument: an http(s) URL (the platform's, its registry's, or
 * any of its services'), or the name of a built-in profile (`canfar`).
 * Names are checked when used, so `--help` never loads the SDK.
 */
export function parsePlatform(value: string): string {
  if (/^[a-z][a-z0-9-]*$/i.test(value)) return value.toLowerCase();
  return parseUrl(value);
}

/** The URL to log in at: a profile's registry, or the URL as given. */
export async function platformUrl(value: string): Promise<string> {
  if (/^https?:\/\//i.test(value)) return value;
  const { PLATFORM_PROFILES } = await import('@vobridge/sdk');
  const profile = PLATFORM_PROFILES.find((p) => p.name === value);
  if (profile === undefined)
    throw new UsageError(
      `no platform is called ${value}`,
      `Give its URL, or one of: ${PLATFORM_PROFILES.map((p) => p.name).join(', ')}.`,
    );
  return profile.registry;
}

/** The origin the broker keys a platform's logins by. */
export async function platformOrigin(value: string): Promise<string> {
  return new URL(await platformUrl(value)).origin;
}

/**
 * The platform a command works on: `--platform`, else `VOBRIDGE_PLATFORM`,
 * else the only platform with an active login.
 */
export async function selectPlatform(option: string | undefined, broker: BrokerClient): Promise<string> {
  const chosen = option ?? process.env.VOBRIDGE_PLATFORM;
  if (chosen) return platformOrigin(chosen);
  const platforms = [...new Set((await broker.logins()).filter((l) => l.state === 'active').map((l) => l.platform))];
  if (platforms.length === 1 && platforms[0]) return platforms[0];
  if (platforms.length === 0)
    throw new CliError('not logged in to any platform', ExitCode.AUTH, 'Log in with: vobridge login <platform-url>');
  throw new UsageError(
    `logged in to ${platforms.length} platforms: say which`,
    'Add --platform <url> or set VOBRIDGE_PLATFORM.',
  );
}

/**
 * The VOSpace base URL and node path a `vos:` location names, found the way
 * `vos` finds it: a bare `vos:path` in the platform's VOSpace (as its
 * registry listed it at login), `vos://authority~service/path` through the
 * platform's registry.
 */
export async function vospaceLocation(
  broker: BrokerClient,
  platform: string,
  uri: string,
): Promise<{ baseUrl: string; path: string }> {
  const { parseVosUri, resolvePlatform, resolveVosUri } = await import('@vobridge/sdk');
  const location = parseVosUri(uri);
  const login = (await broker.logins()).find((l) => l.platform === platform && l.state !== 'failed');
  const known = login?.services?.vospace;
  if (location.resourceId === undefined && known !== undefined) return { baseUrl: known, path: location.path };
  const found = await resolvePlatform(login?.services?.registry ?? platform);
  return resolveVosUri(found, uri);
}
