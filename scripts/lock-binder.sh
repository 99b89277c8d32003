#!/usr/bin/env bash
# Pin the learners' Binder environment: every package binder/requirements.in needs, at one
# version, with its hashes, into binder/requirements.txt. Run after editing requirements.in.
# Uses a throwaway environment with pip-tools at a pinned version and PyPI only (no local pip
# configuration), for the Python that Binder runs (binder/runtime.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
python="python$(sed -n 's/^python-//p' binder/runtime.txt)"
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_CONSTRAINT
"$python" -m venv "$tools"
"$tools/bin/pip" install -q --disable-pip-version-check pip==26.3 pip-tools==7.7.0
CUSTOM_COMPILE_COMMAND="bash scripts/lock-binder.sh" "$tools/bin/pip-compile" --quiet --generate-hashes \
  --allow-unsafe --strip-extras --no-emit-index-url --no-emit-trusted-host --no-emit-find-links --output-file binder/requirements.txt binder/requirements.in
echo "binder/requirements.txt: $(grep -c '==' binder/requirements.txt) packages pinned"
