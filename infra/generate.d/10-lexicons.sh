#!/usr/bin/env bash
# Dictionary pivot lexicons (FreeDict → .cache/lexicons/pivot-<lang>.tsv) for the dedupe stage.
# The build skips lexicons that are already up to date.
set -euo pipefail
cd "$1"
node_modules/.bin/tsx packages/lexicon/scripts/build-pivot.ts
