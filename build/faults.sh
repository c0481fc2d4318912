#!/usr/bin/env bash
# Faults of the production binary (build/bin/bridgelog) that lose data or
# leave processes behind, tried the way an outside tester did, under Xvfb with
# a session bus:
#   - one writer per database file, whatever its name: a second launch through
#     a symbolic link, a hard link or a ".." path opens no second window, and
#     the command line's import through a link is refused while it runs;
#   - an export aimed at the database (or its WAL) while the window has it
#     open is refused, and the database file is still the one the window has;
#   - a second launch that hands over exits 0 with no GTK message;
#   - a second launch with no session bus says where the window is and exits
#     within 2 s, leaving no process behind;
#   - with no display the window says so and exits 1 having made no file;
#   - a damaged write-ahead log (a byte flipped in its header) opens the
#     recovery screen and leaves the database and its WAL byte for byte;
#   - a FIFO, a folder and a read-only mount at the database's path open the
#     recovery screen instead of hanging or failing on stderr only.
# Prints TAP lines ("ok N - ..."); exits non-zero on any failure. Screenshots
# go to build/out/faults-*.png.
# Usage: build/faults.sh   (BRIDGELOG_BINARY=path to test another binary)
# shellcheck disable=SC2317 # Many functions here are called through wait_for, check or a trap.
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

# ---------------------------------------------------------------- inside Xvfb and a session bus
if [ "${1:-}" = --inner ]; then
  tmp=$2
  tap_init faults "$tmp"
  check() { # check DESCRIPTION CMD...: one TAP line for CMD's status
    local d=$1; shift
    if "$@"; then tap OK "$d"; else tap FAIL "$d"; fi
  }
  app_home "$tmp"
  windows() { xdotool search --onlyvisible --name '^Bridgelog$' 2>/dev/null | wc -l; }
  procs() { pgrep -fc "^$bin( |$)" || true; }
  sum() { sha256sum "$@" | cut -d' ' -f1 | tr '\n' ' '; }
  pids=()
  trap 'for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done' EXIT
  launch() { # launch LOG ARGS...: starts the app in the background, sets $app
    "$bin" "${@:2}" >"$tmp/$1.log" 2>&1 &
    app=$!; pids+=("$app")
  }
  quiet() { ! grep -qiE 'gtk-|panic|goroutine' "$1"; }
  shown() { # shown NAME: one window shows the UI; a screenshot goes to build/out
    local wid
    find_window && rendered "$out/faults-$1.png"
  }

  # One window on live.db, with an incident and a few notes typed into it.
  db=$tmp/live.db
  launch first --db "$db"
  if wait_for 30 shown first; then tap OK "the window shows the UI"; else
    tap FAIL "the window shows the UI"; sed 's/^/# app: /' "$tmp/first.log" | tail -20; tap_end; exit 1
  fi
  first=$app
  find_window
  focus_window
  sleep 0.7
  xdotool type --delay 15 "Faults incident"; xdotool key Return; sleep 1.5
  for i in 1 2 3 4 5; do xdotool type --delay 5 "fault note $i"; xdotool key Return; done
  notes() { [ "$(sq "SELECT count(*) FROM entries WHERE text LIKE 'fault note %'")" = 5 ]; }
  check "the notes typed are in the database" wait_for 10 notes

  # Other names of the same file.
  ln -s "$db" "$tmp/link.db"; ln "$db" "$tmp/hard.db"; mkdir -p "$tmp/sub"
  for name in link.db hard.db sub/../live.db; do
    launch "second-${name//\//_}" --db "$tmp/$name"
    second=$app
    check "a second launch through $name exits" wait_for 10 gone "$second"
    wait "$second" 2>/dev/null; status=$?
    check "a second launch through $name opens no second window" [ "$(windows)" = 1 ]
    check "a second launch through $name prints no GTK message and no panic" quiet "$tmp/second-${name//\//_}.log"
    # A hard link reaches the lock but not the window's id: that launch
    # says where the window is and exits 1; the others hand over.
    if [ "$name" != hard.db ]; then
      check "a second launch through $name hands over and exits 0 (exit $status)" [ "$status" = 0 ]
    fi
  done
  "$bin" export --db "$db" --incident latest --format json --out "$tmp/record.json" >/dev/null 2>&1
  "$bin" import-record "$tmp/record.json" --db "$tmp/link.db" >"$tmp/import.log" 2>&1
  check "import-record through a symbolic link is refused while the window runs" \
    grep -q "Bridgelog is open on this database" "$tmp/import.log"

  # An export aimed at the database the window writes.
  inode=$(stat -c %i "$db")
  for target in "$db" "$tmp/link.db" "$db-wal"; do
    if "$bin" export --db "$db" --incident latest --format json --out "$target" >"$tmp/export.log" 2>&1; then
      tap FAIL "an export onto ${target#$tmp/} is refused"
    else
      check "an export onto ${target#$tmp/} is refused, saying what to choose instead" grep -qi "choose another" "$tmp/export.log"
    fi
  done
  check "the database is still the file the window writes" [ "$(stat -c %i "$db")" = "$inode" ]
  xdotool type --delay 5 "fault note after the exports"; xdotool key Return
  after() { [ "$(sq "SELECT count(*) FROM entries WHERE text = 'fault note after the exports'")" = 1 ]; }
  check "a note typed after the refused exports is in the database" wait_for 10 after

  # No session bus: the second launch says so and exits.
  before=$(procs)
  start=$(now_ms)
  env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR="$tmp/no-runtime" timeout 20 "$bin" --db "$db" >"$tmp/nobus.log" 2>&1
  took=$(( $(now_ms) - start ))
  echo "# second launch without a session bus exited in $took ms"
  check "a second launch without a session bus exits within 2 s (took $took ms)" [ "$took" -lt 2000 ]
  check "it says the database is open in another window" grep -q "already open" "$tmp/nobus.log"
  sleep 0.5
  check "it leaves no process behind ($(procs) running, $before before)" [ "$(procs)" = "$before" ]

  # No display: the window says so and exits 1 before it makes any file;
  # --version answers without one.
  nodisplay=$tmp/nodisplay; mkdir -p "$nodisplay"
  env -u DISPLAY -u WAYLAND_DISPLAY -u GDK_BACKEND -u XDG_SESSION_TYPE XDG_DATA_HOME="$nodisplay/data" \
    XDG_CONFIG_HOME="$nodisplay/cfg" XDG_CACHE_HOME="$nodisplay/cache" timeout 20 "$bin" >"$tmp/nodisplay.log" 2>&1
  status=$?
  check "without a display the window exits 1 (exit $status)" [ "$status" = 1 ]
  check "it says there is no display and points to bridgelog help" \
    grep -q "no display to open the window on.*bridgelog help" "$tmp/nodisplay.log"
  check "it prints no GTK message and no panic" quiet "$tmp/nodisplay.log"
  check "it makes no file" [ -z "$(ls -A "$nodisplay")" ]
  env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --version >"$tmp/version.log" 2>&1
  check "--version without a display prints the version" grep -q "^bridgelog [0-9]" "$tmp/version.log"

  # A crash snapshot of the database with notes in its WAL, the WAL's
  # header damaged: the recovery screen, and every file byte for byte.
  snap=$tmp/snap; mkdir -p "$snap"
  for i in 1 2 3; do xdotool type --delay 5 "wal note $i"; xdotool key Return; done
  walnotes() { [ "$(sq "SELECT count(*) FROM entries WHERE text LIKE 'wal note %'")" = 3 ]; }
  wait_for 10 walnotes
  cp "$db" "$db-wal" "$snap/" 2>/dev/null
  stop_app "$first" 10
  if [ "$(stat -c %s "$snap/live.db-wal" 2>/dev/null || echo 0)" -gt 32 ]; then
    printf '\xff' | dd of="$snap/live.db-wal" bs=1 seek=20 conv=notrunc status=none
    want=$(sum "$snap/live.db" "$snap/live.db-wal")
    launch wal --db "$snap/live.db"
    check "a damaged WAL opens the recovery screen" wait_for 30 shown wal-damaged
    check "the check names the WAL's damage in the log" grep -qi "wal" "$tmp/wal.log"
    stop_app "$app" 10
    check "the database and its damaged WAL are byte for byte as they were" [ "$(sum "$snap/live.db" "$snap/live.db-wal")" = "$want" ]
  else
    tap FAIL "the crash snapshot holds a WAL to damage"
  fi

  # Places no database can live.
  mkfifo "$tmp/fifo.db"
  mkdir -p "$tmp/folder.db"
  for place in fifo.db folder.db; do
    launch "place-$place" --db "$tmp/$place"
    check "a ${place%.db} at the database's path opens the recovery screen" wait_for 30 shown "$place"
    stop_app "$app" 10
  done
  mnt=$tmp/ro; mkdir -p "$mnt"
  if mount -t tmpfs -o size=16m tmpfs "$mnt" 2>/dev/null; then
    cp "$snap/live.db" "$mnt/live.db"
    mount -o remount,ro "$mnt"
    launch place-ro --db "$mnt/live.db"
    check "a database on a read-only mount opens the recovery screen" wait_for 30 shown readonly
    stop_app "$app" 10
    "$bin" list --db "$mnt/live.db" >"$tmp/ro-list.log" 2>&1
    check "the command line lists a database on a read-only mount" grep -q "Faults incident" "$tmp/ro-list.log"
    umount "$mnt"
  else
    echo "# no read-only mount: mounting needs root"
  fi

  tap_end
  exit
fi

# ---------------------------------------------------------------- outside: a display and a session bus
[ -x "$bin" ] || { echo "not ok 1 - faults: no binary at $bin (build it with build/e2e.sh)"; exit 1; }
mkdir -p "$out"
scratch faults
mkdir -p "$tmp/runtime"; chmod 700 "$tmp/runtime"
# In a session of its own: on exit whatever a hang left of it (Xvfb, dbus,
# WebKit) is killed.
HOME=$tmp XDG_RUNTIME_DIR=$tmp/runtime headless --sid "$tmp/faults.sid" --timeout 300 1280x900 \
  "$root/build/faults.sh" --inner "$tmp"
