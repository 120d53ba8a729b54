#!/usr/bin/env bash
# The kiosk against a real ODK Central (central-backend, PostgreSQL, on
# loopback), started by ../shared/peers/odk-central/setup.sh and stopped by its
# stop.sh at the end, whatever happens. Blank server each run.
#
# usage: central_test.sh KIOSKCTL SOURCE_DIR [CENTRAL_RECORDS]
#   CENTRAL_RECORDS: tests/central/central_records (default: beside KIOSKCTL's build, tests/central/)
#   ODK_CENTRAL_SRC: the folder holding setup.sh (default SOURCE_DIR/../shared/peers/odk-central)
#   KIOSK_CENTRAL_PEER / KIOSK_CENTRAL_PORT / KIOSK_CENTRAL_PGPORT: where it runs
#     (default /var/tmp/central-peer-kiosk-test, 8493, 54439: apart from a peer started by hand)
# KIOSK_CENTRAL_BULK=N: also time N records in one pass (the figure of issue 19).
# KIOSK_CENTRAL_KEEP=1: leave Central running and the files in place (to look at a failure).
# Exit 77 (ctest: skipped) with one "skipped: ..." line when there is no Central source or no root.
#
# What it checks, each against what Central itself stored:
#   1. the XForm from `xform` (no credentials file yet) uploads and publishes;
#      test records sync, arrive once each, with deviceID = site id; a second sync sends nothing
#   2. the form closed in Central: records stay queued (not "need staff"), Central's sentence shown;
#      reopened + `queue retry-failed` (what staff's "Send records now" does): sent
#   3. one record with a version Central does not know among good ones: the good ones behind it go,
#      it waits with Central's 404.6 sentence
#   4. Managed Encryption turned on while the kiosk runs (central_records: the kiosk's record service in
#      one process, sync.form_source = "server"): it first takes Central's form with the kiosk's own key;
#      a record is held back by the closed form; Managed Encryption is turned on and the keyless form
#      published (Central puts its key in); at the next sync pass the running kiosk takes that form by
#      itself, the held record still goes with its own version, the next records carry the new version
#      and Central's decrypting export reads them; `form-from-server` by hand says the same version
#   5. the app user revoked: the pass stops as "auth", nothing counted against the records
set -uo pipefail
CTL=${1:?usage: central_test.sh KIOSKCTL SOURCE_DIR}
SRCDIR=${2:?usage: central_test.sh KIOSKCTL SOURCE_DIR}
RECORDS=${3:-$(dirname "$CTL")/../tests/central/central_records}
PEERSRC=${ODK_CENTRAL_SRC:-$SRCDIR/../shared/peers/odk-central}
if [ ! -x "$PEERSRC/setup.sh" ] && [ ! -f "$PEERSRC/setup.sh" ]; then
  echo "skipped: no ODK Central source (looked for $PEERSRC/setup.sh; set ODK_CENTRAL_SRC)"
  exit 77
fi
if [ "$(id -u)" != 0 ]; then
  echo "skipped: ODK Central's setup.sh needs root (PostgreSQL cluster, apt-get)"
  exit 77
fi
export CENTRAL_PEER=${KIOSK_CENTRAL_PEER:-/var/tmp/central-peer-kiosk-test}
export CENTRAL_PORT=${KIOSK_CENTRAL_PORT:-8493}
export CENTRAL_PGPORT=${KIOSK_CENTRAL_PGPORT:-54439}
T0=$(date +%s)
WORK=$(mktemp -d /tmp/kiosk-central-test.XXXXXX)
fails=0
say() { echo "central-test: $*"; }
ok() { say "ok: $*"; }
bad() { say "FAIL: $*"; fails=$((fails + 1)); }
cleanup() {
  if [ -n "${KIOSK_CENTRAL_KEEP:-}" ]; then say "kept running; files in $WORK"; return; fi
  bash "$PEERSRC/stop.sh" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
check() { # description command...
  local what=$1; shift
  if "$@"; then ok "$what"; else bad "$what"; fi
}

# A blank server: PostgreSQL and Central state go, the unpacked source and node_modules stay (npm cache).
bash "$PEERSRC/stop.sh" >/dev/null 2>&1 || true
rm -rf "$CENTRAL_PEER/pg" "$CENTRAL_PEER/run"

# The site config: loopback http (allowed without allow_insecure_http), the self-supplied demo key.
cp "$SRCDIR/kiosk-config/demo-office-public.pem" "$WORK/key.pem"
write_config() { # url project
  cat > "$WORK/site.toml" <<TOML
[site]
id = "demo-central-test"
kind = "desp_office"
office = "desp-almaty"
[staff]
pin_hash = "pbkdf2-sha256\$200000\$PhT/paOQ578gcjtHPgSWLQ==\$rNepvKYZrR41RdVOzPrf/US+H6UivNIP4Whns9lDi8w="
[outbox]
data_dir = "data"
[sync]
enabled = true
server_url = "$1"
project_id = $2
form_id = "asylum_petition"
auth = "token"
credentials_file = "credentials"
public_key_file = "key.pem"
connect_timeout_seconds = 5
request_timeout_seconds = 30
retry_base_seconds = 600
TOML
}
write_config "http://127.0.0.1:$CENTRAL_PORT" 1
ctl() { "$CTL" --config "$WORK/site.toml" "$@"; }

# 1. the XForm, made before the credentials file exists
if ! ctl xform --out "$WORK/asylum_petition.xml" > "$WORK/xform.out" 2>&1; then
  cat "$WORK/xform.out"; bad "xform runs without a credentials file"; exit 1
fi
ok "xform runs without a credentials file: $(grep '^wrote' "$WORK/xform.out")"
VERSION=$(sed -n 's/.*version \([^,]*\),.*/\1/p' "$WORK/xform.out" | head -1)

say "starting ODK Central (setup.sh; log in $WORK/setup.log)"
if ! bash "$PEERSRC/setup.sh" "$WORK/asylum_petition.xml" > "$WORK/env.sh" 2> "$WORK/setup.log"; then
  tail -20 "$WORK/setup.log"; bad "ODK Central started and took the kiosk's XForm"; exit 1
fi
# shellcheck disable=SC1091
. "$WORK/env.sh"
ok "Central took the kiosk's XForm (form $FORM_ID, version $VERSION) in $(( $(date +%s) - T0 )) s"
write_config "$CENTRAL_URL" "$PROJECT_ID"
printf '%s\n' "$APP_TOKEN" > "$WORK/credentials"; chmod 600 "$WORK/credentials"

api() { # METHOD PATH [curl args] -> body
  local m=$1 p=$2; shift 2
  curl -s -X "$m" "$CENTRAL_URL$p" -H "Authorization: Bearer $ADMIN_TOKEN" "$@"
}
FORM=/v1/projects/$PROJECT_ID/forms/$FORM_ID
central_count() { api GET "$FORM/submissions" | jq 'length'; }
central_ids() { api GET "$FORM/submissions" | jq -r '.[].instanceId' | sort; }
kiosk_ids() { ctl queue list --limit 100000 | awk -v s="$1" '$2 == s {print $1}' | sort; }
state_count() { ctl queue list --limit 100000 | awk -v s="$1" '$2 == s' | wc -l; }

check "check-config takes the site config" ctl check-config "$WORK/site.toml"
check "Central's form version is the kiosk's" test "$(api GET "$FORM" | jq -r .version)" = "$VERSION"

# 1. three test records; sync; Central holds exactly those, with the kiosk's deviceID
ctl queue test-submission --count 3 > /dev/null
ctl sync > "$WORK/sync1.out" 2>&1
check "sync 1: exit 0" grep -q '^3 sent, 0 to retry later, 0 need staff' "$WORK/sync1.out"
check "Central holds the 3 records, each once" test "$(central_count)" = 3
check "Central's instanceIDs are the kiosk's sent ones" test "$(central_ids)" = "$(kiosk_ids sent)"
check "Central shows deviceID = the site id" \
  test "$(api GET "$FORM/submissions" | jq -r '[.[].deviceId] | unique | join(",")')" = demo-central-test
check "Central's submissions are encrypted to the kiosk's key (not decrypted here)" \
  test "$(api GET "$FORM/submissions/keys" | jq 'length')" -ge 1
ctl sync > "$WORK/sync1b.out" 2>&1
check "a second sync sends nothing again" test "$(central_count)" = 3
# A kill after Central acknowledged a batch but before the kiosk marked it
# sent (the marks are written once per batch): the records are left
# "sending" with a dead owner. The next sync puts them back in the queue and
# sends them again, byte-identical; Central takes an identical resubmission
# as a success, so none needs staff and Central still holds each one once.
sqlite3 "$WORK/data/outbox.sqlite" \
  "UPDATE records SET state = 'sending', owner_pid = 2147483000, owner_start = 1 WHERE state = 'sent'"
check "a batch whose 'sent' marks were lost is back in the queue" test "$(state_count sent)" = 0
ctl sync > "$WORK/sync1c.out" 2>&1
check "its records are sent again and acknowledged, none need staff" \
  grep -q '^3 sent, 0 to retry later, 0 need staff' "$WORK/sync1c.out"
check "Central still holds each record once" test "$(central_count)" = 3

# 2. the form closed: records stay queued with Central's sentence; reopened + retry: sent
api PATCH "$FORM" -H 'Content-Type: application/json' --data '{"state":"closed"}' > /dev/null
ctl queue test-submission --count 2 > /dev/null
ctl sync > "$WORK/sync2.out" 2>&1
check "closed form: both records tried" test "$(grep -c '^retry ' "$WORK/sync2.out")" = 2
check "closed form: Central's sentence shown" grep -q 'not currently accepting submissions' "$WORK/sync2.out"
check "closed form: records queued, none need staff" test "$(state_count queued)" = 2 -a "$(state_count failed_permanent)" = 0
api PATCH "$FORM" -H 'Content-Type: application/json' --data '{"state":"open"}' > /dev/null
ctl queue retry-failed > /dev/null
ctl sync > "$WORK/sync2b.out" 2>&1
check "reopened + Send now: both sent" grep -q '^2 sent, 0 to retry later, 0 need staff' "$WORK/sync2b.out"
check "Central holds 5" test "$(central_count)" = 5

# 3. one record of a version Central does not know, between good ones
ctl queue test-submission --count 1 > /dev/null
ctl queue test-submission --count 1 --form-version no-such-version > "$WORK/bad.out"
BAD=$(awk '{print $4}' "$WORK/bad.out")
sleep 0.01
ctl queue test-submission --count 2 > /dev/null
ctl sync > "$WORK/sync3.out" 2>&1
check "unknown version: the 3 good records sent in the same pass" grep -q '^3 sent, 1 to retry later, 0 need staff' "$WORK/sync3.out"
check "unknown version: Central's 404.6 sentence shown" grep -q "no-such-version' does not exist" "$WORK/sync3.out"
check "unknown version: that record waits" test "$(kiosk_ids queued)" = "$BAD"
check "Central holds 8" test "$(central_count)" = 8

# 4. Managed Encryption turned on while the kiosk runs. The kiosk (its record service, central_records)
#    takes its form from Central (sync.form_source = "server", its own data directory); nobody runs
#    form-from-server or restarts it.
sed -e 's/^form_id = .*/&\nform_source = "server"/' -e 's/^data_dir = .*/data_dir = "data-kiosk"/' \
  "$WORK/site.toml" > "$WORK/site-kiosk.toml"
coproc KIOSK { "$RECORDS" --config "$WORK/site-kiosk.toml" 2> "$WORK/kiosk.err"; }
# Kept now: bash unsets KIOSK_PID as soon as the coprocess has ended, which
# after "quit" can be before the wait below (with set -u, a failed test).
kiosk_pid=$KIOSK_PID
kiosk_read() { # the process's answer, up to its "done" line, into $WORK/kiosk.out (and appended to kiosk.log)
  : > "$WORK/kiosk.out"
  local line
  while IFS= read -r -t 100 line <&"${KIOSK[0]}"; do
    [ "$line" = done ] && { cat "$WORK/kiosk.out" >> "$WORK/kiosk.log"; return 0; }
    printf '%s\n' "$line" >> "$WORK/kiosk.out"
  done
  cat "$WORK/kiosk.out" >> "$WORK/kiosk.log"
  return 1
}
kiosk() { echo "> $*" >> "$WORK/kiosk.log"; echo "$*" >&"${KIOSK[1]}"; kiosk_read; }
kiosk_read
check "the running kiosk took Central's form at start (version $VERSION)" grep -qxF "started: form $VERSION" "$WORK/kiosk.out"
kiosk record 1
OLD1=$(awk '/^sealed /{print $2}' "$WORK/kiosk.out")
kiosk wait-sent
check "kiosk: its first record sent" grep -qx sent "$WORK/kiosk.out"
# The form closed: a record sealed now (with the kiosk's own key and version) waits.
api PATCH "$FORM" -H 'Content-Type: application/json' --data '{"state":"closed"}' > /dev/null
kiosk record 1
HELD=$(awk '/^sealed /{print $2}' "$WORK/kiosk.out")
check "kiosk: the record is sealed with version $VERSION" grep -qF "version $VERSION" "$WORK/kiosk.out"
kiosk wait-pass
check "kiosk: the closed form holds the record back" grep -q '^last sync: form_closed: ' "$WORK/kiosk.out"
# The office turns on Managed Encryption and publishes the kiosk's keyless form: Central puts its key in.
PASS="kiosk-test-passphrase-$$"
api POST "/v1/projects/$PROJECT_ID/key" -H 'Content-Type: application/json' \
  --data "$(jq -n --arg p "$PASS" '{passphrase:$p}')" > "$WORK/key.json"
check "Managed Encryption turned on" grep -q '"success":true' "$WORK/key.json"
ctl xform --no-key --out "$WORK/nokey.xml" > /dev/null
api POST "$FORM/draft?ignoreWarnings=true" -H 'Content-Type: application/xml' --data-binary @"$WORK/nokey.xml" > "$WORK/draft.json"
api POST "$FORM/draft/publish" > "$WORK/publish.json"
api PATCH "$FORM" -H 'Content-Type: application/json' --data '{"state":"open"}' > /dev/null
MANAGED_VERSION=$(api GET "$FORM" | jq -r .version)
check "Central published the keyless form with its own key ($MANAGED_VERSION)" grep -q 'encrypted:' <<<"$MANAGED_VERSION"
# Staff's "Send records now": the pass first looks at Central's form list and takes the changed form.
kiosk sync
kiosk wait-form-not "$VERSION"
check "the running kiosk took Central's new form and key by itself" grep -qxF "form $MANAGED_VERSION" "$WORK/kiosk.out"
kiosk wait-sent
check "kiosk: the held record went after the change" grep -qx sent "$WORK/kiosk.out"
kiosk record 2
NEW_IDS=$(awk '/^sealed /{print $2}' "$WORK/kiosk.out")
check "kiosk: the next records are sealed with version $MANAGED_VERSION" \
  test "$(grep -cF "version $MANAGED_VERSION" "$WORK/kiosk.out")" = 2
kiosk wait-sent
check "kiosk: the next records sent" grep -qx sent "$WORK/kiosk.out"
kiosk status
cp "$WORK/kiosk.out" "$WORK/kiosk-status.out"
kiosk quit
wait "$kiosk_pid" 2>/dev/null || true
check "the kiosk's journal names the form it took" grep -qF "took the server's changed form: version $MANAGED_VERSION" "$WORK/kiosk.err"
check "Central holds 12 (each once)" test "$(central_count)" = 12
ctl form-from-server > "$WORK/fromserver.out" 2>&1
check "form-from-server by hand says the same version" grep -qF "version $MANAGED_VERSION" "$WORK/fromserver.out"

KEYID=$(api GET "$FORM/submissions/keys" | jq -r '.[] | select(.managed == true) | .id' | head -1)
curl -s -X POST "$CENTRAL_URL$FORM/submissions.csv.zip" -H "Authorization: Bearer $ADMIN_TOKEN" \
  --data-urlencode "$KEYID=$PASS" -o "$WORK/export.zip"
mkdir -p "$WORK/export" && (cd "$WORK/export" && python3 -c 'import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall()' "$WORK/export.zip")
CSV=$WORK/export/$FORM_ID.csv
# instanceID -> "FormVersion,Status,site" from Central's decrypting export
row() {
  python3 - "$CSV" "$1" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    key = r.get("KEY") or r.get("meta-instanceID") or ""
    if key == sys.argv[2] or r.get("meta-instanceID") == sys.argv[2]:
        print(",".join([r.get("FormVersion", "?"), r.get("Status", ""), r.get("site", "")]))
PY
}
for id in $NEW_IDS; do
  check "Central's export decrypts $id, version $MANAGED_VERSION (site = demo-central-test)" \
    test "$(row "$id")" = "$MANAGED_VERSION,,demo-central-test"
done
# The records sealed before (the kiosk's own key: Central cannot decrypt them) as Central stores
# them: their manifest names their own version.
sub_version() { api GET "$FORM/submissions/$1.xml" | grep -o '<data [^>]*' | grep -o 'version="[^"]*"'; }
check "the record sealed before the change arrived with its own version $VERSION" \
  test "$(sub_version "$HELD")" = "version=\"$VERSION\""
check "the first record too ($VERSION)" test "$(sub_version "$OLD1")" = "version=\"$VERSION\""
EXPECTED=12

# Optional figure: KIOSK_CENTRAL_BULK=N records in one sync pass (one keep-alive connection).
if [ -n "${KIOSK_CENTRAL_BULK:-}" ]; then
  before=$(central_count)
  ctl queue test-submission --count "$KIOSK_CENTRAL_BULK" > /dev/null
  t1=$(date +%s.%N)
  ctl sync > "$WORK/bulk.out" 2>&1
  t2=$(date +%s.%N)
  check "bulk: $KIOSK_CENTRAL_BULK records sent in one pass" \
    grep -q "^$KIOSK_CENTRAL_BULK sent, 0 to retry later, 0 need staff" "$WORK/bulk.out"
  check "bulk: Central holds each once" test "$(central_count)" = $((before + KIOSK_CENTRAL_BULK))
  say "bulk: $KIOSK_CENTRAL_BULK records to ODK Central in $(echo "$t2 - $t1" | bc) s (one sync pass)"
  rm -f "$WORK/bulk.out"
  BULK=$KIOSK_CENTRAL_BULK
fi

# 5. the app user revoked in Central
APP_ID=$(api GET "/v1/projects/$PROJECT_ID/app-users" | jq -r '.[] | select(.token != null) | .id' | head -1)
api DELETE "/v1/sessions/$APP_TOKEN" > /dev/null
ctl queue test-submission --count 1 > /dev/null
ctl sync > "$WORK/sync5.out" 2>&1
check "revoked app user: the pass stops as auth" grep -q '^result: auth: ' "$WORK/sync5.out"
check "revoked app user: nothing sent, nothing counted" grep -q '^0 sent, 0 to retry later, 0 need staff' "$WORK/sync5.out"
check "revoked app user: the record waits" test "$(state_count queued)" = 2
check "revoked app user: Central holds still $((EXPECTED + ${BULK:-0}))" test "$(central_count)" = $((EXPECTED + ${BULK:-0}))
: "$APP_ID"

say "ODK Central $(jq -r .version "$CENTRAL_PEER/central-backend/package.json" 2>/dev/null) on $CENTRAL_URL, $(( $(date +%s) - T0 )) s"
for f in "$WORK"/sync*.out "$WORK/kiosk.log" "$WORK/kiosk.err"; do echo "--- $(basename "$f")"; sed 's/^/    /' "$f"; done
if [ "$fails" -gt 0 ]; then say "$fails check(s) failed"; exit 1; fi
say "all checks passed"
