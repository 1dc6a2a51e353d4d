#!/usr/bin/env bash
# Packaging check for Alchemyst Job Monitor, run on Debian 12 after the project
# is built in BUILD_DIR (CI: .ci/run). One PASS/FAIL line per check, then
# "N passed, N failed"; exits non-zero if anything failed.
#
#   packaging/check-linux.sh BUILD_DIR              # full check (~30 s)
#   packaging/check-linux.sh --self-test BUILD_DIR  # prove the identity checks
#                                                   # catch a broken tree
#   KEEP_WORK=1 packaging/check-linux.sh BUILD_DIR  # keep the temp dir
#
# Debian packages needed (same list as packaging/linux/check-deps.txt, so CI
# can `apt-get install -y $(cat packaging/linux/check-deps.txt)`):
#   appstream binutils cmake desktop-file-utils dpkg-dev file icnsutils
#   icoutils librsvg2-bin lintian msitools python3 wixl xz-utils
#
# What it checks:
#   - the raster icons are up to date with the SVG (generate-icons.sh --check)
#   - `cmake --install BUILD_DIR --prefix /usr` with DESTDIR=<tmp>/AppDir gives
#     the expected files (binaries, desktop file, metainfo, every icon size) in
#     the layout linuxdeploy turns into an AppImage
#   - desktop-file-validate, appstreamcli validate --no-net
#   - identity: desktop file name == app id == Icon == StartupWMClass ==
#     metainfo <id>/<launchable>; newest metainfo release == project version
#   - the installed binaries print the project version (offscreen)
#   - MSI (structural): wixl builds the real configured .wxs with the Linux
#     binaries and libraries staged under Windows names (see stage_windows);
#     msiinfo/msiextract show UpgradeCode, version, exe and Qt/QtKeychain DLLs
#   - the configured Info.plist and the version resources carry id and version
#   - cpack makes the .deb and .tar.gz; lintian reports no error on the .deb
set -euo pipefail

usage() {
    echo "usage: $0 [--self-test] BUILD_DIR" >&2
    exit 2
}
mode=check
if [[ "${1:-}" == "--self-test" ]]; then
    mode=self-test
    shift
fi
[[ $# -eq 1 ]] || usage
build_dir="$(cd "$1" 2>/dev/null && pwd)" || { echo "error: no such directory: $1" >&2; exit 2; }
[[ -f "$build_dir/CMakeCache.txt" ]] || { echo "error: $build_dir has no CMakeCache.txt" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src_dir="$(cd "$here/.." && pwd)"
py=python3

cache_get() { # NAME -> value from CMakeCache.txt
    awk -v k="$1" 'index($0, k ":") == 1 { sub(/^[^=]*=/, ""); print; exit }' "$build_dir/CMakeCache.txt"
}
VERSION="$(cache_get CMAKE_PROJECT_VERSION)"
APP_ID="$(cache_get AJM_APP_ID)"
APP_NAME="$(cache_get AJM_APP_NAME)"
APP_ID="${APP_ID:-com.getalchemystai.JobMonitor}"
APP_NAME="${APP_NAME:-Alchemyst Job Monitor}"
GUI=alchemyst-job-monitor
CLI=alchemyst-jobs
PKG=alchemyst-job-monitor
ICON_SIZES=(16 24 32 48 64 128 256 512)
# The UpgradeCode committed in the WiX source is the reference.
UPGRADE_CODE="$(sed -n 's/.*UpgradeCode="\([0-9A-Fa-f-]*\)".*/\1/p' "$here/windows/app.wxs.in" | sed -n 1p)"

work="$(mktemp -d "${TMPDIR:-/tmp}/ajm-pkgcheck.XXXXXX")"
cleanup() {
    if [[ -n "${KEEP_WORK:-}" ]]; then echo "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export XDG_RUNTIME_DIR="$work/xdg-runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"

passed=0
failed=0
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL: $1"
    if [[ -n "${2:-}" ]]; then sed -n '1,25s/^/      /p' <<<"$2"; fi
    failed=$((failed + 1))
}
# check NAME CMD... : PASS when CMD exits 0, else FAIL with its output.
check() {
    local name="$1" out
    shift
    if out="$("$@" 2>&1)"; then pass "$name"; else fail "$name" "$out"; fi
}
# equal NAME EXPECTED ACTUAL
equal() {
    if [[ "$2" == "$3" ]]; then pass "$1 ($3)"; else fail "$1: expected '$2', got '$3'"; fi
}
have() { command -v "$1" >/dev/null 2>&1; }
finish() {
    echo "$passed passed, $failed failed"
    if [[ $failed -ne 0 ]]; then exit 1; fi
    exit 0
}

echo "== packaging check ($mode) of $build_dir: $APP_ID $VERSION"
missing=()
for tool in desktop-file-validate appstreamcli wixl msiinfo msiextract lintian \
            dpkg-deb dpkg-shlibdeps rsvg-convert icotool png2icns readelf file "$py"; do
    have "$tool" || missing+=("$tool")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    pass "tools present"
else
    fail "tools missing: ${missing[*]} (apt-get install -y \$(cat packaging/linux/check-deps.txt))"
fi
if [[ -n "$VERSION" && -n "$UPGRADE_CODE" ]]; then
    pass "project version $VERSION, app id $APP_ID, UpgradeCode $UPGRADE_CODE"
else
    fail "could not read CMAKE_PROJECT_VERSION from CMakeCache.txt or UpgradeCode from app.wxs.in"
    finish
fi

# ---------------------------------------------------------------------------
# Install into an AppDir
# ---------------------------------------------------------------------------
appdir="$work/AppDir"
if out="$(DESTDIR="$appdir" cmake --install "$build_dir" --prefix /usr 2>&1)"; then
    pass "cmake --install --prefix /usr into DESTDIR=AppDir"
else
    fail "cmake --install --prefix /usr into DESTDIR=AppDir" "$out"
    finish
fi

# ---------------------------------------------------------------------------
# Identity checks on an installed tree (ROOT = AppDir). Used as is by the
# normal run and, on corrupted copies, by --self-test.
# ---------------------------------------------------------------------------
desktop_key() { # FILE KEY -> value in [Desktop Entry]
    awk -v key="$2" '
        /^\[/ { in_entry = ($0 == "[Desktop Entry]") }
        in_entry && index($0, key "=") == 1 { print substr($0, length(key) + 2); exit }
    ' "$1"
}
metainfo_query() { # FILE WHAT -> value(s)
    "$py" - "$1" "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
what = sys.argv[2]
if what == "id":
    print((root.findtext("id") or "").strip())
elif what == "launchable":
    for l in root.findall("launchable"):
        if l.get("type") == "desktop-id":
            print((l.text or "").strip())
elif what == "binaries":
    for b in root.findall("provides/binary"):
        print((b.text or "").strip())
elif what == "release":
    rel = root.findall("releases/release")
    print(rel[0].get("version", "") if rel else "")
elif what == "release-date":
    rel = root.findall("releases/release")
    print(rel[0].get("date", "") if rel else "")
PY
}
png_size() { # FILE -> WxH from the IHDR chunk
    "$py" -c '
import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1" 2>&1
}

identity_checks() { # ROOT
    local root="$1" apps="$1/usr/share/applications" meta="$1/usr/share/metainfo"
    local desktop="$apps/$APP_ID.desktop" metainfo="$meta/$APP_ID.metainfo.xml"
    local names n ok=1

    names="$(cd "$apps" 2>/dev/null && ls -1 ./*.desktop 2>/dev/null | sed 's|^\./||' | paste -sd' ')"
    equal "identity: desktop file name is the app id" "$APP_ID.desktop" "$names"
    if [[ ! -f "$desktop" ]]; then
        fail "identity: $APP_ID.desktop missing, desktop checks skipped"
    else
        equal "identity: desktop Icon= is the app id" "$APP_ID" "$(desktop_key "$desktop" Icon)"
        equal "identity: desktop StartupWMClass= is the app id" "$APP_ID" "$(desktop_key "$desktop" StartupWMClass)"
        local icon exe
        icon="$(desktop_key "$desktop" Icon)"
        ok=1
        for n in "${ICON_SIZES[@]}"; do
            [[ -f "$root/usr/share/icons/hicolor/${n}x${n}/apps/$icon.png" ]] || ok=0
        done
        [[ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon.svg" ]] || ok=0
        if [[ $ok -eq 1 ]]; then pass "identity: icon '$icon' installed in every hicolor size"
        else fail "identity: icon '$icon' (Icon=) missing from some hicolor size"; fi
        exe="$(desktop_key "$desktop" Exec)"
        exe="${exe%% *}"
        if [[ -x "$root/usr/bin/$exe" ]]; then pass "identity: desktop Exec= $exe is installed"
        else fail "identity: desktop Exec= '$exe' not in usr/bin"; fi
        # One window per user (SingleMainWindow), and a launcher action that opens the demo.
        equal "desktop: SingleMainWindow=true" "true" "$(desktop_key "$desktop" SingleMainWindow)"
        if grep -q '^\[Desktop Action demo\]' "$desktop" && grep -q '^Exec=.* --demo$' "$desktop" &&
            grep -q '^Actions=.*demo;' "$desktop"; then
            pass "desktop: an action opens the demo (--demo)"
        else
            fail "desktop: no [Desktop Action demo] with Exec=... --demo"
        fi
    fi
    if [[ ! -f "$metainfo" ]]; then
        fail "identity: metainfo usr/share/metainfo/$APP_ID.metainfo.xml missing"
        return 0
    fi
    equal "identity: metainfo <id>" "$APP_ID" "$(metainfo_query "$metainfo" id)"
    local launchable
    launchable="$(metainfo_query "$metainfo" launchable)"
    equal "identity: metainfo <launchable> is the desktop file" "$APP_ID.desktop" "$launchable"
    if [[ -n "$launchable" && -f "$apps/$launchable" ]]; then
        pass "identity: <launchable> $launchable exists"
    else
        fail "identity: <launchable> '$launchable' not installed in usr/share/applications"
    fi
    equal "identity: metainfo newest <release> is the project version" \
        "$VERSION" "$(metainfo_query "$metainfo" release)"
    local bins b
    bins="$(metainfo_query "$metainfo" binaries | paste -sd' ')"
    ok=1
    for b in $bins; do [[ -x "$root/usr/bin/$b" ]] || ok=0; done
    if [[ $ok -eq 1 && -n "$bins" ]]; then pass "identity: <provides> binaries installed: $bins"
    else fail "identity: <provides> binaries '$bins' not all in usr/bin"; fi
}

version_checks() { # ROOT
    local exe out
    for exe in "$GUI" "$CLI"; do
        if [[ ! -x "$1/usr/bin/$exe" ]]; then
            fail "version: usr/bin/$exe missing"
            continue
        fi
        out="$(QT_QPA_PLATFORM=offscreen timeout 30 "$1/usr/bin/$exe" --version 2>&1)" || true
        if grep -Eq "^.+ ${VERSION//./\\.}\$" <<<"$out"; then
            pass "version: $exe --version prints '$(grep -E " ${VERSION//./\\.}\$" <<<"$out" | sed -n 1p)'"
        else
            fail "version: $exe --version does not print '<name> $VERSION'" "$out"
        fi
    done
}

plist_check() { # PLIST
    local out
    if out="$("$py" - "$1" "$APP_ID" "$VERSION" "$GUI" "$src_dir/resources/icons" <<'PY' 2>&1
import os, plistlib, sys
path, app_id, version, exe, icons = sys.argv[1:]
with open(path, "rb") as f:
    p = plistlib.load(f)
want = {"CFBundleIdentifier": app_id, "CFBundleShortVersionString": version,
        "CFBundleVersion": version, "CFBundleExecutable": exe,
        "CFBundleIconFile": app_id + ".icns", "CFBundlePackageType": "APPL"}
bad = ["%s=%r (want %r)" % (k, p.get(k), v) for k, v in want.items() if p.get(k) != v]
if p.get("NSHighResolutionCapable") is not True:
    bad.append("NSHighResolutionCapable not true")
if not p.get("LSMinimumSystemVersion"):
    bad.append("LSMinimumSystemVersion missing")
if not os.path.isfile(os.path.join(icons, p.get("CFBundleIconFile", ""))):
    bad.append("icon file %s not in resources/icons" % p.get("CFBundleIconFile"))
if bad:
    sys.exit("; ".join(bad))
PY
    )"; then
        pass "macOS: Info.plist parses, CFBundleIdentifier=$APP_ID, version $VERSION"
    else
        fail "macOS: Info.plist ($1)" "$out"
    fi
}

# ---------------------------------------------------------------------------
if [[ $mode == self-test ]]; then
    # Baseline: the real tree must pass; then each corruption must be caught.
    echo "-- self-test baseline (must pass)"
    base_out="$(identity_checks "$appdir"; version_checks "$appdir")"
    printf '%s\n' "$base_out" | sed 's/^/   /'
    if grep -q '^FAIL' <<<"$base_out"; then
        fail "self-test: baseline identity checks fail on the real tree"
    else
        pass "self-test: baseline identity checks pass on the real tree"
    fi

    # corrupt NAME EXPECTED_FAIL_PATTERN SCRIPT : copy the tree, run SCRIPT in
    # it, and require an identity/version FAIL line matching the pattern.
    corrupt() {
        local name="$1" pattern="$2" script="$3" copy="$work/corrupt-$RANDOM" out
        cp -a "$appdir" "$copy"
        (cd "$copy" && eval "$script")
        out="$( (identity_checks "$copy"; version_checks "$copy") 2>&1 || true)"
        local hit
        hit="$(grep -E '^FAIL' <<<"$out" | grep -E "$pattern" | sed -n 1p || true)"
        if [[ -n "$hit" ]]; then
            pass "self-test: $name -> detected (${hit#FAIL: })"
        else
            fail "self-test: $name NOT detected" "$out"
        fi
        rm -rf "$copy"
    }
    meta="usr/share/metainfo/$APP_ID.metainfo.xml"
    desk="usr/share/applications/$APP_ID.desktop"
    corrupt "metainfo release version changed to 9.9.9" "release" \
        "sed -i 's/<release version=\"[^\"]*\"/<release version=\"9.9.9\"/' '$meta'"
    corrupt "desktop file renamed to com.example.Wrong.desktop" "desktop file name|launchable" \
        "mv '$desk' usr/share/applications/com.example.Wrong.desktop"
    corrupt "desktop Icon= changed" "Icon=" \
        "sed -i 's/^Icon=.*/Icon=com.example.Wrong/' '$desk'"
    corrupt "desktop StartupWMClass= changed" "StartupWMClass" \
        "sed -i 's/^StartupWMClass=.*/StartupWMClass=alchemyst-job-monitor/' '$desk'"
    corrupt "metainfo <id> changed" "<id>" \
        "sed -i 's|<id>[^<]*</id>|<id>com.example.Wrong</id>|' '$meta'"
    corrupt "48x48 icon removed" "icon" \
        "rm usr/share/icons/hicolor/48x48/apps/$APP_ID.png"
    corrupt "$CLI reports version 9.9.9" "version" \
        "printf '#!/bin/sh\necho \"$CLI 9.9.9\"\n' > usr/bin/$CLI"
    # Info.plist with a wrong version must fail plist_check.
    sed 's|<string>'"${VERSION//./\\.}"'</string>|<string>9.9.9</string>|' \
        "$build_dir/packaging/macos/Info.plist" > "$work/Info-corrupt.plist"
    plist_out="$(plist_check "$work/Info-corrupt.plist" || true)"
    if grep -q '^FAIL' <<<"$plist_out"; then
        pass "self-test: Info.plist version changed to 9.9.9 -> detected"
    else
        fail "self-test: Info.plist with a wrong version NOT detected" "$plist_out"
    fi
    finish
fi

# ---------------------------------------------------------------------------
# Icons
# ---------------------------------------------------------------------------
check "icons: PNG/ICO/ICNS up to date with the SVG (generate-icons.sh --check)" \
    "$here/generate-icons.sh" --check

# ---------------------------------------------------------------------------
# Expected file list (what linuxdeploy needs: usr/bin, the desktop file, its icon)
# ---------------------------------------------------------------------------
expected=(
    "usr/bin/$GUI"
    "usr/bin/$CLI"
    "usr/share/applications/$APP_ID.desktop"
    "usr/share/metainfo/$APP_ID.metainfo.xml"
    "usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
    "usr/share/doc/$PKG/copyright"
)
# The third-party licence texts (Help > Third-Party Licences shows the same ones).
for f in "$src_dir"/resources/licenses/*.txt; do
    expected+=("usr/share/doc/$PKG/licenses/$(basename "$f")")
done
for n in "${ICON_SIZES[@]}"; do
    expected+=("usr/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png")
done
missing=()
for f in "${expected[@]}"; do [[ -f "$appdir/$f" ]] || missing+=("$f"); done
if [[ ${#missing[@]} -eq 0 ]]; then
    pass "AppDir: all ${#expected[@]} expected files installed"
else
    fail "AppDir: missing ${missing[*]}" "$(cd "$appdir" && find . -type f | sort)"
fi
bad_sizes=()
for n in "${ICON_SIZES[@]}"; do
    f="$appdir/usr/share/icons/hicolor/${n}x${n}/apps/$APP_ID.png"
    [[ -f "$f" ]] || continue
    [[ "$(png_size "$f")" == "${n}x${n}" ]] || bad_sizes+=("${n}x${n}:$(png_size "$f")")
done
if [[ ${#bad_sizes[@]} -eq 0 ]]; then pass "AppDir: every hicolor PNG has the size of its directory"
else fail "AppDir: icon sizes do not match their directories: ${bad_sizes[*]}"; fi
for exe in "$GUI" "$CLI"; do
    [[ -f "$appdir/usr/bin/$exe" ]] || continue
    rpath="$(readelf -d "$appdir/usr/bin/$exe" 2>/dev/null | grep -E 'R(UN)?PATH' || true)"
    if [[ -z "$rpath" || "$rpath" != *"$build_dir"* ]]; then
        pass "AppDir: $exe has no RPATH into the build tree"
    else
        fail "AppDir: $exe keeps a build-tree RPATH" "$rpath"
    fi
done
leftover="$(grep -rlE '@(AJM|PROJECT|CMAKE)_[A-Z_]*@' "$build_dir/packaging" "$appdir/usr/share" 2>/dev/null || true)"
if [[ -z "$leftover" ]]; then pass "configured files: no unreplaced @VAR@ placeholders"
else fail "configured files: unreplaced placeholders" "$leftover"; fi

# ---------------------------------------------------------------------------
# Validators and identity
# ---------------------------------------------------------------------------
# desktop-file-utils before 0.27 (Debian 12 has 0.26) predates the Desktop Entry Specification 1.5 and
# calls its Version=1.5 and SingleMainWindow errors; only those two are forgiven, every other error counts.
validate_desktop() {
    local out rc=0
    out="$(desktop-file-validate "$1" 2>&1)" || rc=$?
    [[ $rc -eq 0 ]] && return 0
    out="$(grep -e 'error:' <<<"$out" |
        grep -v -e 'value "1.5" for key "Version" in group "Desktop Entry" is not a known version' \
            -e 'file contains key "SingleMainWindow" in group "Desktop Entry", but keys extending the format' ||
        true)"
    if [[ -n "$out" ]]; then
        echo "$out"
        return 1
    fi
    return 0
}
check "desktop-file-validate $APP_ID.desktop" \
    validate_desktop "$appdir/usr/share/applications/$APP_ID.desktop"
check "appstreamcli validate --no-net $APP_ID.metainfo.xml" \
    appstreamcli validate --no-net "$appdir/usr/share/metainfo/$APP_ID.metainfo.xml"
identity_checks "$appdir"
version_checks "$appdir"

# ---------------------------------------------------------------------------
# macOS metadata and Windows version resources (configured on every platform)
# ---------------------------------------------------------------------------
plist_check "$build_dir/packaging/macos/Info.plist"
check "macOS: entitlements.plist parses" \
    "$py" -c 'import plistlib,sys; plistlib.load(open(sys.argv[1],"rb"))' "$here/macos/entitlements.plist"
IFS=. read -r v_major v_minor v_patch _ <<<"$VERSION.0.0"
for exe in "$GUI" "$CLI"; do
    rc="$build_dir/packaging/windows/$exe.rc"
    if [[ -f "$rc" ]] && grep -q "FILEVERSION *${v_major},${v_minor:-0},${v_patch:-0},0" "$rc" \
        && grep -q "\"ProductVersion\", *\"$VERSION" "$rc" \
        && grep -q "\"ProductName\", *\"$APP_NAME" "$rc"; then
        pass "Windows: $exe.rc has version $VERSION and product name '$APP_NAME'"
    else
        fail "Windows: $exe.rc missing or without version $VERSION / '$APP_NAME'"
    fi
done

# ---------------------------------------------------------------------------
# MSI, structural: wixl (Debian) builds the real configured .wxs.
# stage_windows lays out what windeployqt + the install rules produce on
# Windows, using the Linux files under Windows names: the executables as
# .exe, each Qt library the GUI/CLI link as Qt6<Module>.dll, QtKeychain as
# qt6keychain.dll, and the Qt plugins the app needs in their plugin folders.
# Only names and layout are real; the content is Linux ELF (never run).
# ---------------------------------------------------------------------------
stage_windows() { # DEST_BIN
    local dest="$1" lib name plugdir f base
    mkdir -p "$dest/platforms" "$dest/tls" "$dest/styles" "$dest/imageformats" "$dest/iconengines" "$dest/sqldrivers" \
             "$dest/licenses"
    # The licence texts, as packaging.cmake installs them beside the executable.
    cp "$src_dir"/resources/licenses/*.txt "$dest/licenses/"
    cp "$appdir/usr/bin/$GUI" "$dest/$GUI.exe"
    cp "$appdir/usr/bin/$CLI" "$dest/$CLI.exe"
    while read -r name lib; do
        case "$name" in
            libQt6*.so.6) base="${name#lib}"; cp "$lib" "$dest/${base%%.so*}.dll" ;;
            libqt6keychain.so.*) cp "$lib" "$dest/qt6keychain.dll" ;;
        esac
    done < <(ldd "$appdir/usr/bin/$GUI" "$appdir/usr/bin/$CLI" 2>/dev/null \
             | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' | sort -u)
    plugdir="$(qmake6 -query QT_INSTALL_PLUGINS 2>/dev/null || true)"
    if [[ -z "$plugdir" || ! -d "$plugdir" ]]; then
        plugdir="/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)/qt6/plugins"
    fi
    [[ -f "$plugdir/platforms/libqxcb.so" ]] && cp "$plugdir/platforms/libqxcb.so" "$dest/platforms/qwindows.dll"
    for f in "$plugdir"/tls/*.so; do
        [[ -f "$f" ]] || continue
        base="$(basename "$f" .so)"; cp "$f" "$dest/tls/${base#lib}.dll"
    done
    for f in "$plugdir"/imageformats/lib{qgif,qico,qjpeg,qsvg}.so; do
        [[ -f "$f" ]] || continue
        base="$(basename "$f" .so)"; cp "$f" "$dest/imageformats/${base#lib}.dll"
    done
    # The SVG icon engine draws the bundled action icons (windeployqt deploys it with Qt6Svg).
    [[ -f "$plugdir/iconengines/libqsvgicon.so" ]] && cp "$plugdir/iconengines/libqsvgicon.so" "$dest/iconengines/qsvgicon.dll"
    # Qt SQL's SQLite driver keeps the local history (windeployqt deploys it with Qt6Sql).
    [[ -f "$plugdir/sqldrivers/libqsqlite.so" ]] && cp "$plugdir/sqldrivers/libqsqlite.so" "$dest/sqldrivers/qsqlite.dll"
    # The Windows-only style plugin and MSVC runtime have no Linux twin.
    printf 'structural placeholder\n' > "$dest/styles/qwindowsvistastyle.dll"
    printf 'structural placeholder\n' > "$dest/msvcp140.dll"
    printf 'structural placeholder\n' > "$dest/vcruntime140.dll"
}

wxs="$build_dir/packaging/windows/$GUI.wxs"
msi="$work/wix/$PKG-$VERSION.msi"
if [[ ! -f "$wxs" ]]; then
    fail "MSI: configured $wxs missing"
elif ! have wixl; then
    fail "MSI: wixl not installed"
else
    mkdir -p "$work/wix/stage/bin"
    stage_windows "$work/wix/stage/bin"
    cp "$wxs" "$work/wix/app.wxs"   # wixl resolves paths relative to the .wxs
    cp "$src_dir/resources/icons/$APP_ID.ico" "$work/wix/app.ico"
    check "MSI: harvest-wix.py lists the deployed files" \
        "$py" "$here/windows/harvest-wix.py" --dir "$work/wix/stage/bin" \
        --exclude "$GUI.exe" --exclude "$CLI.exe" \
        --guid-namespace "$UPGRADE_CODE" -o "$work/wix/deployed-files.wxs"
    if out="$(cd "$work/wix" && wixl -a x64 -D WIXL=1 -D SourceDir=stage/bin \
              -D IconFile=app.ico -o "$msi" app.wxs deployed-files.wxs 2>&1)" && [[ -f "$msi" ]]; then
        pass "MSI: wixl builds $(basename "$msi") from the configured .wxs"
        prop() { msiinfo export "$msi" Property | tr -d '\r' | awk -F'\t' -v k="$1" '$1 == k { print $2 }'; }
        equal "MSI: UpgradeCode is the committed one" "{${UPGRADE_CODE^^}}" "$(prop UpgradeCode)"
        equal "MSI: ProductVersion is the project version" "$VERSION" "$(prop ProductVersion)"
        equal "MSI: ProductName" "$APP_NAME" "$(prop ProductName)"
        # (capture first: grep -q on a pipe + pipefail would report SIGPIPE)
        upgrade_rows="$(msiinfo export "$msi" Upgrade 2>&1 || true)"
        shortcut_rows="$(msiinfo export "$msi" Shortcut 2>&1 || true)"
        if grep -q "WIX_UPGRADE_DETECTED" <<<"$upgrade_rows"; then
            pass "MSI: MajorUpgrade rows present"
        else
            fail "MSI: no MajorUpgrade rows in the Upgrade table"
        fi
        if grep -q "\[INSTALLDIR\]$GUI.exe" <<<"$shortcut_rows"; then
            pass "MSI: Start-menu shortcut targets $GUI.exe"
        else
            fail "MSI: no Start-menu shortcut to $GUI.exe" "$shortcut_rows"
        fi
        listing="$(msiextract -l "$msi" 2>&1 || true)"
        missing=()
        for f in "$GUI.exe" "$CLI.exe" Qt6Core.dll Qt6Gui.dll Qt6Widgets.dll Qt6Network.dll \
                 Qt6HttpServer.dll qt6keychain.dll platforms/qwindows.dll tls/ \
                 licenses/qt-LGPL-3.0-notice.txt licenses/qtkeychain-BSD.txt; do
            grep -qF "/$f" <<<"$listing" || missing+=("$f")
        done
        if [[ ${#missing[@]} -eq 0 ]]; then
            pass "MSI: msiextract -l lists the executables, Qt, QtKeychain and plugins ($(wc -l <<<"$listing") files)"
        else
            fail "MSI: msiextract -l lacks ${missing[*]}" "$listing"
        fi
    else
        fail "MSI: wixl failed" "$out"
    fi
fi

# ---------------------------------------------------------------------------
# CPack .deb and .tar.gz, lintian
# ---------------------------------------------------------------------------
cpack_dir="$work/cpack"
if out="$(cpack --config "$build_dir/CPackConfig.cmake" -G "DEB;TGZ" -B "$cpack_dir" 2>&1)"; then
    pass "cpack -G DEB;TGZ"
else
    fail "cpack -G DEB;TGZ" "$out"
fi
deb="$(find "$cpack_dir" -maxdepth 1 -name '*.deb' 2>/dev/null | sort | sed -n 1p || true)"
tgz="$(find "$cpack_dir" -maxdepth 1 -name '*.tar.gz' 2>/dev/null | sort | sed -n 1p || true)"
if [[ -n "$deb" ]]; then
    equal "deb: Package" "$PKG" "$(dpkg-deb -f "$deb" Package)"
    deb_version="$(dpkg-deb -f "$deb" Version)"
    equal "deb: upstream version" "$VERSION" "${deb_version%-*}"
    contents="$(dpkg-deb -c "$deb")"
    missing=()
    for f in "usr/bin/$GUI" "usr/bin/$CLI" "usr/share/applications/$APP_ID.desktop" \
             "usr/share/metainfo/$APP_ID.metainfo.xml" "usr/share/doc/$PKG/copyright" \
             "usr/share/icons/hicolor/256x256/apps/$APP_ID.png" \
             "usr/share/doc/$PKG/licenses/qt-LGPL-3.0-notice.txt" \
             "usr/share/doc/$PKG/licenses/qtkeychain-BSD.txt" \
             "usr/share/man/man1/$GUI.1.gz" "usr/share/man/man1/$CLI.1.gz" \
             "usr/share/bash-completion/completions/$CLI" "usr/share/zsh/vendor-completions/_$CLI"; do
        grep -q "\./$f\$" <<<"$contents" || missing+=("$f")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        pass "deb: contains binaries, desktop, metainfo, icons, copyright, man pages, completions"
    else fail "deb: lacks ${missing[*]}"; fi
    depends="$(dpkg-deb -f "$deb" Depends)"
    if grep -q 'libqt6keychain1' <<<"$depends" && grep -q 'qt6-qpa-plugins' <<<"$depends" &&
        grep -q 'libqt6svg6' <<<"$depends" && grep -q 'libqt6sql6-sqlite' <<<"$depends"; then
        pass "deb: Depends covers QtKeychain, the Qt platform plugins, the SVG icon engine and the SQLite driver"
    else
        fail "deb: Depends lacks libqt6keychain1 or qt6-qpa-plugins" "$depends"
    fi
    if have lintian; then
        if out="$(lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1)"; then
            pass "lintian: no errors ($(grep -c '^W:' <<<"$out" || true) warnings)"
            grep -E '^[EW]:' <<<"$out" | sed 's/^/      /' || true
        else
            fail "lintian: errors" "$out"
        fi
    fi
else
    fail "deb: no .deb produced"
fi
if [[ -n "$tgz" ]] && grep -q "/bin/$GUI\$" <<<"$(tar -tzf "$tgz")"; then
    pass "tar.gz: $(basename "$tgz") contains bin/$GUI"
else
    fail "tar.gz: missing or without bin/$GUI"
fi

finish
