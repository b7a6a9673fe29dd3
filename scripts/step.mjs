#!/usr/bin/env node
// Runs one command as a named check and records its outcome in
// .test-results/steps.json so that scripts/summary.mjs can count it. Exit
// code 77 (the automake convention) means the check could not run: skipped.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const sep = process.argv.indexOf('--');
const name = process.argv[2];
const cmd = process.argv.slice(sep + 1);
if (sep < 0 || !name || cmd.length === 0) {
  console.error('usage: step.mjs <name> -- <command...>');
  process.exit(1);
}
const result = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit' });
const skipped = result.status === 77;
const ok = result.status === 0 || skipped;
mkdirSync('.test-results', { recursive: true });
const file = '.test-results/steps.json';
let steps = [];
try {
  steps = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  steps = [];
}
steps.push({ name, ok, skipped });
writeFileSync(file, JSON.stringify(steps, null, 2));
process.exit(ok ? 0 : 1);
