#!/usr/bin/env bash
# The installed programs are hardened (cmake/Hardening.cmake): each binary is
# a PIE, has full RELRO (GNU_RELRO and BIND_NOW), calls the stack protector's
# __stack_chk_fail and fortified __*_chk functions. Read with readelf.
# usage: check_hardening.sh BINARY...
set -uo pipefail
fail=0
for bin in "$@"; do
  name=$(basename "$bin")
  [ -x "$bin" ] || { echo "FAIL: $bin is not there"; fail=1; continue; }
  header=$(readelf -h "$bin") segments=$(readelf -lW "$bin") dynamic=$(readelf -dW "$bin")
  symbols=$(readelf --dyn-syms -W "$bin")
  check() {  # what ok?
    if [ "$2" = yes ]; then echo "ok: $name: $1"; else echo "FAIL: $name: $1"; fail=1; fi
  }
  grep -q 'Type:[[:space:]]*DYN' <<<"$header" && pie=yes || pie=no
  check "position-independent executable (PIE)" "$pie"
  grep -q 'GNU_RELRO' <<<"$segments" && relro=yes || relro=no
  check "RELRO segment" "$relro"
  grep -Eq 'BIND_NOW|FLAGS_1.*NOW' <<<"$dynamic" && now=yes || now=no
  check "BIND_NOW (full RELRO)" "$now"
  grep -q '__stack_chk_fail' <<<"$symbols" && stack=yes || stack=no
  check "stack protector (__stack_chk_fail)" "$stack"
  grep -Eq '__[a-z0-9_]+_chk(@|[[:space:]]|$)' <<<"$(grep -v __stack_chk_fail <<<"$symbols")" && fortify=yes || fortify=no
  check "fortified libc calls (__*_chk)" "$fortify"
done
exit "$fail"
