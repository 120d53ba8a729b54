#!/usr/bin/env bash
# Developer entry point. On a fresh Debian 12 machine:
#   ./packaging/dev.sh run     install what is missing, build, start the kiosk (demo config)
#   ./packaging/dev.sh test    install what is missing, build, run every test
#   ./packaging/dev.sh build   install and build only
#   ./packaging/dev.sh screens render every screen in every language to out/screens
#   ./packaging/dev.sh bench   text layout and frame cost, then the kiosk benchmark table (~5 min)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
build_asan="${KIOSK_ASAN_BUILD_DIR:-$root/build-asan}"
jobs="$(nproc)"

say() { printf '\n== %s\n' "$*"; }

# Installs the packages of packaging/debian-packages.txt that are missing.
install_deps() {
  local wanted missing=()
  wanted=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$here/debian-packages.txt")
  for p in $wanted; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  say "installing ${#missing[@]} Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  # cups' postinst wants to start a daemon; tests start their own.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

configure_and_build() {  # dir build-type
  local dir="$1" type="$2"
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type"
  fi
  cmake --build "$dir" -j "$jobs"
}

build() {
  say "building (Release) in $build"
  configure_and_build "$build" Release
}

# Runs a ctest label group; ui tests need an X server, so they run under xvfb-run.
run_tests() {  # dir label-regex [xvfb]
  local dir="$1" labels="$2" xvfb="${3:-}"
  local cmd=(ctest --test-dir "$dir" --output-on-failure -j "$jobs" -L "$labels")
  if [ -n "$xvfb" ]; then
    xvfb-run -a -s "-screen 0 1920x1080x24" "${cmd[@]}"
  else
    "${cmd[@]}"
  fi
}

cmd_test() {
  install_deps
  build
  say "unit, smoke and slow tests (Release)"
  run_tests "$build" '^(unit|smoke|slow)$'
  say "ui tests under Xvfb (Release)"
  run_tests "$build" '^ui$' xvfb
  say "building with AddressSanitizer + UBSan in $build_asan"
  configure_and_build "$build_asan" Asan
  say "unit and smoke tests under AddressSanitizer + UBSan"
  ASAN_OPTIONS=detect_leaks=1 run_tests "$build_asan" '^(unit|smoke)$'
  say "all tests passed"
}

cmd_run() {
  install_deps
  build
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display here (DISPLAY is not set), so the kiosk cannot open a window." >&2
    echo "To see every screen as PNG instead: ./packaging/dev.sh screens  (writes out/screens/)" >&2
    exit 1
  fi
  say "starting the kiosk on kiosk-config/demo.toml (staff PIN 1357)"
  exec "$build/app/asylum-kiosk" --config "$root/kiosk-config/demo.toml" "$@"
}

cmd_screens() {
  install_deps
  build
  rm -rf "$root/out/screens"
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    "$build/app/asylum-kiosk" --config "$root/kiosk-config/demo.toml" --screenshots "$root/out/screens"
}

cmd_bench() {
  install_deps
  build
  say "text benchmark (Release)"
  "$build/tests/bench/kiosk_text_bench"
  say "kiosk benchmark (Release, under Xvfb): measure | value | target | met?"
  "$root/tests/bench/kiosk_bench.sh" "$build"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) cmd_test ;;
  build) install_deps; build ;;
  screens) cmd_screens ;;
  bench) cmd_bench ;;
  *)
    echo "usage: $0 run|test|build|screens|bench" >&2
    exit 2
    ;;
esac
