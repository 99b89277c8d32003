"""The one plotly.js every chart page loads, built for the course's own charts.

plotly.js's full bundle (1.5 MB compressed) holds every trace type; its basic bundle lacks the
treemap and the waterfall that chapters 5 and 8 draw. The book serves one bundle instead: plotly.js's
core (scatter traces) and the trace modules the course's charts draw, about as light as the basic
bundle. ``scripts/build_plotly.py`` builds it from the npm packages that ``tools/plotly-bundle`` pins
(plotly.js at the version the installed Python plotly expects) and commits it here with a manifest:
plotly.js version, trace types, sha256. The book build needs no node package for it.

The build fails (``StrictBuildError`` before any notebook runs) when the bundle is not the manifest's
or is another plotly.js than the installed plotly's (a chart could draw differently), and a page
whose chart draws a trace type the bundle lacks fails the build naming the chart and the trace.
No page falls back to another bundle.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

BUNDLE_DIR = Path(__file__).parent / "plotly"
BUNDLE_FILE = BUNDLE_DIR / "plotly.min.js"
MANIFEST_FILE = BUNDLE_DIR / "manifest.json"
REBUILD = "python scripts/build_plotly.py"


class BundleError(RuntimeError):
    """The committed bundle cannot be served: not the manifest's bytes, or another plotly.js than plotly's."""


@dataclass(frozen=True)
class Bundle:
    path: Path
    version: str
    traces: frozenset[str]
    sha256: str

    @property
    def served_as(self) -> str:
        """Where the book serves it, under ``_static``: a new bundle gets a new address, so no
        browser keeps an old one from its cache."""
        return f"vendor/plotly-{self.version}-{self.sha256[:10]}.min.js"


def manifest_for(data: bytes, version: str, traces) -> dict:
    """What the manifest records of a bundle: its plotly.js version, trace types and hash."""
    return {
        "plotly.js": version,
        "traces": sorted(traces),
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
        "built by": f"{REBUILD}, from tools/plotly-bundle",
    }


def read_manifest(folder: Path = BUNDLE_DIR) -> dict:
    try:
        return json.loads((folder / MANIFEST_FILE.name).read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise BundleError(f"the bundle's manifest cannot be read ({err}): rebuild it with {REBUILD}") from None


def write_bundle(data: bytes, manifest: dict, folder: Path = BUNDLE_DIR) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / BUNDLE_FILE.name).write_bytes(data)
    (folder / MANIFEST_FILE.name).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")


def checked_bundle(folder: Path = BUNDLE_DIR) -> Bundle:
    """The committed bundle, once its bytes are the manifest's and its plotly.js the installed plotly's."""
    from plotly.offline import get_plotlyjs_version

    manifest = read_manifest(folder)
    path = folder / BUNDLE_FILE.name
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise BundleError(f"the bundle cannot be read ({err}): rebuild it with {REBUILD}") from None
    if digest != manifest["sha256"]:
        raise BundleError(
            f"{path.name} is not the bundle its manifest records (sha256 {digest[:12]}..., manifest "
            f"{manifest['sha256'][:12]}...): rebuild it with {REBUILD}"
        )
    if manifest["plotly.js"] != get_plotlyjs_version():
        raise BundleError(
            f"the bundle is plotly.js {manifest['plotly.js']} but the installed plotly draws with plotly.js "
            f"{get_plotlyjs_version()}: set that version in tools/plotly-bundle/package.json and rebuild with {REBUILD}"
        )
    return Bundle(path, manifest["plotly.js"], frozenset(manifest["traces"]), digest)


def missing_traces(charts: list[dict], bundle: Bundle) -> list[str]:
    """What each chart (``{"id", "traces"}``) draws that the bundle cannot, one sentence a trace type."""
    return [
        f"the chart '{chart['id'].removeprefix('mgc-')}' draws the trace type '{trace}', which the book's "
        f"plotly.js lacks (it holds {', '.join(sorted(bundle.traces))}): add it with {REBUILD}"
        for chart in charts
        for trace in sorted(set(chart["traces"]) - bundle.traces)
    ]
