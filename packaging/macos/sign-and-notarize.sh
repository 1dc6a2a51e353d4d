#!/usr/bin/env bash
# Sign the installed app bundle, wrap it in a DMG, and (when credentials are
# present) notarise and staple it. Runs on macOS after
#   cmake --install BUILD --prefix STAGE     # runs macdeployqt (packaging.cmake)
#
#   packaging/macos/sign-and-notarize.sh STAGE/alchemyst-job-monitor.app OUT.dmg
#
# Environment (all optional; without them the bundle is ad-hoc signed, which is
# enough to run on the build machine and on Apple silicon after the user clears
# the quarantine flag, but Gatekeeper will warn):
#   MACOS_SIGN_IDENTITY   "Developer ID Application: Alchemyst AI (TEAMID)";
#                         the certificate must already be in a keychain
#                         (the release workflow imports it from secrets).
#   MACOS_NOTARY_APPLE_ID, MACOS_NOTARY_PASSWORD (app-specific password),
#   MACOS_NOTARY_TEAM_ID  notarise with `xcrun notarytool` and staple.
#   DMG_VOLUME_NAME       volume name (default: the bundle's CFBundleName).
#
# Tools (all part of macOS / Xcode command line tools): codesign, hdiutil,
# xcrun notarytool, xcrun stapler, spctl, /usr/libexec/PlistBuddy, ditto.
set -euo pipefail

usage() { echo "usage: $0 APP_BUNDLE OUT.dmg" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
app="${1%/}"
dmg="$2"
[[ -d "$app/Contents/MacOS" ]] || { echo "error: $app is not an app bundle" >&2; exit 2; }
[[ "$(uname -s)" == Darwin ]] || { echo "error: this script runs on macOS only" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
entitlements="$here/entitlements.plist"
plist="$app/Contents/Info.plist"
bundle_id="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleIdentifier' "$plist")"
bundle_name="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleName' "$plist")"
version="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$plist")"
volname="${DMG_VOLUME_NAME:-$bundle_name}"
identity="${MACOS_SIGN_IDENTITY:-}"

echo "== $bundle_id $version: $app -> $dmg"

sign() { # path...
    if [[ -n "$identity" ]]; then
        codesign --force --timestamp --options runtime \
            --entitlements "$entitlements" --sign "$identity" "$@"
    else
        codesign --force --sign - "$@"
    fi
}

# 1. Sign inside-out: nested code first (frameworks, plugins, dylibs, helper
#    executables), then the bundle. --deep is deprecated for signing.
while IFS= read -r -d '' f; do
    sign "$f"
done < <(find "$app/Contents/Frameworks" "$app/Contents/PlugIns" \
              \( -name '*.dylib' -o -name '*.so' \) -type f -print0 2>/dev/null)
while IFS= read -r -d '' fw; do
    sign "$fw"
done < <(find "$app/Contents/Frameworks" -maxdepth 1 -name '*.framework' -print0 2>/dev/null)
main_exe="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleExecutable' "$plist")"
while IFS= read -r -d '' exe; do
    [[ "$(basename "$exe")" == "$main_exe" ]] || sign "$exe"
done < <(find "$app/Contents/MacOS" -type f -perm -u+x -print0)
sign "$app"
codesign --verify --strict --verbose=2 "$app"
if [[ -z "$identity" ]]; then
    echo "note: no MACOS_SIGN_IDENTITY: ad-hoc signature, no notarisation"
fi

# 2. DMG: the bundle plus a link to /Applications (drag-and-drop install).
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
ditto "$app" "$stage/$(basename "$app")"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "$volname" -srcfolder "$stage" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg"
if [[ -n "$identity" ]]; then
    codesign --force --timestamp --sign "$identity" "$dmg"
fi

# 3. Notarise and staple (needs a Developer ID signature).
if [[ -n "$identity" && -n "${MACOS_NOTARY_APPLE_ID:-}" && -n "${MACOS_NOTARY_PASSWORD:-}" \
      && -n "${MACOS_NOTARY_TEAM_ID:-}" ]]; then
    xcrun notarytool submit "$dmg" --wait \
        --apple-id "$MACOS_NOTARY_APPLE_ID" \
        --password "$MACOS_NOTARY_PASSWORD" \
        --team-id "$MACOS_NOTARY_TEAM_ID"
    xcrun stapler staple "$dmg"
    xcrun stapler validate "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose "$dmg"
else
    echo "note: notarisation skipped (needs MACOS_SIGN_IDENTITY and MACOS_NOTARY_*)"
fi
echo "== wrote $dmg"
