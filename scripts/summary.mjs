#!/usr/bin/env node
// Prints one summary of every test result file written during `npm test`:
// Jest JSON (packages/*/test-results/jest.json, test/test-results/jest.json),
// pytest JUnit XML (*/test-results/junit.xml) and the named checks in
// .test-results/steps.json, and failed build/lint tasks from turbo's run
// summary. Exits 1 when anything failed or nothing ran.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const suites = [];
const hasTestScript = (dir) => {
  try {
    return Boolean(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts?.test);
  } catch {
    return false;
  }
};
const dirs = [...readdirSync('packages').map((d) => path.join('packages', d)), 'test'];

for (const dir of dirs) {
  const before = suites.length;
  const jest = path.join(dir, 'test-results', 'jest.json');
  if (existsSync(jest)) {
    const r = JSON.parse(readFileSync(jest, 'utf8'));
    const failedToRun = r.numRuntimeErrorTestSuites ?? 0;
    suites.push({
      name: `${dir} (jest)`,
      passed: r.numPassedTests,
      failed: r.numFailedTests + failedToRun,
      skipped: r.numPendingTests + (r.numTodoTests ?? 0),
    });
  }
  const junit = path.join(dir, 'test-results', 'junit.xml');
  if (existsSync(junit)) {
    const xml = readFileSync(junit, 'utf8');
    let tests = 0,
      failures = 0,
      errors = 0,
      skipped = 0;
    for (const m of xml.matchAll(/<testsuite\b([^>]*)>/g)) {
      const attr = (n) => Number(new RegExp(`\\b${n}="(\\d+)"`).exec(m[1])?.[1] ?? 0);
      tests += attr('tests');
      failures += attr('failures');
      errors += attr('errors');
      skipped += attr('skipped');
    }
    suites.push({
      name: `${dir} (pytest)`,
      passed: tests - failures - errors - skipped,
      failed: failures + errors,
      skipped,
    });
  }
  if (suites.length === before && hasTestScript(dir)) {
    // Its build or its test runner failed before writing results: count that as a failure.
    suites.push({ name: `${dir} (no results: build or test run failed, see above)`, passed: 0, failed: 1, skipped: 0 });
  }
}
const stepsFile = '.test-results/steps.json';
if (existsSync(stepsFile)) {
  for (const s of JSON.parse(readFileSync(stepsFile, 'utf8'))) {
    suites.push({
      name: `check: ${s.name}`,
      passed: s.ok && !s.skipped ? 1 : 0,
      failed: s.ok ? 0 : 1,
      skipped: s.skipped ? 1 : 0,
    });
  }
}

// Build and lint failures come from turbo's run summary (npm test passes --summarize).
const runsDir = '.turbo/runs';
if (existsSync(runsDir)) {
  for (const file of readdirSync(runsDir).filter((f) => f.endsWith('.json'))) {
    const run = JSON.parse(readFileSync(path.join(runsDir, file), 'utf8'));
    for (const task of run.tasks ?? []) {
      if (task.task === 'test' || task.execution?.exitCode === 0 || task.execution === undefined) continue;
      suites.push({ name: `task ${task.taskId}`, passed: 0, failed: 1, skipped: 0 });
    }
  }
}

const total = suites.reduce(
  (t, s) => ({ passed: t.passed + s.passed, failed: t.failed + s.failed, skipped: t.skipped + s.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
const width = Math.max(...suites.map((s) => s.name.length), 10);
console.log('\n──── vobridge test summary ────');
for (const s of suites) {
  const mark = s.failed > 0 ? 'FAIL' : s.passed === 0 && s.skipped > 0 ? 'skip' : 'ok  ';
  console.log(`${mark} ${s.name.padEnd(width)}  ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
