import { defaultRuntimeFile, readRuntimeFile } from '@vobridge/broker/runtime';
import { isLoopbackHost } from '@vobridge/sdk/broker-proof';
import { CliError } from '../errors.js';
import { ExitCode } from '../exitCodes.js';
import type { BrokerEndpoint } from './loopback-request.js';

/** How the CLI found the broker, for `vobridge broker status` and `vobridge env`. */
export interface LocatedBroker extends BrokerEndpoint {
  /** `env` when given by VOBRIDGE_BROKER_URL/SECRET, else the runtime file's path. */
  source: string;
  /** Process id, when known from the runtime file. */
  pid?: number;
}

/**
 * Finds the broker the way kernels do: `VOBRIDGE_BROKER_URL` and
 * `VOBRIDGE_BROKER_SECRET` first, else the runtime file. `undefined` when
 * neither names one; whether it is alive is for the caller to check.
 */
export async function locateBroker(env: NodeJS.ProcessEnv = process.env): Promise<LocatedBroker | undefined> {
  const url = env.VOBRIDGE_BROKER_URL;
  const secret = env.VOBRIDGE_BROKER_SECRET;
  if (url && secret) {
    if (!isLoopback(url)) {
      throw new CliError(
        'VOBRIDGE_BROKER_URL is not a loopback address',
        ExitCode.USAGE,
        'The broker only listens on 127.0.0.1; the secret is never sent anywhere else.',
      );
    }
    return { url: url.replace(/\/+$/, ''), secret, source: 'env' };
  }
  const file = defaultRuntimeFile(env);
  const info = await readRuntimeFile(file);
  // A runtime file naming anything but this machine is not followed: the secret stays here.
  if (!info || !isLoopback(info.url)) return undefined;
  return { url: info.url, secret: info.secret, pid: info.pid, source: file };
}

/** The broker secret may only travel to this machine. */
function isLoopback(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && isLoopbackHost(hostname);
  } catch {
    return false;
  }
}
