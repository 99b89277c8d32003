"""The front-end files the book serves itself: plotly.js's basic bundle is the plotly.js of the
installed plotly, and a build that cannot serve it fails instead of quietly serving the full bundle."""

from __future__ import annotations

import pytest
from plotly.offline import get_plotlyjs_version

from mgcourse.build import plotlyjs
from mgcourse.build.vendor import VendorError


def test_the_basic_bundle_is_the_plotly_js_of_the_installed_plotly():
    assert plotlyjs.BASIC.version == get_plotlyjs_version()


def test_a_basic_bundle_of_another_version_is_refused_with_both_versions(monkeypatch):
    monkeypatch.setattr("plotly.offline.get_plotlyjs_version", lambda: "9.9.9")
    with pytest.raises(plotlyjs.BundleError, match=rf"{plotlyjs.BASIC.version}.*plotly\.js 9\.9\.9"):
        plotlyjs.basic_bundle()


def test_a_basic_bundle_that_cannot_be_fetched_is_an_error(monkeypatch, tmp_path):
    def unreachable(*args):
        raise VendorError("could not download it (no network)")

    monkeypatch.setattr(plotlyjs, "cache_dir", lambda: tmp_path)
    monkeypatch.setattr(plotlyjs, "extract", unreachable)
    with pytest.raises(plotlyjs.BundleError, match="no network"):
        plotlyjs.basic_bundle()
