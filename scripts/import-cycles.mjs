#!/usr/bin/env node
// `npm test` check: no import cycles inside any package's src/ (generated code
// excluded). A cycle means two modules that cannot be understood apart.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
const packagesDir = resolve(new URL('../packages', import.meta.url).pathname);
let found = 0;
for (const name of readdirSync(packagesDir)) {
  const src = join(packagesDir, name, 'src');
  try {
    statSync(src);
  } catch {
    continue;
  }
  const cycles = cyclesIn(src);
  for (const cycle of cycles) console.log(`${name}: ${cycle}`);
  found += cycles.length;
}
console.log(found === 0 ? 'import cycles: none' : `import cycles: ${found}`);
process.exit(found === 0 ? 0 : 1);

function cyclesIn(root) {
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) {
        if (f !== 'generated') walk(p);
      } else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(root);
  const graph = new Map();
  for (const f of files) {
    const deps = [];
    for (const m of readFileSync(f, 'utf8').matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)) {
      const spec = m[1].replace(/\.js$/, '.ts');
      deps.push(resolve(dirname(f), spec));
    }
    graph.set(f, deps);
  }
  const state = new Map();
  const cycles = [];
  const visit = (f, stack) => {
    state.set(f, 1);
    stack.push(f);
    for (const d of graph.get(f) ?? []) {
      if (!graph.has(d)) continue;
      if (state.get(d) === 1)
        cycles.push(
          stack
            .slice(stack.indexOf(d))
            .concat(d)
            .map((p) => p.slice(root.length + 1))
            .join(' -> '),
        );
      else if (!state.get(d)) visit(d, stack);
    }
    stack.pop();
    state.set(f, 2);
  };
  for (const f of files) if (!state.get(f)) visit(f, []);
  return cycles;
}
