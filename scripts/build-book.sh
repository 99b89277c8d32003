#!/usr/bin/env bash
# Set up what the book needs and build it into _build/html.
#   bash scripts/build-book.sh          incremental: only what changed is re-read and re-run
#   bash scripts/build-book.sh --clean  from scratch, as CI builds
set -euo pipefail
. "$(dirname "$0")/setup-env.sh" requirements.txt .venv
if [ "${1:-}" = "--clean" ]; then rm -rf _build; fi
jupyter-book build .
echo
echo "Open $(pwd)/_build/html/index.html in a browser."
