#!/usr/bin/env bash
# Set up what the book needs and build it into _build/html.
#   bash scripts/build-book.sh          incremental: only what changed is re-read and re-run
#   bash scripts/build-book.sh --clean  from scratch, as CI builds
set -euo pipefail
# The build renders the book's math with KaTeX, which runs in node.
if ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq nodejs >/dev/null
fi
. "$(dirname "$0")/setup-env.sh" requirements.txt .venv
if [ "${1:-}" = "--clean" ]; then rm -rf _build; fi
jupyter-book build .
echo
echo "Open $(pwd)/_build/html/index.html in a browser."
