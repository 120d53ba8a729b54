#!/usr/bin/env bash
# Developer entry point. On a fresh Debian 12 machine:
#   ./packaging/dev.sh run     install what is missing, build, start the kiosk (demo config)
#   ./packaging/dev.sh test    install what is missing, build, run every test
#   ./packaging/dev.sh build   install and build only
#   ./packaging/dev.sh screens render every screen in every language to out/screens
#   ./packaging/dev.sh bench   text layout and frame cost, then the kiosk benchmark table (~5 min)
#   ./packaging/dev.sh package       build the .deb (build/asylum-kiosk_*.deb) and check it
#   ./packaging/dev.sh package-test  install the .deb with apt in a fresh debootstrap'ed
#                                    Debian 12 chroot and render every screen from there
#   ./packaging/dev.sh fuzz [SECONDS] [TARGET...] build the libFuzzer targets (build-fuzz/) and run each
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="${KIOSK_BUILD_DIR:-$root/build}"
build_asan="${KIOSK_ASAN_BUILD_DIR:-$root/build-asan}"
build_tsan="${KIOSK_TSAN_BUILD_DIR:-$root/build-tsan}"
jobs="$(nproc)"

say() { printf '\n== %s\n' "$*"; }

# Installs the packages of a list (default packaging/debian-packages.txt) that are missing.
install_deps() {
  local list="${1:-$here/debian-packages.txt}" wanted missing=()
  wanted=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$list")
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
  say "the kiosk against a real ODK Central (skipped without its source)"
  run_tests "$build" '^central$'
  say "building with AddressSanitizer + UBSan in $build_asan"
  configure_and_build "$build_asan" Asan
  say "unit and smoke tests under AddressSanitizer + UBSan"
  ASAN_OPTIONS=detect_leaks=1 run_tests "$build_asan" '^(unit|smoke)$'
  say "building the tests that use threads with ThreadSanitizer in $build_tsan"
  if [ ! -f "$build_tsan/build.ninja" ]; then
    cmake -S "$root" -B "$build_tsan" -G Ninja -DCMAKE_BUILD_TYPE=Tsan -DKIOSK_BUILD_APP=OFF
  fi
  cmake --build "$build_tsan" -j "$jobs" --target kiosk_thread_tests asylum-kioskctl
  say "speaker, sync worker, record service and crash tests under ThreadSanitizer"
  run_tests "$build_tsan" '^tsan$'
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
  install_deps "$here/bench-packages.txt"
  build
  say "text benchmark (Release)"
  "$build/tests/bench/kiosk_text_bench" || echo "text benchmark: some checks missed (NO above); the kiosk table follows"
  say "kiosk benchmark (Release, under Xvfb): measure | value | target | met?"
  "$root/tests/bench/kiosk_bench.sh" "$build"
}

# The .deb of the Release build; checks its contents, control data and unit.
cmd_package() {
  install_deps
  build
  say "packaging (CPack DEB) in $build"
  rm -f "$build"/asylum-kiosk_*.deb
  (cd "$build" && cpack -G DEB)
  local deb
  deb=$(ls "$build"/asylum-kiosk_*.deb)
  say "checking $deb"
  dpkg-deb -f "$deb" Package Version Architecture Depends
  local listing
  listing=$(dpkg-deb -c "$deb")
  for f in ./usr/bin/asylum-kiosk ./usr/bin/asylum-kioskctl ./usr/share/asylum-kiosk/assets/fonts.toml \
           ./usr/share/asylum-kiosk/assets/form/petition.toml ./usr/share/asylum-kiosk/locales/en.json \
           ./etc/asylum-kiosk/kiosk.toml ./etc/asylum-kiosk/demo-office-public.pem \
           ./lib/systemd/system/asylum-kiosk.service ./usr/lib/asylum-kiosk/asylum-kiosk-session; do
    grep -q " $f\$" <<<"$listing" || { echo "missing from the package: $f" >&2; exit 1; }
  done
  local ctrl
  ctrl=$(mktemp -d)
  dpkg-deb -e "$deb" "$ctrl"
  diff <(sort "$ctrl/conffiles") <(sort "$here/deb/conffiles") || { echo "conffiles differ" >&2; exit 1; }
  dpkg-deb -f "$deb" Depends | grep -q 'libc6' || { echo "Depends lacks the shared libraries" >&2; exit 1; }
  rm -rf "$ctrl"
  # (verify needs ExecStart's cage and the installed session wrapper; package-test verifies inside the chroot too)
  if command -v systemd-analyze >/dev/null && [ -x /usr/bin/cage ] && [ -x /usr/lib/asylum-kiosk/asylum-kiosk-session ]; then
    systemd-analyze verify "$here/asylum-kiosk.service"
    echo "systemd-analyze verify: unit ok"
  fi
  say "package ok: $deb"
}

# apt install of the .deb in a clean Debian 12 (debootstrap) chroot; then the
# installed kiosk renders every screen from the installed paths under Xvfb.
# Needs root. The debootstrap'ed base is cached in $KIOSK_CHROOT_DIR/base.
cmd_package_test() {
  [ "$(id -u)" -eq 0 ] || { echo "package-test needs root (debootstrap, chroot)" >&2; exit 1; }
  local t0=$SECONDS
  cmd_package
  local deb chroot_dir base croot mirror out_dir
  deb=$(ls "$build"/asylum-kiosk_*.deb)
  chroot_dir="${KIOSK_CHROOT_DIR:-/var/tmp/asylum-kiosk-chroot}"
  base="$chroot_dir/base"
  croot="$chroot_dir/root"
  out_dir="$root/out/package-test"
  mirror=$(grep -rhoE 'https?://deb\.debian\.org/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null | head -1 || true)
  mirror="${mirror:-http://deb.debian.org/debian}"
  command -v debootstrap >/dev/null || env DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap
  if [ ! -x "$base/usr/bin/apt-get" ]; then
    say "debootstrap bookworm (minbase) into $base from $mirror"
    rm -rf "$base"
    debootstrap --variant=minbase bookworm "$base" "$mirror"
  fi
  say "fresh chroot $croot (copy of the base)"
  cleanup_chroot() {  # chroot-root
    # Nothing started in the chroot outlives the test (a failed check leaves
    # cage and the kiosk running otherwise).
    local p
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2>/dev/null)" = "$1" ] && kill -KILL "${p#/proc/}" 2>/dev/null
    done
    for m in "$1/dev/shm" "$1/dev/pts" "$1/dev" "$1/sys" "$1/proc"; do
      if mountpoint -q "$m"; then umount -l "$m"; fi
    done
    return 0
  }
  # shellcheck disable=SC2064  # the path is fixed now, on purpose
  trap "cleanup_chroot '$croot'" EXIT
  cleanup_chroot "$croot"
  rm -rf "$croot"
  cp -a "$base" "$croot"
  mount -t proc proc "$croot/proc"
  mount -t sysfs sys "$croot/sys"
  mount --bind /dev "$croot/dev"
  mount --bind /dev/pts "$croot/dev/pts"
  mount --bind /dev/shm "$croot/dev/shm"  # shared memory: Wayland buffers under cage
  cp /etc/resolv.conf "$croot/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' > "$croot/usr/sbin/policy-rc.d"  # no daemons start in the chroot
  chmod 755 "$croot/usr/sbin/policy-rc.d"
  cp "$deb" "$croot/tmp/"
  local in=(chroot "$croot" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive)
  say "apt install ./$(basename "$deb") (no recommends)"
  local t1=$SECONDS
  "${in[@]}" apt-get update -q
  "${in[@]}" apt-get install -y -q --no-install-recommends "/tmp/$(basename "$deb")"
  echo "installed in $((SECONDS - t1)) s; $("${in[@]}" dpkg-query -W -f='${binary:Package}\n' | wc -l) packages in the chroot"
  say "checking the installed layout"
  "${in[@]}" dpkg-query -W -f='${Conffiles}\n' asylum-kiosk
  "${in[@]}" getent passwd asylum-kiosk
  local groups
  groups=$("${in[@]}" id -nG asylum-kiosk)
  echo "asylum-kiosk is in: $groups"
  for g in video render input; do
    grep -qw "$g" <<<"$groups" || { echo "asylum-kiosk is not in group $g" >&2; exit 1; }
  done
  local owner
  owner=$("${in[@]}" stat -c '%U:%G %a' /var/lib/asylum-kiosk)
  echo "/var/lib/asylum-kiosk: $owner"
  [ "$owner" = "asylum-kiosk:asylum-kiosk 700" ] || { echo "wrong owner or mode" >&2; exit 1; }
  "${in[@]}" asylum-kioskctl check-config /etc/asylum-kiosk/kiosk.toml
  "${in[@]}" asylum-kioskctl xform --out /tmp/petition-xform.xml
  "${in[@]}" systemd-analyze verify /lib/systemd/system/asylum-kiosk.service
  echo "systemd-analyze verify (in the chroot): unit ok"
  say "the installed kiosk renders every screen (Xvfb, as the kiosk user)"
  "${in[@]}" apt-get install -y -q --no-install-recommends xvfb xauth
  rm -rf "$croot/tmp/screens"
  install -d -o "$(stat -c %u "$croot/var/lib/asylum-kiosk")" "$croot/tmp/screens"
  local t2=$SECONDS
  "${in[@]}" HOME=/var/lib/asylum-kiosk setpriv --reuid=asylum-kiosk --regid=asylum-kiosk --init-groups \
    xvfb-run -a -s "-screen 0 1920x1080x24" /usr/bin/asylum-kiosk --screenshots /tmp/screens
  local n
  n=$(find "$croot/tmp/screens" -name '*.png' | wc -l)
  echo "$n screenshots in $((SECONDS - t2)) s"
  [ "$n" -gt 0 ] || { echo "no screenshots" >&2; exit 1; }
  rm -rf "$out_dir"
  mkdir -p "$out_dir"
  cp "$croot"/tmp/screens/*.png "$out_dir/"

  say "the installed unit's own command under cage (headless backend), as the kiosk user"
  "${in[@]}" apt-get install -y -q --no-install-recommends grim
  local exec_start kiosk_uid pid i
  exec_start=$(sed -n 's/^ExecStart=//p' "$croot/lib/systemd/system/asylum-kiosk.service")
  echo "ExecStart=$exec_start"
  kiosk_uid=$(stat -c %u "$croot/var/lib/asylum-kiosk")
  rm -rf "$croot/tmp/xdg" && install -d -m 700 -o "$kiosk_uid" "$croot/tmp/xdg"
  local as_kiosk=(setpriv --reuid=asylum-kiosk --regid=asylum-kiosk --init-groups
                  env HOME=/var/lib/asylum-kiosk XDG_RUNTIME_DIR=/tmp/xdg)
  # Starts the unit's command as systemd does (as the kiosk user, headless
  # cage) with its output in $out_dir/cage-kiosk$1.log and cage$1.log; sets
  # pid and waits up to 60 s for the kiosk's first frame.
  # --exit-after-frames only makes the kiosk print its first frame's size.
  start_session() {
    # shellcheck disable=SC2086  # the unit's command line, split as systemd does
    "${in[@]}" "${as_kiosk[@]}" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
      $exec_start --exit-after-frames 100000000 > "$out_dir/cage-kiosk$1.log" 2> "$out_dir/cage$1.log" &
    pid=$!
    for ((i = 0; i < 600; i++)); do
      grep -q "first frame presented" "$out_dir/cage-kiosk$1.log" && break
      kill -0 $pid 2>/dev/null || break
      sleep 0.1
    done
  }
  start_session ""
  grep "first frame presented" "$out_dir/cage-kiosk.log" | grep -q ", fullscreen" || {
    kill $pid 2>/dev/null; cat "$out_dir/cage.log" >&2
    echo "the installed kiosk did not come up fullscreen under cage" >&2; exit 1; }
  grep "first frame presented" "$out_dir/cage-kiosk.log"
  local shot=0
  "${in[@]}" "${as_kiosk[@]}" WAYLAND_DISPLAY=wayland-0 grim /tmp/xdg/cage.png || shot=$?
  [ "$shot" -eq 0 ] || { kill $pid; echo "grim could not take a picture of cage's screen" >&2; exit 1; }
  cp "$croot/tmp/xdg/cage.png" "$out_dir/cage-session.png"
  echo "cage's screen: $out_dir/cage-session.png"

  say "a kiosk killed inside the installed cage session is started again (issue 18)"
  # The kiosk process of this chroot (its program is the chroot's
  # asylum-kiosk; it may have started itself again through /proc/self/exe).
  local kp="" p rc=0
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/exe" 2>/dev/null)" = "$croot/usr/bin/asylum-kiosk" ] && kp="${p#/proc/}"
  done
  [ -n "$kp" ] || { kill $pid; echo "no kiosk process in the cage session" >&2; exit 1; }
  kill -KILL "$kp"
  wait $pid || rc=$?
  echo "after SIGKILL of the kiosk (pid $kp) the unit's command exited with $rc"
  # systemd restarts the unit on a non-zero exit (Restart=on-failure): a
  # crashed kiosk must never end its session with 0 (Debian 12's cage does).
  grep -qx 'Restart=on-failure' "$croot/lib/systemd/system/asylum-kiosk.service" ||
    { echo "the unit does not restart on failure" >&2; exit 1; }
  [ "$rc" -ne 0 ] || { cat "$out_dir/cage.log" >&2; echo "the killed kiosk's session ended with 0: systemd would not restart it" >&2; exit 1; }
  # What systemd then does: the same command again, and the kiosk is back.
  start_session "-2"
  grep -q "first frame presented" "$out_dir/cage-kiosk-2.log" || {
    kill $pid 2>/dev/null; cat "$out_dir/cage-2.log" >&2
    echo "the kiosk did not come back after it was killed" >&2; exit 1; }
  echo "the kiosk is back: $(grep "first frame presented" "$out_dir/cage-kiosk-2.log")"
  kill $pid; wait $pid 2>/dev/null || true
  say "package-test passed in $((SECONDS - t0)) s; screenshots in $out_dir"
}

# libFuzzer targets (clang, ASan + UBSan) in build-fuzz/, each run for SECONDS
# (default 60) in parallel under nice; new inputs go to build-fuzz/corpus/.
cmd_fuzz() {
  local seconds="${1:-60}" dir="${KIOSK_FUZZ_BUILD_DIR:-$root/build-fuzz}"
  local targets=(config form locale content text openrosa import assets outbox http translit session)
  # ./packaging/dev.sh fuzz SECONDS TARGET...: only these targets.
  [ $# -gt 1 ] && targets=("${@:2}")
  install_deps
  # Only fuzzing needs clang and its libFuzzer runtime.
  if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "ok installed"; then
    say "installing clang and libclang-rt-14-dev (libFuzzer)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends clang libclang-rt-14-dev
  fi
  if [ ! -f "$dir/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DKIOSK_FUZZ=ON -DKIOSK_BUILD_APP=OFF -DKIOSK_BUILD_TESTS=OFF \
      -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
      -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
      -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
  fi
  say "building the fuzz targets in $dir"
  nice cmake --build "$dir" -j "$jobs" --target "${targets[@]/#/fuzz-}"
  say "fuzzing each target for $seconds s (in parallel, nice)"
  local pids=() t
  for t in "${targets[@]}"; do
    mkdir -p "$dir/corpus/$t" "$dir/artifacts/$t"
    local max_len=4096
    [ "$t" = text ] && max_len=65536
    [ "$t" = config ] || [ "$t" = form ] || [ "$t" = locale ] || [ "$t" = content ] || [ "$t" = assets ] && max_len=131072
    [ "$t" = import ] && max_len=65536
    [ "$t" = outbox ] && max_len=262144
    [ "$t" = http ] && max_len=65536
    ( cd "$dir/artifacts/$t" &&
      ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$root/tests/lsan.supp" nice "$dir/tests/fuzz/fuzz-$t" -max_total_time="$seconds" \
        -max_len="$max_len" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
        -artifact_prefix="$dir/artifacts/$t/" "$dir/corpus/$t" "$root/tests/fuzz/corpus/$t" \
        > "$dir/fuzz-$t.log" 2>&1 ) &
    pids+=($!)
  done
  local failed=0 i=0
  for t in "${targets[@]}"; do
    if wait "${pids[$i]}"; then status=ok; else status=FAILED; failed=1; fi
    i=$((i + 1))
    printf '%-9s %-6s %s\n' "$t" "$status" \
      "$(grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$dir/fuzz-$t.log" | tr -s ' ' | tr '\n' ' ')"
  done
  [ "$failed" -eq 0 ] || { echo "a fuzz target failed: see $dir/fuzz-*.log and $dir/artifacts/" >&2; exit 1; }
  say "fuzzing found nothing"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) cmd_test ;;
  build) install_deps; build ;;
  screens) cmd_screens ;;
  bench) cmd_bench ;;
  package) cmd_package ;;
  package-test) cmd_package_test ;;
  fuzz) shift; cmd_fuzz "$@" ;;
  *)
    echo "usage: $0 run|test|build|screens|bench|package|package-test|fuzz [SECONDS]" >&2
    exit 2
    ;;
esac
