#!/usr/bin/env bash
# Builds Bridgelog's Debian package from a built binary:
#   build/package/deb.sh BINARY VERSION OUTDIR   -> OUTDIR/bridgelog_VERSION_ARCH.deb
# It lays out the files a desktop expects (/usr/bin, the desktop entry, the
# icon theme, the AppStream metainfo, the copyright and changelog), writes the
# control file from build/package/control.in and packs them with dpkg-deb.
#
# dpkg-deb and a control file rather than debhelper or a packaging tool: it
# needs nothing beyond dpkg itself, which every Debian machine has, and the
# Depends line is written by hand. That line lists what dpkg-shlibdeps finds
# for the binary's linked libraries (GTK 3, WebKitGTK 4.1 and the GLib,
# GdkPixbuf, libsoup and JavaScriptCore libraries under it) and adds libx11-6,
# which nothing links: the picture paste opens libX11.so.6 at run time, so no
# tool reading the binary would find it. build/package-test.sh installs the
# package in a minimal Debian and runs the app, which proves the list enough.
#
# The package has no maintainer scripts: the desktop-file-utils and
# hicolor-icon-theme triggers refresh the menu and icon caches on install and
# removal, and the user's data (~/.local/share/bridgelog) is never the
# package's to remove.
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
[ $# -eq 3 ] || { echo "usage: build/package/deb.sh BINARY VERSION OUTDIR" >&2; exit 2; }
binary=$1 version=$2 outdir=$3
pkg=build/package
arch=$(dpkg --print-architecture)
# Debian orders 1.0~rc1 before 1.0; a hyphen would read as a Debian revision.
debversion=${version//-/\~}
# The files carry the last commit's time, so the same commit packs the same bytes.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
date_iso=$(date -u -d "@$epoch" +%Y-%m-%d)

stage=$(mktemp -d "${TMPDIR:-/tmp}/bridgelog-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/root
install -d -m 0755 "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/metainfo" "$root/usr/share/doc/bridgelog" "$root/usr/share/icons/hicolor/scalable/apps"
install -m 0755 "$binary" "$root/usr/bin/bridgelog"
install -m 0644 "$pkg/linux/bridgelog.desktop" "$root/usr/share/applications/bridgelog.desktop"
for png in build/icons/hicolor/*/apps/bridgelog.png; do
  size=$(basename "$(dirname "$(dirname "$png")")")
  install -D -m 0644 "$png" "$root/usr/share/icons/hicolor/$size/apps/bridgelog.png"
done
install -m 0644 build/icons/bridgelog.svg "$root/usr/share/icons/hicolor/scalable/apps/bridgelog.svg"
# The metainfo names this release first, as software centres show the newest;
# a version older than the newest listed (a test build's 0.0.0) is not added,
# since AppStream wants the list newest first.
metainfo=io.github.bridgelog.Bridgelog.metainfo.xml
newest=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$pkg/linux/$metainfo" | head -1)
if grep -q "<release version=\"$version\"" "$pkg/linux/$metainfo" ||
   { [ -n "$newest" ] && dpkg --compare-versions "${version//-/\~}" lt "${newest//-/\~}"; }; then
  install -m 0644 "$pkg/linux/$metainfo" "$root/usr/share/metainfo/$metainfo"
else
  sed "s|^  <releases>\$|  <releases>\n    <release version=\"$version\" date=\"$date_iso\"/>|" \
    "$pkg/linux/$metainfo" >"$root/usr/share/metainfo/$metainfo"
  chmod 0644 "$root/usr/share/metainfo/$metainfo"
fi
install -m 0644 "$pkg/copyright" "$root/usr/share/doc/bridgelog/copyright"
# The manual page is the binary's own --help (it runs with no display), so the two never disagree.
install -d -m 0755 "$root/usr/share/man/man1"
{
  printf '.TH BRIDGELOG 1 "%s" "bridgelog %s" "User Commands"\n' "$date_iso" "$version"
  printf '.SH NAME\nbridgelog \\- incident call timeline and IC dashboard that works offline\n'
  printf '.SH SYNOPSIS\n.B bridgelog\n[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]\n'
  printf '.SH DESCRIPTION\nWith no command, opens the window on the database; the commands work without a display.\n'
  printf '.PP\n.nf\n'
  "$binary" --help | sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"
  printf '.fi\n.SH FILES\n.TP\n.I ~/.local/share/bridgelog/bridgelog.db\nthe database (\\fB$XDG_DATA_HOME/bridgelog/\\fR), its backups beside it\n'
  printf '.TP\n.I ~/.config/bridgelog/settings.json\nthe settings\n'
} | gzip -9n >"$root/usr/share/man/man1/bridgelog.1.gz"
chmod 0644 "$root/usr/share/man/man1/bridgelog.1.gz"
maintainer=$(sed -n 's/^Maintainer: //p' "$pkg/control.in")
printf 'bridgelog (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
  "$debversion" "$version" "$maintainer" "$(date -u -R -d "@$epoch")" |
  gzip -9n >"$root/usr/share/doc/bridgelog/changelog.gz"
chmod 0644 "$root/usr/share/doc/bridgelog/changelog.gz"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$debversion/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" "$pkg/control.in" >"$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
find "$root" -exec touch -h -d "@$epoch" {} +

mkdir -p "$outdir"
deb=$outdir/bridgelog_${debversion}_$arch.deb
SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
