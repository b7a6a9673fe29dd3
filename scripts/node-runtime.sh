# Sourced by setup.sh, test.sh and demo.sh. `use_node VERSION` makes sure
# .node/VERSION/bin/node exists (fetched once from the npm registry as the
# node-<os>-<arch> package) and puts it first on PATH; the system's npm then
# runs on it too. `node_versions` lists scripts/node-versions.txt.

node_versions() { grep -v '^#' "$root/scripts/node-versions.txt" | grep -v '^\s*$'; }

# The npm registry's package name for this machine's Node.js build, if it publishes one.
node_package() {
  local os arch
  os=$(uname -s | tr '[:upper:]' '[:lower:]')
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) return 1 ;;
  esac
  case "$os" in linux | darwin) echo "node-$os-$arch" ;; *) return 1 ;; esac
}

# Fetches Node.js VERSION into .node/VERSION (once) and echoes its bin directory.
fetch_node() {
  local version=$1 dir="$root/.node/$1" pkg tmp
  if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version 2>/dev/null)" = "v$version" ]; then
    echo "$dir/bin"
    return 0
  fi
  pkg=$(node_package) || { echo "setup: no npm package of Node.js for $(uname -s) $(uname -m)" >&2; return 1; }
  tmp=$(mktemp -d)
  printf '\033[1m[setup]\033[0m fetching Node.js %s from the npm registry (%s)\n' "$version" "$pkg" >&2
  if ! (cd "$tmp" && npm pack "$pkg@$version" --silent --no-fund --no-audit >/dev/null 2>"$tmp/err") ||
    ! tar -xzf "$tmp/$pkg-$version.tgz" -C "$tmp" package/bin/node 2>>"$tmp/err"; then
    cat "$tmp/err" >&2
    rm -rf "$tmp"
    return 1
  fi
  mkdir -p "$dir/bin"
  mv "$tmp/package/bin/node" "$dir/bin/node"
  rm -rf "$tmp"
  echo "$dir/bin"
}

# Puts Node.js VERSION first on PATH (fetching it if needed).
use_node() {
  local bin
  bin=$(fetch_node "$1") || return 1
  case ":$PATH:" in *":$bin:"*) ;; *) PATH="$bin:$PATH" ;; esac
  export PATH
}
