#!/usr/bin/env bash
# Crash test of the production binary (build/bin/bridgelog) as a person would
# meet a crash: under Xvfb with a session bus and a fresh database, lines are
# typed with xdotool at full speed and the app is killed with SIGKILL.
#   First: the incident's title, Enter, and straight on a first line: it is
#      stored whole (its keys came while Go was creating the incident).
#   A: 20 lines, then a half line; once its draft is in the file, kill -9.
#      Every line is in the file, the draft holds the half line, and after a
#      restart Enter saves the half line (it was back in the entry line).
#   B: 40 lines typed in one go, kill -9 mid-burst (once a random number of
#      them, 3 to 20, is in the file). The lines in the file are the first
#      ones typed, each whole; a restart opens the file.
# After each kill PRAGMA integrity_check must say ok. The figures (typed,
# present) are printed as "# ..." lines.
# Prints TAP lines ("ok N - ..."); exits non-zero on any failure.
# Usage: build/crash.sh   (BRIDGELOG_BINARY=path to test another binary)
# shellcheck disable=SC2317 # Many functions here are called through wait_for, check or a trap.
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

# ---------------------------------------------------------------- inside Xvfb
if [ "${1:-}" = --inner ]; then
  tmp=$2
  tap_init crash "$tmp"
  db=$tmp/crash.db
  app_home "$tmp"
  # Polls twice as often as elsewhere: the kills below come as soon as the file holds enough.
  WAIT_STEP=0.05
  # lines RUN N: the lines of one run, one a line.
  lines() { for i in $(seq 1 "$2"); do printf 'prod %s line %02d: lag %ss\n' "$1" "$i" "$i"; done; }
  # burst FILE: types each line of FILE and Return with no delay between keys
  # (a newline in xdotool's text is no Enter, and "type" takes no command after it).
  burst() {
    local l
    while IFS= read -r l; do xdotool type --delay 0 "$l"; xdotool key Return; done <"$1"
  }
  stored() { sq "SELECT text FROM entries WHERE text LIKE 'prod $1 line %' ORDER BY occurred_at, id"; }

  app=
  launch() { # launch LOGNAME: starts the app and waits until its window shows the UI
    "$bin" --db "$db" >"$tmp/$1.log" 2>&1 &
    app=$!
    wid=
    wait_for 20 find_window || return 1
    focus_window
    wait_for 20 rendered "$tmp/probe.png" || return 1
    sleep 0.7
  }
  kill9() { # kill9: SIGKILL to the app, then wait until it is gone
    kill -KILL "$app" 2>/dev/null
    wait "$app" 2>/dev/null
    app=
  }
  trap '[ -n "$app" ] && kill -KILL "$app" 2>/dev/null' EXIT
  integrity() { # integrity WHEN: the file passes integrity_check
    local got; got=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
    if [ "$got" = ok ]; then tap OK "integrity_check is ok $1"; else tap FAIL "integrity_check is ok $1 (got: $got)"; fi
  }

  if launch first; then tap OK "the window shows the UI"; else
    tap FAIL "the window shows the UI"; sed 's/^/# app: /' "$tmp/first.log" | tail -20; tap_end; exit 1
  fi
  # The scribe types the first line straight after the dialog's Enter, as on
  # a call: its keys come while Go is still creating the incident.
  first="prod first line typed straight after the dialog"
  xdotool type --delay 15 "Crash test incident"; xdotool key Return
  xdotool type --delay 0 "$first"; xdotool key Return
  has_incident() { [ "$(sq 'SELECT count(*) FROM incidents')" = 1 ]; }
  if wait_for 8 has_incident; then tap OK "the first-launch dialog created the incident"; else
    tap FAIL "the first-launch dialog created the incident"; tap_end; exit 1; fi
  has_first() { [ "$(sq "SELECT count(*) FROM entries WHERE kind = 'note'")" -ge 1 ]; }
  wait_for 8 has_first
  notes=$(sq "SELECT group_concat(text, ' | ') FROM entries WHERE kind = 'note'")
  title=$(sq 'SELECT title FROM incidents')
  if [ "$notes" = "$first" ] && [ "$title" = "Crash test incident" ]; then
    tap OK "the line typed straight after the first-launch dialog's Enter is stored whole, the title as typed"
  else
    tap FAIL "the line typed straight after the first-launch dialog's Enter is stored whole (stored: \"$notes\", title: \"$title\")"
    tap_end; exit 1
  fi

  # ---- A: a burst, a half line, its draft, kill -9.
  half="prod half line when the power went"
  lines A 20 >"$tmp/typed-A"
  started=$(now_ms)
  burst "$tmp/typed-A"
  xdotool type --delay 0 "$half"
  typed_ms=$(( $(now_ms) - started ))
  # xdotool is done long before the window has handled every key: wait until
  # the half line's draft is in the file (300 ms after its last key), then a margin.
  has_draft() { [ "$(sq 'SELECT text FROM drafts')" = "$half" ]; }
  if wait_for 40 has_draft; then drafted="after $(( $(now_ms) - started )) ms"; else drafted=no; fi
  sleep 0.2
  kill9
  integrity "after kill -9 once the draft was saved"
  stored A >"$tmp/stored-A"
  echo "# run A: xdotool typed 20 lines and a half line in ${typed_ms} ms; the half line's draft was in the file $drafted; present after the kill: $(wc -l <"$tmp/stored-A")"
  if diff -q "$tmp/typed-A" "$tmp/stored-A" >/dev/null; then tap OK "all 20 lines typed before the half line are in the file, whole and in order"; else
    tap FAIL "all 20 lines typed before the half line are in the file, whole and in order"; diff "$tmp/typed-A" "$tmp/stored-A" | head -20 | sed 's/^/# /'; fi
  got=$(sq 'SELECT text FROM drafts')
  if [ "$got" = "$half" ]; then tap OK "the draft holds the half line after the kill"; else
    tap FAIL "the draft holds the half line after the kill (got: \"$got\")"; fi

  # The restart puts the half line back in the entry line: Enter saves it.
  if launch second; then tap OK "the app starts again on the file after kill -9"; else
    tap FAIL "the app starts again on the file after kill -9"; sed 's/^/# app: /' "$tmp/second.log" | tail -20; tap_end; exit 1
  fi
  xdotool key Return
  has_half() { [ "$(sq "SELECT count(*) FROM entries WHERE text = '$half'")" = 1 ]; }
  if wait_for 8 has_half; then tap OK "after the restart Enter saves the half line: it was back in the entry line"; else
    tap FAIL "after the restart Enter saves the half line: it was back in the entry line (drafts: $(sq 'SELECT text FROM drafts'))"; fi
  sleep 0.5

  # ---- B: kill -9 mid-burst, as soon as a random number of its lines is in the file.
  lines B 40 >"$tmp/typed-B"
  want=$(( 3 + RANDOM % 18 ))
  burst "$tmp/typed-B" &
  typist=$!
  started=$(now_ms)
  reached() { [ "$(sq "SELECT count(*) FROM entries WHERE text LIKE 'prod B line %'")" -ge "$want" ]; }
  wait_for 40 reached
  delay_ms=$(( $(now_ms) - started ))
  typing=$(kill -0 "$typist" 2>/dev/null && echo yes || echo no)
  kill9
  kill -KILL "$typist" 2>/dev/null; wait "$typist" 2>/dev/null
  integrity "after kill -9 mid-burst"
  stored B >"$tmp/stored-B"
  present=$(wc -l <"$tmp/stored-B")
  echo "# run B: kill -9 after ${delay_ms} ms, once $want lines were in the file (xdotool still typing: $typing); present after the kill: $present of 40; draft: \"$(sq 'SELECT text FROM drafts')\""
  # The lines stored are the first ones typed, each whole (as a set: two
  # lines in flight together may be stored in either order).
  if [ "$present" -gt 0 ] && diff -q <(head -n "$present" "$tmp/typed-B" | sort) <(sort "$tmp/stored-B") >/dev/null; then
    tap OK "the lines in the file are the first $present typed, each whole"
  elif [ "$present" -eq 0 ]; then
    tap FAIL "no line of the burst reached the file before the kill after ${delay_ms} ms"
  else
    tap FAIL "the lines in the file are the first ones typed, each whole"
    diff <(head -n "$present" "$tmp/typed-B" | sort) <(sort "$tmp/stored-B") | head -20 | sed 's/^/# /'
  fi
  if launch third; then tap OK "the app starts again on the file after kill -9 mid-burst"; else
    tap FAIL "the app starts again on the file after kill -9 mid-burst"; sed 's/^/# app: /' "$tmp/third.log" | tail -20; fi
  kill9; trap - EXIT
  tap_end
  exit
fi

# ---------------------------------------------------------------- outside
[ -x "$bin" ] || { echo "not ok 1 - crash: no production binary at $bin (run build/e2e.sh)"; exit 1; }
scratch crash
# A private copy: a rebuild of build/bin mid-run must not swap the binary between launches.
cp "$bin" "$tmp/bridgelog" && export BRIDGELOG_BINARY=$tmp/bridgelog
# In a session of its own: on exit whatever a hang left of it (Xvfb, dbus,
# WebKit) is killed.
headless --sid "$tmp/crash.sid" --timeout "${CRASH_TIMEOUT:-120}" 1440x900 "$root/build/crash.sh" --inner "$tmp"
rc=$?
timed_out "$rc" && echo "not ok 99 - crash: timed out after ${CRASH_TIMEOUT:-120} s"
exit "$rc"
