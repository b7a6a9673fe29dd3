// Build step: the platform validates requests against the OpenAPI specs and
// serves them at /openapi/*, so a published package carries its own copy
// (dist/openapi/), not a path into the monorepo.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../../../openapi/', import.meta.url));
const to = fileURLToPath(new URL('../dist/openapi/', import.meta.url));
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const file of readdirSync(from).filter((name) => name.endsWith('.yaml') && name !== 'redocly.yaml')) cpSync(`${from}${file}`, `${to}${file}`);
