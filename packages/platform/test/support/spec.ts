import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadSpec } from '../../src/http/openapi.js';

const SPECS = fileURLToPath(new URL('../../../../openapi/', import.meta.url));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

type Node = Record<string, unknown>;

/**
 * Checks a response against its spec: the status is documented, the media
 * type is one the operation declares, and a JSON body matches the schema.
 * Returns the body (parsed when JSON). `template` is the spec's path, e.g. `/session/{id}`.
 */
export async function conforming(spec: string, method: string, template: string, res: Response): Promise<unknown> {
  const doc = loadSpec(`${SPECS}${spec}`) as Node;
  const operation = ((doc.paths as Node)[template] as Node | undefined)?.[method.toLowerCase()] as Node | undefined;
  if (operation === undefined) throw new Error(`${spec} has no ${method} ${template}`);
  const responses = operation.responses as Node;
  const response = (responses[String(res.status)] ?? responses.default) as Node | undefined;
  if (response === undefined)
    throw new Error(`${method} ${template}: status ${res.status} is not documented in ${spec}`);
  const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const text = await res.text();
  const content = response.content as Node | undefined;
  if (content === undefined) return text;
  const media = content[type] as Node | undefined;
  if (media === undefined)
    throw new Error(`${method} ${template}: ${type} is not among ${Object.keys(content).join(', ')}`);
  if (!type.endsWith('json')) return text;
  const body: unknown = JSON.parse(text);
  const validate = ajv.compile((media.schema as Node | undefined) ?? {});
  if (!validate(body))
    throw new Error(`${method} ${template}: body violates ${spec}: ${ajv.errorsText(validate.errors)}`);
  return body;
}
