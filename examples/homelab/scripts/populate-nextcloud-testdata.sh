#!/bin/bash
# scripts/populate-nextcloud-testdata.sh
#
# Workflow step 5: populate Nextcloud with test data that has relationships.
#
#   1 group     <prefix>-team
#   3 users     <prefix>-user1..3, members of the group
#   folders     /<prefix>-data/<user>/ in the admin's files, one per user
#   12 files    per folder: 2 text notes, blob.bin (1.2 MiB random), SHA256SUMS
#   4 shares    each user's folder shared with that user, /<prefix>-data with the group
#
# Safe to run twice: existing objects are kept, missing ones are created.
# scripts/verify-nextcloud-testdata.sh checks the same counts after a restore.
#
# Usage:  NEXTCLOUD_ADMIN_PASSWORD=... scripts/populate-nextcloud-testdata.sh
# Env:    NEXTCLOUD_URL             (default http://172.16.10.61)
#         NEXTCLOUD_ADMIN_USER      (default admin, see roles/nextcloud_api)
#         NEXTCLOUD_ADMIN_PASSWORD  (required; vault_nextcloud_admin_password)
#         TESTDATA_PREFIX           (default certify)
# Needs:  curl, jq, sha256sum

set -euo pipefail

NEXTCLOUD_URL="${NEXTCLOUD_URL:-http://172.16.10.61}"
NEXTCLOUD_ADMIN_USER="${NEXTCLOUD_ADMIN_USER:-admin}"
: "${NEXTCLOUD_ADMIN_PASSWORD:?set NEXTCLOUD_ADMIN_PASSWORD (vault_nextcloud_admin_password)}"
PREFIX="${TESTDATA_PREFIX:-certify}"

GROUP="${PREFIX}-team"
USERS=("${PREFIX}-user1" "${PREFIX}-user2" "${PREFIX}-user3")
ROOT="${PREFIX}-data"
BLOB_BYTES=$((1200 * 1024))

for tool in curl jq sha256sum; do
  command -v "$tool" >/dev/null || { echo "✗ $tool is required" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
umask 077
esc() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }
printf 'user = "%s:%s"\n' "$(esc "$NEXTCLOUD_ADMIN_USER")" "$(esc "$NEXTCLOUD_ADMIN_PASSWORD")" > "$WORK/curlrc"

DAV="$NEXTCLOUD_URL/remote.php/dav/files/$NEXTCLOUD_ADMIN_USER"

# ocs METHOD PATH [curl args...]: OCS API call, JSON answer on stdout.
ocs() {
  local method="$1" path="$2"; shift 2
  curl --config "$WORK/curlrc" --silent --show-error --fail-with-body \
    -H 'OCS-APIRequest: true' -H 'Accept: application/json' \
    -X "$method" "$NEXTCLOUD_URL/ocs/v2.php$path" "$@"
}
# dav METHOD PATH [curl args...]: WebDAV call in the admin's files, prints the HTTP code.
dav() {
  local method="$1" path="$2"; shift 2
  curl --config "$WORK/curlrc" --silent --show-error --output /dev/null --write-out '%{http_code}' \
    -X "$method" "$DAV/$path" "$@"
}
mkcol() {
  local code; code="$(dav MKCOL "$1")"
  case "$code" in 201|405) ;; *) echo "✗ MKCOL $1 answered $code" >&2; exit 1 ;; esac
}
put() {
  local code; code="$(dav PUT "$1" --upload-file "$2")"
  case "$code" in 201|204) ;; *) echo "✗ PUT $1 answered $code" >&2; exit 1 ;; esac
}

echo "Populating Nextcloud at $NEXTCLOUD_URL with test data (prefix: $PREFIX)..."
ocs GET /cloud/capabilities >/dev/null

created=0

# --- group and users ------------------------------------------------------------
if [ "$(ocs GET "/cloud/groups?search=$GROUP" | jq --arg g "$GROUP" '[.ocs.data.groups[] | select(. == $g)] | length')" = 0 ]; then
  ocs POST /cloud/groups --data-urlencode "groupid=$GROUP" >/dev/null
  created=$((created + 1))
fi
existing_users="$(ocs GET "/cloud/users?search=$PREFIX-user" | jq -r '.ocs.data.users[]')"
for user in "${USERS[@]}"; do
  if ! grep -qxF "$user" <<<"$existing_users"; then
    password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"   # never used: data lives in the admin's files
    ocs POST /cloud/users --data-urlencode "userid=$user" --data-urlencode "password=$password" \
      --data-urlencode "email=$user@example.net" --data-urlencode "groups[]=$GROUP" >/dev/null
    created=$((created + 1))
  fi
done

# --- folders and files ----------------------------------------------------------------
mkcol "$ROOT"
for user in "${USERS[@]}"; do
  folder="$ROOT/$user"
  mkcol "$folder"
  if [ "$(dav PROPFIND "$folder/SHA256SUMS" -H 'Depth: 0')" != 207 ]; then
    printf 'Meeting notes for %s\n' "$user" > "$WORK/meeting-notes.txt"
    printf 'Todo for %s:\n- back up\n- restore\n- verify\n' "$user" > "$WORK/todo.txt"
    head -c "$BLOB_BYTES" /dev/urandom > "$WORK/blob.bin"
    (cd "$WORK" && sha256sum meeting-notes.txt todo.txt blob.bin > SHA256SUMS)
    for file in meeting-notes.txt todo.txt blob.bin SHA256SUMS; do
      put "$folder/$file" "$WORK/$file"
    done
    created=$((created + 4))
  fi
done

# --- shares ------------------------------------------------------------------------------
shares="$(ocs GET "/apps/files_sharing/api/v1/shares" | jq -c '[.ocs.data[] | {path, share_with}]')"
share() { # path shareType shareWith
  if [ "$(jq --arg p "/$1" --arg w "$3" '[.[] | select(.path == $p and .share_with == $w)] | length' <<<"$shares")" = 0 ]; then
    ocs POST /apps/files_sharing/api/v1/shares --data-urlencode "path=/$1" \
      --data-urlencode "shareType=$2" --data-urlencode "shareWith=$3" \
      --data-urlencode "permissions=1" >/dev/null
    created=$((created + 1))
  fi
}
for user in "${USERS[@]}"; do share "$ROOT/$user" 0 "$user"; done
share "$ROOT" 1 "$GROUP"

# --- verify and summarise -------------------------------------------------------------
"$(dirname "$0")/verify-nextcloud-testdata.sh" >/dev/null

echo "✓ Test data created successfully ($created new objects)"
echo "Summary:"
echo "  - ${#USERS[@]} users created, members of $GROUP"
echo "  - ${#USERS[@]} folders with 4 files each ($(( ${#USERS[@]} * 4 )) files)"
echo "  - $(( ${#USERS[@]} + 1 )) shares (one per user, one for the group)"
echo "  - $(( ${#USERS[@]} * BLOB_BYTES / 1024 )) KiB of file data added"
