#!/bin/sh
# The kiosk ends when its display goes away (cage or the X server ending
# under it): at once, non-zero (so that systemd's Restart=on-failure starts
# the session again), with one journal line "the display went away", and
# nothing lost or stored by it. Two kiosks, each on an X server of its own
# that is killed under it:
#   1. the touch loop on the attract screen, as the unit runs it;
#   2. a session half typed (a replay holding in the same waiting loop).
# The outbox holds one finished record before; it holds exactly that after,
# and nothing of the unfinished session.
set -u
KIOSK="$1" CTL="$2" CONFIG="$3" REPLAY="$4" WORK="$5"
command -v Xvfb > /dev/null || { echo "SKIP: Xvfb is not installed"; exit 77; }
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
data=$(sed -n 's/^data_dir = "\(.*\)"$/\1/p' "$CONFIG")
[ -n "$data" ] || { echo "FAIL: no data_dir in $CONFIG"; exit 1; }
rm -rf "$data"
"$CTL" --config "$CONFIG" queue test-submission --count 1 > "$WORK/seed.log" 2>&1 ||
  { echo "FAIL: cannot queue a record"; cat "$WORK/seed.log"; exit 1; }
"$CTL" --config "$CONFIG" queue status > "$WORK/before.txt" 2>&1
grep -q "queued  *1" "$WORK/before.txt" || { echo "FAIL: the seeded record is not queued"; cat "$WORK/before.txt"; exit 1; }

xpid=""
cleanup() { [ -n "$xpid" ] && kill "$xpid" 2> /dev/null; }
trap cleanup EXIT
run() {  # NAME ARGS...: start an X server and the kiosk on it; kill the server; time the kiosk's end
  name=$1; shift
  rm -f "$WORK/$name.display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3> "$WORK/$name.display" 2> "$WORK/$name-xvfb.log" &
  xpid=$!
  i=0
  until [ -s "$WORK/$name.display" ]; do
    i=$((i + 1)); [ $i -le 100 ] || { echo "FAIL: Xvfb did not start"; exit 1; }
    sleep 0.1
  done
  display=":$(cat "$WORK/$name.display")"
  env DISPLAY="$display" WAYLAND_DISPLAY= "$KIOSK" --config "$CONFIG" "$@" > "$WORK/$name.log" 2>&1 &
  kpid=$!
  sleep 4  # up and drawing (the replay is in its hold by now)
  kill -0 $kpid 2> /dev/null || { echo "FAIL: $name: the kiosk ended before its display went away"; cat "$WORK/$name.log"; exit 1; }
  kill -9 $xpid
  wait $xpid 2> /dev/null
  xpid=""
  t=0
  while kill -0 $kpid 2> /dev/null; do
    t=$((t + 1))
    if [ $t -gt 50 ]; then
      ps -o pid,stat,pcpu,cmd -p $kpid
      kill -9 $kpid
      echo "FAIL: $name: the kiosk still runs 5 s after its display went away"
      exit 1
    fi
    sleep 0.1
  done
  wait $kpid
  rc=$?
  [ $rc -ne 0 ] || { echo "FAIL: $name: the kiosk exited 0 (systemd would not start it again)"; exit 1; }
  lines=$(grep -c "the display went away" "$WORK/$name.log")
  [ "$lines" -eq 1 ] || { echo "FAIL: $name: $lines lines say the display went away:"; cat "$WORK/$name.log"; exit 1; }
  echo "$name: the kiosk ended $((t * 100)) ms after its display went away, exit code $rc"
}
run touch-loop
run half-session --replay "$REPLAY"
"$CTL" --config "$CONFIG" queue status > "$WORK/after.txt" 2>&1
cmp -s "$WORK/before.txt" "$WORK/after.txt" ||
  { echo "FAIL: the outbox changed:"; diff "$WORK/before.txt" "$WORK/after.txt"; exit 1; }
if grep -rq "Ушедшева" "$data" 2> /dev/null; then
  echo "FAIL: the unfinished session's name is in $data"; exit 1
fi
echo "the kiosk ends when its display goes away; the outbox keeps its one record and nothing else"
