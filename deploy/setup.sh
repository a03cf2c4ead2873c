#!/usr/bin/env bash
# Set-up on a fresh machine: the Debian packages the tests use, Node 24 LTS and pnpm into .tools/ (the machine's own
# Node may be older), the workspace's dependencies from the lockfile, and the Kafka server jars from Maven Central.
# Safe to run again.
# Afterwards put the tools on PATH with:  . deploy/env.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

node_version=24.21.0
pnpm_version=$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' package.json)
tools="$root/.tools"

bash "$root/deploy/system-packages.sh"

have() { [ -x "$tools/node_modules/.bin/$1" ] && "$tools/node_modules/.bin/$1" --version 2>/dev/null | grep -q "$2"; }

if ! have node "v$node_version" || ! have pnpm "$pnpm_version"; then
  command -v npm >/dev/null || { echo "setup: npm is needed once, to fetch Node $node_version and pnpm" >&2; exit 1; }
  echo "setup: installing Node $node_version and pnpm $pnpm_version into .tools/" >&2
  mkdir -p "$tools"
  # The registry's `node` package downloads the binary for this platform in its preinstall script.
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error --foreground-scripts \
    "node@$node_version" "pnpm@$pnpm_version" >&2
fi

. "$root/deploy/env.sh"
pnpm install --frozen-lockfile
bash "$root/deploy/kafka/kafka.sh" fetch
echo "setup: done. Now run:  . deploy/env.sh" >&2
