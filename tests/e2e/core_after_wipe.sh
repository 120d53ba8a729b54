#!/usr/bin/env bash
# A wipe leaves nothing in the process: runs the kiosk on wipe-forget.replay
# (a distinctive answer typed, shown, then "Start again"), lets the replay
# write a core of the running kiosk with gdb's gcore after the wipe, and
# counts the answers in it, as UTF-8 and as UTF-16 (ICU's strings). Any
# copy found fails the test.
# usage: core_after_wipe.sh KIOSK CONFIG REPLAY WORKDIR
set -euo pipefail
kiosk=$1 config=$2 replay_in=$3 work=$4
command -v gcore >/dev/null || { echo "gcore (Debian package gdb) is missing: see packaging/debian-packages.txt" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
sed "s|@CORE@|$work/core|" "$replay_in" > "$work/wipe.replay"
if ! "$kiosk" --config "$config" --replay "$work/wipe.replay" > "$work/out.txt" 2>&1 ||
   ! grep -q "all as expected" "$work/out.txt"; then
  cat "$work/out.txt" >&2
  echo "the replay failed" >&2
  exit 1
fi
core=$(ls "$work"/core.* 2>/dev/null | head -1)
[ -n "$core" ] || { echo "no core was written" >&2; exit 1; }
found=0
for needle in Quillfeatherstonex Zebulonaraminta; do
  n8=$( (LC_ALL=C grep -a -o -F "$needle" "$core" || true) | wc -l)
  wide=$(printf '%s' "$needle" | sed 's/./&\\x00/g')
  n16=$( (LC_ALL=C grep -a -o -P "$wide" "$core" || true) | wc -l)
  echo "$needle: $n8 times as UTF-8, $n16 times as UTF-16 in a $(du -m "$core" | cut -f1) MB core after the wipe"
  found=$((found + n8 + n16))
done
rm -rf "$work"
if [ "$found" -ne 0 ]; then
  echo "the wiped answers are still in the kiosk's memory" >&2
  exit 1
fi
echo "0 copies of the wiped answers in the kiosk's memory"
