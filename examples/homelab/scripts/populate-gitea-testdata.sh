#!/bin/bash
# scripts/populate-gitea-testdata.sh
#
# Workflow step 5: populate Gitea with test data that has relationships.
#
#   3 users          <prefix>-user1..3
#   1 organisation   <prefix>-org, with repository <prefix>-org/shared
#   4 repositories   one per user + the organisation's; each holds a 1.2 MiB
#                    random file (blob.bin) and SHA256SUMS  (> 1 MiB in total)
#   3 collaborators  every user can write to <prefix>-org/shared
#   6 issues         2 per user repository, opened by *another* user
#   6 comments       one per issue, by the repository owner
#
# Safe to run twice: existing objects are kept, missing ones are created.
# scripts/verify-gitea-testdata.sh checks the same counts after a restore.
#
# Usage:  GITEA_ADMIN_PASSWORD=... scripts/populate-gitea-testdata.sh
# Env:    GITEA_URL             (default http://172.16.10.60:3000)
#         GITEA_ADMIN_USER      (default gitea-admin, see roles/gitea_api)
#         GITEA_ADMIN_PASSWORD  (required; vault_gitea_admin_password)
#         TESTDATA_PREFIX       (default certify)
# Needs:  curl, jq, base64, sha256sum

set -euo pipefail

GITEA_URL="${GITEA_URL:-http://172.16.10.60:3000}"
GITEA_ADMIN_USER="${GITEA_ADMIN_USER:-gitea-admin}"
: "${GITEA_ADMIN_PASSWORD:?set GITEA_ADMIN_PASSWORD (vault_gitea_admin_password)}"
PREFIX="${TESTDATA_PREFIX:-certify}"

USERS=("${PREFIX}-user1" "${PREFIX}-user2" "${PREFIX}-user3")
ORG="${PREFIX}-org"
ORG_REPO="shared"
BLOB_BYTES=$((1200 * 1024))

for tool in curl jq base64 sha256sum; do
  command -v "$tool" >/dev/null || { echo "✗ $tool is required" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Credentials go through a curl config file, not the command line.
umask 077
esc() { local s="${1//\\/\\\\}"; printf '%s' "${s//\"/\\\"}"; }
printf 'user = "%s:%s"\n' "$(esc "$GITEA_ADMIN_USER")" "$(esc "$GITEA_ADMIN_PASSWORD")" > "$WORK/curlrc"

# api METHOD PATH [curl args...]: call the Gitea API as the administrator.
api() {
  local method="$1" path="$2"; shift 2
  curl --config "$WORK/curlrc" --silent --show-error --fail-with-body \
    -H 'Content-Type: application/json' -H 'Accept: application/json' \
    -X "$method" "$GITEA_URL/api/v1$path" "$@"
}
# exists PATH: true when GET PATH answers 200.
exists() {
  local code
  code="$(curl --config "$WORK/curlrc" --silent --output /dev/null --write-out '%{http_code}' \
    "$GITEA_URL/api/v1$1")"
  [ "$code" = 200 ]
}

echo "Populating Gitea at $GITEA_URL with test data (prefix: $PREFIX)..."
api GET /version >/dev/null

created=0

# --- users ----------------------------------------------------------------
for user in "${USERS[@]}"; do
  if ! exists "/users/$user"; then
    password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"   # never used: we act via Sudo
    jq -n --arg u "$user" --arg e "$user@example.net" --arg p "$password" \
      '{username: $u, email: $e, password: $p, must_change_password: false}' \
      | api POST /admin/users --data-binary @- >/dev/null
    created=$((created + 1))
  fi
done

# --- organisation ------------------------------------------------------------
if ! exists "/orgs/$ORG"; then
  jq -n --arg o "$ORG" '{username: $o, visibility: "public", description: "Certify test organisation"}' \
    | api POST /orgs --data-binary @- >/dev/null
  created=$((created + 1))
fi

# --- repositories ------------------------------------------------------------
repo_body() {
  jq -n --arg n "$1" '{name: $n, description: "Certify test data", auto_init: true,
    default_branch: "main", private: false}'
}
REPOS=()
for user in "${USERS[@]}"; do
  repo="${user}/notes"
  if ! exists "/repos/$repo"; then
    repo_body notes | api POST "/admin/users/$user/repos" --data-binary @- >/dev/null
    created=$((created + 1))
  fi
  REPOS+=("$repo")
done
if ! exists "/repos/$ORG/$ORG_REPO"; then
  repo_body "$ORG_REPO" | api POST "/orgs/$ORG/repos" --data-binary @- >/dev/null
  created=$((created + 1))
fi
REPOS+=("$ORG/$ORG_REPO")

# --- collaborators: every user may write to the organisation's repository ---
for user in "${USERS[@]}"; do
  api PUT "/repos/$ORG/$ORG_REPO/collaborators/$user" --data '{"permission": "write"}' >/dev/null
done

# --- files: 1.2 MiB of random data + its checksum in every repository -------
for repo in "${REPOS[@]}"; do
  if ! exists "/repos/$repo/contents/blob.bin?ref=main"; then
    head -c "$BLOB_BYTES" /dev/urandom > "$WORK/blob.bin"
    (cd "$WORK" && sha256sum blob.bin > SHA256SUMS)
    for file in blob.bin SHA256SUMS; do
      base64 -w0 "$WORK/$file" > "$WORK/$file.b64"
      jq -n --rawfile c "$WORK/$file.b64" --arg m "Add $file (Certify test data)" \
        '{content: $c, message: $m, branch: "main"}' > "$WORK/body.json"
      api POST "/repos/$repo/contents/$file" --data-binary "@$WORK/body.json" >/dev/null
    done
    created=$((created + 2))
  fi
done

# --- issues (opened by the next user) and comments (by the owner) -----------
for i in "${!USERS[@]}"; do
  owner="${USERS[$i]}"
  reporter="${USERS[$(((i + 1) % ${#USERS[@]}))]}"
  repo="$owner/notes"
  titles="$(api GET "/repos/$repo/issues?state=all&type=issues&limit=50" | jq -r '.[].title')"
  for n in 1 2; do
    title="Test issue $n from $reporter"
    if ! grep -qxF "$title" <<<"$titles"; then
      index="$(jq -n --arg t "$title" --arg b "Created by populate-gitea-testdata.sh for $owner." \
          '{title: $t, body: $b}' \
        | api POST "/repos/$repo/issues" -H "Sudo: $reporter" --data-binary @- | jq -r '.number')"
      jq -n --arg b "Acknowledged by $owner." '{body: $b}' \
        | api POST "/repos/$repo/issues/$index/comments" -H "Sudo: $owner" --data-binary @- >/dev/null
      created=$((created + 2))
    fi
  done
done

# --- verify and summarise ------------------------------------------------------
"$(dirname "$0")/verify-gitea-testdata.sh" >/dev/null

echo "✓ Test data created successfully ($created new objects)"
echo "Summary:"
echo "  - ${#USERS[@]} users created (${USERS[*]})"
echo "  - 1 organisation with ${#USERS[@]} collaborators on $ORG/$ORG_REPO"
echo "  - ${#REPOS[@]} repositories, each with blob.bin + SHA256SUMS"
echo "  - 6 issues with 6 comments"
echo "  - $(( ${#REPOS[@]} * BLOB_BYTES / 1024 )) KiB of file data added"
