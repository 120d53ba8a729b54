#!/bin/sh
# The kiosk runs with glibc's thread cache off and freed memory overwritten
# (so that a wiped session's answers do not stay in freed heap blocks):
#   1. started by hand, without the tunables, it starts itself again once with them;
#   2. started as the systemd unit starts it (the unit sets them), it does not
#      start a second time (that would cost the first frame about 20 ms);
#   3. other tunables of the environment are kept beside them.
# No display is needed: the kiosk stops at "no display found" after start-up.
set -u
KIOSK="$1" CONFIG="$2" UNIT="$3"
want="glibc.malloc.tcache_count=0:glibc.malloc.perturb=165"
fails=0
check() {  # WHAT EXPECTED-LINE [NAME=VALUE...]
  what=$1 expected=$2; shift 2
  out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u ASYLUM_KIOSK_MALLOC_SET -u GLIBC_TUNABLES KIOSK_STARTUP_TRACE=1 "$@" \
        "$KIOSK" --config "$CONFIG" 2>&1)
  if printf '%s\n' "$out" | grep -q "^start-up: malloc tunables $expected\$"; then
    echo "ok: $what"
  else
    echo "FAIL: $what: expected \"$expected\", got:"; printf '%s\n' "$out" | grep '^start-up: malloc' ; fails=$((fails + 1))
  fi
}
check "without the tunables it starts itself again with them" "set by starting again, in effect"
unit=$(sed -n 's/^Environment=GLIBC_TUNABLES=//p' "$UNIT")
[ "$unit" = "$want" ] || { echo "FAIL: the unit sets GLIBC_TUNABLES=\"$unit\", not $want"; fails=$((fails + 1)); }
check "with the unit's environment it starts once" "from the environment, in effect" GLIBC_TUNABLES="$unit"
check "another tunable is kept, and ours are added" "set by starting again, in effect" GLIBC_TUNABLES=glibc.malloc.check=0
[ "$fails" -eq 0 ]
