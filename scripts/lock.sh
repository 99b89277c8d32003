#!/usr/bin/env bash
# Refresh every lock file from what it is made of, each package pinned at one version:
#   requirements/book.in   -> requirements/book.txt   the book build (authors, CI)
#   requirements/test.in   -> requirements/test.txt   the tests (the book's versions, plus the test tools)
#   binder/requirements.in -> binder/requirements.txt the learners' Binder environment, with hashes
# Run after editing a .in file. `bash scripts/lock.sh --upgrade` moves every package that is not
# pinned in a .in file to its newest version; without it, versions already locked are kept.
# Uses a throwaway environment with pip-tools at a pinned version and PyPI only (no local pip
# configuration), for the Python that Binder runs (binder/runtime.txt), which CI builds with too.
set -euo pipefail
cd "$(dirname "$0")/.."
python="python$(sed -n 's/^python-//p' binder/runtime.txt)"
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT
"$python" -m venv "$tools"
"$tools/bin/pip" install -q --disable-pip-version-check pip==26.3 pip-tools==7.7.0
compile() {
  local output="$1" input="$2"
  shift 2
  CUSTOM_COMPILE_COMMAND="bash scripts/lock.sh" "$tools/bin/pip-compile" --quiet --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-trusted-host --no-emit-find-links "$@" --output-file "$output" "$input"
  echo "$output: $(grep -c '==' "$output") packages pinned"
}
# The book before the tests: the tests' lock is constrained by the book's.
compile requirements/book.txt requirements/book.in "$@"
compile requirements/test.txt requirements/test.in "$@"
compile binder/requirements.txt binder/requirements.in --generate-hashes "$@"
