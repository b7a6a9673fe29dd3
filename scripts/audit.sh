#!/usr/bin/env bash
# Supply-chain check for `npm test`: known vulnerabilities in the production
# npm dependencies (`npm audit --omit=dev`, high or critical fails) and in the
# Python environment (`pip-audit`, any known vulnerability fails).
#
# Both need an advisory service. Where it cannot be reached (this project's
# machines reach the package registries' download APIs only), the check says
# NOT CHECKED loudly and exits 77, which `npm test` counts as skipped: an
# unreachable service is not a finding, and it must never read as a clean
# result either.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
findings=0
unchecked=0
# Each part exits 0 (clean), 1 (findings) or 77 (could not check).
record() { case "$1" in 0) ;; 77) unchecked=1 ;; *) findings=1 ;; esac; }

# ---- npm ----------------------------------------------------------------
npm audit --omit=dev --audit-level=high --json >"$tmp/npm.json" 2>"$tmp/npm.err"
node --input-type=module - "$tmp/npm.json" <<'JS'
import { readFileSync } from 'node:fs';
let report;
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? report?.error?.summary ?? 'no report';
  console.log(`npm audit: NOT CHECKED — the advisory service could not be used (${String(why).slice(0, 160)}).`);
  process.exit(77);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit (production dependencies): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low.`);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical') console.log(`  ${v.severity}: ${name} ${v.range ?? ''}`);
  }
  process.exit(1);
}
JS
record $?

# ---- Python -------------------------------------------------------------
if [ ! -x .venv/bin/pip-audit ]; then
  echo "pip-audit: NOT CHECKED — pip-audit is not installed in .venv (run scripts/setup.sh)."
  unchecked=1
else
  .venv/bin/pip-audit --vulnerability-service pypi --skip-editable --progress-spinner off -f json -o "$tmp/pip.json" >/dev/null 2>"$tmp/pip.err"
  node --input-type=module - "$tmp/pip.json" <<'JS'
import { readFileSync } from 'node:fs';
let report;
try {
  report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
} catch {
  console.log('pip-audit: NOT CHECKED — it produced no report.');
  process.exit(77);
}
const deps = report.dependencies ?? [];
const audited = deps.filter((d) => d.skip_reason === undefined);
// pip-audit reports "No known vulnerabilities" even when it could look up nothing: count what it really checked.
if (audited.length === 0) {
  console.log(`pip-audit: NOT CHECKED — none of the ${deps.length} installed packages could be looked up (${String(deps[0]?.skip_reason ?? 'no packages').slice(0, 120)}).`);
  process.exit(77);
}
const vulnerable = audited.filter((d) => (d.vulns ?? []).length > 0);
console.log(`pip-audit: ${audited.length} of ${deps.length} packages checked, ${vulnerable.length} with known vulnerabilities.`);
for (const d of vulnerable) console.log(`  ${d.name} ${d.version}: ${d.vulns.map((v) => v.id).join(', ')}`);
process.exit(vulnerable.length > 0 ? 1 : 0);
JS
  record $?
fi
if [ "$findings" = 1 ]; then exit 1; fi
if [ "$unchecked" = 1 ]; then exit 77; fi
exit 0
