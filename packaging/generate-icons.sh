#!/usr/bin/env bash
# Regenerate the raster application icons from the one SVG source.
#
#   packaging/generate-icons.sh          # rewrite resources/icons/**
#   packaging/generate-icons.sh --check  # exit 1 if the committed files are stale
#
# Source : resources/icons/<app id>.svg
# Outputs (all committed, so no build needs these tools):
#   resources/icons/hicolor/<N>x<N>/apps/<app id>.png  N = 16 24 32 48 64 128 256 512
#   resources/icons/<app id>.ico   Windows: 16 24 32 48 64 (BMP) + 256 (PNG-compressed)
#   resources/icons/<app id>.icns  macOS:   16 32 48 128 256 512 1024
#
# Debian 12 tools (apt-get install -y librsvg2-bin icoutils icnsutils):
#   rsvg-convert (librsvg2-bin)  SVG -> PNG
#   icotool      (icoutils)      PNG -> ICO
#   png2icns     (icnsutils)     PNG -> ICNS
# The outputs are byte-for-byte reproducible with the Debian 12 versions of
# these tools; --check relies on that.
set -euo pipefail

APP_ID="com.getalchemystai.JobMonitor"   # must equal AJM_APP_ID in CMakeLists.txt
SIZES=(16 24 32 48 64 128 256 512)
ICO_SIZES=(16 24 32 48 64)                # 256 is added as a raw PNG entry
ICNS_SIZES=(16 32 48 128 256 512)         # sizes png2icns accepts (+1024 below)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
icons="$root/resources/icons"
svg="$icons/$APP_ID.svg"

mode="write"
case "${1:-}" in
    "") ;;
    --check) mode=check ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

for tool in rsvg-convert icotool png2icns; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool not found (apt-get install -y librsvg2-bin icoutils icnsutils)" >&2
        exit 2
    }
done
[[ -f "$svg" ]] || { echo "error: $svg missing" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
out="$work/out"
mkdir -p "$out"

render() { # size dest
    rsvg-convert --width "$1" --height "$1" --keep-aspect-ratio --format png \
        --output "$2" "$svg"
}

for n in "${SIZES[@]}"; do
    mkdir -p "$out/hicolor/${n}x${n}/apps"
    render "$n" "$out/hicolor/${n}x${n}/apps/$APP_ID.png"
done
png() { echo "$out/hicolor/$1x$1/apps/$APP_ID.png"; }

ico_args=()
for n in "${ICO_SIZES[@]}"; do ico_args+=("$(png "$n")"); done
icotool --create --output="$out/$APP_ID.ico" "${ico_args[@]}" --raw="$(png 256)"

icns_args=()
for n in "${ICNS_SIZES[@]}"; do icns_args+=("$(png "$n")"); done
render 1024 "$work/$APP_ID-1024.png"   # Retina 512@2x; not kept as a PNG
png2icns "$out/$APP_ID.icns" "${icns_args[@]}" "$work/$APP_ID-1024.png" >/dev/null

if [[ $mode == check ]]; then
    stale=0
    while IFS= read -r -d '' f; do
        rel="${f#"$out"/}"
        if ! cmp -s "$f" "$icons/$rel"; then
            echo "stale or missing: resources/icons/$rel"
            stale=1
        fi
    done < <(find "$out" -type f -print0 | sort -z)
    if [[ $stale -ne 0 ]]; then
        echo "icons are out of date: run packaging/generate-icons.sh" >&2
        exit 1
    fi
    echo "icons are up to date"
    exit 0
fi

cp -r "$out/." "$icons/"
echo "wrote:"
(cd "$root" && find resources/icons -type f ! -name '*.svg' | sort | sed 's/^/  /')
