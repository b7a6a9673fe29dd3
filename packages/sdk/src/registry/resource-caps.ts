// The CADC registry file `resource-caps`, as cadcutils reads it: one
// `<resource id> = <VOSI capabilities URL>` per line, `#` comments and blank
// lines skipped. A resource id that is itself an http(s) URL needs no
// registry: its capabilities are at `<id>/capabilities`.

/** Resource id → capabilities URL, in file order. */
export type ResourceCaps = ReadonlyMap<string, string>;

/** Parses a `resource-caps` file. Lines without `=` are skipped, as cadcutils would fail on them only when asked. */
export function parseResourceCaps(text: string): ResourceCaps {
  const entries = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const id = line.slice(0, eq).trim();
    const url = line.slice(eq + 1).trim();
    if (id !== '' && url !== '' && !entries.has(id)) entries.set(id, url);
  }
  return entries;
}
