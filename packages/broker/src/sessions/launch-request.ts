import { sessionTypeValues } from '@vobridge/sdk/openapi/broker';
import type { LaunchRequest } from '@vobridge/sdk/broker';
import { BadRequestError } from '../errors.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const FIELDS = new Set(['name', 'image', 'type', 'cores', 'ram', 'gpus', 'cmd', 'args', 'env']);

/** The body of `POST /v1/sessions`, checked against the spec's `LaunchRequest`, or a 400 naming the field. */
export function parseLaunchRequest(body: unknown): LaunchRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequestError('The body must be a JSON object.');
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields))
    if (!FIELDS.has(key)) throw new BadRequestError(`Unknown field "${key.slice(0, 64)}".`);
  const { name, image, type, cmd, args, env } = fields;
  if (typeof name !== 'string' || !NAME.test(name))
    throw new BadRequestError('"name" must be letters, digits and -, at most 64.');
  if (typeof image !== 'string' || image.length === 0 || image.length > 512)
    throw new BadRequestError('"image" must be an image reference.');
  if (!sessionTypeValues.includes(type as LaunchRequest['type']))
    throw new BadRequestError(`"type" must be one of ${sessionTypeValues.join(', ')}.`);
  const request: LaunchRequest = { name, image, type: type as LaunchRequest['type'] };
  for (const key of ['cores', 'ram', 'gpus'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || (value as number) < (key === 'gpus' ? 0 : 1))
      throw new BadRequestError(`"${key}" must be a whole number${key === 'gpus' ? '' : ' of at least 1'}.`);
    request[key] = value as number;
  }
  for (const [key, value] of [
    ['cmd', cmd],
    ['args', args],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > 4096) throw new BadRequestError(`"${key}" must be a string.`);
    request[key] = value;
  }
  if (env !== undefined) {
    if (
      typeof env !== 'object' ||
      env === null ||
      Array.isArray(env) ||
      !Object.values(env).every((v) => typeof v === 'string')
    )
      throw new BadRequestError('"env" must map variable names to strings.');
    request.env = { ...(env as Record<string, string>) };
  }
  return request;
}
