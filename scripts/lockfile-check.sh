#!/usr/bin/env bash
# `npm test` check: the committed package-lock.json is complete for every
# platform, so `npm ci` on any machine takes it unchanged. npm rewrites a lockfile
# that misses another platform's optional packages (@turbo/darwin-*, ...) only
# when its registry view is fuller than the writer's, so we ask npm to re-resolve
# the lockfile against the registry in a scratch copy of the manifests and
# compare. The working tree is never touched.
#
# Exits 0 (unchanged), 1 (npm would change it: the diff is printed) or 77 (the
# registry could not be reached: NOT CHECKED, counted as skipped).
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp package.json package-lock.json .npmrc "$tmp"/
for ws in $(node -p 'require("./package.json").workspaces.join("\n")'); do
  mkdir -p "$tmp/$ws"
  cp "$ws/package.json" "$tmp/$ws/"
done

if ! (cd "$tmp" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error) >"$tmp/npm.log" 2>&1; then
  if grep -qE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network' "$tmp/npm.log"; then
    echo "lockfile: NOT CHECKED — the npm registry could not be reached:"
    grep -m1 -E 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network' "$tmp/npm.log"
    exit 77
  fi
  echo "lockfile: npm could not resolve package.json against the lockfile:"
  cat "$tmp/npm.log"
  exit 1
fi
if cmp -s package-lock.json "$tmp/package-lock.json"; then
  echo "lockfile: complete — npm install --package-lock-only leaves package-lock.json unchanged."
  exit 0
fi
echo "lockfile: INCOMPLETE — a machine with a full registry view would rewrite it, and 'npm ci' there refuses it."
echo "Run 'npm install --package-lock-only --ignore-scripts' and commit package-lock.json. What npm would change:"
diff -u package-lock.json "$tmp/package-lock.json" | grep -E '^[+-] +"node_modules/' | head -40
exit 1
