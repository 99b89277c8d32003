# Sourced by the other scripts: make (once) and activate a virtual environment of the project, and
# install a requirements file into it (each names a lock file of requirements/, where every package
# is pinned, and the course's package).
#   . scripts/setup-env.sh requirements.txt .venv            the book (what authors and CI build it with)
#   . scripts/setup-env.sh requirements-test.txt .venv-test  the book and the test tools
# The two are kept apart so that the book's own environment holds nothing of the test tools.
# (Binder builds its own, leaner environment from binder/.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv="${2:-.venv}"
if [ -z "${VIRTUAL_ENV:-}" ]; then
  if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" 2>/dev/null; then
      # Debian ships venv separately.
      apt-get update -qq && apt-get install -y -qq python3-venv
      rm -rf "$venv"
      python3 -m venv "$venv"
    fi
  fi
  # shellcheck disable=SC1090,SC1091
  . "$venv/bin/activate"
fi
python -m pip install -q --disable-pip-version-check -r "${1:-requirements.txt}"
