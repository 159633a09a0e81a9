#!/bin/bash
# scripts/verify-gitea-testdata.sh
#
# Workflow steps 5 and 9: check that the data created by
# populate-gitea-testdata.sh is all there — the same counts, and every
# blob.bin still matching the SHA256SUMS committed next to it.
# Exit 0 when everything matches, 1 otherwise.
#
# Usage:  GITEA_ADMIN_PASSWORD=... scripts/verify-gitea-testdata.sh
# Env:    GITEA_URL, GITEA_ADMIN_USER, GITEA_ADMIN_PASSWORD, TESTDATA_PREFIX
#         (same as populate-gitea-testdata.sh)
# Needs:  curl, jq, sha256sum

set -euo pipefail

GITEA_URL="${GITEA_URL:-http://172.16.10.60:3000}"
GITEA_ADMIN_USER="${GITEA_ADMIN_USER:-gitea-admin}"
: "${GITEA_ADMIN_PASSWORD:?set GITEA_ADMIN_PASSWORD (vault_gitea_admin_password)}"
PREFIX="${TESTDATA_PREFIX:-certify}"

USERS=("${PREFIX}-user1" "${PREFIX}-user2" "${PREFIX}-user3")
ORG="${PREFIX}-org"
ORG_REPO="shared"

# Expected counts (see populate-gitea-testdata.sh).
declare -A EXPECTED=([users]=3 [organisations]=1 [repositories]=4 [collaborators]=3
  [issues]=6 [comments]=6 [files_intact]=4)

for tool in curl jq sha256sum; do
  command -v "$tool" >/dev/null || { echo "✗ $tool is required" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
umask 077
esc() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }
printf 'user = "%s:%s"\n' "$(esc "$GITEA_ADMIN_USER")" "$(esc "$GITEA_ADMIN_PASSWORD")" > "$WORK/curlrc"

api() {
  curl --config "$WORK/curlrc" --silent --show-error --fail-with-body \
    -H 'Accept: application/json' "$GITEA_URL/api/v1$1"
}
# get PATH: body on 200, nothing otherwise (a missing object counts as 0).
get() { api "$1" 2>/dev/null || true; }

echo "Verifying Gitea test data at $GITEA_URL (prefix: $PREFIX)..."

declare -A FOUND=([users]=0 [organisations]=0 [repositories]=0 [collaborators]=0
  [issues]=0 [comments]=0 [files_intact]=0)

FOUND[users]="$(get "/admin/users?limit=50" \
  | jq --arg p "$PREFIX-user" '[.[]? | select(.login | startswith($p))] | length')"
[ -n "$(get "/orgs/$ORG")" ] && FOUND[organisations]=1

REPOS=()
for user in "${USERS[@]}"; do REPOS+=("$user/notes"); done
REPOS+=("$ORG/$ORG_REPO")

for repo in "${REPOS[@]}"; do
  [ -n "$(get "/repos/$repo")" ] || continue
  FOUND[repositories]=$((FOUND[repositories] + 1))

  get "/repos/$repo/raw/blob.bin?ref=main" > "$WORK/blob.bin"
  get "/repos/$repo/raw/SHA256SUMS?ref=main" > "$WORK/SHA256SUMS"
  if [ -s "$WORK/blob.bin" ] && (cd "$WORK" && sha256sum --check --quiet SHA256SUMS >/dev/null 2>&1); then
    FOUND[files_intact]=$((FOUND[files_intact] + 1))
  fi
done

FOUND[collaborators]="$(get "/repos/$ORG/$ORG_REPO/collaborators" \
  | jq --arg p "$PREFIX-user" '[.[]? | select(.login | startswith($p))] | length')"

for user in "${USERS[@]}"; do
  issues="$(get "/repos/$user/notes/issues?state=all&type=issues&limit=50" | jq '[.[]?] | length')"
  comments="$(get "/repos/$user/notes/issues/comments?limit=50" | jq '[.[]?] | length')"
  FOUND[issues]=$((FOUND[issues] + ${issues:-0}))
  FOUND[comments]=$((FOUND[comments] + ${comments:-0}))
done

status=0
printf '  %-14s %8s %8s\n' "data" "expected" "found"
for key in users organisations repositories collaborators issues comments files_intact; do
  mark="✓"
  if [ "${FOUND[$key]:-0}" != "${EXPECTED[$key]}" ]; then mark="✗"; status=1; fi
  printf '%s %-14s %8s %8s\n' "$mark" "$key" "${EXPECTED[$key]}" "${FOUND[$key]:-0}"
done

if [ "$status" -eq 0 ]; then
  echo "✓ Gitea test data verified"
else
  echo "✗ Gitea test data does not match" >&2
fi
exit "$status"
