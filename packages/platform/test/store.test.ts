import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentStore, RecordStore, writeFileAtomic } from '../src/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vobridge-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const parseCounter = (value: unknown): { n: number } => {
  if (typeof (value as { n?: unknown }).n !== 'number') throw new Error('bad counter');
  return value as { n: number };
};

describe('writeFileAtomic', () => {
  it('writes with the requested mode and leaves no temporary file', async () => {
    const path = join(dir, 'sub', 'secret.json');
    await writeFileAtomic(path, 'one', { mode: 0o600 });
    await writeFileAtomic(path, 'two', { mode: 0o600 });
    expect(await readFile(path, 'utf8')).toBe('two');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'sub'))).toEqual(['secret.json']);
  });
});

describe('DocumentStore', () => {
  it('serialises concurrent updates and persists them', async () => {
    const path = join(dir, 'counter.json');
    const store = await DocumentStore.open({ path, parse: parseCounter, initial: () => ({ n: 0 }) });
    await Promise.all(Array.from({ length: 20 }, () => store.update((d) => void (d.n += 1))));
    expect(store.value.n).toBe(20);
    const reopened = await DocumentStore.open({ path, parse: parseCounter, initial: () => ({ n: 0 }) });
    expect(reopened.value.n).toBe(20);
  });

  it('keeps the old document when a change throws', async () => {
    const path = join(dir, 'counter.json');
    const store = await DocumentStore.open({ path, parse: parseCounter, initial: () => ({ n: 1 }) });
    await store.update((d) => void (d.n = 2));
    await expect(
      store.update((d) => {
        d.n = 3;
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(store.value.n).toBe(2);
  });

  it('refuses to start from a corrupt file instead of losing it', async () => {
    const path = join(dir, 'counter.json');
    await writeFile(path, '{"n": 1');
    await expect(DocumentStore.open({ path, parse: parseCounter, initial: () => ({ n: 0 }) })).rejects.toThrow(
      /not valid JSON/,
    );
  });
});

describe('RecordStore', () => {
  it('stores, updates, lists and deletes records', async () => {
    const store = await RecordStore.open({ dir, parse: parseCounter });
    await store.put('a', { n: 1 });
    await store.put('b', { n: 2 });
    expect(await store.update('a', (r) => void (r.n = 5))).toEqual({ n: 5 });
    expect(await store.update('zz', () => undefined)).toBeUndefined();
    expect(await store.delete('b')).toBe(true);
    const reopened = await RecordStore.open({ dir, parse: parseCounter });
    expect(reopened.values()).toEqual([{ n: 5 }]);
  });

  it('rejects ids that could escape the directory', async () => {
    const store = await RecordStore.open({ dir, parse: parseCounter });
    for (const id of ['../x', 'a/b', '', '.hidden']) {
      expect(() => store.put(id, { n: 1 })).toThrow(/invalid record id/);
    }
  });

  it('skips and reports a corrupt record', async () => {
    await writeFile(join(dir, 'bad.json'), 'garbage');
    const corrupt: string[] = [];
    const store = await RecordStore.open({ dir, parse: parseCounter, onCorrupt: (id) => corrupt.push(id) });
    expect(store.values()).toEqual([]);
    expect(corrupt).toEqual(['bad']);
  });
});
