#!/bin/bash
# scripts/verify-notes-testdata.sh
#
# Workflow steps 5 and 9: check the notes service's data over its HTTPS API and
# print its fingerprint.
#
# Checks: the counts populate-notes-testdata.sh creates are all there (for the
# prefix), every note_tags link resolves to a note and a tag, every attachment
# belongs to a note, and every attachment's bytes (downloaded) match the size
# and sha256 recorded for it.
#
# Output: human lines, then ONE JSON object on the last line of stdout:
#   {"notes":{"count":N,"bytes":N,"sha256":"…"},"tags":{…},"note_tags":{…},"attachments":{…}}
# per kind over ALL the service's data (not only the prefix's):
#   count   rows;
#   bytes   notes, tags, note_tags: bytes of the canonical lines digested;
#           attachments: bytes of the files themselves;
#   sha256  of the kind's canonical lines (JSON, one per row, LC_ALL=C sorted, ids
#           replaced by titles and names), so the digest does not depend on order
#           or on database ids: a restore must reproduce it exactly.
# Exit 0 when everything is there and consistent, 1 otherwise (2: a tool is missing).
#
# Usage:  scripts/verify-notes-testdata.sh            (from the repository root)
# Env:    NOTES_URL, TESTDATA_PREFIX, CURL_CA_BUNDLE / SSL_CERT_FILE (as populate)
# Needs:  curl, jq, sha256sum, sort

set -euo pipefail

NOTES_URL="${NOTES_URL:-https://notes.example.net}"
PREFIX="${TESTDATA_PREFIX:-certify}"

# Expected counts for the prefix (see populate-notes-testdata.sh).
declare -A EXPECTED=([tags]=20 [notes]=200 [note_tags]=400 [attachments]=30)

for tool in curl jq sha256sum sort; do
  command -v "$tool" >/dev/null || { echo "✗ $tool is required" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

CA_ARGS=()
if [ -z "${CURL_CA_BUNDLE:-}" ] && [ -n "${SSL_CERT_FILE:-}" ]; then CA_ARGS=(--cacert "$SSL_CERT_FILE"); fi
api() { curl --silent --show-error --fail-with-body "${CA_ARGS[@]}" -H 'Accept: application/json' "$NOTES_URL$1"; }

echo "Verifying notes test data at $NOTES_URL (prefix: $PREFIX)..."
for kind in notes tags note_tags attachments; do
  if ! api "/api/$kind" > "$WORK/$kind.json"; then
    echo "✗ could not read /api/$kind" >&2
    exit 1
  fi
done

status=0
fail() { echo "✗ $*"; status=1; }

# --- counts for the prefix ----------------------------------------------------------
declare -A FOUND
FOUND[tags]="$(jq --arg p "$PREFIX-tag-" '[.[] | select(.name | startswith($p))] | length' "$WORK/tags.json")"
FOUND[notes]="$(jq --arg p "$PREFIX note " '[.[] | select(.title | startswith($p))] | length' "$WORK/notes.json")"
FOUND[note_tags]="$(jq --arg p "$PREFIX note " --slurpfile notes "$WORK/notes.json" \
  '($notes[0] | map(select(.title | startswith($p)) | .id)) as $ids | [.[] | select(.note_id as $n | $ids | index($n))] | length' \
  "$WORK/note_tags.json")"
FOUND[attachments]="$(jq --arg p "$PREFIX note " --slurpfile notes "$WORK/notes.json" \
  '($notes[0] | map(select(.title | startswith($p)) | .id)) as $ids | [.[] | select(.note_id as $n | $ids | index($n))] | length' \
  "$WORK/attachments.json")"
printf '  %-12s %8s %8s\n' "data" "expected" "found"
for kind in tags notes note_tags attachments; do
  mark="✓"
  if [ "${FOUND[$kind]}" != "${EXPECTED[$kind]}" ]; then mark="✗"; status=1; fi
  printf '%s %-12s %8s %8s\n' "$mark" "$kind" "${EXPECTED[$kind]}" "${FOUND[$kind]}"
done

# --- every reference resolves ----------------------------------------------------------
dangling_links="$(jq --slurpfile notes "$WORK/notes.json" --slurpfile tags "$WORK/tags.json" \
  '($notes[0] | map(.id)) as $n | ($tags[0] | map(.id)) as $t
   | [.[] | select((.note_id as $x | $n | index($x)) == null or (.tag_id as $x | $t | index($x)) == null)] | length' \
  "$WORK/note_tags.json")"
[ "$dangling_links" = 0 ] && echo "✓ every note_tags link resolves" || fail "$dangling_links note_tags links point to a missing note or tag"
orphans="$(jq --slurpfile notes "$WORK/notes.json" \
  '($notes[0] | map(.id)) as $n | [.[] | select((.note_id as $x | $n | index($x)) == null)] | length' \
  "$WORK/attachments.json")"
[ "$orphans" = 0 ] && echo "✓ every attachment belongs to a note" || fail "$orphans attachments belong to no note"

# --- every attachment's bytes match what was recorded ------------------------------
# All downloads by one curl over four kept-alive connections (a group of options per file,
# `next` before each), then each file's size and sha256 against its row.
mkdir "$WORK/content"
jq -r --arg url "$NOTES_URL" --arg ca "${CA_ARGS[1]:-}" --arg dir "$WORK/content" '
  def config_string: "\"" + (gsub("\\\\"; "\\\\") | gsub("\""; "\\\"")) + "\"";
  .[] | "next\nfail\n" + (if $ca == "" then "" else "cacert = \($ca | config_string)\n" end)
    + "url = \("\($url)/api/attachments/\(.id)/content" | config_string)\noutput = \("\($dir)/\(.id)" | config_string)\n"' \
  "$WORK/attachments.json" > "$WORK/content.curl"
# A download that fails leaves its file missing or short, which the checks below report.
[ -s "$WORK/content.curl" ] && { curl --no-progress-meter --parallel --parallel-max 4 --config "$WORK/content.curl" 2>/dev/null || true; }
declare -A SIZE SHA
if compgen -G "$WORK/content/*" >/dev/null; then
  while read -r id size; do SIZE[$id]="$size"; done < <(cd "$WORK/content" && stat -c '%n %s' -- *)
  while read -r sha id; do SHA[$id]="$sha"; done < <(cd "$WORK/content" && sha256sum -- *)
fi
bad=0
attachment_bytes=0
while IFS=$'\t' read -r id size sha; do
  if [ "${SIZE[$id]:-}" = "$size" ] && [ "${SHA[$id]:-}" = "$sha" ]; then
    attachment_bytes=$((attachment_bytes + size))
  else
    bad=$((bad + 1))
    echo "✗ attachment $id: its bytes do not match the recorded size $size and sha256 $sha"
  fi
done < <(jq -r '.[] | [.id, .size, .sha256] | @tsv' "$WORK/attachments.json")
[ "$bad" = 0 ] && echo "✓ every attachment's bytes match its sha256" || status=1

# --- fingerprint ----------------------------------------------------------------------
# canonical KIND: one JSON line per row, ids replaced by what they name, sorted bytewise.
canonical() {
  case "$1" in
    notes) jq -c '.[] | {title, body}' "$WORK/notes.json" ;;
    tags) jq -c '.[] | {name}' "$WORK/tags.json" ;;
    note_tags) jq -c --slurpfile notes "$WORK/notes.json" --slurpfile tags "$WORK/tags.json" \
      '($notes[0] | map({key: (.id | tostring), value: .title}) | from_entries) as $n
       | ($tags[0] | map({key: (.id | tostring), value: .name}) | from_entries) as $t
       | .[] | {note: $n[.note_id | tostring], tag: $t[.tag_id | tostring]}' "$WORK/note_tags.json" ;;
    attachments) jq -c --slurpfile notes "$WORK/notes.json" \
      '($notes[0] | map({key: (.id | tostring), value: .title}) | from_entries) as $n
       | .[] | {note: $n[.note_id | tostring], filename, size, sha256}' "$WORK/attachments.json" ;;
  esac | LC_ALL=C sort
}
fingerprint="{}"
for kind in notes tags note_tags attachments; do
  canonical "$kind" > "$WORK/$kind.lines"
  count="$(jq 'length' "$WORK/$kind.json")"
  bytes="$(stat -c %s "$WORK/$kind.lines")"
  [ "$kind" = attachments ] && bytes="$attachment_bytes"
  sha="$(sha256sum "$WORK/$kind.lines" | cut -d' ' -f1)"
  fingerprint="$(jq -c --arg k "$kind" --argjson c "$count" --argjson b "$bytes" --arg s "$sha" \
    '. + {($k): {count: $c, bytes: $b, sha256: $s}}' <<<"$fingerprint")"
done

if [ "$status" -eq 0 ]; then
  echo "✓ notes test data verified"
else
  echo "✗ notes test data is missing or inconsistent" >&2
fi
echo "$fingerprint"
exit "$status"
