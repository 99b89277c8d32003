"""Which plotly.js a chart page loads, and where the book gets it.

Most of the course's charts are lines, markers and bars: plotly's "basic" bundle (scatter, bar and
pie traces) draws them from about 0.4 MB compressed, against 1.5 MB for the full bundle, and a phone
parses it about four times faster. A page whose charts need another trace type (the treemap of
chapter 5, the waterfall of chapter 8) loads the full bundle, which ships with the plotly package.
The basic bundle comes from the npm registry (``vendor.py``: the version and hash that
``tools/package-lock.json`` records), at the version the installed plotly package was built against. A build that finds the versions apart, or cannot fetch
the bundle, fails (a build warning): falling back to the full bundle would quietly make every chart
page a megabyte heavier, and a basic bundle of another version could draw charts differently.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .vendor import VendorError, cache_dir, extract, served

BASIC_TRACES = frozenset({"scatter", "bar", "pie"})
BASIC_PACKAGE = "plotly.js-basic-dist-min"


def full_bundle() -> tuple[Path, str]:
    """The plotly package's own plotly.js, and where the book serves it (under _static)."""
    import plotly

    source = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return source, f"vendor/plotly-{plotly.__version__}.min.js"


class BundleError(RuntimeError):
    """The basic bundle cannot be served: another version than plotly's, or not fetched."""


def basic_bundle() -> tuple[Path, str]:
    """The basic bundle (fetched once into the cache) and where the book serves it."""
    from plotly.offline import get_plotlyjs_version

    try:
        basic = served(BASIC_PACKAGE)
    except VendorError as err:
        raise BundleError(str(err)) from None
    if get_plotlyjs_version() != basic.version:
        raise BundleError(
            f"the basic bundle is {basic.name} {basic.version} but the installed plotly draws with "
            f"plotly.js {get_plotlyjs_version()}: move the bundle to that version in tools/package.json"
        )
    folder = cache_dir() / f"{basic.name}-{basic.version}"
    source = folder / "plotly-basic.min.js"
    if not source.exists():
        try:
            extract(basic, lambda p: p == "plotly-basic.min.js", folder)
        except VendorError as err:
            shutil.rmtree(folder, ignore_errors=True)
            raise BundleError(str(err)) from None
    return source, f"vendor/plotly-basic-{basic.version}.min.js"
