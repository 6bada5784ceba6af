#!/usr/bin/env bash
# Make this checkout ready to run, then run the command after `--` (if any):
#   bash infra/bootstrap.sh [--test] [-- command args…]
# Installs what is missing: pnpm (into .newsflow/tools unless a pnpm 10 is on PATH), the
# Debian packages in infra/debian-packages.txt (as root, with apt-get; otherwise it says
# exactly what to install), the workspace's dependencies, and the generated data the stages
# read (lexicons). Each step is skipped when already done, so the fast path costs milliseconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/.newsflow"
PNPM_VERSION="10.34.8"
WANT_TEST=0
while [ $# -gt 0 ]; do
  case "$1" in
    --test) WANT_TEST=1; shift ;;
    --) shift; break ;;
    *) echo "bootstrap: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$STATE"
say() { echo "bootstrap: $*" >&2; }
fail() { echo "bootstrap: $*" >&2; exit 1; }

# Node.js 20.19 or later.
command -v node >/dev/null || fail "Node.js is not installed: install Node.js 20.19 or later (https://nodejs.org)."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || fail "Node.js $(node --version) is too old: install Node.js 20.19 or later."

# pnpm 10 (pnpm 11 needs Node 22).
if command -v pnpm >/dev/null && [[ "$(pnpm --version 2>/dev/null)" == 10.* ]]; then
  :
elif [ -x "$STATE/tools/node_modules/.bin/pnpm" ]; then
  export PATH="$STATE/tools/node_modules/.bin:$PATH"
else
  say "installing pnpm $PNPM_VERSION into .newsflow/tools"
  npm install --prefix "$STATE/tools" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >&2 \
    || fail "could not install pnpm with npm; install it yourself: npm install -g pnpm@$PNPM_VERSION"
  export PATH="$STATE/tools/node_modules/.bin:$PATH"
fi

# Debian packages. Lines: `name [test]  # why`; `test` marks packages only the tests need.
wanted=()
while read -r name scope _; do
  [ -z "$name" ] && continue
  [ "$scope" = "test" ] && [ "$WANT_TEST" = 0 ] && continue
  wanted+=("$name")
done < <(sed -e 's/#.*//' "$ROOT/infra/debian-packages.txt")
# dpkg-query exits 1 when a package is unknown to dpkg: that is the case we are here for.
installed=" $( (dpkg-query -W -f='${Package}:${db:Status-Abbrev}\n' "${wanted[@]}" 2>/dev/null || true) | awk -F: '$2 ~ /^ii/ {print $1}' | tr '\n' ' ') "
missing=()
for name in "${wanted[@]}"; do
  [[ "$installed" == *" $name "* ]] || missing+=("$name")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || true
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
      || fail "apt-get could not install: ${missing[*]}"
  else
    fail "missing system packages: ${missing[*]}. Install them: sudo apt-get install -y ${missing[*]}  (or set REDIS_URL to use a Redis you run)"
  fi
fi

# Workspace dependencies, when the lockfile changed since the last install.
lock_sum="$(sha256sum "$ROOT/pnpm-lock.yaml" | cut -d' ' -f1)"
if [ ! -d "$ROOT/node_modules" ] || [ "$(cat "$STATE/installed.sha" 2>/dev/null)" != "$lock_sum" ]; then
  say "installing dependencies (pnpm install)"
  (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=silent >&2) || fail "pnpm install failed"
  echo "$lock_sum" > "$STATE/installed.sha"
fi

# Generated data (scripted, reproducible): each generator skips work it has done.
for generator in "$ROOT"/infra/generate.d/*.sh; do
  [ -e "$generator" ] || continue
  bash "$generator" "$ROOT" >&2 || fail "generating data failed: $generator"
done

export TURBO_TELEMETRY_DISABLED=1
[ $# -gt 0 ] && exec "$@"
exit 0
