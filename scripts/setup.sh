#!/usr/bin/env bash
# Idempotent set-up for a fresh clone: Node dependencies (npm ci), the Python
# venv at .venv with the project's Python packages installed editable, and,
# with --browser, Debian's chromium for the browser tests. Each step records
# a hash of its inputs and is skipped when they have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 1 ;;
  esac
done

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
stamp_of() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

# --- Node ---------------------------------------------------------------
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi
# The project's runtime (scripts/node-versions.txt), fetched from the npm registry:
# Node 20 reached its end of life, and oidc-provider supports the current LTS lines.
source scripts/node-runtime.sh
runtime=$(node_versions | head -n 1)
if ! use_node "$runtime"; then
  say "using the machine's Node.js $(node --version): Node.js $runtime could not be fetched for this machine"
fi
node_stamp=$(stamp_of package-lock.json)
if [ "$(cat node_modules/.vobridge-setup 2>/dev/null)" != "$node_stamp" ]; then
  say "installing Node dependencies (npm ci)"
  # npm ci only: it installs exactly the committed lockfile and never rewrites it.
  # A refusal means the lockfile is stale or incomplete, which is the
  # repository's bug to fix (scripts/lockfile-check.sh finds it in npm test).
  if ! npm ci --no-fund --no-audit --loglevel=error 2>.npm-ci.log; then
    cat .npm-ci.log >&2; rm -f .npm-ci.log
    echo "setup: npm ci refused package-lock.json. Please report this; 'npm install --package-lock-only' and a commit of the lockfile fix it." >&2
    exit 1
  fi
  rm -f .npm-ci.log
  echo "$node_stamp" > node_modules/.vobridge-setup
fi

# --- Python -------------------------------------------------------------
py=${PYTHON:-python3}
if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is required as '$py' (set PYTHON=/path/to/python3.11)." >&2
  exit 1
fi
py_inputs=(scripts/requirements-test.txt packages/kernel-bridge/pyproject.toml)
[ -f packages/jupyterlab/pyproject.toml ] && py_inputs+=(packages/jupyterlab/pyproject.toml)
py_inputs+=(packages/jupyterhub/pyproject.toml)
py_stamp=$(stamp_of "${py_inputs[@]}")
if [ ! -x .venv/bin/python ] || [ "$(cat .venv/.vobridge-setup 2>/dev/null)" != "$py_stamp" ]; then
  say "preparing the Python venv at .venv"
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt -e packages/kernel-bridge -e packages/jupyterlab -e packages/jupyterhub
  echo "$py_stamp" > .venv/.vobridge-setup
fi

# --- Browser (tests only) -------------------------------------------------
if [ "$want_browser" = 1 ]; then
  chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
  if [ ! -x "$chromium" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "installing Debian chromium for the browser tests"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "setup: the browser tests need Chromium at $chromium." >&2
      echo "       Install it with 'sudo apt-get install chromium' or set CHROMIUM_PATH." >&2
      exit 1
    fi
  fi
fi
say "ready (node $(node --version), $(.venv/bin/python --version))"
