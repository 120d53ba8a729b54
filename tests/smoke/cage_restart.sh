#!/bin/sh
# A killed kiosk comes back; staff's deliberate close does not (issue 18).
# The unit's own command line (its session wrapper, cage -d, the kiosk), run
# as systemd runs it: under a loop that does what Restart=on-failure and
# RestartSec= of packaging/asylum-kiosk.service do (start again after a
# non-zero exit, not after exit 0), headless, as an unprivileged user.
#   1. the kiosk comes up; it is killed (SIGKILL) inside the cage session:
#      Debian 12's cage exits 0 then, the wrapper turns that into a failure,
#      and the kiosk must come up again;
#   2. it is stopped with SIGTERM: also not staff's close, so it comes back;
#   3. this start replays staff's close (the hidden gesture, the PIN,
#      "Close the kiosk"): the kiosk marks it, the wrapper exits 0, and the
#      loop must not start it again.
# Exit 77 (skipped) when cage or Xwayland is missing.
set -u
KIOSK="$1" SOURCE="$2" WORK="$3"
UNIT="$SOURCE/packaging/asylum-kiosk.service"
. "$SOURCE/tests/smoke/cage_common.sh"
need cage Xwayland
loop_pid=""
stop_all() { [ -n "$loop_pid" ] && { kill -- -"$loop_pid" 2> /dev/null || kill "$loop_pid" 2> /dev/null; }; }
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
RUN=""
trap 'stop_all; [ -n "$RUN" ] && rm -rf "$RUN"' EXIT
make_session_copy asylum-kiosk-restart

exec_start=$(sed -n 's/^ExecStart=//p' "$UNIT")
restart=$(sed -n 's/^Restart=//p' "$UNIT")
restart_sec=$(sed -n 's/^RestartSec=//p' "$UNIT")
[ "$restart" = on-failure ] || fail "the unit's Restart= is '$restart', this test plays on-failure"
case "$restart_sec" in ''|*[!0-9]*) fail "the unit's RestartSec= is '$restart_sec'" ;; esac
case "$exec_start" in
  /usr/lib/asylum-kiosk/asylum-kiosk-session\ /usr/bin/cage\ *--\ /usr/bin/asylum-kiosk\ --config\ /etc/asylum-kiosk/kiosk.toml*) ;;
  *) fail "unexpected ExecStart in $UNIT: $exec_start" ;;
esac
# The kiosk is started through a shim that counts the starts and adds the
# arguments the test leaves in next-args (the staff close replay) to the
# unit's own ones.
cat > "$RUN/bin/kiosk-start" << EOF
#!/bin/sh
n=\$(cat "$RUN/starts" 2> /dev/null || echo 0)
echo \$((n + 1)) > "$RUN/starts"
# shellcheck disable=SC2046
exec "$RUN/bin/asylum-kiosk" "\$@" \$(cat "$RUN/next-args" 2> /dev/null)
EOF
chmod 755 "$RUN/bin/kiosk-start"
cmd=$(printf '%s' "$exec_start" |
  sed -e "s|/usr/lib/asylum-kiosk/asylum-kiosk-session|$RUN/bin/asylum-kiosk-session|" \
      -e "s|/usr/bin/asylum-kiosk |$RUN/bin/kiosk-start |" -e "s|/etc/asylum-kiosk/kiosk.toml|$RUN/kiosk.toml|")
cmd="$cmd --exit-after-frames 100000000"
# Staff's close: the hidden corner gesture, the demo PIN, "Close the kiosk", "Yes".
cat > "$RUN/close.replay" << 'EOF'
corner
tap pin-1
tap pin-3
tap pin-5
tap pin-7
tap pin-OK
expect-step staff
tap exit
tap ask-yes
EOF
# What systemd does with Restart=on-failure: start again after a non-zero
# exit, RestartSec seconds later; stop after exit 0.
cat > "$RUN/bin/supervise" << EOF
#!/bin/sh
while :; do
  $cmd
  rc=\$?
  echo "session ended: exit \$rc" >> "$RUN/ends"
  [ \$rc -eq 0 ] && exit 0
  sleep $restart_sec
done
EOF
chmod 755 "$RUN/bin/supervise"

chmod 755 "$RUN" && chmod 700 "$RUN/data" "$RUN/xdg" || exit 1
as_user=""
if [ "$(id -u)" -eq 0 ]; then
  chown -R nobody "$RUN" || exit 1
  as_user="runuser -u nobody --"
fi
setsid $as_user env ASYLUM_KIOSK_DATA_DIR="$RUN/share" XDG_RUNTIME_DIR="$RUN/xdg" WLR_BACKENDS=headless \
  WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman DISPLAY= WAYLAND_DISPLAY= \
  ASYLUM_KIOSK_CLOSE_MARKER="$RUN/data/closed-by-staff" \
  "$RUN/bin/supervise" > "$WORK/kiosk.log" 2> "$WORK/session.log" &
loop_pid=$!

frames() { grep -c "first frame presented" "$WORK/kiosk.log"; }
wait_frames() {  # N: until the kiosk presented its first frame N times
  i=0
  until [ "$(frames)" -ge "$1" ]; do
    kill -0 $loop_pid 2> /dev/null || fail "the session loop ended before start $1 presented a frame"
    i=$((i + 1)); [ $i -le 900 ] || fail "start $1 presented no frame in 90 s"
    sleep 0.1
  done
}
# The kiosk process of this test (the shim exec'd it: its command line
# starts with this run's own copy of the binary).
kiosk_pid() { ps -ww -eo pid=,args= | awk -v bin="$RUN/bin/asylum-kiosk --config" 'index($0, bin) { print $1; exit }'; }

wait_frames 1
pid=$(kiosk_pid)
[ -n "$pid" ] || fail "no kiosk process found"
kill -KILL "$pid"
echo "killed the kiosk (pid $pid) with SIGKILL"
wait_frames 2
pid2=$(kiosk_pid)
[ -n "$pid2" ] && [ "$pid2" != "$pid" ] || fail "no new kiosk process after the kill"
echo "the kiosk came back after SIGKILL (pid $pid2)"

echo "--replay $RUN/close.replay" > "$RUN/next-args"
[ -z "$as_user" ] || chown nobody "$RUN/next-args"
kill -TERM "$pid2"
echo "stopped the kiosk (pid $pid2) with SIGTERM"
# The third start replays staff's close; the loop must then end by itself.
i=0
while kill -0 $loop_pid 2> /dev/null; do
  i=$((i + 1)); [ $i -le 900 ] || fail "the session loop did not end after staff closed the kiosk"
  sleep 0.1
done
loop_pid=""
starts=$(cat "$RUN/starts")
ends=$(cat "$RUN/ends")
echo "$ends"
grep -q "replay close.replay: .* all as expected" "$WORK/kiosk.log" || fail "the staff close replay did not run through"
[ "$starts" -eq 3 ] || fail "the kiosk was started $starts times, expected 3"
[ "$(printf '%s\n' "$ends" | sed -n 3p)" = "session ended: exit 0" ] || fail "staff's close did not end the session with 0"
printf '%s\n' "$ends" | sed -n 1,2p | grep -q "exit 0" && fail "a kill ended the session with exit 0 (no restart)"
[ "$(grep -c "ended without staff closing it" "$WORK/session.log")" -eq 2 ] ||
  fail "the wrapper did not report two ends without staff"
grep -q "staff closed the kiosk" "$WORK/session.log" || fail "the wrapper did not report staff's close"
[ ! -e "$RUN/data/closed-by-staff" ] || fail "the close marker was left behind"
# Nothing starts again after the close (give the loop its RestartSec and more).
sleep $((restart_sec + 1))
[ "$(cat "$RUN/starts")" -eq 3 ] || fail "the kiosk was started again after staff closed it"
echo "a killed kiosk is restarted by the unit's session; staff's close is not (3 starts, 2 restarts)"
