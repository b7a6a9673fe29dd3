/** Writes a line to standard output (results: what scripts capture). */
export function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Writes a line to standard error (progress, instructions, warnings). */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Writes a value as indented JSON on standard output, for `--json`. */
export function outJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}
