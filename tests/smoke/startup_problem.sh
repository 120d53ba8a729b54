#!/bin/sh
# The kiosk on a bad config (needs an X server; label ui):
#  1. --screenshots draws the start-up problem screen, exits 1, and the
#     journal (stderr) names each problem as FILE:LINE;
#  2. a running kiosk shows the problem, and once the config is fixed it
#     starts by itself (no restart) and presents frames;
#  3. a new kiosk that takes its form and key from the server
#     (sync.form_source = "server") and cannot reach it has nothing to seal
#     a record with: it starts no session and says why (it tries again).
set -u
KIOSK="$1" SOURCE="$2" WORK="$3"
fail() { echo "FAIL: $*"; for f in "$WORK"/*.out "$WORK"/*.err; do echo "--- $f"; cat "$f"; done; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK/data" || exit 1
cp "$SOURCE/kiosk-config/demo-office-public.pem" "$WORK/" || exit 1
sed 's|^data_dir = .*|data_dir = "data"|' "$SOURCE/kiosk-config/demo.toml" > "$WORK/good.toml"
{ cat "$WORK/good.toml"; printf '\n[extras]\nmood = "sunny"\n'; } > "$WORK/kiosk.toml"
bad_line=$(grep -n '^\[extras\]' "$WORK/kiosk.toml" | cut -d: -f1)

"$KIOSK" --config "$WORK/kiosk.toml" --screenshots "$WORK/shots" > "$WORK/shot.out" 2> "$WORK/shot.err"
rc=$?
[ "$rc" -eq 1 ] || fail "--screenshots on a bad config exited $rc, expected 1"
[ -s "$WORK/shots/startup-problem.png" ] || fail "no startup-problem.png"
[ "$(wc -c < "$WORK/shots/startup-problem.png")" -gt 20000 ] || fail "startup-problem.png looks blank"
grep -q "cannot start: $WORK/kiosk.toml:$bad_line: unknown section \[extras\]" "$WORK/shot.err" ||
  fail "stderr does not name kiosk.toml:$bad_line"

"$KIOSK" --config "$WORK/kiosk.toml" --windowed 1280x800 --exit-after-frames 40 \
  > "$WORK/run.out" 2> "$WORK/run.err" &
pid=$!
i=0
until grep -q "cannot start" "$WORK/run.err"; do  # it has seen the bad config
  i=$((i + 1)); [ $i -le 300 ] || { kill $pid; fail "no problem reported in 30 s"; }
  sleep 0.1
done
cp "$WORK/good.toml" "$WORK/kiosk.toml"
wait $pid
rc=$?
[ "$rc" -eq 0 ] || fail "the kiosk exited $rc after the config was fixed, expected 0"
grep -q "the config is good now; starting" "$WORK/run.err" || fail "no 'good now' line"
grep -q "first frame presented" "$WORK/run.out" || fail "the kiosk did not present its first frame"

sed -e '/^\[sync\]/,/^\[/s|^enabled = false|enabled = true|' \
    -e 's|^server_url = .*|server_url = "http://127.0.0.1:9"|' \
    -e '/^\[sync\]/a form_source = "server"\ncredentials_file = "credentials"' \
    "$WORK/good.toml" > "$WORK/server.toml"
printf 'not-a-real-token\n' > "$WORK/credentials" && chmod 600 "$WORK/credentials"
"$KIOSK" --config "$WORK/server.toml" --screenshots "$WORK/shots-server" > "$WORK/server.out" 2> "$WORK/server.err"
rc=$?
[ "$rc" -eq 1 ] || fail "a server-form kiosk that never reached the server exited $rc, expected 1 (no session)"
grep -q "cannot start: .*no form was taken from the server yet" "$WORK/server.err" ||
  fail "stderr does not say that no form was taken from the server yet"
echo "start-up problem shown, then the fixed config started the kiosk; a server-form kiosk without its form waits"
