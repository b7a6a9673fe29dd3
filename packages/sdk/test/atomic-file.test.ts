import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../src/node/index.js';

test('replaces a file whole, with the asked modes, leaving no temporary file', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'vobridge-atomic-'));
  const target = path.join(root, 'state', 'secret.json');
  await writeFileAtomic(target, 'one', { mode: 0o600, dirMode: 0o700 });
  await writeFileAtomic(target, 'two', { mode: 0o600, dirMode: 0o700 });
  expect(readFileSync(target, 'utf8')).toBe('two');
  expect(statSync(target).mode & 0o777).toBe(0o600);
  expect(statSync(path.dirname(target)).mode & 0o777).toBe(0o700);
  expect(readdirSync(path.dirname(target))).toEqual(['secret.json']);
});
