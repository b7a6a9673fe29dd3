#!/usr/bin/env node
// Generates src/generated/<service>.ts from openapi/<service>.yaml with
// openapi-typescript. `--check` writes nothing and exits 1 naming every
// generated file that no longer matches its spec (used by `npm test`).
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
/** `--spec-dir` and `--out-dir` exist so the freshness test can run on a copy. */
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : fallback;
};
const specDir = option('--spec-dir', path.resolve(here, '../../../openapi'));
const outDir = option('--out-dir', path.resolve(here, '../src/generated'));
/** Files in openapi/ that hold shared parts or tool config, not a service. */
const notServices = new Set(['common.yaml', 'redocly.yaml']);

async function specFiles() {
  return (await readdir(specDir)).filter((f) => f.endsWith('.yaml') && !notServices.has(f)).sort();
}

async function render(specFile) {
  // enumValues: the enums' values as runtime lists too (error codes, session types), one source for both.
  const ast = await openapiTS(pathToFileURL(path.join(specDir, specFile)), { silent: true, enumValues: true });
  const banner =
    `// Generated from openapi/${specFile} by packages/sdk/scripts/generate.mjs.\n` +
    `// Do not edit by hand: change the spec and run \`npm run generate\`.\n\n`;
  return banner + astToString(ast);
}

async function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  await mkdir(outDir, { recursive: true });
  const expected = new Set();
  for (const spec of await specFiles()) {
    const target = path.join(outDir, spec.replace(/\.yaml$/, '.ts'));
    expected.add(path.basename(target));
    const fresh = await render(spec);
    const current = await readFile(target, 'utf8').catch(() => null);
    if (current === fresh) continue;
    if (check) stale.push(path.relative(process.cwd(), target));
    else await writeFile(target, fresh);
  }
  for (const f of await readdir(outDir)) {
    if (f.endsWith('.ts') && !expected.has(f)) stale.push(`${path.relative(process.cwd(), path.join(outDir, f))} (no spec)`);
  }
  if (stale.length > 0) {
    const what = check ? 'out of date with openapi/' : 'left without a spec';
    console.error(`Generated types ${what}:\n${stale.map((s) => `  ${s}`).join('\n')}\nRun \`npm run generate\` and commit the result.`);
    process.exit(1);
  }
}

await main();
