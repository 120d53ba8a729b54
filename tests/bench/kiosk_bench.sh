#!/usr/bin/env bash
# The kiosk benchmark: ONE table "measure | value | target | met?".
#   tests/bench/kiosk_bench.sh BUILD_DIR
# Needs xvfb-run. Takes about 5 minutes (30 s idle holds, 10,000-record sync).
# Process figures come from the real asylum-kiosk under Xvfb (Mesa software
# rendering): first frame (its own "first frame presented" line, median of 5),
# idle CPU and PSS from the replay command `hold SECONDS` (CPU time of the
# whole process over the hold, PSS from /proc/self/smaps_rollup at its end).
# Frame CPU comes from kiosk_text_bench --summary, papers/outbox/sync from
# kiosk_bench (CPU time where the row says CPU, else wall time).
set -euo pipefail

build="$(cd "${1:?usage: kiosk_bench.sh BUILD_DIR}" && pwd)"
# shellcheck source=bench_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench_common.sh"
# met? for "value < target" with numbers; NO when there is no number (the
# step that should have measured it failed: the table still gets its row).
lt() { awk -v a="$1" -v b="$2" 'BEGIN { print (a ~ /^-?[0-9.]+$/ && a + 0 < b + 0) ? "yes" : "NO" }'; }
# A value for the table: the number, or "failed" when there is none.
val() { if [[ "$1" =~ ^-?[0-9.]+$ ]]; then printf '%s' "$1${2:-}"; else printf 'failed'; fi; }

# A config like the e2e one, with its outbox in $work.
mkconfig() {  # name
  mkdir -p "$work/data-$1"
  sed -e "s|^data_dir = .*|data_dir = \"$work/data-$1\"|" "$build/e2e-session-ru.toml" >"$work/$1.toml"
}
# Runs a replay under its own Xvfb; -n spreads the servers apart so that
# runs in parallel do not race for a display number.
replay() {  # name display-base
  xvfb-run -a -n "$2" -s "-screen 0 1920x1080x24" \
    "$kiosk" --config "$work/$1.toml" --replay "$work/$1.replay" >"$work/$1.out" 2>&1 ||
    { echo "kiosk_bench.sh: replay $1 failed (its rows say NO):" >&2; tail -5 "$work/$1.out" >&2; }
}
hold_field() {  # name field(cpu|pss)
  local line
  line="$(grep '^hold ' "$work/$1.out" | tail -1 || true)"
  [ -n "$line" ] || return 0
  case "$2" in
    cpu) sed -E 's/.*: ([0-9.]+) ms CPU.*/\1/' <<<"$line" ;;
    frames) sed -E 's/.* ([0-9]+) frames.*/\1/' <<<"$line" ;;
    pss) sed -E 's/.*PSS ([0-9-]+) kB.*/\1/' <<<"$line" ;;
    mesa) sed -E 's/.*Mesa driver code ([0-9-]+) kB.*/\1/' <<<"$line" ;;
  esac
}

# 1. first frame -------------------------------------------------------------
# The kiosk is started with the environment its systemd unit gives it (the
# malloc tunables; without them it starts itself a second time to set them).
mkconfig first
unit_env="$(sed -n 's/^Environment=\(GLIBC_TUNABLES=.*\)$/\1/p' "$root/packaging/asylum-kiosk.service")"
times=()
cpus=()
for _ in 1 2 3 4 5; do
  line="$(env $unit_env xvfb-run -a -n 140 -s "-screen 0 1920x1080x24" "$kiosk" --config "$work/first.toml" \
       --windowed 1280x800 --exit-after-frames 2 | grep '^first frame presented' || true)"
  times+=("$(sed -E 's/^first frame presented ([0-9]+) ms.*/\1/' <<<"$line")")
  cpus+=("$(sed -E 's/.*\(([0-9]+) ms CPU\).*/\1/' <<<"$line")")
done
first="$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)"
first_cpu="$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 3p)"
# Chromium headless on a simple six-language start page, in the same run:
# its first frame (the screenshot written, wall) and the PSS of all its
# processes while that page is open (dev.sh bench installs Chromium).
target=150
chromium_ms="" chromium_pss=""
if [ -x /usr/bin/chromium ]; then
  printf '<html><body><h1>Қош келдіңіз · Добро пожаловать · Welcome · خوش آمدید · ښه راغلاست · Ласкаво просимо</h1></body></html>' >"$work/start.html"
  chrome=(/usr/bin/chromium --headless --disable-gpu --no-sandbox --user-data-dir="$work/chromium" --window-size=1280,800)
  "${chrome[@]}" --screenshot="$work/c.png" "file://$work/start.html" >/dev/null 2>&1 || true  # its caches warm, like the kiosk's
  cms=()
  for _ in 1 2 3; do
    s=$(date +%s%N)
    "${chrome[@]}" --screenshot="$work/c.png" "file://$work/start.html" >/dev/null 2>&1 || true
    cms+=($(( ($(date +%s%N) - s) / 1000000 )))
  done
  chromium_ms="$(printf '%s\n' "${cms[@]}" | sort -n | sed -n 2p)"
  # The PSS: the page kept open 5 s, then every process of the group summed.
  setsid "${chrome[@]}" --remote-debugging-port=0 "file://$work/start.html" >/dev/null 2>&1 &
  cpid=$!
  sleep 5
  chromium_pss="$(for p in $(pgrep -g "$cpid" 2>/dev/null || echo "$cpid"); do
      awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null; done | awk '{ s += $1 } END { if (s > 0) printf "%.1f", s / 1024 }')"
  kill -- -"$cpid" 2>/dev/null || kill "$cpid" 2>/dev/null || true
  wait "$cpid" 2>/dev/null || true
  [ -n "$chromium_ms" ] && [ "$(( chromium_ms / 10 ))" -lt "$target" ] && target=$(( chromium_ms / 10 ))
  row "first frame, Chromium headless (median of 3, wall)" "$(val "$chromium_ms" " ms")" "-" "-"
  row "PSS, Chromium headless with the start page open (all its processes)" "$(val "$chromium_pss" " MB")" "-" "-"
else
  row "Chromium headless in the same run (dev.sh bench installs it)" "not installed" "installed" "NO"
fi
row "first frame after process start (median of 5, wall)" "$(val "$first" " ms")" "< $target ms" "$(lt "$first" "$target")"
ratio="$(awk -v a="$first" -v b="$chromium_ms" 'BEGIN { if (a ~ /^[0-9.]+$/ && b + 0 > 0) printf "%.3f", a / b }')"
row "first frame, kiosk / Chromium" "$(val "$ratio")" "< 0.1" "$(lt "$ratio" 0.1)"
row "first frame: CPU time of the kiosk until then (median)" "$(val "$first_cpu" " ms")" "-" "-"

# 2. idle CPU over 30 s: attract (after a whole ru session) and guidance ------
for lang in ru kk en uk; do
  mkconfig "session-$lang"
  sed -e "s/^tap ru$/tap $lang/" "$root/tests/e2e/session-ru.replay" >"$work/session-$lang.replay"
done
mkconfig session-fa-AF
cp "$root/tests/e2e/session-fa-AF.replay" "$work/session-fa-AF.replay"
# The first hold lets the frames of the last tap pass; the second is idle.
printf 'hold 3\nhold 30\n' >>"$work/session-ru.replay"
for lang in kk en uk fa-AF; do echo "hold 2" >>"$work/session-$lang.replay"; done
mkconfig guidance
printf 'tap start\ntap en\ntap land_border\ntap checkpoint\ntap next\nexpect-step guidance\nhold 3\nhold 30\n' \
  >"$work/guidance.replay"

# One kiosk at a time: PSS splits pages shared between processes.
replay session-ru 150
replay guidance 160
for name in session-ru guidance; do
  cpu="$(hold_field "$name" cpu)"
  pct="$([ -n "$cpu" ] && awk -v c="$cpu" 'BEGIN { printf "%.3f", c / 30000 * 100 }' || true)"
  what=$([ "$name" = guidance ] && echo "guidance (en)" || echo "attract")
  row "idle CPU over 30 s, $what ($(hold_field "$name" frames) frames)" "$(val "$pct" " % ($cpu ms)")" "< 0.2 %" "$(lt "$pct" 0.2)"
done

# 3. PSS after a whole session in each language ------------------------------
for lang in kk en uk fa-AF; do replay "session-$lang" 170; done
for lang in kk ru en fa-AF uk; do
  kb="$(hold_field "session-$lang" pss)"
  mesa="$(hold_field "session-$lang" mesa)"
  mb="$([ -n "$kb" ] && awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }' || true)"
  mesa_mb="$([ -n "$mesa" ] && awk -v k="$mesa" 'BEGIN { printf "%.1f", k / 1024 }' || true)"
  row "PSS after a whole session ($lang)" "$(val "$mb" " MB ($mesa_mb MB Mesa llvmpipe code)")" "< 80 MB" "$(lt "$mb" 80)"
done

# 3b. the kiosk's worst PSS beside Chromium's ------------------------------------
worst_pss="$(grep -h '^hold ' "$work"/session-*.out 2>/dev/null | sed -E 's/.*PSS ([0-9]+) kB.*/\1/' | sort -n | tail -1)"
pss_ratio="$(awk -v k="$worst_pss" -v c="$chromium_pss" 'BEGIN { if (k ~ /^[0-9]+$/ && c + 0 > 0) printf "%.2f", k / 1024 / c }')"
row "PSS, kiosk's largest after a session / Chromium's start page" "$(val "$pss_ratio")" "-" "-"
# The floor under every PSS row: an empty GLFW window with ImGui's OpenGL 3
# backend on the same Mesa, nothing of the kiosk (tests/bench/gl_floor.cpp).
floor_line="$(xvfb-run -a -n 175 -s "-screen 0 1920x1080x24" "$build/tests/bench/kiosk_gl_floor" 1920 1080 2>&1 | grep '^gl_floor' || true)"
floor_kb="$(sed -nE 's/.*PSS ([0-9]+) kB.*/\1/p' <<<"$floor_line")"
floor_mesa="$(sed -nE 's/.*Mesa driver code ([0-9]+) kB.*/\1/p' <<<"$floor_line")"
floor_mb="$(awk -v k="$floor_kb" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024 }')"
floor_mesa_mb="$(awk -v k="$floor_mesa" 'BEGIN { if (k ~ /^[0-9]+$/) printf "%.1f", k / 1024 }')"
row "PSS floor: an empty GLFW + ImGui OpenGL 3.3 window, 1920x1080, nothing of the kiosk" \
  "$(val "$floor_mb" " MB ($floor_mesa_mb MB Mesa llvmpipe code)")" "-" "-"
own="$(awk -v k="$worst_pss" -v f="$floor_kb" 'BEGIN { if (k ~ /^[0-9]+$/ && f ~ /^[0-9]+$/) printf "%.1f", (k - f) / 1024 }')"
row "PSS, the kiosk's own share above that floor (largest language)" "$(val "$own" " MB")" "-" "-"

# 4. frame CPU, heaviest real screen per language (text bench) ---------------
# (Its clock is frozen, so the idle countdown cannot change a text between
# frames; it exits 1 when a cached frame shaped text, which is its own row.)
shaped=yes
{ "$build/tests/bench/kiosk_text_bench" --summary || echo "failed"; } >"$work/text-summary"
if grep -q '^failed$' "$work/text-summary"; then shaped=NO; fi
row "cached frames shape no text (every screen, every language)" "$([ $shaped = yes ] && echo none || echo some)" "none" "$shaped"
grep '^frame ' "$work/text-summary" | sort -u | while read -r _ lang screen cold cached; do
  cold_ms="$(awk -v u="$cold" 'BEGIN { printf "%.1f", u / 1000 }')"
  cached_ms="$(awk -v u="$cached" 'BEGIN { printf "%.2f", u / 1000 }')"
  row "frame CPU $lang $screen, first (cold text)" "$cold_ms ms" "< 4 ms" "$(lt "$cold_ms" 4)"
  row "frame CPU $lang $screen, cached text" "$cached_ms ms" "< 4 ms" "$(lt "$cached_ms" 4)"
done || true

# 5. papers, outbox, sync --------------------------------------------------------
{ "$build/tests/bench/kiosk_bench" || echo "FAILED"; } >"$work/kiosk_bench.out"
grep '^ROW' "$work/kiosk_bench.out" >>"$rows" || true
if grep -q '^FAILED$' "$work/kiosk_bench.out"; then
  row "papers, outbox and sync (kiosk_bench) ran to the end" "failed" "yes" "NO"
fi

# 6. listening (issue 16): speech per screen, the guidance in parts, taps ------
"$root/tests/bench/listen_bench.sh" "$build" --rows >>"$rows" ||
  row "listening figures (listen_bench.sh) ran to the end" "failed" "yes" "NO"

# 7. a UI frame while read-aloud synthesises (issue 19): the whole guidance
# read aloud part after part, frames drawn one after another; the frames that
# began or ended while espeak-ng made a part. The target is on the kiosk's own
# part of a frame (where a wait on synthesis would show); the whole frame,
# with Mesa's software drawing at 1920x1080 and the swap, is given beside the
# frames drawn while nothing was synthesised. --------------------------------
for lang in kk ru en fa-AF uk; do
  mkconfig "speak-$lang"
  printf 'tap listen\ntap start\ntap %s\ntap %s\nexpect-step situation\ntap inside\ntap not_checkpoint\ntap next\nexpect-step guidance\ntap full\nframes-while-synthesising 120\nexpect-parts-heard\n' \
    "$lang" "$lang" >"$work/speak-$lang.replay"
  replay "speak-$lang" 180
  line="$(grep '^frames while synthesising' "$work/speak-$lang.out" || true)"
  n="$(sed -nE 's/.*: ([0-9]+) frames in.*/\1/p' <<<"$line")"
  longest="$(sed -nE 's/.*, longest ([0-9.]+) ms \(drawn.*/\1/p' <<<"$line")"
  whole="$(sed -nE 's/.*\(drawn and shown ([0-9.]+) ms;.*/\1/p' <<<"$line")"
  other="$(sed -nE 's/.*longest drawn and shown ([0-9.]+) ms\)$/\1/p' <<<"$line")"
  [ "${n:-0}" -gt 0 ] || longest=""  # no frame during synthesis: nothing was measured
  row "UI frame while read-aloud synthesises ($lang, all the guidance, ${n:-no} frames): kiosk's part, longest" \
    "$(val "$longest" " ms") (whole frame $(val "$whole" " ms"); without synthesis $(val "$other" " ms"))" "< 16.7 ms" "$(lt "$longest" 16.7)"
done

# 8. 1,000 records to a real ODK Central (when its source is beside the
# checkout and this is root; the central test starts and stops it) -----------
peer="${ODK_CENTRAL_SRC:-$root/../shared/peers/odk-central}"
if [ -f "$peer/setup.sh" ] && [ "$(id -u)" = 0 ]; then
  KIOSK_CENTRAL_BULK=1000 bash "$root/tests/central/central_test.sh" "$build/ctl/asylum-kioskctl" "$root" \
    "$build/tests/central/central_records" >"$work/central.out" 2>&1 || true
  secs="$(sed -nE 's/.*bulk: 1000 records to ODK Central in ([0-9.]+) s.*/\1/p' "$work/central.out" | head -1)"
  secs="$(awk -v s="$secs" 'BEGIN { if (s ~ /^[0-9.]+$/) printf "%.1f", s }')"
  ok=NO; grep -q 'all checks passed' "$work/central.out" && [ -n "$secs" ] && ok=yes
  version="$(ls "$peer" | sed -n 's/^central-backend-\(v[0-9.]*\)\.tar\.gz$/\1/p' | head -1)"
  row "sync 1,000 records to ODK Central ${version:-(its version unknown)} on loopback (one pass, wall)" \
    "$(val "$secs" " s")" "all arrive once" "$ok"
else
  row "sync 1,000 records to ODK Central" "no Central here ($peer) or not root" "-" "-"
fi

# The table.
print_table
