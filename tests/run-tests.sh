#!/usr/bin/env bash
# Runs the whole test suite the way CI does: inside a private D-Bus session with an unlocked
# gnome-keyring, so that the keychain tests meet a real Secret Service. Usage: tests/run-tests.sh [BUILD_DIR]
set -euo pipefail
build_dir=$(realpath "${1:-build}")
if [ -z "${AJM_IN_TEST_SESSION:-}" ]; then
    export AJM_IN_TEST_SESSION=1
    exec dbus-run-session -- "$0" "$build_dir"
fi
# A throwaway home for the keyring, so that no real keyring is touched.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'ci-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
export AJM_REQUIRE_KEYRING=1
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "$build_dir" --output-on-failure -j2
