#!/usr/bin/env bash
# The project's main job (README): on a fresh Debian 12 machine, as root — installs the npm
# dependencies and the lab's Debian packages, builds, brings up the local Proxmox-shaped lab
# (docs/lab.md), and certifies the example repo's `notes` service through all nine steps with
# `certify run`: deploy through the lab's Proxmox API, external probes from the vantage host,
# delete and recreate with Ansible's own idempotence results, the backup plan, test data,
# backups validated on the node, the wipe behind its guard, the restore verified against the
# test data, then the completion report. The lab is taken down at the end (CERTIFY_KEEP_LAB=1
# keeps it running to look around).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
certify() { node "$ROOT/dist/cli.js" "$@"; }

bash scripts/setup.sh --lab
npm run --silent build

finish() {
  status=$?
  if [ "${CERTIFY_KEEP_LAB:-0}" = 1 ]; then
    printf '\nThe lab keeps running: certify lab status | env | down (node dist/cli.js lab …).\n'
  else
    printf '\n==> certify lab down\n'
    certify lab down || status=1
  fi
  exit "$status"
}
trap finish EXIT

printf '\n==> certify lab up\n'
certify lab up --repo examples/homelab
eval "$(certify lab env)"
cd examples/homelab

# Each run starts from a clean record: the main job shows a whole certification.
rm -rf .certify/notes

printf '\n==> certify run notes --all (the nine steps, against the lab)\n'
started=$SECONDS
certify run notes --all --yes --attest attestations/notes.yml
printf '==> certified in %ss; transcripts and reports in examples/homelab/.certify/notes/\n' "$((SECONDS - started))"
