#!/usr/bin/env bash
# Security checks of the production binary (build/bin/bridgelog), run as a person
# would meet it under Xvfb with a session bus and a fresh HOME:
#   - the page loads only its own files: a stored screenshot shows through the
#     Content-Security-Policy ('self' over wails://), and the UI renders;
#   - no network: neither the app nor its WebKit processes hold an inet socket,
#     and strace sees no connect()/sendto() to an IPv4 or IPv6 address;
#   - it starts, renders and stores entries in a network namespace with no network;
#   - every file it (and its web view) writes is 0600, every folder 0700;
#   - a link in an entry opens in the system browser, never in the window, and a
#     URL dragged in from another application never replaces the UI;
#   - a PDF export through the command line makes no connect() to an IPv4 or IPv6
#     address, Chromium included, and leaves no print folder in TMPDIR.
# Prints TAP lines ("ok N - ..."); exits non-zero on any failure. Rebuilds the
# binary the way build/e2e.sh does only when a source is newer than it.
# Usage: build/security.sh   (BRIDGELOG_BINARY=path tests another binary, unbuilt;
#        BRIDGELOG_KEEP_TMP=1 keeps the temp dir; screenshots go to build/out/)
# shellcheck disable=SC2317 # Many functions here are called through wait_for, check or a trap.
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
mkdir -p "$out"

# ---------------------------------------------------------------- inside Xvfb and a session bus
if [ "${1:-}" = --inner ]; then
  tmp=$2 mode=$3 # mode: desktop (traced, with a socket census) or no-network (unshare -n)
  tap_init security "$tmp" # numbered on from the outer half's lines
  run=$tmp/$mode
  traced=$(command -v strace)
  # The app must make its files private by itself: start from the usual umask.
  # HOME and XDG_RUNTIME_DIR (the session's too) were set by the outer half.
  umask 022
  app_home "$run"
  db=$XDG_DATA_HOME/bridgelog/bridgelog.db # the default place: no --db
  spread() { convert "$1" -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0; }
  # A GTK window offering https://example.com/dropped as a URL and as text.
  drag_source='
import gi
gi.require_version("Gtk", "3.0"); gi.require_version("Gdk", "3.0")
from gi.repository import Gtk, Gdk, GLib
url = "https://example.com/dropped"
w = Gtk.Window(title="drag source"); w.set_default_size(220, 120); w.move(0, 0)
b = Gtk.Button(label="drag me")
b.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY | Gdk.DragAction.LINK)
targets = Gtk.TargetList.new([]); targets.add_uri_targets(0); targets.add_text_targets(1)
b.drag_source_set_target_list(targets)
b.connect("drag-data-get", lambda w, c, data, info, t: data.set_uris([url]) if info == 0 else data.set_text(url, -1))
w.add(b); w.show_all(); GLib.timeout_add(20000, Gtk.main_quit); Gtk.main()
'
  magenta() { convert "$1" -fill black +opaque '#ff00ff' -fill white -opaque '#ff00ff' -format '%[fx:round(mean*w*h)]' info: 2>/dev/null || echo 0; }

  # An incident with a stored screenshot (pure magenta) and a line holding a URL,
  # put in by the command line, which shares the umask with the window.
  "$bin" import-record "$tmp/record.json" >"$run/import.log" 2>&1 ||
    { tap FAIL "$mode: import-record put the test incident in ($(tail -1 "$run/import.log"))"; exit 1; }

  # The system browser, as the app finds it (Wails tries xdg-open, then
  # x-www-browser, then www-browser): here it only notes what it was asked to open.
  mkdir -p "$run/bin"
  for b in xdg-open x-www-browser www-browser; do
    printf '#!/bin/sh\necho "$*" >>"%s/opened"\n' "$run" >"$run/bin/$b"; chmod +x "$run/bin/$b"
  done
  if [ "$mode" = desktop ] && [ -n "$traced" ]; then
    # --seccomp-bpf stops only at the traced calls, so WebKit runs at full speed.
    PATH=$run/bin:$PATH strace -f --seccomp-bpf -qq -o "$run/strace.txt" -e trace=socket,connect,sendto,sendmsg,bind \
      "$bin" >"$run/app.log" 2>&1 &
  else
    PATH=$run/bin:$PATH "$bin" >"$run/app.log" 2>&1 &
  fi
  top=$!
  census() { # census PID...: sets inet, unix, other and found from the sockets the pids hold
    local p l tables unixes
    inet=0 unix=0 other=0 found=
    for p in "$@"; do
      tables=$(cat /proc/"$p"/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6} 2>/dev/null | awk '$10 ~ /^[0-9]+$/ { print $10 }')
      unixes=$(awk 'NR > 1 { print $7 }' /proc/"$p"/net/unix 2>/dev/null)
      for l in $(ls -l /proc/"$p"/fd 2>/dev/null | grep -o 'socket:\[[0-9]*\]' | tr -dc '0-9\n'); do
        if grep -qx "$l" <<<"$tables"; then inet=$((inet + 1)); found="$found $(cat /proc/"$p"/comm):$l"
        elif grep -qx "$l" <<<"$unixes"; then unix=$((unix + 1))
        else other=$((other + 1)); fi
      done
    done
  }
  inet_calls() { grep -E '(connect|sendto|sendmsg|bind)\(.*sa_family=AF_INET6?[,}]' "$1"; }
  private_files() { # appends what is written so far, and what is not private, to $run/files and $run/bad
    local dirs=("$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME")
    find "${dirs[@]}" -mindepth 1 -printf '%p\n' 2>/dev/null >>"$run/files"
    find "${dirs[@]}" -mindepth 1 \( -type d ! -perm 700 -o ! -type d ! -type l ! -perm 600 \) \
      -printf '%m %p\n' 2>/dev/null >>"$run/bad"
  }
  stop_tree() { # TERM to the app and every process under it (strace's tracee too), KILL after 3 s
    local pids; pids=$(descendants "$top")
    kill -TERM $pids 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$top" 2>/dev/null || break; sleep 0.1; done
    kill -KILL $pids 2>/dev/null
    wait "$top" 2>/dev/null
  }
  trap stop_tree EXIT

  wid=
  if ! wait_for 20 find_window; then
    tap FAIL "$mode: the window opens"; sed 's/^/# app: /' "$run/app.log" | tail -20; exit 1
  fi
  focus_window
  wait_for 20 rendered "$run/probe.png"
  shot=$out/security-$mode.png
  # The screenshot comes from /attachments/1 on the app's own origin: it shows
  # only if the CSP lets 'self' images through over wails://.
  shown() { import -window root "$shot" 2>/dev/null && [ "$(magenta "$shot")" -gt 1000 ]; }
  if wait_for 10 shown && awk -v s="$(spread "$shot")" 'BEGIN { exit !(s > 0.05) }'; then
    tap OK "$mode: the UI renders and shows the stored screenshot ($(magenta "$shot") of its pixels, spread $(spread "$shot"), $shot)"
  else
    s=$(spread "$shot")
    tap FAIL "$mode: the UI renders and shows the stored screenshot (magenta pixels: $(magenta "$shot"), spread $s, $shot)"
  fi

  entry="security check entry $mode $$"
  xdotool type --delay 15 "d: $entry"; xdotool key Return
  has_entry() { [ "$(sq "SELECT count(*) FROM entries WHERE text = '$entry' AND kind = 'decision'")" = 1 ]; }
  if wait_for 8 has_entry; then tap OK "$mode: a typed entry is stored"; else
    tap FAIL "$mode: a typed entry is stored (entries: $(sq 'SELECT kind, text FROM entries' | tr '\n' ';'))"; fi
  xdotool type --delay 15 "a second line with a link https://example.com/x"; xdotool key Return
  sleep 0.5

  # A click on the first link in the timeline goes to the system browser. The
  # links are the only accent-coloured (#7aa7ff) text in the timeline's part of
  # the window, and the first entry starts with one: the top left corner of
  # their bounding box is the start of that link.
  import -window "$wid" "$run/links.png" 2>/dev/null
  box=$(convert "$run/links.png" -crop 780x560+0+130 +repage -fill black +opaque '#7aa7ff' -format '%@' info: 2>/dev/null)
  if ! [[ $box =~ ^([0-9]+)x([0-9]+)\+([0-9]+)\+([0-9]+)$ ]] || [ "${BASH_REMATCH[1]}" -lt 20 ]; then
    tap FAIL "$mode: a click on a link in an entry opens it in the system browser (no link on screen: $box)"
  else
    xdotool mousemove --window "$wid" $(( BASH_REMATCH[3] + 25 )) $(( BASH_REMATCH[4] + 130 + 6 )) click 1
    opened() { grep -qx 'https://example.com/runbook' "$run/opened" 2>/dev/null; }
    if wait_for 5 opened && wait_for 3 shown; then
      tap OK "$mode: a click on a link in an entry opens it in the system browser and the window stays"
    else
      tap FAIL "$mode: a click on a link in an entry opens it in the system browser and the window stays (opened: $(cat "$run/opened" 2>/dev/null | tr '\n' ' '))"
    fi
  fi

  if [ "$mode" = desktop ]; then
    # Socket census of the app and every process it started (WebKit's web and
    # network processes): each socket inode looked up in the kernel's tables.
    pids=$(descendants "$top")
    names=$(for p in $pids; do cat "/proc/$p/comm" 2>/dev/null; done | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
    census $pids
    echo "# processes: $names"
    echo "# sockets: $inet inet, $unix unix, $other other (netlink and the like)"
    if [ -z "$pids" ] || ! grep -q WebKitNetwork <<<"$names"; then
      tap FAIL "desktop: found the app and its WebKit processes (saw: $names)"
    elif [ "$inet" -eq 0 ]; then
      tap OK "desktop: no inet socket in $(wc -w <<<"$pids") processes ($unix unix, $other other)"
    else
      tap FAIL "desktop: no inet socket in $(wc -w <<<"$pids") processes (found:$found)"
    fi
    # The census and the trace must be able to fail: a listener and a refused
    # connect to 127.0.0.1, run beside the app, have to show up in both.
    python3 -c 'import socket, time; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); time.sleep(30)' &
    canary=$!
    ${traced:+strace -f -qq -o "$run/canary.txt" -e trace=connect} \
      python3 -c 'import socket; socket.socket().connect_ex(("127.0.0.1", 9))' 2>/dev/null
    sleep 0.3; census "$canary"; kill "$canary" 2>/dev/null; wait "$canary" 2>/dev/null
    if [ "$inet" -eq 1 ] && { [ -z "$traced" ] || [ -n "$(inet_calls "$run/canary.txt")" ]; }; then
      tap OK "desktop: the census and the trace do see a canary's inet socket and connect"
    else
      tap FAIL "desktop: the census and the trace do see a canary's inet socket and connect (census $inet)"
    fi
  fi
  private_files

  # A URL dragged from another application (a browser, a chat) and dropped on
  # the timeline. Only without a network: where WebKit loads it, it looks the
  # name up first. The drag source is a small GTK window at the screen's corner.
  if [ "$mode" = no-network ]; then
    if /usr/bin/python3 -c 'import gi; gi.require_version("Gtk", "3.0")' 2>/dev/null; then
      /usr/bin/python3 -c "$drag_source" &
      source=$!
      source_up() { xdotool search --onlyvisible --name '^drag source$' >/dev/null 2>&1; }
      wait_for 5 source_up && sleep 0.3
      xdotool mousemove 60 40 mousedown 1 sleep 0.2 mousemove 80 60 sleep 0.2 mousemove 400 500 \
        sleep 0.3 mousemove 600 600 sleep 0.3 mousemove 605 605 sleep 0.3 mouseup 1
      sleep 1.5
      import -window root "$run/dropped.png" 2>/dev/null
      kill "$source" 2>/dev/null; wait "$source" 2>/dev/null
      if [ "$(magenta "$run/dropped.png")" -gt 1000 ]; then
        tap OK "no-network: a URL dropped on the timeline from another application leaves the UI in place"
      else
        cp "$run/dropped.png" "$out/security-dropped.png"
        tap FAIL "no-network: a URL dropped on the timeline from another application leaves the UI in place (see $out/security-dropped.png)"
      fi
    else
      tap SKIP "no-network: a URL dropped from another application leaves the UI in place" "no python3-gi for a drag source"
    fi
  fi

  import -window root "$shot" 2>/dev/null
  stop_tree; trap - EXIT

  if [ "$mode" = desktop ] && [ -z "$traced" ]; then
    tap SKIP "desktop: strace saw no connect/sendto/sendmsg/bind to an IPv4 or IPv6 address" "strace is not installed"
  elif [ "$mode" = desktop ]; then
    tr=$run/strace.txt
    calls() { grep -cE "$1" "$tr" || true; }
    inet_out=$(inet_calls "$tr")
    echo "# strace: connect() $(calls ' connect\(') (AF_UNIX $(calls ' connect\(.*AF_UNIX')), sendto/sendmsg with an inet address $(grep -cE '(sendto|sendmsg)\(.*AF_INET' "$tr" || true), socket(AF_INET*) $(calls ' socket\(AF_INET')"
    grep -oE ' connect\([0-9]+, \{sa_family=AF_UNIX, sun_path=[^}]*' "$tr" | sed -E 's/.*sun_path=//; s/[0-9]+"$/N"/' | sort | uniq -c | sed 's/^ */# strace: connect to /'
    grep -E ' socket\(AF_INET' "$tr" | head -5 | sed 's/^/# strace: /'
    if [ ! -s "$tr" ]; then tap FAIL "desktop: strace recorded the network calls"
    elif [ -z "$inet_out" ]; then tap OK "desktop: strace saw no connect/sendto/sendmsg/bind to an IPv4 or IPv6 address"
    else tap FAIL "desktop: strace saw no connect/sendto/sendmsg/bind to an IPv4 or IPv6 address"; head -10 <<<"$inet_out" | sed 's/^/# /'; fi
  fi

  # Everything under the test's XDG folders and HOME was written by the app, its
  # command line or its web view: files 0600, folders 0700, looked at while the
  # app ran (SQLite's -wal and -shm exist then) and after it quit.
  private_files
  files=$(sort -u "$run/files")
  bad=$(sort -u "$run/bad" | sed "s|$run/||")
  echo "# files written: $(grep -c . <<<"$files") under $(sed "s|$run/||" <<<"$files" | awk -F/ 'NF > 2 {print $1 "/" $2}' | sort -u | tr '\n' ' ')"
  if [ -z "$files" ]; then tap FAIL "$mode: the app wrote its files under the test's XDG folders"
  elif [ -z "$bad" ]; then tap OK "$mode: all $(grep -c . <<<"$files") files and folders written are 0600/0700"
  else tap FAIL "$mode: all files and folders written are 0600/0700"; sed 's/^/# not private: /' <<<"$bad" | head -30; fi

  tap_failed && sed 's/^/# app: /' "$run/app.log" | grep -v dbus-daemon | tail -15
  touch "$run/done"
  exit 0
fi

# ---------------------------------------------------------------- outside
scratch security
tap_init security "$tmp"
rm -f "$out"/security-*.png # only this run's screenshots

# The binary under test: rebuilt only if a source is newer (as build/e2e.sh builds it).
if [ -z "${BRIDGELOG_BINARY:-}" ]; then
  newer=
  [ -x "$bin" ] && newer=$(find main.go go.mod go.sum app backend frontend/src frontend/index.html \
    -type f ! -name '*_test.go' ! -name '*.test.ts' ! -path '*/testdata/*' -newer "$bin" -print -quit 2>/dev/null)
  if [ ! -x "$bin" ] || [ -n "$newer" ]; then
    echo "# security: building the production binary (${newer:-none yet} is newer)"
    go_bin_on_path
    if ! { build_frontend && build_app; } >"$out/security-build.log" 2>&1; then
      tail -n 20 "$out/security-build.log" | sed 's/^/# /'
      tap FAIL "build the production binary"; tap_end; exit 1
    fi
  fi
fi
[ -x "$bin" ] || { tap FAIL "no production binary at $bin"; tap_end; exit 1; }

# The incident the runs open: a note with a URL and a stored 320x200 magenta PNG.
python3 - "$tmp" <<'EOF' || { tap FAIL "write the test record"; tap_end; exit 1; }
import base64, datetime, hashlib, subprocess, sys, json
tmp = sys.argv[1]
subprocess.run(['convert', '-size', '320x200', 'xc:#ff00ff', f'{tmp}/magenta.png'], check=True)
data = open(f'{tmp}/magenta.png', 'rb').read()
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
at = lambda m: (now - datetime.timedelta(minutes=m)).strftime('%Y-%m-%dT%H:%M:%SZ')
line = 'https://example.com/runbook is the runbook; <a href="https://example.com">markup</a> stays text'
json.dump({
    'format': 'bridgelog.incident-record', 'version': 1,
    'incident': {'uid': '5ec0c4ec000000000000000000000001', 'title': 'Security check incident',
                 'declaredAt': at(10), 'createdAt': at(10), 'updatedAt': at(1)},
    'entries': [
        {'ref': 1, 'kind': 'note', 'text': line, 'raw': line, 'occurredAt': at(9), 'recordedAt': at(9)},
        {'ref': 2, 'kind': 'evidence', 'text': 'magenta.png', 'raw': 'magenta.png', 'occurredAt': at(8), 'recordedAt': at(8),
         'attachment': {'name': 'magenta.png', 'mime': 'image/png', 'size': len(data),
                        'sha256': hashlib.sha256(data).hexdigest(), 'width': 320, 'height': 200,
                        'createdAt': at(8), 'data': base64.b64encode(data).decode()}}],
    'actions': [], 'actionEvents': [], 'statusUpdates': [], 'watches': [], 'pages': [], 'reminders': [],
}, open(f'{tmp}/record.json', 'w'))
EOF

# The CSP must be in the page the binary serves, not only in the source tree.
csp=$(grep -aoE 'http-equiv="Content-Security-Policy" content="[^"]*"' "$bin" | head -1 | sed 's/.*content="//; s/"$//')
if grep -q "default-src 'self'" <<<"$csp" && grep -q "script-src 'self';" <<<"$csp" && ! grep -q unsafe <<<"$csp"; then
  tap OK "the embedded index.html carries a Content-Security-Policy without 'unsafe-*': $csp"
else
  tap FAIL "the embedded index.html carries a Content-Security-Policy without 'unsafe-*' (found: ${csp:-none})"
fi

# run MODE [UNSHARE_FLAGS]: one app run in a session of its own (setsid), so that
# everything under it, Xvfb, dbus and WebKit included, is killed on exit; with
# UNSHARE_FLAGS, the display and the bus run in the same namespaces as the app.
run() {
  local mode=$1 rc wrap=()
  [ -z "${2:-}" ] || wrap=(--unshare "$2")
  # A HOME and runtime folder of its own for the whole session, so that nothing
  # (the accessibility bus included) writes into the real HOME.
  mkdir -p "$tmp/$mode/home" && mkdir -m 700 "$tmp/$mode/runtime"
  HOME=$tmp/$mode/home XDG_RUNTIME_DIR=$tmp/$mode/runtime \
    headless --sid "$tmp/$mode.sid" --timeout "${SECURITY_TIMEOUT:-40}" "${wrap[@]}" 1440x900 \
    "$root/build/security.sh" --inner "$tmp" "$mode" 2>"$tmp/session-$mode.log" |
    grep --line-buffered -v SpiRegistry # the accessibility bus's daemon greets on our stdout
  rc=${PIPESTATUS[0]}
  if timed_out "$rc"; then
    tap FAIL "$mode: finished within ${SECURITY_TIMEOUT:-40} s"
  elif [ ! -e "$tmp/$mode/done" ]; then
    tap FAIL "$mode: ran every check (exit $rc)"
  fi
  [ -e "$tmp/$mode/done" ] || grep -v -e dbus-daemon -e SpiRegistry "$tmp/session-$mode.log" | tail -10 | sed 's/^/# /' 
  return 0
}

run desktop
# No network at all: a namespace of its own whose only interface, loopback, is
# down (-r: in a user namespace of its own too, where we are not root).
if why=$(unshare -n true 2>&1); then
  run no-network -n
elif unshare -rn true 2>/dev/null; then
  run no-network -rn
else
  tap SKIP "no-network: runs in a network namespace with no network" "unshare -n failed: $why"
fi

# ---------------------------------------------------------------- PDF export: no inet connection
# A real PDF export through the command line, traced with everything it starts
# (Chromium prints the PDF): no connect() to an IPv4 or IPv6 address may be
# made; unix sockets are fine. Self-contained: its own record, database, HOME
# and temporary folder, which must be left without a print folder.
pdf_export_check() {
  local d=$tmp/pdf-export n
  mkdir -p "$d/home" && mkdir -m 700 "$d/tmp" || { tap FAIL "pdf export: make its folders"; return; }
  if ! command -v strace >/dev/null; then
    tap SKIP "pdf export: strace saw no connect() to an IPv4 or IPv6 address" "strace is not installed"; return
  fi
  cat >"$d/record.json" <<'JSON'
{"format": "bridgelog.incident-record", "version": 1,
 "incident": {"uid": "5ec0c4ec0000000000000000000000df", "title": "PDF export check",
              "declaredAt": "2026-11-21T14:00:00Z", "createdAt": "2026-11-21T14:00:00Z", "updatedAt": "2026-11-21T14:05:00Z"},
 "entries": [{"ref": 1, "kind": "note", "text": "https://example.com/runbook is the runbook", "raw": "https://example.com/runbook is the runbook",
              "occurredAt": "2026-11-21T14:01:00Z", "recordedAt": "2026-11-21T14:01:00Z"}],
 "actions": [], "actionEvents": [], "statusUpdates": [], "watches": [], "pages": [], "reminders": []}
JSON
  pdf_env() { HOME=$d/home XDG_CONFIG_HOME=$d/home/cfg XDG_DATA_HOME=$d/home/data XDG_CACHE_HOME=$d/home/cache TMPDIR=$d/tmp "$@"; }
  if ! pdf_env "$bin" import-record "$d/record.json" --db "$d/bridgelog.db" >"$d/import.log" 2>&1; then
    tap FAIL "pdf export: import-record put the test incident in ($(tail -1 "$d/import.log"))"; return
  fi
  pdf_env timeout 120 strace -f -qq -o "$d/trace.txt" -e trace=connect,execve \
    "$bin" export --db "$d/bridgelog.db" --incident latest --format pdf --out "$d/incident.pdf" >"$d/export.log" 2>&1
  local rc=$? inet
  inet=$(grep -E ' connect\(.*sa_family=AF_INET6?[,}]' "$d/trace.txt")
  echo "# pdf export: connect() $(grep -c ' connect(' "$d/trace.txt") (AF_UNIX $(grep -c ' connect(.*AF_UNIX' "$d/trace.txt")), inet $(grep -c . <<<"$inet"), Chromium executables run $(grep -cE 'execve\("[^"]*chrom' "$d/trace.txt") (wrapper, browser, helpers)"
  if [ "$rc" -ne 0 ] || [ "$(head -c 5 "$d/incident.pdf" 2>/dev/null)" != "%PDF-" ]; then
    tap FAIL "pdf export: the command line printed a PDF (exit $rc: $(tail -1 "$d/export.log"))"
  else
    tap OK "pdf export: the command line printed a PDF of $(stat -c %s "$d/incident.pdf") bytes"
  fi
  if ! grep -qE 'execve\("[^"]*chrom' "$d/trace.txt"; then
    tap FAIL "pdf export: strace followed the export into Chromium"
  elif [ -z "$inet" ]; then
    tap OK "pdf export: strace saw no connect() to an IPv4 or IPv6 address from the app or Chromium"
  else
    tap FAIL "pdf export: strace saw no connect() to an IPv4 or IPv6 address from the app or Chromium"
    head -5 <<<"$inet" | sed 's/^/# /'
  fi
  # The same trace and pattern must be able to fail: a refused connect to 127.0.0.1.
  strace -f -qq -o "$d/canary.txt" -e trace=connect python3 -c 'import socket; socket.socket().connect_ex(("127.0.0.1", 9))' 2>/dev/null
  if grep -qE ' connect\(.*sa_family=AF_INET6?[,}]' "$d/canary.txt"; then
    tap OK "pdf export: the trace does see a canary's connect() to 127.0.0.1"
  else
    tap FAIL "pdf export: the trace does see a canary's connect() to 127.0.0.1"
  fi
  n=$(find "$d/tmp" -maxdepth 1 -name 'bridgelog-pdf-*' | wc -l)
  if [ "$n" -eq 0 ]; then tap OK "pdf export: no print folder left in TMPDIR"
  else tap FAIL "pdf export: no print folder left in TMPDIR ($n left)"; fi
}
pdf_export_check

tap_end
