#!/usr/bin/env bash
# The listening figures (issue 16 point 10): ONE table "measure | value |
# target | met?", or with --rows its rows for kiosk_bench.sh's table.
#   tests/bench/listen_bench.sh BUILD_DIR [--rows]
# Needs xvfb-run and espeak-ng's voices. About 3 minutes.
#  - seconds of speech per screen and language: the WAV that the kiosk's
#    screenshot run speaks for each screen (asylum-kiosk --screenshots: the
#    reading text of the screen, the guidance its first part, in the normal
#    look), one row per screen;
#  - the guidance read in parts (kiosk_listen_bench): seconds until the
#    free-help phones are heard, the longest part, the whole short version
#    and everything, per language, from the real espeak-ng WAVs;
#  - taps for the shortest complete petition in Russian and in Dari, from
#    the replays tests/e2e/shortest-*.replay (run to their end: the record
#    is sealed and the papers saved).
set -euo pipefail

build="$(cd "${1:?usage: listen_bench.sh BUILD_DIR [--rows]}" && pwd)"
mode="${2:-table}"
# shellcheck source=bench_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench_common.sh"

# 1. seconds of speech per screen and language ------------------------------
# (LISTEN_BENCH_SHOTS=DIR keeps the screenshots and WAVs there.)
shots="${LISTEN_BENCH_SHOTS:-$work/shots}"
mkdir -p "$shots"
xvfb-run -a -n 180 -s "-screen 0 1920x1080x24" "$kiosk" --config "$root/kiosk-config/demo.toml" \
  --screenshots "$shots" >"$work/shots.out" 2>&1 ||
  { echo "listen_bench.sh: the screenshot run failed:" >&2; tail -5 "$work/shots.out" >&2; }
# A WAV's seconds: its data bytes / (rate * 2), read from its header.
wav_seconds() {
  od -An -tu4 -j24 -N4 "$1" | awk -v size="$(stat -c %s "$1")" '{ printf "%.0f", (size - 44) / ($1 * 2) }'
}
langs="kk ru en fa-AF uk"
for wav in "$shots"/*.ru.wav; do
  [ -e "$wav" ] || continue
  screen="$(basename "$wav" .ru.wav)"
  case "$screen" in *-large-contrast) continue ;; esac
  cells=""
  worst=0
  for lang in $langs; do
    f="$shots/$screen.$lang.wav"
    if [ -e "$f" ]; then
      s="$(wav_seconds "$f")"
      cells="$cells${cells:+, }$lang $s"
      [ "$s" -gt "$worst" ] && worst="$s"
    else
      cells="$cells${cells:+, }$lang -"
    fi
  done
  row "speech on screen $screen (s)" "$cells" "<= 62 s" "$([ "$worst" -le 62 ] && echo yes || echo NO)"
done
[ -s "$rows" ] || row "speech per screen (screenshot run)" "failed" "-" "NO"

# 2. the guidance in parts ------------------------------------------------------
"$build/tests/bench/kiosk_listen_bench" >"$work/listen.out" 2>"$work/listen.err" || true
grep '^ROW' "$work/listen.out" >>"$rows" || row "guidance read in parts (kiosk_listen_bench)" "failed" "-" "NO"

# 3. taps for the shortest complete petition --------------------------------------
for lang in ru fa-AF; do
  mkdir -p "$work/data-$lang"
  sed -e "s|^data_dir = .*|data_dir = \"$work/data-$lang\"|" "$build/e2e-shortest-$lang.toml" >"$work/$lang.toml"
  line="$(xvfb-run -a -n 190 -s "-screen 0 1920x1080x24" "$kiosk" --config "$work/$lang.toml" \
          --replay "$root/tests/e2e/shortest-$lang.replay" 2>&1 | grep 'all as expected' || true)"
  if [ -n "$line" ]; then
    taps="$(sed -E 's/.* ([0-9]+) taps, ([0-9]+) characters typed.*/\1/' <<<"$line")"
    typed="$(sed -E 's/.* ([0-9]+) taps, ([0-9]+) characters typed.*/\2/' <<<"$line")"
    row "taps for the shortest complete petition ($lang): buttons (+ letters typed)" "$taps (+ $typed)" "-" "-"
  else
    row "taps for the shortest complete petition ($lang)" "failed" "-" "NO"
  fi
done

if [ "$mode" = "--rows" ]; then cat "$rows"; exit 0; fi
print_table
