import { ConfigurationError } from '../../errors.js';
import type { Challenge } from './challenge.js';
import { isToken, isToken68Value } from './parse.js';

/**
 * Serializes challenges into one `WWW-Authenticate` value that
 * {@link parseChallenges} reads back unchanged. Parameter values are sent as
 * tokens when they can be, otherwise as quoted strings with `"` and `\` escaped.
 *
 * @throws ConfigurationError when a scheme or parameter name is not an RFC 9110
 *   token, or a token68 is malformed (servers must not emit such headers).
 */
export function serializeChallenges(challenges: readonly Challenge[]): string {
  return challenges.map(serializeOne).join(', ');
}

function serializeOne(challenge: Challenge): string {
  if (!isToken(challenge.scheme))
    throw new ConfigurationError(`Invalid auth scheme: ${JSON.stringify(challenge.scheme)}`);
  if (challenge.token68 !== undefined) {
    if (!isToken68Value(challenge.token68)) throw new ConfigurationError('Invalid token68 value in challenge.');
    return `${challenge.scheme} ${challenge.token68}`;
  }
  const params = Object.entries(challenge.params).map(([name, value]) => {
    if (!isToken(name)) throw new ConfigurationError(`Invalid auth-param name: ${JSON.stringify(name)}`);
    return `${name}=${isToken(value) ? value : quote(value)}`;
  });
  return params.length ? `${challenge.scheme} ${params.join(', ')}` : challenge.scheme;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
