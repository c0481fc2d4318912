#!/usr/bin/env bash
# Smoke test of the production binary (build/bin/bridgelog) as a person would meet
# it: under Xvfb with a session bus and a fresh database, the first-launch dialog
# takes an incident title and Enter, the entry line takes a line and Enter, and the
# row must be in the SQLite file. A screenshot goes to build/out/smoke.png (the
# screen is 1440x900 so the default 1360x860 window fits whole).
# Prints TAP lines ("ok N - ..."); exits non-zero on any failure.
# Usage: build/smoke.sh   (BRIDGELOG_BINARY=path to test another binary)
# shellcheck disable=SC2317 # Many functions here are called through wait_for, check or a trap.
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
mkdir -p "$out"

# ---------------------------------------------------------------- inside Xvfb
if [ "${1:-}" = --inner ]; then
  tmp=$2
  tap_init smoke "$tmp"
  db=$tmp/smoke.db
  app_home "$tmp"

  "$bin" --db "$db" >"$tmp/app.log" 2>&1 &
  app=$!
  trap 'stop_app "$app"' EXIT

  wid=
  if wait_for 20 find_window; then tap OK "window \"Bridgelog\" is visible"; else
    tap FAIL "window \"Bridgelog\" is visible"; sed 's/^/# app: /' "$tmp/app.log" | tail -20; tap_end; exit 1
  fi
  focus_window

  # The window maps before the page renders: wait until it shows more than its
  # background colour, then let it settle.
  if wait_for 20 rendered "$tmp/probe.png"; then tap OK "the UI rendered ($(colours "$tmp/probe.png") colours)"; else
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
    echo "ok $(tap_next) - a screenshot pasted with Ctrl+V is stored as evidence # SKIP no python3-gi"
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
    echo "ok $(tap_next) - a log file dropped on the line is stored as evidence # SKIP no python3-gi"
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

  stop_app "$app"; trap - EXIT
  if tap_failed; then sed 's/^/# app: /' "$tmp/app.log" | tail -20; fi
  tap_end
  exit
fi

# ---------------------------------------------------------------- outside
[ -x "$bin" ] || { echo "not ok 1 - smoke: no production binary at $bin (run build/e2e.sh)"; exit 1; }
scratch smoke
# In a session of its own: on exit whatever a hang left of it (Xvfb, dbus,
# WebKit) is killed.
headless --sid "$tmp/smoke.sid" --timeout "${SMOKE_TIMEOUT:-90}" 1440x900 "$root/build/smoke.sh" --inner "$tmp"
rc=$?
timed_out "$rc" && echo "not ok 99 - smoke: timed out after ${SMOKE_TIMEOUT:-90} s"
exit "$rc"
