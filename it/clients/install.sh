#!/usr/bin/env bash
# Installs the real clients that ImapClientsIT and Pop3ClientsIT drive: mbsync (Debian's isync),
# fetchmail (Debian) and imapflow (npm, pinned by node/package-lock.json). Idempotent: what is
# already there is left alone.
# Works as root with CI=true and no input; prints nothing on success, a one-line reason on failure.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DEBIAN_FRONTEND=noninteractive

fail() { echo "install.sh: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

apt_install() {  # apt_install PACKAGE...: refreshes the package lists only when a package is unknown
  local log; log=$(mktemp)
  if ! as_root apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
    if ! { as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
      tail -n 5 "$log" >&2; rm -f "$log"
      fail "could not apt-get install $* (need root or passwordless sudo)"
    fi
  fi
  rm -f "$log"
}

command -v python3 >/dev/null || apt_install python3
command -v mbsync >/dev/null || apt_install isync
command -v fetchmail >/dev/null || apt_install fetchmail
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm

node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "imapflow needs Node.js 20 or newer; found $(node --version)"

# npm ci only when the installed tree is not the locked one: npm keeps its own record of what it
# installed in node_modules/.package-lock.json, so the same versions there mean nothing to do.
cd "$HERE/node"
installed_matches_lock() {
  node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync("package-lock.json")).packages;
    const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json")).packages;
    for (const [path, p] of Object.entries(want))
      if (path && (!have[path] || have[path].version !== p.version)) process.exit(1);
  ' 2>/dev/null
}
if ! installed_matches_lock; then
  log=$(mktemp)
  if ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
    tail -n 10 "$log" >&2; rm -f "$log"
    fail "npm ci in $HERE/node failed"
  fi
  rm -f "$log"
fi
node -e 'import("imapflow").then(() => {}, e => { console.error(e.message); process.exit(1) })' \
  || fail "imapflow does not load after npm ci"
