#!/usr/bin/env bash
# Renders Bridgelog's icon from its SVG sources into every file a desktop wants,
# and writes them where they are kept in the repository:
#   build/icons/hicolor/NxN/apps/bridgelog.png  the freedesktop icon theme sizes (the .deb)
#   build/appicon.png                           1024 px, Wails' source for the macOS .icns
#   build/windows/icon.ico                      16-256 px, the .exe's and the installer's icon
# 16, 22 and 24 px come from bridgelog-small.svg, drawn on the 16 px pixel grid; the
# rest from bridgelog.svg. Needs rsvg-convert (librsvg2-bin) and ImageMagick's convert.
# Run it after changing an SVG and commit what it writes.
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
src=build/icons
source_for() { if [ "$1" -le 24 ]; then echo "$src/bridgelog-small.svg"; else echo "$src/bridgelog.svg"; fi; }
for s in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "$src/hicolor/${s}x${s}/apps"
  rsvg-convert -w "$s" -h "$s" "$(source_for "$s")" -o "$src/hicolor/${s}x${s}/apps/bridgelog.png"
done
rsvg-convert -w 1024 -h 1024 "$src/bridgelog.svg" -o build/appicon.png
mkdir -p build/windows
ico=()
for s in 16 24 32 48 64 128 256; do ico+=("$src/hicolor/${s}x${s}/apps/bridgelog.png"); done
# -strip keeps the rendering time out of the file, so a re-run changes nothing.
convert "${ico[@]}" -strip build/windows/icon.ico
echo "icons: rendered $(find "$src/hicolor" -name '*.png' | wc -l) theme sizes, build/appicon.png and build/windows/icon.ico"
