#!/usr/bin/env bash
# check-config names, as FILE:LINE, a broken file of each kind the kiosk
# loads: a locale, the petition form, a keyboard, the fonts list, the
# addressees, the content, the office key and the staff PIN hash. Each is
# broken in a copy of the data directory (ASYLUM_KIOSK_DATA_DIR) and of the
# demo config; the lines expected are computed from the copies.
# usage: check_config_broken_files.sh CTL SOURCE WORK
set -euo pipefail
ctl="$1" source="$2" work="$3"
rm -rf "$work"
mkdir -p "$work/data" "$work/etc"
cp -r "$source/assets" "$source/locales" "$work/data/"
cp "$source/kiosk-config/demo.toml" "$work/etc/kiosk.toml"
cp "$source/kiosk-config/demo-office-public.pem" "$work/etc/"
d="$work/data"
fail=0

# A line that is not TOML, appended: the problem is on that new line.
break_toml() {  # file -> prints its line
  local f="$1"
  printf '@@@ not valid here\n' >> "$f"
  wc -l < "$f"
}

# The config alone first: the good data and a good config pass.
if ! ASYLUM_KIOSK_DATA_DIR="$d" "$ctl" check-config "$work/etc/kiosk.toml" > "$work/good.out" 2>&1; then
  echo "FAIL: the untouched copy is not good:"; cat "$work/good.out"; exit 1
fi

declare -A expect
# Locale: a missing colon on line 3 of uk.json.
sed -i '3s/": "/" "/' "$d/locales/uk.json"
expect[locale]="$d/locales/uk.json:3: "
expect[form]="$d/assets/form/petition.toml:$(break_toml "$d/assets/form/petition.toml"): "
expect[keyboard]="$d/assets/keyboards/kk.toml:$(break_toml "$d/assets/keyboards/kk.toml"): "
expect[fonts]="$d/assets/fonts.toml:$(break_toml "$d/assets/fonts.toml"): "
expect[addressees]="$d/assets/documents/addressees.toml:$(break_toml "$d/assets/documents/addressees.toml"): "
expect[content]="$d/assets/content/guidance.toml:$(break_toml "$d/assets/content/guidance.toml"): "
# Office key: a file that is not a key. PIN hash: four parts, no usable hash.
printf 'not a key\n' > "$work/etc/demo-office-public.pem"
key_line=$(grep -n '^public_key_file' "$work/etc/kiosk.toml" | cut -d: -f1)
expect[office key]="$work/etc/kiosk.toml:$key_line: "
sed -i 's|^pin_hash = .*|pin_hash = "pbkdf2-sha256$200000$AAAA$BBBB"|' "$work/etc/kiosk.toml"
pin_line=$(grep -n '^pin_hash' "$work/etc/kiosk.toml" | cut -d: -f1)
expect[pin hash]="$work/etc/kiosk.toml:$pin_line: staff.pin_hash"

set +e
ASYLUM_KIOSK_DATA_DIR="$d" "$ctl" check-config "$work/etc/kiosk.toml" > "$work/broken.out" 2>&1
rc=$?
set -e
if [ "$rc" -ne 1 ]; then echo "FAIL: check-config exited $rc, not 1"; fail=1; fi
for kind in "${!expect[@]}"; do
  if grep -qF -- "${expect[$kind]}" "$work/broken.out"; then
    echo "ok: $kind: ${expect[$kind]}"
  else
    echo "FAIL: $kind: no line starting ${expect[$kind]}"; fail=1
  fi
done
if [ "$fail" -ne 0 ]; then echo "--- check-config said:"; cat "$work/broken.out"; exit 1; fi
echo "--- check-config said:"; cat "$work/broken.out"
