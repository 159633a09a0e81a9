#!/usr/bin/env bash
# Checks that the 20 test pages are all there (after a restore too).
# Usage: WIKI_URL=... WIKI_TOKEN=... scripts/verify-wiki-testdata.sh
set -euo pipefail
: "${WIKI_URL:?set WIKI_URL}" "${WIKI_TOKEN:?set WIKI_TOKEN}"
count=$(curl -fsS -H "Authorization: Bearer $WIKI_TOKEN" -H 'Content-Type: application/json' \
  -d '{"query": "{ pages { list(tags: [\"certify\"]) { id } } }"}' "$WIKI_URL/graphql" | jq '.data.pages.list | length')
if [ "$count" -ne 20 ]; then
  echo "expected 20 test pages, found $count" >&2
  exit 1
fi
echo "20 test pages present"
