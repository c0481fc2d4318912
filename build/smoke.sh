#!/usr/bin/env bash
# Smoke test of the production binary (build/bin/bridgelog) as a person would meet
# it: under Xvfb with a session bus and a fresh database, the first-launch dialog
# takes an incident title and Enter, the entry line takes a line and Enter, and the
# row must be in the SQLite file. A screenshot goes to build/out/smoke.png (the
# screen is 1440x900 so the default 1360x860 window fits whole).
# Prints TAP lines ("ok N - ..."); exits non-zero on any failure.
# Usage: build/smoke.sh   (BRIDGELOG_BINARY=path to test another binary)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=${BRIDGELOG_BINARY:-$root/build/bin/bridgelog}
out=$root/build/out
mkdir -p "$out"

# ---------------------------------------------------------------- inside Xvfb
if [ "${1:-}" = --inner ]; then
  tmp=$2
  n=0; failed=0
  tap() { # tap OK|FAIL description
    n=$((n + 1))
    if [ "$1" = OK ]; then echo "ok $n - smoke: $2"; else echo "not ok $n - smoke: $2"; failed=$((failed + 1)); fi
  }
  db=$tmp/smoke.db
  sq() { sqlite3 -cmd '.timeout 3000' "$db" "$@" 2>/dev/null; }
  wait_for() { # wait_for SECONDS CMD...: polls CMD every 100 ms
    local end=$(( $(date +%s%N) + $1 * 1000000000 )); shift
    until "$@"; do [ "$(date +%s%N)" -gt "$end" ] && return 1; sleep 0.1; done
  }
  colours() { convert "$1" -format %k info: 2>/dev/null || echo 0; }

  XDG_CONFIG_HOME=$tmp/cfg XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache \
    "$bin" --db "$db" >"$tmp/app.log" 2>&1 &
  app=$!
  stop_app() {
    kill -TERM "$app" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$app" 2>/dev/null
  }
  trap stop_app EXIT

  wid=
  find_window() { wid=$(xdotool search --onlyvisible --name '^Bridgelog$' 2>/dev/null | head -1); [ -n "$wid" ]; }
  if wait_for 20 find_window; then tap OK "window \"Bridgelog\" is visible"; else
    tap FAIL "window \"Bridgelog\" is visible"; sed 's/^/# app: /' "$tmp/app.log" | tail -20; echo "1..$n"; exit 1
  fi
  xdotool mousemove --window "$wid" 200 200 windowfocus --sync "$wid" 2>/dev/null

  # The window maps before the page renders: wait until it shows more than its
  # background colour (a blank window has one or two colours), then let it settle.
  rendered() { import -window "$wid" "$tmp/probe.png" 2>/dev/null && [ "$(colours "$tmp/probe.png")" -gt 40 ]; }
  if wait_for 20 rendered; then tap OK "the UI rendered ($(colours "$tmp/probe.png") colours)"; else
    tap FAIL "the UI rendered (only $(colours "$tmp/probe.png") colours in the window)"; fi
  sleep 0.7

  title="Smoke test incident $$"
  xdotool type --delay 15 "$title"; xdotool key Return
  has_incident() { [ "$(sq "SELECT count(*) FROM incidents WHERE title = '$title'")" = 1 ]; }
  if wait_for 8 has_incident; then tap OK "the first-launch dialog created the incident"; else
    tap FAIL "the first-launch dialog created the incident (incidents: $(sq 'SELECT id, title FROM incidents' | tr '\n' ';'))"; fi
  sleep 0.5

  entry="smoke entry typed with xdotool $$"
  xdotool type --delay 15 "d: $entry"; xdotool key Return
  has_entry() { [ "$(sq "SELECT count(*) FROM entries WHERE text = '$entry' AND kind = 'decision'")" = 1 ]; }
  if wait_for 8 has_entry; then tap OK "the typed entry is stored as a decision"; else
    tap FAIL "the typed entry is stored as a decision (entries: $(sq 'SELECT kind, text FROM entries' | tr '\n' ';'))"; fi
  sleep 0.5

  # A screenshot on the system clipboard, pasted with Ctrl+V: WebKitGTK hands
  # the page an empty paste, so this checks the whole route through Go's
  # clipboard reader to an evidence entry with the picture. A small GTK
  # program owns the clipboard while the paste happens.
  if /usr/bin/python3 -c 'import gi; gi.require_version("Gtk", "3.0")' 2>/dev/null; then
    convert -size 64x40 gradient:blue-red "$tmp/clip.png"
    /usr/bin/python3 - "$tmp/clip.png" <<'PY' &
import sys, gi
gi.require_version("Gtk", "3.0"); gi.require_version("Gdk", "3.0")
from gi.repository import Gtk, Gdk, GdkPixbuf, GLib
Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD).set_image(GdkPixbuf.Pixbuf.new_from_file(sys.argv[1]))
GLib.timeout_add_seconds(10, Gtk.main_quit)
Gtk.main()
PY
    clip=$!
    sleep 1
    xdotool type --delay 15 "error rate graph $$"; xdotool key ctrl+v
    has_shot() { [ "$(sq "SELECT count(*) FROM attachments a JOIN entries e ON e.id = a.entry_id
      WHERE e.text = 'error rate graph $$' AND a.mime = 'image/png' AND a.width = 64 AND a.height = 40")" = 1 ]; }
    if wait_for 8 has_shot; then tap OK "a screenshot pasted with Ctrl+V is stored as evidence, captioned by the line"; else
      tap FAIL "a screenshot pasted with Ctrl+V is stored as evidence (attachments: $(sq 'SELECT name, mime, width, height FROM attachments' | tr '\n' ';'))"; fi
    kill "$clip" 2>/dev/null; wait "$clip" 2>/dev/null
    sleep 0.5
  else
    echo "ok $((n + 1)) - a screenshot pasted with Ctrl+V is stored as evidence # SKIP no python3-gi"; n=$((n + 1))
  fi

  # A log file dragged from another application and dropped on the entry line:
  # the native drop hands Go its path, and the line's text is the caption.
  if /usr/bin/python3 -c 'import gi; gi.require_version("Gtk", "3.0")' 2>/dev/null; then
    printf 'ERROR upstream timeout\nERROR upstream timeout\n' >"$tmp/api.log"
    /usr/bin/python3 - "$tmp/api.log" <<'PY' &
import sys, gi
gi.require_version("Gtk", "3.0"); gi.require_version("Gdk", "3.0")
from gi.repository import Gtk, Gdk, GLib
uri = GLib.filename_to_uri(sys.argv[1], None)
w = Gtk.Window(title="drag source"); w.set_default_size(200, 100); w.move(0, 0)
b = Gtk.Button(label="drag me")
b.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
t = Gtk.TargetList.new([]); t.add_uri_targets(0); b.drag_source_set_target_list(t)
b.connect("drag-data-get", lambda w, c, data, info, tm: data.set_uris([uri]))
w.add(b); w.show_all(); GLib.timeout_add_seconds(15, Gtk.main_quit); Gtk.main()
PY
    src=$!
    sleep 1.5
    find_window
    xdotool windowmove "$wid" 260 0; sleep 0.5
    eval "$(xdotool getwindowgeometry --shell "$wid")"
    xdotool windowfocus "$wid"; xdotool type --delay 15 "api errors $$"
    line_x=$((X + 200)); line_y=$((Y + HEIGHT - 45))
    xdotool mousemove 60 40 mousedown 1 sleep 0.2 mousemove 80 60 sleep 0.2 mousemove $((line_x - 40)) $((line_y - 10)) \
      sleep 0.3 mousemove "$line_x" "$line_y" sleep 0.5 mouseup 1
    has_log() { [ "$(sq "SELECT count(*) FROM attachments a JOIN entries e ON e.id = a.entry_id
      WHERE e.text = 'api errors $$' AND a.name = 'api.log'")" = 1 ]; }
    if wait_for 8 has_log; then tap OK "a log file dropped on the line is stored as evidence, captioned by the line"; else
      tap FAIL "a log file dropped on the line is stored as evidence (entries: $(sq 'SELECT e.text, a.name FROM entries e LEFT JOIN attachments a ON a.entry_id = e.id' | tr '\n' ';'))"; fi
    kill "$src" 2>/dev/null; wait "$src" 2>/dev/null
    xdotool windowfocus "$wid"; sleep 0.3
  else
    echo "ok $((n + 1)) - a log file dropped on the line is stored as evidence # SKIP no python3-gi"; n=$((n + 1))
  fi

  # Real windows only: GTK keeps 1x1 helper windows (drag and drop, the
  # clipboard) at -99,-99 that carry the program's name.
  app_windows() {
    local w n=0
    for w in $(xdotool search --onlyvisible --name '^Bridgelog$' 2>/dev/null); do
      eval "$(xdotool getwindowgeometry --shell "$w")"; [ "$WIDTH" -gt 100 ] && n=$((n + 1))
    done
    echo "$n"
  }

  # A second launch on the same database must hand over to this window and exit,
  # never open a second writer.
  XDG_CONFIG_HOME=$tmp/cfg XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache \
    timeout 20 "$bin" --db "$db" >"$tmp/second.log" 2>&1
  second=$?
  handed() { grep -q 'another launch' "$tmp/app.log"; }
  if [ "$second" -ne 124 ] && wait_for 5 handed && kill -0 "$app" 2>/dev/null &&
     [ "$(app_windows)" = 1 ]; then
    tap OK "a second launch on the same database focuses the first and exits"
  else
    tap FAIL "a second launch on the same database focuses the first and exits (exit $second, windows: $(app_windows))"
    sed 's/^/# second: /' "$tmp/second.log" | tail -5
  fi

  import -window root "$out/smoke.png" 2>/dev/null
  c=$(colours "$out/smoke.png")
  if [ "$c" -gt 40 ]; then tap OK "screenshot $out/smoke.png is not blank ($c colours)"; else
    tap FAIL "screenshot $out/smoke.png is not blank ($c colours)"; fi

  stop_app; trap - EXIT
  if [ "$failed" -gt 0 ]; then sed 's/^/# app: /' "$tmp/app.log" | tail -20; fi
  echo "1..$n"
  [ "$failed" -eq 0 ]
  exit
fi

# ---------------------------------------------------------------- outside
[ -x "$bin" ] || { echo "not ok 1 - smoke: no production binary at $bin (run build/e2e.sh)"; exit 1; }
tmp=$(mktemp -d /tmp/bridgelog-smoke.XXXXXX)
# A session of its own (setsid) so that everything started below, Xvfb, dbus and
# WebKit included, can be found by session id and killed, even after a hang.
timeout -k 5 "${SMOKE_TIMEOUT:-90}" setsid -w bash -c 'echo $$ >"$0/sid"; exec dbus-run-session -- xvfb-run -a -s "-screen 0 1440x900x24" "$1" --inner "$0"' "$tmp" "$root/build/smoke.sh"
rc=$?
[ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && echo "not ok 99 - smoke: timed out after ${SMOKE_TIMEOUT:-90} s"
sid=$(cat "$tmp/sid" 2>/dev/null)
if [ -n "$sid" ]; then
  for pid in $(ps -e -o pid=,sid= | awk -v s="$sid" '$2 == s { print $1 }'); do kill -KILL "$pid" 2>/dev/null; done
fi
[ -n "${BRIDGELOG_KEEP_TMP:-}" ] || rm -rf "$tmp"
exit "$rc"
