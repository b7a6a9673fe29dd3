// The routes of a service, read from its OpenAPI spec, so the fuzzers reach
// every operation the specs promise (and new ones as the specs grow).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const OPENAPI = fileURLToPath(new URL('../../../openapi/', import.meta.url));

interface Spec {
  servers?: { url: string }[];
  paths?: Record<string, unknown>;
}

/** Route templates (`/vospace/nodes/{path}`) of the given spec files, prefixed with each spec's server path. */
export function specRoutes(...files: string[]): string[] {
  return files.flatMap((file) => {
    const spec = parse(readFileSync(`${OPENAPI}${file}`, 'utf8')) as Spec;
    const base = (spec.servers?.[0]?.url ?? '/').replace(/\/$/, '');
    return Object.keys(spec.paths ?? {}).map((path) => `${base}${path}`);
  });
}
