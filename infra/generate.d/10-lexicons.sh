#!/usr/bin/env bash
# Dictionary pivot lexicons (FreeDict → .cache/lexicons/pivot-<lang>.tsv) for the dedupe stage.
# Skipped while the stamp is newer than the dictionaries and the build script.
set -euo pipefail
cd "$1"
stamp=.cache/lexicons/.built
if [ -f "$stamp" ] && [ -z "$(find /usr/share/dictd packages/lexicon/scripts packages/lexicon/src/pivot.ts -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "bootstrap: building pivot lexicons" >&2
node_modules/.bin/tsx packages/lexicon/scripts/build-pivot.ts >&2
touch "$stamp"
