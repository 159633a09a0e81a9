#!/bin/bash
# scripts/populate-notes-testdata.sh
#
# Workflow step 5: populate the notes service with related test data, over its
# HTTPS API (the same API a user has; no database access needed):
#
#   20 tags          <prefix>-tag-01..20
#   200 notes        "<prefix> note 001".."200", about 1.5 KB of text each
#   400 note_tags    every note linked to 2 different tags
#   30 attachments   40 KiB of random bytes each, on notes 6, 12, ..., 180
#                    (1.2 MiB of files; with the notes, about 1.5 MB in total)
#
# Safe to run twice: what exists (by tag name, note title, attachment file
# name) is kept, only what is missing is created. Then run
# scripts/verify-notes-testdata.sh (Certify's Step 5 does): its last line is the
# data's fingerprint.
#
# Usage:  scripts/populate-notes-testdata.sh            (from the repository root)
# Env:    NOTES_URL         (default https://notes.example.net)
#         TESTDATA_PREFIX   (default certify)
#         CURL_CA_BUNDLE or SSL_CERT_FILE: the CA that signed the service's
#         certificate when it is not in the system store (never -k).
# Needs:  curl, jq, head, sha256sum

set -euo pipefail

NOTES_URL="${NOTES_URL:-https://notes.example.net}"
PREFIX="${TESTDATA_PREFIX:-certify}"
TAGS=20
NOTES=200
ATTACHMENTS=30
ATTACHMENT_BYTES=$((40 * 1024))

for tool in curl jq head sha256sum; do
  command -v "$tool" >/dev/null || { echo "✗ $tool is required" >&2; exit 2; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# curl honours CURL_CA_BUNDLE itself; SSL_CERT_FILE is passed on explicitly so both
# work whatever TLS library this curl was built with.
CA_ARGS=()
if [ -z "${CURL_CA_BUNDLE:-}" ] && [ -n "${SSL_CERT_FILE:-}" ]; then CA_ARGS=(--cacert "$SSL_CERT_FILE"); fi

# api METHOD PATH [curl args...]: call the notes API, fail on any non-2xx answer.
api() {
  local method="$1" path="$2"; shift 2
  curl --silent --show-error --fail-with-body "${CA_ARGS[@]}" \
    -H 'Accept: application/json' -X "$method" "$NOTES_URL$path" "$@"
}

# Many requests are written as curl config, one group of options per request (`next`
# before each: it resets them, so every group repeats what it needs), and sent by one curl
# over four kept-alive connections: no process and no TLS handshake per request.
# request(url; content type; body, or @file; name): one group; the answer is kept in
# answers/<name>.json.
REQUESTS='
  def config_string: "\"" + (gsub("\\\\"; "\\\\") | gsub("\""; "\\\"")) + "\"";
  def request($url; $type; $data; $name):
    "next\nfail-with-body\n" + (if $ca == "" then "" else "cacert = \($ca | config_string)\n" end)
    + "header = \"Accept: application/json\"\nheader = \("Content-Type: \($type)" | config_string)\n"
    + "url = \($url | config_string)\ndata-binary = \($data | config_string)\n"
    + "output = \("\($work)/answers/\($name).json" | config_string)\n"
    + "write-out = \"%{onerror}✗ %{method} %{url} answered %{http_code}\\n\"\n";
'

# send FILE: the requests in FILE, in any order; stops at the first one the service refuses,
# and prints what the service said.
send() {
  [ -s "$1" ] || return 0
  local code=0
  curl --no-progress-meter --fail-early --parallel --parallel-max 4 --config "$1" >&2 || code=$?
  if [ "$code" -ne 0 ]; then
    grep -h '"error"' "$WORK/answers/"*.json >&2 || true
    exit "$code"
  fi
}

# The data, as jq computes it: tag names, note titles and bodies are deterministic,
# so the rows' fingerprint is the same on every populate (only attachment bytes are random).
DATA_DEFS='
  def tag_name($t): "\($prefix)-tag-\(if $t < 10 then "0" else "" end)\($t)";
  def note_title($i): "\($prefix) note \($i | tostring | if length < 3 then ("00" + .)[-3:] else . end)";
  def note_body($i): [range(1; 13) as $n
    | "Note \($i), paragraph \($n): the quick brown fox checks that backups restore what they took (\($i * 31 + $n * 7))."]
    | join("\n") + "\n";
'
JQ_ARGS=(--arg prefix "$PREFIX" --arg url "$NOTES_URL" --arg ca "${CA_ARGS[1]:-}" --arg work "$WORK")
mkdir "$WORK/answers" "$WORK/uploads"

echo "Populating notes at $NOTES_URL with test data (prefix: $PREFIX)..."
api GET /healthz >/dev/null || { echo "✗ $NOTES_URL/healthz is not healthy" >&2; exit 1; }

api GET /api/tags > "$WORK/tags.json"
api GET /api/notes > "$WORK/notes.json"
api GET /api/attachments > "$WORK/attachments.json"
created=0
# count FILE: how many requests FILE holds.
count() { grep -c '^next$' "$1" || true; }

# --- tags (all of them before the notes that name them) -------------------------
jq -r "${JQ_ARGS[@]}" --argjson tags "$TAGS" "$DATA_DEFS$REQUESTS"'
  (map(.name)) as $have | range(1; $tags + 1) | tag_name(.) | select(. as $n | $have | index($n) | not)
  | request("\($url)/api/tags"; "application/json"; {name: .} | tojson; "tag-\(.)")' \
  "$WORK/tags.json" > "$WORK/tags.curl"
send "$WORK/tags.curl"
created=$((created + $(count "$WORK/tags.curl")))

# --- notes, each with 2 different tags (i mod 20 and 7i+3 mod 20 never meet) ----
jq -r "${JQ_ARGS[@]}" --argjson tags "$TAGS" --argjson notes "$NOTES" "$DATA_DEFS$REQUESTS"'
  (map(.title)) as $have | range(1; $notes + 1) as $i | note_title($i)
  | select(. as $t | $have | index($t) | not)
  | {title: ., body: note_body($i), tags: [tag_name($i % $tags + 1), tag_name((7 * $i + 3) % $tags + 1)]}
  | request("\($url)/api/notes"; "application/json"; tojson; "note-\($i)")' \
  "$WORK/notes.json" > "$WORK/notes.curl"
send "$WORK/notes.curl"
created=$((created + $(count "$WORK/notes.curl")))

# --- attachments: 40 KiB of random bytes on every 6th note ----------------------
# The service's answer to each upload names the checksum it recorded: it must be the sent bytes'.
api GET /api/notes > "$WORK/notes.json"
jq -r "${JQ_ARGS[@]}" --argjson count "$ATTACHMENTS" --slurpfile have "$WORK/attachments.json" "$DATA_DEFS"'
  (map({key: .title, value: .id}) | from_entries) as $ids
  | range(1; $count + 1) as $a
  | [$ids[note_title($a * 6)], "attachment-\(if $a < 10 then "0" else "" end)\($a).bin"]
  | select(.[0] as $n | .[1] as $f | $have[0] | any(.[]; .note_id == $n and .filename == $f) | not)
  | @tsv' "$WORK/notes.json" > "$WORK/uploads.tsv"
while IFS=$'\t' read -r note_id filename; do
  [ "$note_id" != null ] || { echo "✗ the note for $filename is missing" >&2; exit 1; }
  head -c "$ATTACHMENT_BYTES" /dev/urandom > "$WORK/uploads/$filename"
done < "$WORK/uploads.tsv"
jq -R -r "${JQ_ARGS[@]}" "$REQUESTS"'
  split("\t") as [$note, $file]
  | request("\($url)/api/notes/\($note)/attachments?filename=\($file)"; "application/octet-stream";
            "@\($work)/uploads/\($file)"; "attachment-\($file)")' \
  "$WORK/uploads.tsv" > "$WORK/attachments.curl"
send "$WORK/attachments.curl"
created=$((created + $(count "$WORK/attachments.curl")))
if [ -s "$WORK/uploads.tsv" ]; then
  declare -A SENT
  while read -r sha file; do SENT[$file]="$sha"; done < <(cd "$WORK/uploads" && sha256sum -- *)
  while IFS=$'\t' read -r filename sha; do
    [ "$sha" = "${SENT[$filename]:-}" ] \
      || { echo "✗ $filename: the service recorded another checksum than the bytes sent" >&2; exit 1; }
    unset "SENT[$filename]"
  done < <(jq -r '[.filename, .sha256] | @tsv' "$WORK/answers/attachment-"*.json)
  [ "${#SENT[@]}" = 0 ] || { echo "✗ no answer for the upload of ${!SENT[*]}" >&2; exit 1; }
fi

echo "✓ Test data created ($created new objects)"
echo "Summary:"
echo "  - $TAGS tags, $NOTES notes linked to 2 tags each ($((NOTES * 2)) note_tags)"
echo "  - $ATTACHMENTS attachments of $((ATTACHMENT_BYTES / 1024)) KiB ($((ATTACHMENTS * ATTACHMENT_BYTES / 1024)) KiB of files)"
