#!/usr/bin/env bash
# The UI suite against the real app: builds the frontend, the dev-tagged binary
# (real Go bindings served to Chromium) and the production binary, runs the node
# UI suite (frontend/e2e/*.test.mjs, TAP) and then the production smoke and
# crash tests (build/smoke.sh, build/crash.sh). Exits non-zero on any failure.
# build/test.sh counts the "ok N" / "not ok N" lines this prints.
# Env: E2E_TIMEOUT (s, default 600) bounds the node suite; BRIDGELOG_KEEP_TMP=1 keeps temp dirs.
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
go_bin_on_path
mkdir -p build/out build/bin
rm -rf build/out/e2e # screenshots of failed steps: only this run's
status=0
started=$(date +%s)

echo "# e2e: building the frontend, the dev binary and the production binary"
build_log=build/out/e2e-build.log
# The UI suite serves a private copy of the built frontend, so a rebuild of
# frontend/dist by someone else mid-run cannot pull files from under the app.
export BRIDGELOG_ASSET_DIR=$root/build/out/e2e-dist
build() {
  build_frontend && rm -rf "$BRIDGELOG_ASSET_DIR" && cp -r frontend/dist "$BRIDGELOG_ASSET_DIR" &&
    build_dev_app && build_app
}
# A second attempt covers a concurrent frontend rebuild emptying frontend/dist mid-compile.
if ! build >"$build_log" 2>&1 && ! build >>"$build_log" 2>&1; then
  tail -n 30 "$build_log" | sed 's/^/# /'
  echo "not ok 1 - e2e: build the frontend, the dev binary and the production binary"
  exit 1
fi
echo "# e2e: built in $(( $(date +%s) - started )) s"

# The UI suite starts each app in its own session; it records the session ids
# here so that whatever survives a killed node run is killed below.
scratch e2e
export BRIDGELOG_E2E_SIDS=$tmp/ui.sid

timeout -k 10 "${E2E_TIMEOUT:-600}" node --test --test-reporter=tap --test-concurrency=1 frontend/e2e/
rc=$?
if [ "$rc" -ne 0 ]; then
  status=1
  timed_out "$rc" && echo "not ok 900 - e2e: the UI suite timed out after ${E2E_TIMEOUT:-600} s"
fi
kill_sessions "$tmp"

build/smoke.sh || status=1
build/crash.sh || status=1
echo "# e2e: finished in $(( $(date +%s) - started )) s, status $status"
exit "$status"
