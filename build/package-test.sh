#!/usr/bin/env bash
# The .deb as a person meets it, on a Debian with nothing else: a minimal root
# (debootstrap, the same mirror and release as this machine) where
# `apt-get install ./bridgelog_*.deb` must bring in everything the app needs;
# the app started from its desktop entry's Exec line as a normal user, its
# window's WM_CLASS and icon checked against the entry, a line typed into it
# (xdotool) and found in the database (sqlite3), a picture pasted (the paste
# opens libX11.so.6, which no -dev package provides here); then apt-get remove
# and purge, after which nothing of the package may be left but the user's data.
# Prints TAP lines ("ok N - ..."); exits non-zero on any failure.
# Usage: build/package-test.sh [DEB]   (or --prepare: only make the cached root)
#   DEB defaults to the newest build/out/release/*/bridgelog_*.deb; with none,
#   build/release.sh --quick 0.0.0-ci makes one.
# Caches in build/out/package-test/: the prepared root as a tar (rebuilt with
# BRIDGELOG_PKGTEST_FRESH=1) and apt's downloads, so a repeat run downloads
# nothing but the package lists. Needs root (chroot and mounts).
# shellcheck disable=SC2317 # Functions here are called through wait_for, check or a trap.
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

cache=$out/package-test
recipe=1 # bump when the prepared root changes
user=scribe uid=1000
home=/home/$user

# in_root CMD...: runs CMD as root inside the chroot, with a plain environment.
in_root() { chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  DEBIAN_FRONTEND=noninteractive "$@"; }

# ---------------------------------------------------------------- inside Xvfb, in a mount namespace
if [ "${1:-}" = --inner ]; then
  tmp=$2 deb=$3
  tap_init package "$tmp"
  rootfs=$tmp/root
  started=$(now_ms)
  mounted=()
  mount_at() { mount "$@" && mounted+=("${*: -1}"); }
  unmount_all() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null; done
    mounted=()
  }
  app=''
  trap '[ -n "$app" ] && stop_app "$app"; unmount_all' EXIT

  mkdir -p "$rootfs"
  tar -xf "$cache/root-$recipe.tar" -C "$rootfs" --numeric-owner || { tap FAIL "unpack the prepared root"; tap_end; exit 1; }
  # What a desktop gives a program: /proc, /sys, devices with shared memory,
  # its own /tmp with the X server's socket in it, and the DNS settings for apt.
  mount_at -t proc proc "$rootfs/proc"
  mount_at -t sysfs -o ro sysfs "$rootfs/sys"
  mount_at --bind /dev "$rootfs/dev"
  mount_at -t tmpfs -o mode=1777 shm "$rootfs/dev/shm"
  mount_at -t tmpfs -o mode=1777 tmp "$rootfs/tmp"
  mkdir -p "$rootfs/tmp/.X11-unix" "$cache/archives/partial"
  mount_at --bind /tmp/.X11-unix "$rootfs/tmp/.X11-unix"
  mount_at --bind "$cache/archives" "$rootfs/var/cache/apt/archives"
  cp /etc/resolv.conf "$rootfs/etc/resolv.conf" 2>/dev/null
  # A root thrown away after the test needs no fsync after each file dpkg writes.
  echo force-unsafe-io >"$rootfs/etc/dpkg/dpkg.cfg.d/bridgelog-test-unsafe-io"

  # ------------------------------------------------------------ install
  cp "$deb" "$rootfs/tmp/"
  t0=$(now_ms)
  in_root apt-get update -qq >"$tmp/apt-update.log" 2>&1 || { sed 's/^/# /' "$tmp/apt-update.log" | tail -5; }
  if in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")" >"$tmp/apt-install.log" 2>&1; then
    tap OK "apt-get install ./$(basename "$deb") in a minimal Debian installs it and its dependencies ($(grep -c '^Setting up' "$tmp/apt-install.log") packages set up, $(( ($(now_ms) - t0) / 1000 )) s)"
  else
    tap FAIL "apt-get install ./$(basename "$deb") in a minimal Debian"; sed 's/^/# /' "$tmp/apt-install.log" | tail -15; tap_end; exit 1
  fi
  in_root dpkg -L bridgelog >"$tmp/files" 2>/dev/null
  want=(/usr/bin/bridgelog /usr/share/applications/bridgelog.desktop
        /usr/share/metainfo/io.github.bridgelog.Bridgelog.metainfo.xml
        /usr/share/icons/hicolor/scalable/apps/bridgelog.svg /usr/share/man/man1/bridgelog.1.gz)
  for s in 16 22 24 32 48 64 128 256 512; do want+=("/usr/share/icons/hicolor/${s}x$s/apps/bridgelog.png"); done
  missing=()
  for f in "${want[@]}"; do grep -qx "$f" "$tmp/files" && [ -f "$rootfs$f" ] || missing+=("$f"); done
  if [ ${#missing[@]} -eq 0 ]; then tap OK "the binary, desktop entry, metainfo, manual page and ${#want[@]} icons are installed"; else
    tap FAIL "installed files (missing: ${missing[*]})"; fi
  desktop=$rootfs/usr/share/applications/bridgelog.desktop
  if desktop-file-validate "$desktop" >"$tmp/validate.log" 2>&1 &&
     appstreamcli validate --no-net "$rootfs/usr/share/metainfo/io.github.bridgelog.Bridgelog.metainfo.xml" >>"$tmp/validate.log" 2>&1; then
    tap OK "the installed desktop entry and metainfo validate (desktop-file-validate, appstreamcli validate --no-net)"
  else tap FAIL "the installed desktop entry and metainfo validate"; sed 's/^/# /' "$tmp/validate.log"; fi
  # The root has only runtime libraries: the paste below must work without libx11-dev.
  if [ -e "$rootfs/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)/libX11.so" ]; then
    tap FAIL "the root has no development libraries (libX11.so is there)"; else
    tap OK "the root has no development libraries (no libX11.so), only what the package's Depends brought"; fi

  # ------------------------------------------------------------ run, as a normal user
  version=$(chroot --userspec=$uid:$uid "$rootfs" /usr/bin/env -i HOME=$home PATH=/usr/bin:/bin bridgelog --version 2>&1)
  case $version in "bridgelog "*) tap OK "bridgelog --version without a display: $version" ;;
    *) tap FAIL "bridgelog --version without a display (got: $version)" ;; esac
  cp "$XAUTHORITY" "$rootfs$home/.Xauthority" && chown $uid:$uid "$rootfs$home/.Xauthority"
  exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -1)
  # Field codes (%f, %U...) stand for files a launcher passes; none here.
  exec_line=$(sed -E 's/ ?%[a-zA-Z]//g' <<<"$exec_line")
  wm_class=$(sed -n 's/^StartupWMClass=//p' "$desktop" | head -1)
  # The user's own session bus, as a desktop session has; the app runs from
  # the desktop entry's command line through a shell, as a launcher would.
  chroot --userspec=$uid:$uid "$rootfs" /usr/bin/env -i HOME=$home USER=$user LOGNAME=$user \
    PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$DISPLAY" XAUTHORITY=$home/.Xauthority \
    dbus-run-session -- /bin/sh -c "exec $exec_line" >"$tmp/app.log" 2>&1 &
  launcher=$!
  db=$rootfs$home/.local/share/bridgelog/bridgelog.db
  wid=
  if wait_for 30 find_window; then
    tap OK "the window opens from the desktop entry's Exec line ($exec_line) in $(( ($(now_ms) - t0) / 1000 )) s from the install's start"
  else
    tap FAIL "the window opens from the desktop entry's Exec line ($exec_line)"; sed 's/^/# app: /' "$tmp/app.log" | tail -20; tap_end; exit 1
  fi
  app=$(xdotool getwindowpid "$wid" 2>/dev/null)
  [ -n "$app" ] || app=$launcher
  classes=$(xprop -id "$wid" WM_CLASS 2>/dev/null)
  if [ -n "$wm_class" ] && grep -qF "\"$wm_class\"" <<<"$classes"; then
    tap OK "StartupWMClass=$wm_class is the window's WM_CLASS (${classes#*= })"; else
    tap FAIL "StartupWMClass=$wm_class is the window's WM_CLASS (got: $classes)"; fi
  icon=$(xprop -id "$wid" _NET_WM_ICON 2>/dev/null | grep -o 'Icon ([0-9]* x [0-9]*)' | head -1)
  if [ -n "$icon" ]; then tap OK "the window carries the app's icon (_NET_WM_ICON: $icon)"; else
    tap FAIL "the window carries the app's icon (no _NET_WM_ICON)"; fi
  focus_window
  if wait_for 20 rendered "$tmp/probe.png"; then tap OK "the UI rendered ($(colours "$tmp/probe.png") colours)"; else
    tap FAIL "the UI rendered (only $(colours "$tmp/probe.png") colours in the window)"; fi
  sleep 0.7
  title="Package test incident $$"
  xdotool type --delay 15 "$title"; xdotool key Return
  has_incident() { [ "$(sq "SELECT count(*) FROM incidents WHERE title = '$title'")" = 1 ]; }
  if wait_for 10 has_incident; then tap OK "the first-launch dialog created the incident"; else
    tap FAIL "the first-launch dialog created the incident (incidents: $(sq 'SELECT id, title FROM incidents' | tr '\n' ';'))"; fi
  sleep 0.5
  entry="typed into the installed package $$"
  xdotool type --delay 15 "d: $entry"; xdotool key Return
  has_entry() { [ "$(sq "SELECT count(*) FROM entries WHERE text = '$entry' AND kind = 'decision'")" = 1 ]; }
  if wait_for 10 has_entry; then tap OK "a typed line is in the user's database ($home/.local/share/bridgelog/bridgelog.db)"; else
    tap FAIL "a typed line is in the user's database (entries: $(sq 'SELECT kind, text FROM entries' | tr '\n' ';'))"; fi
  sleep 0.5

  # A picture on the clipboard, owned by a GTK program outside the root: the
  # app reads it through libX11, which it opens at run time.
  if /usr/bin/python3 -c 'import gi; gi.require_version("Gtk", "3.0")' 2>/dev/null; then
    convert -size 48x30 gradient:green-blue "$tmp/clip.png"
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
    focus_window
    xdotool type --delay 15 "pasted graph $$"; xdotool key ctrl+v
    has_shot() { [ "$(sq "SELECT count(*) FROM attachments a JOIN entries e ON e.id = a.entry_id
      WHERE e.text = 'pasted graph $$' AND a.mime = 'image/png' AND a.width = 48 AND a.height = 30")" = 1 ]; }
    if wait_for 10 has_shot; then tap OK "a picture pasted with Ctrl+V is stored (libX11.so.6 from libx11-6 is enough)"; else
      tap FAIL "a picture pasted with Ctrl+V is stored (entries: $(sq 'SELECT e.text, a.name FROM entries e LEFT JOIN attachments a ON a.entry_id = e.id' | tr '\n' ';'))"
      grep -i 'clipboard\|x11' "$tmp/app.log" | sed 's/^/# app: /' | tail -5; fi
    kill "$clip" 2>/dev/null; wait "$clip" 2>/dev/null
  else
    echo "ok $(tap_next) - package: a picture pasted with Ctrl+V is stored # SKIP no python3-gi"
  fi
  import -window root "$out/package-test.png" 2>/dev/null
  stop_app "$app" 5
  wait_for 5 gone "$launcher" || kill -KILL "$launcher" 2>/dev/null
  wait "$launcher" 2>/dev/null
  app=''

  # ------------------------------------------------------------ remove and purge
  in_root apt-get remove -y -q bridgelog >"$tmp/apt-remove.log" 2>&1
  in_root apt-get purge -y -q bridgelog >>"$tmp/apt-remove.log" 2>&1
  status=$(in_root dpkg-query -W -f='${db:Status-Abbrev}' bridgelog 2>/dev/null)
  left=()
  while read -r f; do
    [ -n "$f" ] && [ "$f" != /. ] || continue
    if [ -d "$rootfs$f" ] && [ ! -L "$rootfs$f" ]; then
      # A folder stays when another package owns it too (/usr/share/icons/hicolor/...).
      in_root dpkg-query -S "$f" >/dev/null 2>&1 && continue
      [ -n "$(ls -A "$rootfs$f" 2>/dev/null)" ] && continue
    fi
    [ -e "$rootfs$f" ] || [ -L "$rootfs$f" ] && left+=("$f")
  done <"$tmp/files"
  if [ ${#left[@]} -eq 0 ] && { [ -z "$status" ] || [ "${status:0:2}" = un ]; }; then
    tap OK "apt-get remove and purge leave none of its $(wc -l <"$tmp/files") paths and no dpkg record"; else
    tap FAIL "apt-get remove and purge leave nothing (left: ${left[*]:-none}; dpkg status: ${status:-none})"
    sed 's/^/# /' "$tmp/apt-remove.log" | tail -10; fi
  if [ -f "$db" ] && [ "$(sq "SELECT count(*) FROM entries WHERE text = '$entry'")" = 1 ]; then
    tap OK "the user's data stays: the database with the typed line"; else
    tap FAIL "the user's data stays (no database or no line at $db)"; fi
  echo "# package test: $(( ($(now_ms) - started) / 1000 )) s in the root (unpack, install, run, remove)"
  tap_failed && sed 's/^/# app: /' "$tmp/app.log" | tail -20
  unmount_all
  tap_end
  exit
fi

# ---------------------------------------------------------------- the prepared root

# debian_sources: "URI SUITE" for every deb source of this machine (one-line
# and deb822 files), to bootstrap from the same mirror.
debian_sources() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } print $i, $(i + 1) }'
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -e "$f" ] || continue
    awk -v RS= '/(^|\n)Types:[^\n]*deb([ \n]|$)/ {
      n = split($0, l, "\n"); u = ""; s = ""
      for (i = 1; i <= n; i++) { if (l[i] ~ /^URIs:/) u = substr(l[i], 6); if (l[i] ~ /^Suites:/) s = substr(l[i], 8) }
      nu = split(u, us, " "); ns = split(s, ss, " ")
      for (a = 1; a <= nu; a++) for (b = 1; b <= ns; b++) print us[a], ss[b] }' "$f"
  done
}

# prepare_root: a minimal Debian of this machine's release, with apt sources,
# a session bus (dbus-daemon, as every desktop has) and a normal user, kept
# as build/out/package-test/root-N.tar.
prepare_root() {
  local suite mirror security dir t0
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  mirror=$(debian_sources | awk -v s="$suite" '$2 == s { print $1; exit }')
  security=$(debian_sources | awk -v s="$suite-security" '$2 == s { print $1; exit }')
  [ -n "$mirror" ] || { echo "# no apt source for $suite on this machine"; return 1; }
  dir=$tmp/bootstrap
  t0=$(now_ms)
  echo "# debootstrap --variant=minbase $suite from $mirror (once; cached in $cache)"
  # Bounded, so that a mirror that stops answering fails the run instead of holding it.
  timeout 1800 debootstrap --variant=minbase --include=dbus-daemon "$suite" "$dir" "$mirror" >"$tmp/debootstrap.log" 2>&1 ||
    { tail -20 "$tmp/debootstrap.log" | sed 's/^/# /'; return 1; }
  {
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    [ -z "$security" ] || echo "deb $security $suite-security main"
  } >"$dir/etc/apt/sources.list"
  chroot "$dir" useradd -m -u $uid -s /bin/bash $user || return 1
  chroot "$dir" apt-get clean
  rm -rf "$dir/var/lib/apt/lists/"*
  tar -cf "$cache/root-$recipe.tar.part" -C "$dir" --numeric-owner . && mv "$cache/root-$recipe.tar.part" "$cache/root-$recipe.tar"
  rm -rf "$dir"
  echo "# prepared root cached in $(( ($(now_ms) - t0) / 1000 )) s"
}

# ---------------------------------------------------------------- outside
[ "$(id -u)" -eq 0 ] || { echo "not ok 1 - package: needs root (chroot, mounts)"; exit 1; }
# --prepare: only (re)make the cached root.
if [ "${1:-}" = --prepare ]; then
  scratch pkgtest; mkdir -p "$cache"; prepare_root; exit
fi
deb=${1:-}
if [ -z "$deb" ]; then
  deb=$(ls -t "$out"/release/*/bridgelog_*.deb 2>/dev/null | head -1)
  if [ -z "$deb" ]; then
    build/release.sh --quick 0.0.0-ci >"$out/package-release.log" 2>&1 ||
      { echo "not ok 1 - package: build/release.sh --quick 0.0.0-ci (see $out/package-release.log)"; exit 1; }
    deb=$(ls -t "$out"/release/*/bridgelog_*.deb | head -1)
  fi
fi
deb=$(realpath "$deb")
echo "# $deb ($(du -k "$deb" | cut -f1) KiB)"
scratch pkgtest
mkdir -p "$cache"
begin=$(now_ms)
if [ -n "${BRIDGELOG_PKGTEST_FRESH:-}" ] || [ ! -f "$cache/root-$recipe.tar" ]; then
  prepare_root || { echo "not ok 1 - package: prepare a minimal Debian with debootstrap"; exit 1; }
fi
# A mount namespace of its own: whatever happens, no mount outlives the test,
# and the scratch folder is removed only after its mounts are gone.
headless --sid "$tmp/pkg.sid" --timeout "${PACKAGE_TEST_TIMEOUT:-900}" 1440x900 \
  unshare --mount --propagation private "$root/build/package-test.sh" --inner "$tmp" "$deb"
rc=$?
timed_out "$rc" && echo "not ok 99 - package: timed out after ${PACKAGE_TEST_TIMEOUT:-900} s"
echo "# build/package-test.sh: $(( ($(now_ms) - begin) / 1000 )) s"
exit "$rc"
