#!/usr/bin/env bash
# Installs what is needed, builds Bridgelog and runs it on its default database
# (~/.local/share/bridgelog/bridgelog.db). Extra arguments go to the app, e.g. --db PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
build/setup.sh build
# The frontend is built here rather than by wails so its errors print plainly.
(cd frontend && npm run build --silent)
"$(go env GOPATH)/bin/wails" build -tags webkit2_41 -s -skipbindings -trimpath -m -nosyncgomod
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; start Bridgelog from a desktop session: build/bin/bridgelog" >&2
  exit 1
fi
exec build/bin/bridgelog "$@"
