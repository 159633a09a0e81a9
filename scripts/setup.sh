#!/usr/bin/env bash
# Installs everything Certify's build and tests need on a fresh Debian 12 machine (as root):
# Debian packages, the npm dependencies, and code-server for the tests in a real VS Code.
# Idempotent: every step checks first and skips what is already in place.
#
# Usage: scripts/setup.sh [--npm-only | --lab]
#   --npm-only   only the npm dependencies (enough to build and run the CLI)
#   --lab        the npm dependencies and the lab's Debian packages (enough for `certify lab up`)
# Environment: CERTIFY_CACHE (default ~/.cache/certify) holds code-server, outside the repo.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian packages, in one place: what builds code-server's native modules (compilers and
# headers, ripgrep to seed its download) and runs the browser tests (chromium).
APT_PACKAGES=(chromium libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev ripgrep
  g++ make python3 pkg-config)
# The lab (docs/lab.md) and its tests: real LXC, the node's and the vantage host's sshd,
# dnsmasq for the lab's resolvers, Ansible with its Proxmox module and proxmoxer, and what
# the example service runs inside its container (containers see the host's packages).
# Installed without recommends: `ansible`'s recommends alone are hundreds of MiB.
LAB_PACKAGES=(lxc attr zstd iproute2 openssl curl jq openssh-server openssh-client dnsmasq-base bind9-dnsutils
  ansible python3-proxmoxer python3-requests python3-psycopg2 python3-yaml postgresql)

# Keep in step with test/integration/codeServer.mjs, which starts it from the same place.
CODE_SERVER_VERSION=4.100.3
CACHE=${CERTIFY_CACHE:-$HOME/.cache/certify}
CODE_SERVER_DIR=$CACHE/code-server-$CODE_SERVER_VERSION
# @vscode/ripgrep, pulled in by code-server, downloads rg from GitHub in its postinstall.
# We seed its download cache with Debian's rg instead (these must match what it asks for).
VSCODE_RIPGREP_VERSION=1.15.11
RIPGREP_RELEASE=v13.0.0-10

say() { printf '==> setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }
on_exit() {
  local code=$?
  [ $code -eq 0 ] || printf 'setup: FAILED (exit %s); see the message above, fix it and run scripts/setup.sh again\n' "$code" >&2
}
trap on_exit EXIT

npm_only=false
lab_only=false
for arg in "$@"; do
  case $arg in
    --npm-only) npm_only=true ;;
    --lab) lab_only=true ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg' (known: --npm-only, --lab)" ;;
  esac
done

# Prints the packages among "$@" that are not installed.
missing_packages() {
  local installed
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null \
    | awk '$2=="install" && $3=="ok" && $4=="installed" {print $1}' || true)
  local pkg
  for pkg in "$@"; do
    grep -qxF "$pkg" <<<"$installed" || printf '%s\n' "$pkg"
  done
}

# apt-get update with DPkg::Lock::Timeout still fails at once when another apt holds the
# package lists' lock, so wait for that lock (up to 10 minutes); fail on anything else.
apt_update() {
  local log attempt
  log=$(mktemp)
  for attempt in $(seq 1 40); do
    if "$@" update -q 2>&1 | tee "$log"; then rm -f "$log"; return 0; fi
    grep -q 'Could not get lock' "$log" || break
    say "apt-get update: another apt holds the lock; waiting (try $attempt of 40)"
    sleep 15
  done
  rm -f "$log"
  die "apt-get update failed; check the network to Debian's mirrors and run again"
}

#   install_apt_packages [apt-get install options…] -- PACKAGES…
install_apt_packages() {
  local options=()
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  shift
  local packages=("$@") missing
  missing=$(missing_packages "${packages[@]}")
  if [ -z "$missing" ]; then
    say "Debian packages: all installed"
    return
  fi
  [ "$(id -u)" -eq 0 ] || die "Debian packages missing ($(echo $missing)); run scripts/setup.sh as root or install them with apt-get"
  command -v apt-get >/dev/null || die "no apt-get: this script expects Debian 12; install by hand: $(echo $missing)"
  say "Debian packages: installing $(echo $missing)"
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  apt_update "${apt[@]}"
  "${apt[@]}" install -y -q "${options[@]}" "${packages[@]}" \
    || die "apt-get install ${packages[*]} failed; see apt's message above"
  missing=$(missing_packages "${packages[@]}")
  [ -z "$missing" ] || die "still not installed after apt-get: $(echo $missing)"
}

# npm ci wipes node_modules, so run it only when needed: node_modules missing, or npm's own
# record of the last install (node_modules/.package-lock.json) missing or older than the
# lockfile (a pull, or an `npm install` that changed it). A failed `npm ci` leaves no record,
# so the next run retries.
install_npm_dependencies() {
  command -v node >/dev/null || die "node is not installed; install Node.js 20 first"
  command -v npm >/dev/null || die "npm is not installed; install Node.js 20 with npm first"
  local record=$ROOT/node_modules/.package-lock.json
  local reason=""
  if [ ! -d "$ROOT/node_modules" ]; then reason="node_modules is missing"
  elif [ ! -f "$record" ]; then reason="node_modules has no record of a finished install"
  elif [ "$ROOT/package-lock.json" -nt "$record" ]; then reason="package-lock.json changed since the last install"
  fi
  if [ -z "$reason" ]; then
    say "npm dependencies: up to date"
    return
  fi
  say "npm dependencies: $reason; running npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund) \
    || die "npm ci failed; if package.json and package-lock.json disagree, run 'npm install' and commit the lockfile"
}

code_server_works() {
  local bin=$1/node_modules/.bin/code-server
  [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION "
}

install_code_server() {
  if code_server_works "$CODE_SERVER_DIR"; then
    say "code-server $CODE_SERVER_VERSION: present in $CODE_SERVER_DIR"
    return
  fi
  mkdir -p "$CACHE"
  # Two setups at once (a developer and CI) must not install into the same place.
  exec 9>"$CACHE/code-server.lock"
  flock -w 900 9 || die "another setup holds $CACHE/code-server.lock for 15 minutes; stop it and run again"
  if code_server_works "$CODE_SERVER_DIR"; then
    say "code-server $CODE_SERVER_VERSION: installed meanwhile by another setup"
    exec 9>&-
    return
  fi

  local rg_target
  case $(uname -m) in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64) rg_target=aarch64-unknown-linux-musl ;;
    *) die "no ripgrep seed for $(uname -m); install code-server $CODE_SERVER_VERSION into $CODE_SERVER_DIR by hand" ;;
  esac
  command -v rg >/dev/null || die "rg (Debian package ripgrep) is missing; run scripts/setup.sh without --npm-only"

  say "code-server $CODE_SERVER_VERSION: installing into $CODE_SERVER_DIR (takes a few minutes)"
  # Install into a staging folder and move it into place only once it works, so an
  # interrupted install never looks finished.
  local stage=$CACHE/.code-server-$CODE_SERVER_VERSION.partial
  rm -rf "$stage" "$CODE_SERVER_DIR"
  mkdir -p "$stage/tmp/rgpkg" "$stage/tmp/vscode-ripgrep-cache-$VSCODE_RIPGREP_VERSION"
  cp "$(command -v rg)" "$stage/tmp/rgpkg/rg"
  tar czf "$stage/tmp/vscode-ripgrep-cache-$VSCODE_RIPGREP_VERSION/ripgrep-$RIPGREP_RELEASE-$rg_target.tar.gz" \
    -C "$stage/tmp/rgpkg" rg
  # TMPDIR makes @vscode/ripgrep look for its cache in our private tmp folder. code-server's
  # postinstall refuses to run as root without --unsafe-perm (npm 11 warns it is unknown, but
  # passes it on to the script as npm_config_unsafe_perm). --loglevel=error: code-server's own
  # dependency tree's deprecation warnings are not ours to act on; errors still show.
  if ! (cd "$stage" && TMPDIR=$stage/tmp npm_config_yes=true \
        npm install --prefix "$stage" --unsafe-perm --no-audit --no-fund --loglevel=error \
        "code-server@$CODE_SERVER_VERSION"); then
    die "npm install code-server@$CODE_SERVER_VERSION failed; if @vscode/ripgrep tried to download, its version changed: update VSCODE_RIPGREP_VERSION/RIPGREP_RELEASE in scripts/setup.sh"
  fi
  rm -rf "$stage/tmp"
  code_server_works "$stage" || die "code-server installed but '--version' does not report $CODE_SERVER_VERSION; see $stage"
  mv "$stage" "$CODE_SERVER_DIR"
  code_server_works "$CODE_SERVER_DIR" || die "code-server does not run after moving it to $CODE_SERVER_DIR"
  say "code-server $CODE_SERVER_VERSION: $("$CODE_SERVER_DIR/node_modules/.bin/code-server" --version | head -1)"
  exec 9>&-
}

if $npm_only; then
  install_npm_dependencies
elif $lab_only; then
  install_apt_packages --no-install-recommends -- "${LAB_PACKAGES[@]}"
  install_npm_dependencies
else
  install_apt_packages -- "${APT_PACKAGES[@]}"
  install_apt_packages --no-install-recommends -- "${LAB_PACKAGES[@]}"
  install_npm_dependencies
  install_code_server
fi
say "done"
