# Shell helpers shared by the scripts in build/, sourced first thing by each:
#   . "$(dirname "$0")/lib.sh"
# Sourcing it moves to the repository root and sets:
#   root  the repository root (absolute)
#   out   build/out under it (absolute), where logs and screenshots go
#   bin   the production binary under test: BRIDGELOG_BINARY, else build/bin/bridgelog
# It sets no shell options: each script keeps its own (set -uo pipefail, or -euo
# for the ones that stop at the first error), and every function here is safe
# under both.
# shellcheck shell=bash

# The repository root, found from this file so that a script works from any folder.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd) || exit 1
cd "$root" || exit 1
# shellcheck disable=SC2034 # out and bin are for the scripts that source this file.
out=$root/build/out bin=${BRIDGELOG_BINARY:-$root/build/bin/bridgelog}

# ---------------------------------------------------------------- tools and builds

# go_bin_on_path: puts Go's bin folder first on PATH, where setup.sh installs the Wails CLI.
go_bin_on_path() { PATH="$(go env GOPATH)/bin:$PATH"; export PATH; }

# build_frontend [SECONDS]: compiles frontend/ into frontend/dist, bounded (default 180 s, 0 for none) so a hung npm cannot hold up a test run.
# shellcheck disable=SC2120 # SECONDS is optional.
build_frontend() { (cd "$root/frontend" && timeout "${1:-180}" npm run build --silent); }

# build_dev_app [SECONDS]: the dev-tagged binary build/bin/bridgelog-dev, which serves the real Go bindings to a browser.
# shellcheck disable=SC2120 # SECONDS is optional.
build_dev_app() { timeout "${1:-240}" go build -tags dev,webkit2_41 -o build/bin/bridgelog-dev .; }

# build_app [SECONDS]: the production binary build/bin/bridgelog from frontend/dist as it is;
# -m and -nosyncgomod because a build must never rewrite go.mod or go.sum.
# shellcheck disable=SC2120 # SECONDS is optional.
build_app() { timeout "${1:-240}" wails build -tags webkit2_41 -s -skipbindings -trimpath -m -nosyncgomod; }

# ---------------------------------------------------------------- TAP

# tap_init PREFIX DIR: starts TAP lines "ok N - PREFIX: ..."; the count and the failures are kept
# in files under DIR so that both halves of a script (outside and inside Xvfb) number one plan.
tap_init() { TAP_PREFIX=$1 TAP_DIR=$2; }

# tap_next: counts one more test and prints its number, for a line that tap does not word.
tap_next() {
  local n; n=$(( $(cat "$TAP_DIR/tap-count" 2>/dev/null || echo 0) + 1 ))
  echo "$n" >"$TAP_DIR/tap-count"; echo "$n"
}

# tap OK|FAIL|SKIP DESCRIPTION [REASON]: prints one numbered TAP line and records a failure.
tap() {
  local n; n=$(tap_next)
  case $1 in
    OK) echo "ok $n - $TAP_PREFIX: $2" ;;
    SKIP) echo "ok $n - $TAP_PREFIX: $2 # SKIP ${3:-}" ;;
    *) echo "not ok $n - $TAP_PREFIX: $2"; echo x >>"$TAP_DIR/tap-failed" ;;
  esac
}

# tap_failed: true once any test has failed, to decide whether to print the app's log.
tap_failed() { [ -s "$TAP_DIR/tap-failed" ]; }

# tap_end: prints the plan line "1..N"; true when nothing failed, so it can be a script's last command.
tap_end() { echo "1..$(cat "$TAP_DIR/tap-count" 2>/dev/null || echo 0)"; ! tap_failed; }

# ---------------------------------------------------------------- time and waits

# now_ms: the wall clock in milliseconds, for the durations the scripts report.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# wait_for SECONDS CMD...: polls CMD every WAIT_STEP seconds (default 0.1) until it succeeds; false after SECONDS.
wait_for() {
  local end; end=$(( $(date +%s%N) + $1 * 1000000000 )); shift
  until "$@"; do [ "$(date +%s%N)" -gt "$end" ] && return 1; sleep "${WAIT_STEP:-0.1}"; done
}

# timed_out STATUS: true for the exit statuses of timeout (124) and of its -k kill (137).
timed_out() { [ "$1" -eq 124 ] || [ "$1" -eq 137 ]; }

# ---------------------------------------------------------------- processes

# gone PID: true once PID has ended.
gone() { ! kill -0 "$1" 2>/dev/null; }

# stop_app PID [SECONDS]: ends PID as closing it would (TERM), kills it if it is still there
# after SECONDS (default 3), and reaps it, so no test leaves an app behind.
stop_app() { kill -TERM "$1" 2>/dev/null; wait_for "${2:-3}" gone "$1" || kill -KILL "$1" 2>/dev/null; wait "$1" 2>/dev/null; }

# descendants PID: prints PID and all the processes it started, theirs included (WebKit's are the app's children).
descendants() {
  local c
  echo "$1"
  for c in $(ps -o pid= --ppid "$1"); do descendants "$c"; done
}

# kill_session SID: kills every process of session SID, whatever it was doing and whoever started it.
kill_session() {
  local pid
  [ -n "${1:-}" ] || return 0
  for pid in $(ps -e -o pid=,sid= | awk -v s="$1" '$2 == s { print $1 }'); do kill -KILL "$pid" 2>/dev/null; done
}

# kill_sessions DIR: kills the sessions whose ids are listed, one a line, in DIR/*.sid, and
# forgets them, so that a later call cannot hit a new session given the same id.
kill_sessions() {
  local f sid
  for f in "$1"/*.sid; do
    [ -e "$f" ] || continue
    while read -r sid; do kill_session "$sid"; done <"$f"
    rm -f "$f"
  done
}

# scratch NAME: makes a private temporary folder /tmp/bridgelog-NAME.XXXXXX in $tmp. On exit the
# sessions listed in it are killed and it is removed (kept with BRIDGELOG_KEEP_TMP=1, for a look
# after a failure); an interrupt exits so that this still happens.
scratch() {
  tmp=$(mktemp -d "/tmp/bridgelog-$1.XXXXXX") || return 1
  trap 'kill_sessions "$tmp"; [ -n "${BRIDGELOG_KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
  trap 'exit 130' INT TERM
}

# headless [--sid FILE] [--timeout SECONDS] [--unshare FLAGS] SIZE CMD...: runs CMD on a virtual
# X display (Xvfb, SIZE as 1440x900) with a D-Bus session bus of its own, as a desktop would give
# the app. The bus starts inside the display, so a notification daemon it starts can show.
#   --sid FILE       in a process session of its own whose id goes to FILE (name it DIR/NAME.sid
#                    for kill_sessions), so that whatever is left after it, Xvfb, dbus and WebKit
#                    included, can be killed even after a hang
#   --timeout S      for at most S seconds (then the status is 124 or 137, see timed_out)
#   --unshare FLAGS  the display and the bus too in namespaces of their own (unshare -n: no network)
headless() {
  local sid='' secs='' wrap=()
  while :; do
    case $1 in
      --sid) sid=$2; shift 2 ;;
      --timeout) secs=$2; shift 2 ;;
      --unshare) wrap=(unshare "$2"); shift 2 ;;
      *) break ;;
    esac
  done
  local cmd=("${wrap[@]}" xvfb-run -a -s "-screen 0 $1x24" dbus-run-session -- "${@:2}")
  # shellcheck disable=SC2016 # $$ and "$@" are the inner shell's.
  [ -z "$sid" ] || cmd=(setsid -w bash -c 'echo $$ >"$0"; exec "$@"' "$sid" "${cmd[@]}")
  [ -z "$secs" ] || cmd=(timeout -k 5 "$secs" "${cmd[@]}")
  "${cmd[@]}"
}

# ---------------------------------------------------------------- the app under Xvfb

# app_home DIR: the app's config, data and cache folders under DIR, and none of the environment
# that would point it at another database or clock, so a test never touches a person's files.
app_home() {
  export XDG_CONFIG_HOME=$1/cfg XDG_DATA_HOME=$1/data XDG_CACHE_HOME=$1/cache
  unset BRIDGELOG_DB BRIDGELOG_TIME_SCALE
}

# sq SQL...: runs SQL on the database $db, waiting up to 3 s for the app's write lock.
# shellcheck disable=SC2154 # db is set by the script, before its first query.
sq() { sqlite3 -cmd '.timeout 3000' "$db" "$@" 2>/dev/null; }

# find_window: sets wid to the app's visible window; false while there is none (GTK's hidden
# 10x10 window of the same name does not count).
find_window() { wid=$(xdotool search --onlyvisible --name '^Bridgelog$' 2>/dev/null | head -1); [ -n "$wid" ]; }

# focus_window: puts the pointer on window $wid and focuses it, so that typed keys reach it
# (there is no window manager under Xvfb to do it).
focus_window() { xdotool mousemove --window "$wid" 200 200 windowfocus --sync "$wid" 2>/dev/null; }

# colours PNG: how many colours the picture has (0 if it cannot be read).
colours() { convert "$1" -format %k info: 2>/dev/null || echo 0; }

# rendered PNG: a screenshot of window $wid into PNG; true when the page has rendered, which a
# mapped but blank window (one or two colours) has not.
rendered() { import -window "$wid" "$1" 2>/dev/null && [ "$(colours "$1")" -gt 40 ]; }
