import type { BrokerClient } from '../broker/client.js';
import { CliError, UsageError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';

/**
 * The platform a command works on: `--platform`, else `VOBRIDGE_PLATFORM`,
 * else the only platform with an active login.
 */
export async function selectPlatform(option: string | undefined, broker: BrokerClient): Promise<string> {
  const chosen = option ?? process.env.VOBRIDGE_PLATFORM;
  if (chosen) return new URL(chosen).origin;
  const platforms = [...new Set((await broker.logins()).filter((l) => l.state === 'active').map((l) => l.platform))];
  if (platforms.length === 1 && platforms[0]) return platforms[0];
  if (platforms.length === 0)
    throw new CliError('not logged in to any platform', ExitCode.AUTH, 'Log in with: vobridge login <platform-url>');
  throw new UsageError(
    `logged in to ${platforms.length} platforms: say which`,
    'Add --platform <url> or set VOBRIDGE_PLATFORM.',
  );
}

interface ServiceIndex {
  services?: { name?: unknown; baseUrl?: unknown }[];
}

/**
 * Base URL of a platform's service (`vospace`, `uws`, `sessions`) from the
 * platform's root index of services, which is anonymous.
 */
export async function serviceUrl(platform: string, name: string): Promise<string> {
  let index: ServiceIndex;
  try {
    const response = await fetch(`${platform}/`, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    index = (await response.json()) as ServiceIndex;
  } catch (error) {
    throw new CliError(
      `cannot read the service index of ${platform}`,
      ExitCode.UNAVAILABLE,
      'Check the platform URL (vobridge status lists your platforms).',
      { cause: error },
    );
  }
  const entry = index.services?.find((s) => s.name === name);
  if (typeof entry?.baseUrl !== 'string')
    throw new CliError(`${platform} offers no ${name} service`, ExitCode.NOT_FOUND);
  return entry.baseUrl;
}
