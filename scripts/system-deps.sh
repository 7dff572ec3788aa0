#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those that are missing, so that
# `make run` / `make test` work on a fresh machine and cost nothing on a ready one.
#   scripts/system-deps.sh run   -> what serving the app needs (WeasyPrint's libraries, fonts, gettext)
#   scripts/system-deps.sh test  -> the above plus Chromium, poppler-utils and redis-server
set -euo pipefail
RUN_PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core gettext)
TEST_PKGS=(chromium poppler-utils redis-server)

want=("${RUN_PKGS[@]}")
[ "${1:-run}" = "test" ] && want+=("${TEST_PKGS[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
