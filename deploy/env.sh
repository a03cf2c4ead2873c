# Source this file (`. deploy/env.sh`) to put the project's Node 24 and pnpm first on PATH.
varco_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
case ":$PATH:" in
  *":$varco_root/.tools/node_modules/.bin:"*) ;;
  *) export PATH="$varco_root/.tools/node_modules/.bin:$varco_root/node_modules/.bin:$PATH" ;;
esac
unset varco_root
