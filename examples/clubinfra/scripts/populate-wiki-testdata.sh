#!/usr/bin/env bash
# Creates 20 test pages in the wiki through its GraphQL API.
# Usage: WIKI_URL=https://wiki.riverside-rowing.example.org WIKI_TOKEN=... scripts/populate-wiki-testdata.sh
set -euo pipefail
: "${WIKI_URL:?set WIKI_URL}" "${WIKI_TOKEN:?set WIKI_TOKEN (an API key with write access)}"
for i in $(seq 1 20); do
  query=$(jq -n --arg path "certify-test/page-$i" --arg content "Test page $i" \
    '{query: "mutation($path: String!, $content: String!) { pages { create(content: $content, description: \"\", editor: \"markdown\", isPublished: true, isPrivate: false, locale: \"en\", path: $path, tags: [\"certify\"], title: $path) { responseResult { succeeded } } } }", variables: {path: $path, content: $content}}')
  curl -fsS -H "Authorization: Bearer $WIKI_TOKEN" -H 'Content-Type: application/json' -d "$query" "$WIKI_URL/graphql" >/dev/null
done
echo "created 20 pages under certify-test/"
