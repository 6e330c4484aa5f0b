#!/usr/bin/env bash
# Runs the test suite (rule tests, typed tier, meta and integration tests; not the ESLint-independent runtime
# proofs and the pre-commit framework test) against ESLint 9:
# copies this checkout (tracked and untracked-but-not-ignored files) into a scratch folder, installs the
# same lockfile there with eslint pinned to $ESLINT9_VERSION, builds, and runs vitest.
#
#   scripts/test-eslint9.sh [vitest args…]     e.g. scripts/test-eslint9.sh test/integration
#
# The scratch folder ($ESLINT9_SCRATCH, default: a folder in $TMPDIR named after this checkout) keeps its
# node_modules between runs while package.json/package-lock.json are unchanged. The already installed
# test dependencies (test/orms, test/integration/tools) are hard-linked, not reinstalled: run the normal
# `npm test` first (as .ci/run does) so they exist.
set -euo pipefail

ESLINT9_VERSION="${ESLINT9_VERSION:-9.39.5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="${ESLINT9_SCRATCH:-${TMPDIR:-/tmp}/eslint-plugin-orm-eslint9-$(printf '%s' "$root" | sha256sum | cut -c1-12)}"
log() { echo "[test-eslint9] $*"; }

mkdir -p "$scratch"
# Fresh sources every run; only the installed node_modules (and its stamp) survive.
find "$scratch" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .eslint9-stamp -exec rm -rf {} +
git -C "$root" ls-files -z --cached --others --exclude-standard |
  tar -C "$root" --null --ignore-failed-read -T - -cf - 2>/dev/null |
  tar -C "$scratch" -xf -

# Installed and generated test dependencies (ignored by git): hard-linked copies (cheap, and nothing
# the scratch run deletes or reinstalls can reach the checkout's files), plain copies across filesystems.
for dep in test/orms/node_modules test/orms/generated test/integration/tools/node_modules; do
  if [ -e "$root/$dep" ]; then
    rm -rf "${scratch:?}/$dep"
    mkdir -p "$(dirname "$scratch/$dep")"
    cp -al "$root/$dep" "$scratch/$dep" 2>/dev/null || cp -a "$root/$dep" "$scratch/$dep"
  fi
done
# A real copy: setup-orms rewrites its stamp in place, which must not reach the checkout's.
[ -f "$root/test/orms/.setup-stamp" ] && cp "$root/test/orms/.setup-stamp" "$scratch/test/orms/.setup-stamp"

cd "$scratch"
npm pkg set "devDependencies.eslint=$ESLINT9_VERSION"
stamp="$(cat package.json package-lock.json | sha256sum | cut -c1-16) $(node --version)"
if [ -d node_modules ] && [ "$(cat .eslint9-stamp 2>/dev/null)" = "$stamp" ]; then
  log "node_modules in $scratch is up to date"
else
  log "installing the lockfile with eslint@$ESLINT9_VERSION in $scratch"
  rm -rf node_modules
  # --ignore-scripts: the root "prepare" (build) runs below, explicitly.
  npm install --no-audit --no-fund --ignore-scripts
  echo "$stamp" > .eslint9-stamp
fi

installed="$(node -p "require('eslint/package.json').version")"
if [ "$installed" != "$ESLINT9_VERSION" ]; then
  log "expected eslint $ESLINT9_VERSION in $scratch, found $installed"
  exit 1
fi
log "eslint $installed, $(node -p "require('typescript-eslint/package.json').name + ' ' + require('typescript-eslint/package.json').version")"

npm run build --silent
# The typed tests read the ORM packages' types from the hard-linked test/orms. Left out, as they do not
# depend on the checkout's ESLint: test/runtime runs ORM code on SQLite (and its setup, whose stamp hashes
# absolute paths, would recompile the native drivers here); the pre-commit framework test installs the
# hook's own pinned ESLint from the registry.
if [ ! -e test/orms/node_modules/.package-lock.json ]; then
  log "test/orms is not set up in $root: run 'npm test' (or node scripts/setup-orms.mjs) there first"
  exit 1
fi
npx vitest run --exclude 'test/runtime/**' --exclude 'test/integration/pre-commit.test.ts' "$@"
