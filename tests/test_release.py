"""A release an instructor can point a class at: the licences are stated, the course is citable, and
a version tag is released only when the changelog, the citation file and the package agree."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
RELEASE_SCRIPT = ROOT / "scripts" / "release.py"
CFF_REQUIRED = {"cff-version", "message", "title", "authors"}


def _citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))


def _package_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def test_the_licences_of_the_code_and_of_the_prose_and_data_are_stated_and_agree():
    licence = (ROOT / "LICENSE").read_text("utf-8")
    assert "Code: MIT License" in licence and "Permission is hereby granted, free of charge" in licence
    assert "Prose, figures and data: Creative Commons Attribution 4.0 International (CC BY 4.0)" in licence
    data_licences = [
        entry["name"] for entry in json.loads((ROOT / "data" / "datapackage.json").read_text())["licenses"]
    ]
    assert data_licences == ["CC-BY-4.0"]
    assert _citation()["license"] == ["MIT", "CC-BY-4.0"]


def test_the_course_is_citable_as_the_book_names_itself():
    citation = _citation()
    assert CFF_REQUIRED <= set(citation), CFF_REQUIRED - set(citation)
    assert citation["cff-version"] == "1.2.0"
    assert citation["authors"] and all("name" in a or "family-names" in a for a in citation["authors"])
    config = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))
    assert citation["title"] == config["title"]
    assert citation["repository-code"] == config["repository"]["url"]
    assert str(citation["version"]) == _package_version()


def _release_copy(tmp_path: Path, version: str, date: str) -> Path:
    """The release's files as they are before a tag: the changelog's Unreleased section named."""
    for name in ("CHANGELOG.md", "CITATION.cff", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    changelog = tmp_path / "CHANGELOG.md"
    text = changelog.read_text("utf-8")
    assert "\n## Unreleased\n" in text
    changelog.write_text(text.replace("\n## Unreleased\n", f"\n## {version} ({date})\n"), "utf-8")
    citation = tmp_path / "CITATION.cff"
    citation.write_text(citation.read_text("utf-8") + f"date-released: {date}\n", "utf-8")
    return tmp_path


def _release_module():
    spec = importlib.util.spec_from_file_location("release", RELEASE_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_tag_whose_files_agree_is_released_with_the_changelogs_notes(tmp_path):
    version = _package_version()
    notes = _release_module().check(_release_copy(tmp_path, version, "2026-12-20"), f"v{version}")
    assert notes.startswith("- ") and "Unreleased" not in notes and "## " not in notes


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert re.search(old, text, re.M), old
    path.write_text(re.sub(old, new, text, count=1, flags=re.M), "utf-8")


DISAGREEMENTS = {
    "no dated section": ("CHANGELOG.md", r"^## \S+ \(2026-12-20\)$", "## Unreleased", "CHANGELOG.md has no section"),
    "citation version": ("CITATION.cff", r"^version: .*$", "version: 9.9.9", "CITATION.cff: version is 9.9.9"),
    "citation date": (
        "CITATION.cff",
        r"^date-released: .*$",
        "date-released: 2026-01-01",
        "date-released is 2026-01-01",
    ),
    "package version": ("pyproject.toml", r'^version = ".*"$', 'version = "9.9.9"', "the package's version is 9.9.9"),
}


@pytest.mark.parametrize("disagreement", list(DISAGREEMENTS))
def test_a_tag_is_refused_when_its_files_disagree(tmp_path, disagreement):
    name, old, new, message = DISAGREEMENTS[disagreement]
    version = _package_version()
    _break(_release_copy(tmp_path, version, "2026-12-20") / name, old, new)
    release = _release_module()
    with pytest.raises(release.ReleaseError, match=re.escape(message)):
        release.check(tmp_path, version)


def test_the_release_script_exits_with_the_reason_on_this_checkout_before_release():
    # The checkout holds an Unreleased section: no tag can be released from it as it is.
    result = subprocess.run([sys.executable, str(RELEASE_SCRIPT), _package_version()], capture_output=True, text=True)
    assert result.returncode == 1 and "CHANGELOG.md has no section" in result.stderr, result.stderr


def test_the_release_workflow_checks_before_it_builds_and_publishes_the_html():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*"]  # PyYAML reads the key "on" as True
    runs = [step.get("run", "") for step in workflow["jobs"]["release"]["steps"]]
    order = [
        next(i for i, run in enumerate(runs) if marker in run)
        for marker in ("scripts/release.py", "build-book.sh --clean", "gh release create")
    ]
    assert order == sorted(order), runs
    assert "-html.zip" in runs[order[2]] and "--notes-file release-notes.md" in runs[order[2]]
