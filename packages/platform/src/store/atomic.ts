import { readFile } from 'node:fs/promises';
import { writeFileAtomic, type AtomicWriteOptions } from '@vobridge/sdk/node';

export { writeFileAtomic, type AtomicWriteOptions };

/** Writes `value` as pretty JSON with {@link writeFileAtomic}. */
export async function writeJsonAtomic(path: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/**
 * Reads a JSON file, or returns `undefined` when it does not exist.
 * A file that exists but is not valid JSON is an error: silently starting
 * from scratch would lose state.
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${(err as Error).message}`);
  }
}
