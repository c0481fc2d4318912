#!/usr/bin/env bash
# The UI suite against the real app: builds the frontend, the dev-tagged binary
# (real Go bindings served to Chromium) and the production binary, runs the node
# UI suite (frontend/e2e/*.test.mjs, TAP) and then the production smoke and
# crash tests (build/smoke.sh, build/crash.sh). Exits non-zero on any failure.
# build/test.sh counts the "ok N" / "not ok N" lines this prints.
# Env: E2E_TIMEOUT (s, default 600) bounds the node suite; BRIDGELOG_KEEP_TMP=1 keeps temp dirs.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$(go env GOPATH)/bin:$PATH"
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
  (cd frontend && timeout 180 npm run build --silent) &&
  rm -rf "$BRIDGELOG_ASSET_DIR" && cp -r frontend/dist "$BRIDGELOG_ASSET_DIR" &&
  timeout 240 go build -tags dev,webkit2_41 -o build/bin/bridgelog-dev . &&
  # -m and -nosyncgomod: a test run must never rewrite go.mod or go.sum.
  timeout 240 wails build -tags webkit2_41 -s -skipbindings -trimpath -m -nosyncgomod
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
export BRIDGELOG_E2E_SIDS=$(mktemp /tmp/bridgelog-e2e-sids.XXXXXX)
cleanup_sessions() {
  local sid pid
  while read -r sid; do
    [ -n "$sid" ] || continue
    for pid in $(ps -e -o pid=,sid= | awk -v s="$sid" '$2 == s { print $1 }'); do kill -KILL "$pid" 2>/dev/null; done
  done <"$BRIDGELOG_E2E_SIDS"
  rm -f "$BRIDGELOG_E2E_SIDS"
}
trap cleanup_sessions EXIT

timeout -k 10 "${E2E_TIMEOUT:-600}" node --test --test-reporter=tap --test-concurrency=1 frontend/e2e/
rc=$?
if [ "$rc" -ne 0 ]; then
  status=1
  [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && echo "not ok 900 - e2e: the UI suite timed out after ${E2E_TIMEOUT:-240} s"
fi
cleanup_sessions; trap - EXIT

build/smoke.sh || status=1
build/crash.sh || status=1
echo "# e2e: finished in $(( $(date +%s) - started )) s, status $status"
exit "$status"
