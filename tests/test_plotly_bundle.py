"""The one plotly.js bundle every chart page loads: built for the trace types the course's charts
draw, at the plotly.js of the installed plotly, from pinned npm packages, and checked by the build
(its bytes against its manifest, its version against plotly's, each chart's traces against its own)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from conftest import CHARTS, ROOT
from mgcourse.chartkit import static_chart
from mgcourse.sphinxext import plotlyjs

PROJECT = ROOT / "tools" / "plotly-bundle"


def test_the_bundle_is_its_manifests_and_the_plotly_js_of_the_installed_plotly():
    bundle = plotlyjs.checked_bundle()
    assert bundle.version == get_plotlyjs_version()
    assert bundle.path.read_bytes().startswith(f"/*! plotly.js {bundle.version} ".encode())
    assert bundle.served_as == f"vendor/plotly-{bundle.version}-{bundle.sha256[:10]}.min.js"


def test_the_bundle_holds_exactly_the_trace_types_the_courses_charts_draw():
    drawn = {trace for _, chart in CHARTS for trace in static_chart(chart.interactive()).trace_types()}
    assert len(CHARTS) >= 18 and "scatter" in drawn
    assert drawn == plotlyjs.checked_bundle().traces, "rebuild the bundle: python scripts/build_plotly.py"


def test_the_bundle_is_built_from_that_plotly_js_and_pinned_packages_only():
    manifest = json.loads((PROJECT / "package.json").read_text("utf-8"))
    lock = json.loads((PROJECT / "package-lock.json").read_text("utf-8"))
    assert manifest["dependencies"]["plotly.js"] == plotlyjs.read_manifest()["plotly.js"]
    assert lock["packages"][""]["dependencies"] == manifest["dependencies"], "package-lock.json is out of date"
    for name, version in manifest["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: {version} is a range, not one version"
    installed = {path: entry for path, entry in lock["packages"].items() if path}
    assert len(installed) > 100  # plotly.js's own dependencies, each pinned too
    for path, entry in installed.items():
        assert entry["integrity"].startswith("sha512-"), path


def _copy_of_the_bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "plotly"
    shutil.copytree(plotlyjs.BUNDLE_DIR, folder)
    return folder


def test_a_bundle_that_is_not_its_manifests_is_refused(tmp_path):
    folder = _copy_of_the_bundle(tmp_path)
    with (folder / plotlyjs.BUNDLE_FILE.name).open("a") as bundle:
        bundle.write("\n")
    with pytest.raises(plotlyjs.BundleError, match=r"not the bundle its manifest records.*build_plotly\.py"):
        plotlyjs.checked_bundle(folder)


def test_a_bundle_of_another_plotly_js_is_refused_with_both_versions(monkeypatch):
    monkeypatch.setattr("plotly.offline.get_plotlyjs_version", lambda: "9.9.9")
    version = plotlyjs.read_manifest()["plotly.js"]
    with pytest.raises(plotlyjs.BundleError, match=rf"plotly\.js {re.escape(version)} but .* plotly\.js 9\.9\.9"):
        plotlyjs.checked_bundle()


def test_a_missing_manifest_is_an_error_with_the_fix(tmp_path):
    folder = _copy_of_the_bundle(tmp_path)
    (folder / plotlyjs.MANIFEST_FILE.name).unlink()
    with pytest.raises(plotlyjs.BundleError, match=r"manifest cannot be read.*build_plotly\.py"):
        plotlyjs.checked_bundle(folder)


def test_a_chart_drawing_a_trace_type_the_bundle_lacks_is_named_with_that_trace():
    bundle = plotlyjs.checked_bundle()
    charts = [
        {"id": "mgc-enzyme-rings", "traces": ["scatter", "sunburst"]},
        {"id": "mgc-balance", "traces": sorted(bundle.traces)},
    ]
    (problem,) = plotlyjs.missing_traces(charts, bundle)
    assert "'enzyme-rings'" in problem and "'sunburst'" in problem and "python scripts/build_plotly.py" in problem


@pytest.mark.launch
def test_the_committed_bundle_rebuilds_to_the_same_bytes_from_the_pinned_packages():
    committed = {p.name: p.read_bytes() for p in plotlyjs.BUNDLE_DIR.iterdir()}
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_plotly.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert plotlyjs.read_manifest()["sha256"] in result.stdout and "rebuilt to the committed bytes" in result.stdout
    assert committed == {p.name: p.read_bytes() for p in plotlyjs.BUNDLE_DIR.iterdir()}
