#!/bin/sh
# The kiosk session as the systemd unit starts it: the unit's own ExecStart
# line (cage -d -- asylum-kiosk --config ...), pointed at this build and a
# test config, run under cage's headless backend with software rendering,
# as an unprivileged user (cage refuses root, as the unit runs it as the
# asylum-kiosk user). Checks that the kiosk comes up fullscreen on cage's
# output, through Xwayland, and takes a picture of cage's screen with grim.
# Exit 77 (skipped) when cage, Xwayland or grim is missing.
set -u
KIOSK="$1" SOURCE="$2" WORK="$3"
UNIT="$SOURCE/packaging/asylum-kiosk.service"
# need, fail, and the session's copy in /tmp (make_session_copy).
. "$SOURCE/tests/smoke/cage_common.sh"
need cage Xwayland grim
rm -rf "$WORK" && mkdir -p "$WORK" || exit 1
RUN=""
trap '[ -n "$RUN" ] && rm -rf "$RUN"' EXIT
make_session_copy asylum-kiosk-cage

exec_start=$(sed -n 's/^ExecStart=//p' "$UNIT")
case "$exec_start" in
  */usr/lib/asylum-kiosk/asylum-kiosk-session\ /usr/bin/cage\ *--\ /usr/bin/asylum-kiosk\ --config\ /etc/asylum-kiosk/kiosk.toml*) ;;
  *) fail "unexpected ExecStart in $UNIT: $exec_start" ;;
esac
cmd=$(printf '%s' "$exec_start" |
  sed -e "s|/usr/lib/asylum-kiosk/asylum-kiosk-session|$RUN/bin/asylum-kiosk-session|" \
      -e "s|/usr/bin/asylum-kiosk |$RUN/bin/asylum-kiosk |" -e "s|/etc/asylum-kiosk/kiosk.toml|$RUN/kiosk.toml|")
# The first frame's line (with its size) is printed only with --exit-after-frames.
cmd="$cmd --exit-after-frames 100000000"

chmod 755 "$RUN" && chmod 700 "$RUN/data" "$RUN/xdg" || exit 1
as_user=""
if [ "$(id -u)" -eq 0 ]; then
  chown -R nobody "$RUN" || exit 1
  as_user="runuser -u nobody --"
fi

# shellcheck disable=SC2086  # cmd is the unit's command line, split as systemd does
# Its own process group: the unit's wrapper, cage and the kiosk end together.
setsid $as_user env ASYLUM_KIOSK_DATA_DIR="$RUN/share" XDG_RUNTIME_DIR="$RUN/xdg" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
  WLR_RENDERER=pixman DISPLAY= WAYLAND_DISPLAY= $cmd > "$WORK/kiosk.log" 2> "$WORK/cage.log" &
pid=$!
stop_session() { kill -- -"$pid" 2> /dev/null || kill "$pid" 2> /dev/null; }
i=0
until grep -q "first frame presented" "$WORK/kiosk.log"; do
  kill -0 $pid 2> /dev/null || fail "cage or the kiosk exited before the first frame"
  i=$((i + 1)); [ $i -le 600 ] || { stop_session; fail "no first frame in 60 s"; }
  sleep 0.1
done
socket=$(cd "$RUN/xdg" && ls wayland-* 2> /dev/null | grep -v lock | head -n 1)
# The kiosk's first frame reaches cage through Xwayland a little later; on a
# loaded machine that can be seconds. Take pictures until one shows more
# than an empty screen (or 20 s have passed, then the check below fails).
i=0
while :; do
  $as_user env XDG_RUNTIME_DIR="$RUN/xdg" WAYLAND_DISPLAY="$socket" grim "$RUN/cage.png" \
    2> "$WORK/grim.log" || { stop_session; fail "grim could not take a picture of cage's screen"; }
  [ "$(wc -c < "$RUN/cage.png")" -gt 20000 ] && break
  i=$((i + 1)); [ $i -le 40 ] || break
  sleep 0.5
done
stop_session
wait $pid 2> /dev/null
cp "$RUN/cage.png" "$WORK/cage.png" || fail "no picture of cage's screen"

line=$(grep "first frame presented" "$WORK/kiosk.log")
echo "$line"
case "$line" in *", fullscreen"*) ;; *) fail "the kiosk is not fullscreen: $line" ;; esac
size=$(printf '%s' "$line" | sed -E 's/.*, ([0-9]+x[0-9]+) px.*/\1/')
# The PNG's width and height (big-endian, bytes 16-23) are cage's output size.
png_w=$(od -An -tu1 -j16 -N4 "$WORK/cage.png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
png_h=$(od -An -tu1 -j20 -N4 "$WORK/cage.png" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
[ "$size" = "${png_w}x${png_h}" ] || fail "the kiosk drew ${size} on a ${png_w}x${png_h} screen"
bytes=$(wc -c < "$WORK/cage.png")
[ "$bytes" -gt 20000 ] || fail "cage's screen looks blank ($bytes bytes)"
echo "the unit's command shows the kiosk fullscreen on cage's ${png_w}x${png_h} screen: $WORK/cage.png"
