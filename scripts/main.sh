#!/usr/bin/env bash
# The project's main job (README): installs the npm dependencies if needed, builds, and lists
# the services of the example repo with the certify CLI.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

bash scripts/setup.sh --npm-only
npm run --silent build
cd examples/homelab
node "$ROOT/dist/cli.js" list
