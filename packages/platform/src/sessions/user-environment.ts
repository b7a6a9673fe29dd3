import { BadRequestError } from '../http/index.js';
import type { ImageEntry } from './images.js';

/**
 * Prefix of the variables a user may set freely. No loader, runtime, TLS
 * library or locale reads a `USER_` variable, so whatever its value names (an
 * uploaded library, a config file) is never acted on.
 */
export const USER_ENV_PREFIX = 'USER_';
const USER_ENV_NAME = /^USER_[A-Z0-9_]{1,59}$/;
const MAX_VALUE_LENGTH = 4096;
const MAX_VARIABLES = 64;

/**
 * Checks the environment a launch asks for against an allow-list: the
 * variables the image documents plus `USER_*` names. Anything else
 * (`OPENSSL_CONF`, `LD_PRELOAD`, `NODE_OPTIONS`, `LANG`, `PYTHONPATH`, ...) is
 * refused, because a deny-list always misses one that loads code.
 */
export function checkUserEnvironment(image: ImageEntry, env: Record<string, string>): void {
  const names = Object.keys(env);
  if (names.length > MAX_VARIABLES) throw new BadRequestError(`at most ${MAX_VARIABLES} environment variables`);
  for (const name of names) {
    if (!image.env.includes(name) && !USER_ENV_NAME.test(name)) {
      const documented = image.env.length === 0 ? '' : `the ones ${image.id} documents (${image.env.join(', ')}) and `;
      throw new BadRequestError(
        `environment variable ${name} may not be set: a session accepts ${documented}your own under the ${USER_ENV_PREFIX} prefix (upper-case letters, digits, _)`,
      );
    }
    const value = env[name] as string;
    if (value.length > MAX_VALUE_LENGTH || value.includes('\0'))
      throw new BadRequestError(
        `environment variable ${name}: the value must be at most ${MAX_VALUE_LENGTH} characters, without NUL`,
      );
  }
}
