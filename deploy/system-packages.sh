#!/usr/bin/env bash
# Debian packages the tests use as independent checkers and stand-ins: xmlsec1 (XAdES verification), SoftHSM2 and
# OpenSC (a PKCS#11 token and its tool). Installs what is missing when run as root; otherwise says what to run.
set -euo pipefail
packages=(xmlsec1 softhsm2 opensc)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "system-packages: missing ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "system-packages: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
