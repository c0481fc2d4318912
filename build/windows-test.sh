#!/usr/bin/env bash
# The Windows build where it can run here: its command line under Wine, on a
# database made by the Linux binary of the same release. The window cannot be
# tested here: it needs Microsoft's WebView2 runtime, which does not run under
# Wine. Checks:
#   - the installer is a PE executable, and the .exe carries its icon and version
#   - bridgelog.exe --version prints the release's version
#   - list, and export in every text format, read a copy of a database the
#     Linux binary made (a record and a Zoom chat imported) and give the same bytes as the
#     Linux binary, in UTC and in a named zone (the zone database travels with
#     the .exe); where an export states the moment it was made, only those
#     lines may differ (see same)
#   - import-record of that incident's JSON record under Wine makes a new
#     database that exports the same bytes
# Prints TAP lines ("ok N - ..."); exits non-zero on any failure.
# Usage: build/windows-test.sh [RELEASE_DIR]
#   RELEASE_DIR defaults to the newest build/out/release/*/ with a Windows
#   binary; with none, build/release.sh --quick 0.0.0-ci makes one.
# The Wine prefix is kept in build/out/windows-test/ (its first start takes
# about half a minute). Debian 12's Wine lacks bcryptprimitives.dll, which
# every Go program loads; the prefix gets a stand-in (build/package/wine/).
set -uo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

dir=${1:-}
if [ -z "$dir" ]; then
  exe=$(ls -t "$out"/release/*/bridgelog-*-windows-amd64.exe 2>/dev/null | head -1)
  if [ -z "$exe" ]; then
    build/release.sh --quick 0.0.0-ci >"$out/windows-release.log" 2>&1 ||
      { echo "not ok 1 - windows: build/release.sh --quick 0.0.0-ci (see $out/windows-release.log)"; exit 1; }
    exe=$(ls -t "$out"/release/*/bridgelog-*-windows-amd64.exe | head -1)
  fi
  dir=$(dirname "$exe")
fi
dir=$(realpath "$dir")
version=$(basename "$dir")
exe=$dir/bridgelog-$version-windows-amd64.exe
setup=$dir/bridgelog-$version-windows-amd64-setup.exe
linux=$dir/bridgelog-$version-linux-amd64
scratch wintest
tap_init windows "$tmp"
begin=$(now_ms)

wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
[ -x "$wine" ] || wine=$(command -v wine)
export WINEPREFIX=$out/windows-test/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES='mscoree,mshtml=' TZ=UTC
unset DISPLAY WAYLAND_DISPLAY
mkdir -p "$out/windows-test"
# winpath FILE: the Windows name Wine gives a Linux path (drive Z: is /).
winpath() { printf 'Z:%s' "${1//\//\\}"; }
# win ARGS...: runs the .exe under Wine; its output with Windows line ends made plain.
win() { timeout 120 "$wine" "$exe" "$@" 2>"$tmp/wine.err" | tr -d '\r'; return "${PIPESTATUS[0]}"; }

for f in "$exe" "$setup" "$linux"; do
  [ -f "$f" ] || { echo "not ok 1 - windows: $f is missing"; exit 1; }
done
if file "$setup" | grep -q 'PE32.*MS Windows' && file "$exe" | grep -q 'PE32+ executable (GUI) x86-64.*MS Windows'; then
  tap OK "the installer ($(du -k "$setup" | cut -f1) KiB) and the .exe ($(du -k "$exe" | cut -f1) KiB) are Windows executables"
else tap FAIL "Windows executables (got: $(file -b "$setup"); $(file -b "$exe"))"; fi
# The resources Wails compiles in: the icon and the version a file's properties show.
if grep -qa 'B.r.i.d.g.e.l.o.g' "$exe" && [ "$(grep -c $'\x89PNG' "$exe")" -ge 1 ]; then
  tap OK "the .exe carries its version resource and icon"; else tap FAIL "the .exe carries its version resource and icon"; fi

t0=$(now_ms)
"$wine" wineboot --init >/dev/null 2>&1
# Go programs load bcryptprimitives.dll at start (ProcessPrng); Windows 10 and
# 11 have it and Debian 12's Wine does not, so the prefix gets a stand-in
# (build/package/wine/) that asks Wine's RtlGenRandom instead.
system32=$WINEPREFIX/drive_c/windows/system32
if [ ! -e "$system32/bcryptprimitives.dll" ]; then
  shim=$root/build/package/wine
  if (cd "$tmp" && x86_64-w64-mingw32-dlltool -d "$shim/advapi32.def" -l libadvapi32.a &&
      x86_64-w64-mingw32-as -o shim.o "$shim/bcryptprimitives.s" &&
      x86_64-w64-mingw32-ld --dll -e DllMain --subsystem windows -o "$system32/bcryptprimitives.dll" \
        shim.o "$shim/bcryptprimitives.def" libadvapi32.a); then
    echo "# Wine has no bcryptprimitives.dll: installed the stand-in from build/package/wine/"
  else
    echo "# could not build the bcryptprimitives.dll stand-in (binutils-mingw-w64-x86-64)"
  fi
fi
got=$(win --version)
case $got in "bridgelog $version"*) tap OK "bridgelog.exe --version under Wine: $got ($(( ($(now_ms) - t0) / 1000 )) s with Wine's start)" ;;
  *) tap FAIL "bridgelog.exe --version under Wine (got: \"$got\"; $(head -c 300 "$tmp/wine.err"))" ;; esac

# A database made by the Linux binary, and a copy of it for Wine.
# The incident: the golden record's header, a Zoom chat of the call imported
# into it (times, names, TODO and TL picks, non-ASCII text, markup), and the
# whole of it exported as a record, which Wine imports below.
mkdir -p "$tmp/linux" "$tmp/rw" "$tmp/fresh"
printf '%s\n' \
  '22:11:05 From Lena Ortiz to Everyone:' $'\tTL: EU logins failing since 22:05, error rate 38 %' \
  '22:12:40 From Sam Weiß to Everyone:' $'\tRolled back auth-svc 4.2 -> 4.1 <b>not bold</b> & "quoted"' \
  '22:14:02 From Lena Ortiz to Everyone:' $'\tTODO: @sam add an alert on login errors' \
  '22:20:31 From Priya to Everyone:' $'\tErrors back to baseline; watching for 15 min \xe2\x9c\x85' >"$tmp/meeting_saved_chat.txt"
record=$tmp/record.json
"$linux" import-record "$root/backend/export/testdata/golden/record.json" --db "$tmp/linux.db" >/dev/null 2>"$tmp/linux.err" &&
  "$linux" import "$tmp/meeting_saved_chat.txt" --incident latest --all --day 2026-11-21 --zone UTC --db "$tmp/linux.db" >/dev/null 2>>"$tmp/linux.err" &&
  "$linux" export --incident latest --format json --db "$tmp/linux.db" --out "$record" >/dev/null 2>>"$tmp/linux.err" ||
  { tap FAIL "the Linux binary makes the incident ($(cat "$tmp/linux.err"))"; tap_end; exit 1; }
cp "$tmp/linux.db" "$tmp/rw.db"
"$linux" list --db "$tmp/linux.db" >"$tmp/linux/list.txt" 2>&1

# list_check DB: list under Wine prints what the Linux binary printed.
list_check() {
  win list --db "$(winpath "$1")" >"$tmp/wine-list.txt"
  if [ -s "$tmp/linux/list.txt" ] && cmp -s "$tmp/linux/list.txt" "$tmp/wine-list.txt"; then
    tap OK "list under Wine on a copy of the Linux database prints what Linux prints ($(wc -l <"$tmp/linux/list.txt") lines)"
  else
    tap FAIL "list under Wine prints what Linux prints ($(head -c 200 "$tmp/wine.err"))"
    diff "$tmp/linux/list.txt" "$tmp/wine-list.txt" | head -5 | sed 's/^/# /'
  fi
}

# Every text format but ics, which needs a resolved incident.
formats=(md html json csv chat review review-html)
# same A B: the two exports are the same bytes, or differ only where they state
# the moment they were made (Exported, Drafted) and in the timeline picture of
# an incident still open, which runs to that moment: two processes a second
# apart cannot write those alike.
export_moment='Exported|Drafted|id="chart-desc"|<g class="axis"'
same() {
  [ -f "$2" ] || return 1
  cmp -s "$1" "$2" && return 0
  cmp -s <(grep -vE "$export_moment" "$1") <(grep -vE "$export_moment" "$2") && moment=$((moment + 1))
}
# compare_exports LABEL DB OUTDIR: every text format, in UTC and in a named
# zone, exported under Wine from DB, against the Linux binary's exports.
compare_exports() {
  local label=$1 windb=$2 wineout=$3 differ=() f zone name err='' moment=0
  for f in "${formats[@]}"; do
    for zone in UTC Europe/Berlin; do
      name=$f-${zone//\//-}.$f
      [ -s "$tmp/linux/$name" ] || "$linux" export --incident latest --format "$f" --zone "$zone" --db "$tmp/linux.db" --out "$tmp/linux/$name" >/dev/null 2>&1
      win export --incident latest --format "$f" --zone "$zone" --db "$(winpath "$windb")" --out "$(winpath "$wineout/$name")" >/dev/null
      [ -s "$tmp/wine.err" ] && err=$(cat "$tmp/wine.err")
      if [ ! -s "$tmp/linux/$name" ] || ! same "$tmp/linux/$name" "$wineout/$name"; then differ+=("$name"); fi
    done
  done
  if [ ${#differ[@]} -eq 0 ]; then
    tap OK "$label: ${#formats[@]} formats x 2 zones are the Linux exports' bytes ($((${#formats[@]} * 2 - moment)) identical, $moment but for the moment of export; ${formats[*]})"
  else
    tap FAIL "$label: byte-identical to the Linux exports (differ: ${differ[*]})"
    [ -n "$err" ] && head -c 300 <<<"$err" | sed 's/^/# /'
    for name in "${differ[@]:0:2}"; do diff "$tmp/linux/$name" "$wineout/$name" 2>&1 | head -4 | sed 's/^/# /'; done
  fi
}

list_check "$tmp/rw.db"
compare_exports "exports under Wine from a copy of the Linux database" "$tmp/rw.db" "$tmp/rw"

# The write path on Windows: import-record into a new database under Wine.
win import-record "$(winpath "$record")" --db "$(winpath "$tmp/fresh.db")" >/dev/null
if [ -s "$tmp/fresh.db" ] && ! [ -s "$tmp/wine.err" ]; then
  tap OK "import-record under Wine makes a new database"
  compare_exports "exports under Wine from the database Wine imported" "$tmp/fresh.db" "$tmp/fresh"
else
  tap FAIL "import-record under Wine makes a new database ($(head -c 300 "$tmp/wine.err"))"
fi
echo "ok $(tap_next) - windows: the window under Wine # SKIP the window needs Microsoft's WebView2 runtime, which does not run under Wine"
echo "# build/windows-test.sh: $(( ($(now_ms) - begin) / 1000 )) s"
tap_end
