#!/usr/bin/env bash
# Installs what Bridgelog needs on Debian 12, skipping what is already there.
# Usage: build/setup.sh [build|release|test]
#   release  also the packaging tools build/release.sh uses (dpkg-dev, nsis)
#   test     also the headless test tools, and those of the package tests: the
#            validators, lintian, debootstrap, wine64 (with binutils-mingw-w64
#            for a DLL Wine lacks) and librsvg2-bin (icons)
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
what=${1:-build}
WAILS_VERSION=v2.16.0

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pkgs=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
if [ "$what" = release ] || [ "$what" = test ]; then
  pkgs+=(dpkg-dev nsis)
fi
if [ "$what" = test ]; then
  pkgs+=(xvfb xauth xdotool imagemagick dbus dbus-x11 at-spi2-core dunst libnotify-bin
         chromium fonts-dejavu-core fonts-noto-color-emoji sqlite3 strace python3-gi
         desktop-file-utils appstream librsvg2-bin lintian debootstrap wine64 x11-utils
         binutils-mingw-w64-x86-64)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v go >/dev/null || { echo "setup: Go 1.26 is required (https://go.dev/dl); install it and re-run." >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20+ and npm are required; install them and re-run." >&2; exit 1; }

GOBIN=$(go env GOPATH)/bin
if ! "$GOBIN/wails" version 2>/dev/null | grep -q "$WAILS_VERSION"; then
  echo "setup: installing the Wails CLI $WAILS_VERSION"
  go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
fi

# npm ci only when the lock file changed since the last install.
stamp=frontend/node_modules/.bridgelog-lock
if [ ! -f "$stamp" ] || ! cmp -s frontend/package-lock.json "$stamp"; then
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  cp frontend/package-lock.json "$stamp"
fi
go mod download
