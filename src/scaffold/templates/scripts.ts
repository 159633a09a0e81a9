// scripts/populate-<name>-testdata.sh and scripts/verify-<name>-testdata.sh: the workflow's
// test data script template (Step 5), in the example scripts' style. Every part the scaffold
// cannot know is a TODO that stops the script, so an unfinished script never passes a step.

import { fileText, REDIS_RDB_PATH, type TemplateInput } from './input';

function header(input: TemplateInput): { url: string; lines: string[] } {
  const { names, request } = input;
  const url = `${names.env}_URL`;
  return {
    url,
    lines: [
      'set -euo pipefail',
      '',
      `${url}="\${${url}:-http://${request.ipAddress}:${request.port}}"`,
      'PREFIX="${TESTDATA_PREFIX:-certify}"',
    ],
  };
}

const TOOLS_AND_TODO = [
  'for tool in curl; do',
  '  command -v "$tool" >/dev/null || { echo "✗ $tool is required" >&2; exit 2; }',
  'done',
  '',
  '# todo WHAT: stops the script until that part is written (remove each call as you go).',
  'todo() { echo "✗ TODO in $0: $1" >&2; exit 3; }',
];

/** Where this kind of data is reached from the controller, as a starting point for the TODO. */
function dataHint(input: TemplateInput): string[] {
  const { names, request, postgres, paths } = input;
  switch (request.backupType) {
    case 'postgresql':
      return [
        `# The data lives in database ${names.token} on the ${postgres?.name ?? 'PostgreSQL'} server${postgres ? ` (container ${postgres.containerId})` : ''}; through`,
        `# the service's API is best, or SQL over SSH, e.g.:`,
        `#   ssh root@<${postgres?.host ?? 'postgresql_container'} address> "runuser -u postgres -- psql -d ${names.token} -v ON_ERROR_STOP=1" < testdata.sql`,
      ];
    case 'redis':
      return [
        `# The data lives in Redis in container ${request.containerId} (snapshot ${REDIS_RDB_PATH}); through the`,
        "# service's API is best, or redis-cli over SSH, e.g.:",
        `#   ssh root@${request.ipAddress} redis-cli SET "$PREFIX:user:1" "..."`,
      ];
    case 'files':
      return [
        `# The data lives in ${paths.data} in container ${request.containerId}; through the service's API is`,
        '# best, or files over SSH, e.g. 1.2 MiB of random data with its checksum:',
        '#   head -c "$BLOB_BYTES" /dev/urandom | ssh root@' + request.ipAddress + ` "cat > ${paths.data}/$PREFIX-blob.bin"`,
      ];
    case 'none':
      return ["# The service keeps no data of its own: create what its API offers, if anything."];
  }
}

export function populateScript(input: TemplateInput): string {
  const { names } = input;
  const { url, lines } = header(input);
  return fileText([
    '#!/bin/bash',
    `# ${names.files.populate}`,
    '#',
    `# Workflow step 5: populate ${names.display} with test data that has relationships.`,
    '# Scaffolded by Certify: replace every TODO. Until then the script stops with an error, so',
    '# Step 5 cannot pass on an empty service.',
    '#',
    '# What the workflow asks of test data:',
    '#   - at least 3 different types of data, with relationships between them',
    `#   - counts that ${names.files.verify} checks (after a restore too)`,
    '#   - more than 1 MiB in total, to exercise backup and restore',
    '# Safe to run twice: keep existing objects, create only the missing ones.',
    '#',
    `# Usage:  ${names.files.populate}`,
    `# Env:    ${url.padEnd(18)}(default http://${input.request.ipAddress}:${input.request.port})`,
    `#         ${'TESTDATA_PREFIX'.padEnd(18)}(default certify)`,
    '# Needs:  curl',
    '',
    ...lines,
    'BLOB_BYTES=$((1200 * 1024))',
    '',
    ...TOOLS_AND_TODO,
    '',
    `echo "Populating ${names.display} at $${url} with test data (prefix: $PREFIX)..."`,
    `curl --silent --show-error --fail --output /dev/null "$${url}/"`,
    '',
    'created=0',
    '',
    '# --- test data -------------------------------------------------------------------',
    '# TODO: create at least 3 kinds of objects that refer to each other (users, and records',
    '# or files they own), named "$PREFIX-…", skipping those that exist; count each one created:',
    '#   created=$((created + 1))',
    ...dataHint(input),
    'todo "create the test data"',
    '',
    '# --- verify and summarise --------------------------------------------------------',
    `"$(dirname "$0")/verify-${names.name}-testdata.sh" >/dev/null`,
    '',
    'echo "✓ Test data created successfully ($created new objects)"',
    'echo "Summary:"',
    '# TODO: the real counts and sizes.',
    'echo "  - <count> users created"',
    'echo "  - <count> records created"',
    'echo "  - $((BLOB_BYTES / 1024)) KiB of data added"',
  ]);
}

export function verifyScript(input: TemplateInput): string {
  const { names } = input;
  const { url, lines } = header(input);
  return fileText([
    '#!/bin/bash',
    `# ${names.files.verify}`,
    '#',
    `# Workflow steps 5 and 9: check that the data created by populate-${names.name}-testdata.sh`,
    '# is all there, with the same counts (after the restore too).',
    '# Exit 0 when everything matches, 1 otherwise.',
    '# Scaffolded by Certify: replace every TODO.',
    '#',
    `# Usage:  ${names.files.verify}`,
    `# Env:    ${url}, TESTDATA_PREFIX (same as populate-${names.name}-testdata.sh)`,
    '# Needs:  curl',
    '',
    ...lines,
    '',
    `# Expected counts (see populate-${names.name}-testdata.sh). TODO: one entry per kind of data.`,
    'declare -A EXPECTED=([users]=3 [records]=6 [files_intact]=3)',
    '',
    ...TOOLS_AND_TODO,
    '',
    `echo "Verifying ${names.display} test data at $${url} (prefix: $PREFIX)..."`,
    '',
    'declare -A FOUND=([users]=0 [records]=0 [files_intact]=0)',
    '',
    '# TODO: count what populate created (a missing object counts as 0), e.g.',
    `#   FOUND[users]="$(curl --silent --fail "$${url}/api/users?search=$PREFIX" | jq length)"`,
    ...dataHint(input),
    'todo "count the test data"',
    '',
    'status=0',
    `printf '  %-14s %8s %8s\\n' "data" "expected" "found"`,
    'for key in $(printf \'%s\\n\' "${!EXPECTED[@]}" | sort); do',
    '  mark="✓"',
    '  if [ "${FOUND[$key]:-0}" != "${EXPECTED[$key]}" ]; then mark="✗"; status=1; fi',
    `  printf '%s %-14s %8s %8s\\n' "$mark" "$key" "\${EXPECTED[$key]}" "\${FOUND[$key]:-0}"`,
    'done',
    '',
    'if [ "$status" -eq 0 ]; then',
    `  echo "✓ ${names.display} test data verified"`,
    'else',
    `  echo "✗ ${names.display} test data does not match" >&2`,
    'fi',
    'exit "$status"',
  ]);
}
