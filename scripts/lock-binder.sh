#!/usr/bin/env bash
# Kept for the command binder/requirements.in names: every lock file, Binder's included, is
# refreshed by scripts/lock.sh.
set -euo pipefail
exec bash "$(dirname "$0")/lock.sh" "$@"
