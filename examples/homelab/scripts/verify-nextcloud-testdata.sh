#!/bin/bash
# scripts/verify-nextcloud-testdata.sh
#
# Workflow steps 5 and 9: check that the data created by
# populate-nextcloud-testdata.sh is all there — the same counts, group
# memberships and shares, and every file matching its folder's SHA256SUMS.
# Exit 0 when everything matches, 1 otherwise.
#
# Usage:  NEXTCLOUD_ADMIN_PASSWORD=... scripts/verify-nextcloud-testdata.sh
# Env:    NEXTCLOUD_URL, NEXTCLOUD_ADMIN_USER, NEXTCLOUD_ADMIN_PASSWORD,
#         TESTDATA_PREFIX (same as populate-nextcloud-testdata.sh)
# Needs:  curl, jq, sha256sum

set -euo pipefail

NEXTCLOUD_URL="${NEXTCLOUD_URL:-http://172.16.10.61}"
NEXTCLOUD_ADMIN_USER="${NEXTCLOUD_ADMIN_USER:-admin}"
: "${NEXTCLOUD_ADMIN_PASSWORD:?set NEXTCLOUD_ADMIN_PASSWORD (vault_nextcloud_admin_password)}"
PREFIX="${TESTDATA_PREFIX:-certify}"

GROUP="${PREFIX}-team"
USERS=("${PREFIX}-user1" "${PREFIX}-user2" "${PREFIX}-user3")
ROOT="${PREFIX}-data"

# Expected counts (see populate-nextcloud-testdata.sh).
declare -A EXPECTED=([users]=3 [group_members]=3 [folders]=3 [files]=12 [files_intact]=12 [shares]=4)

for tool in curl jq sha256sum; do
  command -v "$tool" >/dev/null || { echo "✗ $tool is required" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
umask 077
esc() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }
printf 'user = "%s:%s"\n' "$(esc "$NEXTCLOUD_ADMIN_USER")" "$(esc "$NEXTCLOUD_ADMIN_PASSWORD")" > "$WORK/curlrc"

DAV="$NEXTCLOUD_URL/remote.php/dav/files/$NEXTCLOUD_ADMIN_USER"

# ocs PATH: OCS GET, JSON on stdout ('{}' when the call fails).
ocs() {
  curl --config "$WORK/curlrc" --silent --fail -H 'OCS-APIRequest: true' \
    -H 'Accept: application/json' "$NEXTCLOUD_URL/ocs/v2.php$1" || echo '{}'
}
# propfind PATH: names of the files directly inside a folder.
propfind() {
  curl --config "$WORK/curlrc" --silent --fail -X PROPFIND -H 'Depth: 1' "$DAV/$1/" \
    | grep -o '<d:href>[^<]*</d:href>' | sed -e 's|<d:href>||' -e 's|</d:href>||' \
    | grep -v '/$' | sed 's|.*/||' || true
}

echo "Verifying Nextcloud test data at $NEXTCLOUD_URL (prefix: $PREFIX)..."

declare -A FOUND=([users]=0 [group_members]=0 [folders]=0 [files]=0 [files_intact]=0 [shares]=0)

FOUND[users]="$(ocs "/cloud/users?search=$PREFIX-user" \
  | jq --arg p "$PREFIX-user" '[.ocs.data.users[]? | select(startswith($p))] | length')"
FOUND[group_members]="$(ocs "/cloud/groups/$GROUP/users" | jq '[.ocs.data.users[]?] | length')"

for user in "${USERS[@]}"; do
  folder="$ROOT/$user"
  names="$(propfind "$folder")"
  [ -n "$names" ] || continue
  FOUND[folders]=$((FOUND[folders] + 1))
  FOUND[files]=$((FOUND[files] + $(grep -c . <<<"$names")))

  rm -rf "$WORK/files" && mkdir "$WORK/files"
  for name in $names; do
    curl --config "$WORK/curlrc" --silent --fail --output "$WORK/files/$name" "$DAV/$folder/$name" || true
  done
  if [ -f "$WORK/files/SHA256SUMS" ]; then
    intact="$(cd "$WORK/files" && sha256sum --check SHA256SUMS 2>/dev/null | grep -c ': OK$' || true)"
    # SHA256SUMS itself counts as intact when every file it lists is.
    listed="$(grep -c . "$WORK/files/SHA256SUMS")"
    [ "$intact" = "$listed" ] && intact=$((intact + 1))
    FOUND[files_intact]=$((FOUND[files_intact] + intact))
  fi
done

FOUND[shares]="$(ocs "/apps/files_sharing/api/v1/shares" \
  | jq --arg r "/$ROOT" '[.ocs.data[]? | select(.path == $r or (.path | startswith($r + "/")))] | length')"

status=0
printf '  %-14s %8s %8s\n' "data" "expected" "found"
for key in users group_members folders files files_intact shares; do
  mark="✓"
  if [ "${FOUND[$key]:-0}" != "${EXPECTED[$key]}" ]; then mark="✗"; status=1; fi
  printf '%s %-14s %8s %8s\n' "$mark" "$key" "${EXPECTED[$key]}" "${FOUND[$key]:-0}"
done

if [ "$status" -eq 0 ]; then
  echo "✓ Nextcloud test data verified"
else
  echo "✗ Nextcloud test data does not match" >&2
fi
exit "$status"
