# Shared by cage_session.sh and cage_restart.sh (sourced; they set KIOSK and
# SOURCE). make_session_copy PREFIX makes $RUN, a new directory in /tmp with
# the kiosk, its data, the demo config (its outbox in $RUN/data) and the
# unit's session wrapper: an unprivileged user can reach it even when the
# checkout sits in a private home directory.
make_session_copy() {
  RUN=$(mktemp -d "/tmp/$1.XXXXXX") || exit 1
  mkdir -p "$RUN/bin" "$RUN/share" "$RUN/data" "$RUN/xdg" || exit 1
  cp "$KIOSK" "$RUN/bin/asylum-kiosk" && cp -r "$SOURCE/assets" "$SOURCE/locales" "$RUN/share/" || exit 1
  cp "$SOURCE/kiosk-config/demo-office-public.pem" "$RUN/" || exit 1
  cp "$SOURCE/packaging/asylum-kiosk-session" "$RUN/bin/asylum-kiosk-session" || exit 1
  sed 's|^data_dir = .*|data_dir = "data"|' "$SOURCE/kiosk-config/demo.toml" > "$RUN/kiosk.toml"
}

# need TOOL...: exit 77 (skipped) when one of them is not installed.
need() {
  for tool in "$@"; do
    command -v "$tool" > /dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
  done
}

# fail MESSAGE: say it, show every log of $WORK, stop what still runs
# (the script's stop_all, when it has one) and exit 1.
fail() {
  echo "FAIL: $*"
  for f in "$WORK"/*.log; do echo "--- $f"; cat "$f"; done
  if command -v stop_all > /dev/null; then stop_all; fi
  exit 1
}
