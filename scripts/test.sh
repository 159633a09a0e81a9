#!/usr/bin/env bash
# The project's test command (README and CI): installs what is missing (scripts/setup.sh),
# builds, then runs the tiers in order (typecheck, unit, lab on real LXC as root, integration
# in a real VS Code, UI against the packaged dist/certify.vsix installed as a user installs
# it) and stops at the first failure. Ends with one line "N passed, N failed" counting the tiers.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

TIERS=(typecheck unit lab integration ui)
passed=0
started=$SECONDS

# Runs one step; on failure prints what to do, the summary, and exits.
#   step NAME COUNTS(tier|prep) HINT COMMAND...
step() {
  local name=$1 kind=$2 hint=$3
  shift 3
  local t0=$SECONDS
  printf '\n==> %s\n' "$name"
  local code=0
  "$@" </dev/null || code=$?
  if [ "$code" -eq 0 ]; then
    printf '==> %s passed (%ss)\n' "$name" "$((SECONDS - t0))"
    if [ "$kind" = tier ]; then passed=$((passed + 1)); fi
    return 0
  fi
  local skipped=$(( ${#TIERS[@]} - passed - 1 ))
  printf '\ntest: %s FAILED (exit %s after %ss): %s\n' "$name" "$code" "$((SECONDS - t0))" "$hint" >&2
  printf '%s passed, 1 failed, %s skipped\n' "$passed" "$skipped"
  exit 1
}

# Runs a command and shows its output only when it fails (vsce lists every file it packs).
quietly() {
  local out code=0
  out=$("$@" 2>&1) || code=$?
  if [ "$code" -ne 0 ]; then printf '%s\n' "$out"; fi
  return "$code"
}

step setup prep "see the setup message above; rerun bash scripts/setup.sh" bash scripts/setup.sh
step build prep "fix the esbuild errors above; rerun npm run build" npm run --silent build
step typecheck tier "fix the TypeScript errors above; rerun npm run typecheck" npm run --silent typecheck
step unit tier "rerun npm run test:unit" node scripts/run-unit-tests.mjs
step lab tier "rerun npm run test:lab as root; each test names what it left (docs/lab.md)" \
  node scripts/run-unit-tests.mjs --serial test/lab
step integration tier "rerun npm run test:integration; logs in test-results/logs/integration" \
  node test/integration/runInCodeServer.mjs
step package prep "fix the vsce error above; rerun npm run package" quietly npm run --silent package
step ui tier "rerun node test/e2e/runUiTests.mjs --vsix dist/certify.vsix; screenshots in test-results/screenshots, logs in test-results/logs/ui" \
  node test/e2e/runUiTests.mjs --vsix dist/certify.vsix

printf '\ntest: all %s tiers passed in %ss\n' "${#TIERS[@]}" "$((SECONDS - started))"
printf '%s passed, 0 failed\n' "$passed"
