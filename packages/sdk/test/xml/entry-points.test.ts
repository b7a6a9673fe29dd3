// `@vobridge/sdk` must load in a browser bundle: nothing reachable from the
// main entry may import a Node built-in or use Node-only globals. File access
// lives behind the separate `@vobridge/sdk/node` entry.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../../src/', import.meta.url));
/** Dependencies known to run in browsers (ESM, WebCrypto, no Node built-ins). */
const BROWSER_SAFE = new Set(['saxes', 'openapi-fetch', '@noble/hashes', 'jose']);

function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) {
      if (m[1]) continue; // type-only imports vanish from the bundle
      const spec = m[2]!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(path.join(src, entry));
  return { files, packages };
}

test('the main entry reaches no Node built-in and no Node-only global', () => {
  const { files, packages } = reachable('index.ts');
  expect(files.size).toBeGreaterThan(20);
  expect([...packages].filter((p) => p.startsWith('node:') || !BROWSER_SAFE.has(p))).toEqual([]);
  for (const file of files) {
    const code = readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect({ file: path.relative(src, file), nodeGlobals: /\b(Buffer|process|require)\s*[.(]/.test(code) }).toEqual({
      file: path.relative(src, file),
      nodeGlobals: false,
    });
  }
  expect([...files].some((f) => f.includes(`${path.sep}node${path.sep}`))).toBe(false);
});

test('the ./node entry is the only place with file access', () => {
  const { packages } = reachable('node/index.ts');
  expect(packages).toContain('node:fs');
});
