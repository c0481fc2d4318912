#!/usr/bin/env bash
# Builds every Bridgelog artifact that can be built on Debian, stamped with VERSION:
#   build/release.sh [--quick] VERSION      (e.g. 1.2.0, or 1.3.0-rc1)
# into build/out/release/VERSION/:
#   bridgelog-VERSION-linux-amd64              the Linux binary (PIE, stripped)
#   bridgelog_VERSION_amd64.deb                the Debian package (build/package/deb.sh)
#   bridgelog-VERSION-windows-amd64.exe        the Windows binary (cross-compiled, no cgo)
#   bridgelog-VERSION-windows-amd64-setup.exe  its NSIS installer (Wails' -nsis, makensis)
#   SHA256SUMS                                 sha256sum -c checks the four
# macOS needs a Mac: see build/darwin/README.md.
#
# The version goes into what --version prints (-ldflags -X), the .deb's control
# file and metainfo, and the Windows file and installer properties (which take
# only numbers: 1.3.0-rc1 shows there as 1.3.0).
#
# The builds run in a copy of the last commit under build/out/release/, never in the
# working tree: Wails writes its Windows resource file (a .syso) into the
# project's root while it builds, which would break any Linux build of the
# tree running at the same time, and the copy carries the version in its
# wails.json without touching the tree's.
#
# --quick (CI): uses frontend/dist as it is when it has been built and skips
# lintian; every artifact is still built, so this script cannot rot.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
quick=
[ "${1:-}" = --quick ] && { quick=1; shift; }
version=${1:-}
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+~][0-9A-Za-z.+~-]+)?$ ]]; then
  echo "usage: build/release.sh [--quick] VERSION   (VERSION like 1.2.0 or 1.3.0-rc1)" >&2
  exit 2
fi
numeric=${version%%[-+~]*}
start=$(now_ms)
step() { echo "release: $* ($(( ($(now_ms) - start) / 1000 )) s)"; }

build/setup.sh release
go_bin_on_path

if [ -n "$quick" ] && [ -f frontend/dist/index.html ]; then
  step "using the frontend already built in frontend/dist"
else
  step "building the frontend"
  build_frontend 0
fi

# A release is of a commit: the source as committed at HEAD (changes not yet
# committed are not in it), the built frontend, and the version in the copy's
# wails.json.
rel=$out/release
dist=$rel/$version src=$rel/src
rm -rf "$dist" "$src"
mkdir -p "$dist" "$src"
git archive HEAD | tar -xf - -C "$src"
cp -r frontend/dist/. "$src/frontend/dist/"
sed -i -E "s/(\"productVersion\": *\")[^\"]*\"/\1$numeric\"/" "$src/wails.json"
ldflags="-X bridgelog/app/cli.ProductVersion=$version"
wails_build() { (cd "$src" && wails build -s -skipbindings -trimpath -m -nosyncgomod -ldflags "$ldflags" "$@"); }
# check_version BINARY [RUNNER]: the binary prints the version it was stamped with.
check_version() {
  local got; got=$("${@:2}" "$1" --version 2>/dev/null | tr -d '\r')
  case $got in "bridgelog $version"*) ;; *) echo "release: $1 --version printed \"$got\", want bridgelog $version" >&2; exit 1 ;; esac
}

step "building the Linux binary"
GOFLAGS=-buildmode=pie wails_build -tags webkit2_41 >"$rel/linux-build.log" 2>&1 ||
  { cat "$rel/linux-build.log" >&2; exit 1; }
linux=$dist/bridgelog-$version-linux-amd64
cp "$src/build/bin/bridgelog" "$linux"
check_version "$linux"

step "packing the .deb"
deb=$(build/package/deb.sh "$linux" "$version" "$dist")
if [ -z "$quick" ] && command -v lintian >/dev/null; then
  step "lintian"
  lintian --fail-on error,warning "$deb"
fi

step "building the Windows binary and installer"
CGO_ENABLED=0 wails_build -platform windows/amd64 -nsis >"$rel/windows-build.log" 2>&1 ||
  { cat "$rel/windows-build.log" >&2; exit 1; }
[ -f "$src/build/bin/bridgelog-amd64-installer.exe" ] ||
  { cat "$rel/windows-build.log" >&2; echo "release: no installer was made (is makensis installed?)" >&2; exit 1; }
cp "$src/build/bin/bridgelog.exe" "$dist/bridgelog-$version-windows-amd64.exe"
cp "$src/build/bin/bridgelog-amd64-installer.exe" "$dist/bridgelog-$version-windows-amd64-setup.exe"

(cd "$dist" && sha256sum -- * >SHA256SUMS)
rm -rf "$src"
step "done: $dist"
(cd "$dist" && ls -l --block-size=K -- *)
