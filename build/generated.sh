#!/usr/bin/env bash
# Checks that every generated file is current: each is written again from its
# Go source into a temporary file and compared with the committed copy. A
# difference means a source changed without `go generate`; run it and commit
# the result. Today: the frontend's limits, generated from backend/limits.
# Prints TAP lines ("ok N - ..."); exits non-zero on any difference.
# Usage: build/generated.sh
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
scratch generated || { echo "not ok 1 - generated: no temporary folder"; exit 1; }
tap_init generated "$tmp"

# check WHAT COMMITTED PKG: runs the limits generator on package PKG, as its
# go:generate directive does, but into $tmp/out, and compares with COMMITTED.
check() {
  local what=$1 committed=$2 pkg=$3
  if ! go run ./build/genlimits -src "$pkg" -out "$tmp/out" >"$tmp/log" 2>&1; then
    tap FAIL "$what: the generator failed"; sed 's/^/# /' "$tmp/log"
  elif cmp -s "$tmp/out" "$committed"; then
    tap OK "$what"
  else
    tap FAIL "$what: run go generate ./$pkg and commit $committed"
    diff -u "$committed" "$tmp/out" 2>&1 | head -40 | sed 's/^/# /'
  fi
}

check "frontend/src/lib/generated/limits.ts is what backend/limits generates" \
  frontend/src/lib/generated/limits.ts backend/limits

tap_end
