"""The project looks after itself: its workflows run on GitHub's current runtime, and Dependabot
watches every file that pins a version. (actionlint over the workflows is in test_authoring.py.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

# The last major of each action that still ran on Node 20 (or older), which GitHub's runners no longer
# default to. Read from each action's action.yml (`runs.using`); a composite action counts by the
# actions it calls. An action missing here fails the test: look its runtime up and add it.
LAST_NODE20_MAJOR = {
    "actions/checkout": 4,
    "actions/setup-python": 5,
    "actions/setup-node": 4,
    "actions/cache": 4,
    "actions/upload-artifact": 5,
    "actions/upload-pages-artifact": 4,
    "actions/deploy-pages": 4,
}


def _steps():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text("utf-8"))
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                yield path.name, step


def test_every_action_is_at_a_major_that_runs_on_node_24():
    used = [(name, step["uses"]) for name, step in _steps() if "uses" in step]
    assert used, "no action found in .github/workflows"
    for name, uses in used:
        action, _, ref = uses.partition("@")
        assert action in LAST_NODE20_MAJOR, f"{name}: {action} is not known here; add its last Node 20 major"
        major = re.fullmatch(r"v(\d+)(\.\d+)*", ref)
        assert major, f"{name}: {uses} is not pinned to a release tag"
        assert int(major[1]) > LAST_NODE20_MAJOR[action], f"{name}: {uses} still runs on Node 20"


def test_the_node_the_workflows_install_is_supported():
    versions = [step["with"]["node-version"] for _, step in _steps() if "setup-node" in step.get("uses", "")]
    assert versions, "no workflow installs node"
    for version in versions:
        assert int(str(version).split(".")[0]) >= 24, f"node {version} is past its end of life"


def _dependabot() -> list[dict]:
    return yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))["updates"]


def _watched(ecosystem: str) -> set[str]:
    folders = set()
    for update in _dependabot():
        if update["package-ecosystem"] == ecosystem:
            assert update["schedule"]["interval"] == "weekly", ecosystem
            folders.update(update.get("directories", [update.get("directory")]))
    return folders


def _tracked(pattern: str) -> set[str]:
    """The folders (as Dependabot names them: "/", "/binder") of the committed files matching ``pattern``."""
    files = subprocess.run(["git", "ls-files", pattern], cwd=ROOT, capture_output=True, text=True, check=True)
    return {"/" + Path(name).parent.as_posix().removeprefix(".") for name in files.stdout.split()}


def test_dependabot_watches_every_file_that_pins_a_version():
    expected = {
        "github-actions": {"/"} if WORKFLOWS else set(),
        "pip": _tracked(":(glob)**/*.in"),
        "npm": _tracked(":(glob)tools/**/package.json"),
        "pre-commit": _tracked(".pre-commit-config.yaml"),
    }
    assert all(expected.values()), expected
    for ecosystem, folders in expected.items():
        assert folders <= _watched(ecosystem), f"Dependabot ({ecosystem}) misses {folders - _watched(ecosystem)}"


def test_dependabot_moves_the_notebooks_libraries_in_the_book_and_on_binder_together():
    (pip,) = [u for u in _dependabot() if u["package-ecosystem"] == "pip"]
    assert {"/requirements", "/binder"} <= set(pip["directories"])
    grouped = {name.lower().replace("_", "-") for name in pip["groups"]["notebook-libraries"]["patterns"]}
    binder_in = (ROOT / "binder" / "requirements.in").read_text("utf-8")
    libraries = {m.lower().replace("_", "-") for m in re.findall(r"^([A-Za-z0-9_.-]+)==", binder_in, re.M)}
    assert libraries - {"setuptools"} <= grouped, libraries - grouped


def test_dependabot_and_workflow_files_follow_their_schemas():
    check = Path(sys.executable).with_name("check-jsonschema")
    for schema, files in (
        ("vendor.dependabot", [ROOT / ".github" / "dependabot.yml"]),
        ("vendor.github-workflows", WORKFLOWS),
    ):
        result = subprocess.run(
            [str(check), "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
