// The generated types must match openapi/: `npm test` runs the same check
// before building, because the build would otherwise regenerate them silently.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(sdk, 'scripts/generate.mjs');

function check(...args: string[]) {
  return spawnSync(process.execPath, [script, '--check', ...args], { encoding: 'utf8' });
}

test('src/generated matches the specs', () => {
  const r = check();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

test('a spec changed without regenerating is reported by file name', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'vobridge-gen-'));
  const specs = path.join(work, 'openapi');
  const out = path.join(work, 'generated');
  cpSync(path.resolve(sdk, '../../openapi'), specs, { recursive: true });
  cpSync(path.join(sdk, 'src/generated'), out, { recursive: true });
  const gms = path.join(specs, 'gms.yaml');
  writeFileSync(
    gms,
    readFileSync(gms, 'utf8').replace('operationId: listMyGroups', 'operationId: listMyGroupsRenamed'),
  );

  const r = check('--spec-dir', specs, '--out-dir', out);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('gms.ts');
  expect(r.stderr).not.toContain('uws.ts');
  expect(r.stderr).toContain('npm run generate');
});
