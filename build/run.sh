#!/usr/bin/env bash
# Installs what is needed, builds Bridgelog and runs it on its default database
# (~/.local/share/bridgelog/bridgelog.db). Extra arguments go to the app, e.g. --db PATH.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
build/setup.sh build
go_bin_on_path
# The frontend is built here rather than by wails so its errors print plainly.
# No time limits (0): a person is watching, on a machine of any speed.
build_frontend 0
build_app 0
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; start Bridgelog from a desktop session: build/bin/bridgelog" >&2
  exit 1
fi
exec build/bin/bridgelog "$@"
