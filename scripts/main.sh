#!/usr/bin/env bash
# The project's main job (README): on a fresh Debian 12 machine, as root — installs the npm
# dependencies and the lab's Debian packages, builds, brings up the local Proxmox-shaped lab
# (docs/lab.md), deploys the example repo's `notes` service into it with the repo's own
# playbook (container created through the lab's Proxmox API), checks it from the lab's
# vantage host over HTTPS, and lists the repo's services with the certify CLI.
# The lab keeps running afterwards, to try things by hand; `node dist/cli.js lab down` removes it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
certify() { node "$ROOT/dist/cli.js" "$@"; }

bash scripts/setup.sh --lab
npm run --silent build

printf '\n==> certify lab up\n'
certify lab up --repo examples/homelab
eval "$(certify lab env)"
cd examples/homelab

printf '\n==> deploy notes (container 165) with ansible-playbook inside the lab\n'
started=$SECONDS
eval "$CERTIFY_LAB_RUN ansible-playbook -e @\"\$CERTIFY_LAB_EXTRA_VARS\" playbooks/notes-deploy.yml"
printf '==> deployed in %ss\n' "$((SECONDS - started))"

printf '\n==> the node: pct list (over ssh, as on a Proxmox host)\n'
ssh -F "$CERTIFY_LAB_SSH_CONFIG" -p "$CERTIFY_LAB_SSH_PORT" "root@$CERTIFY_LAB_SSH_HOST" pct list

printf '\n==> from the vantage host: https://notes.example.net/healthz (lab DNS, lab CA)\n'
ip netns exec "$CERTIFY_LAB_NETNS" ssh -F "$CERTIFY_LAB_SSH_CONFIG" "$CERTIFY_LAB_VANTAGE" \
  "curl -sS --fail --cacert '$CERTIFY_LAB_CA' -w '\n%{http_code} from %{remote_ip}\n' https://notes.example.net/healthz"

printf '\n==> certify list\n'
certify list

printf '\nThe lab keeps running: certify lab status | env | down (node dist/cli.js lab …).\n'
