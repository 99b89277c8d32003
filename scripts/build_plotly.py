"""Build the one plotly.js bundle the book serves, or check that the committed one rebuilds to the same bytes.

    python scripts/build_plotly.py            # rebuild it: after a chart starts drawing a new trace type,
                                              # or plotly (the Python package) moved to another plotly.js
    python scripts/build_plotly.py --check    # rebuild it in a scratch folder and compare (changes nothing)

The bundle holds plotly.js's core (which draws scatter traces) and the trace modules of every other
trace type the course's charts draw (``mgcourse.charts.all_charts()``), as plotly.js documents for a
site that needs only some of them. It is built in a scratch folder from ``tools/plotly-bundle``:
``npm ci`` installs exactly what its ``package-lock.json`` pins (plotly.js at the version the installed
Python plotly expects, and esbuild), then ``build.mjs`` bundles and minifies. The result and its
manifest (plotly.js version, trace types, sha256) are committed in the package
(``mgcourse/sphinxext/plotly/``), so that building the book needs neither node's packages nor the
network for it; the book build checks the bundle against the manifest and the installed plotly.

To move plotly.js to the version a new plotly expects: set it in ``tools/plotly-bundle/package.json``,
run ``npm install --prefix tools/plotly-bundle --package-lock-only --ignore-scripts``, then this script.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "tools" / "plotly-bundle"
PROJECT_FILES = ("package.json", "package-lock.json", "build.mjs")


def course_traces() -> list[str]:
    """Every trace type the course's charts draw, in any state of their static controls."""
    from mgcourse.chartkit import static_chart
    from mgcourse.charts import all_charts

    return sorted({t for chart in all_charts().values() for t in static_chart(chart.interactive()).trace_types()})


def pinned_plotly_js() -> str:
    """The plotly.js version that tools/plotly-bundle pins, the same in its manifest and its lock."""
    wanted = json.loads((PROJECT / "package.json").read_text("utf-8"))["dependencies"]["plotly.js"]
    locked = json.loads((PROJECT / "package-lock.json").read_text("utf-8"))["packages"]["node_modules/plotly.js"]
    if locked["version"] != wanted:
        sys.exit(
            f"tools/plotly-bundle/package-lock.json pins plotly.js {locked['version']}, package.json {wanted}: "
            "run npm install --prefix tools/plotly-bundle --package-lock-only --ignore-scripts"
        )
    return wanted


def build(traces: list[str], scratch: Path) -> Path:
    """The bundle built from the pinned packages in ``scratch``; returns its path."""
    for name in PROJECT_FILES:
        shutil.copy2(PROJECT / name, scratch / name)
    # No install scripts: nothing needs one (esbuild finds its binary in its platform package).
    install = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(install, cwd=scratch, check=True)
    for trace in traces:
        if not (scratch / "node_modules" / "plotly.js" / "lib" / f"{trace}.js").is_file():
            sys.exit(f"plotly.js has no trace module '{trace}' (plotly.js/lib/{trace}.js)")
    output = scratch / "plotly.min.js"
    subprocess.run(["node", "build.mjs", str(output), *[t for t in traces if t != "scatter"]], cwd=scratch, check=True)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="rebuild in a scratch folder and compare; change nothing")
    args = parser.parse_args()

    from plotly.offline import get_plotlyjs_version

    from mgcourse.sphinxext import plotlyjs

    version = pinned_plotly_js()
    if version != get_plotlyjs_version():
        sys.exit(
            f"tools/plotly-bundle pins plotly.js {version} but the installed plotly draws with plotly.js "
            f"{get_plotlyjs_version()}: set that version in tools/plotly-bundle/package.json and run "
            "npm install --prefix tools/plotly-bundle --package-lock-only --ignore-scripts"
        )
    if not (shutil.which("node") and shutil.which("npm")):
        sys.exit("node and npm are needed to build plotly.js (on Debian: apt-get install nodejs npm)")
    traces = course_traces()
    with tempfile.TemporaryDirectory() as scratch:
        built = build(traces, Path(scratch))
        data = built.read_bytes()
        manifest = plotlyjs.manifest_for(data, version, traces)
        if args.check:
            committed = plotlyjs.read_manifest()
            if manifest != committed:
                changed = sorted(k for k in manifest if manifest[k] != committed.get(k))
                sys.exit(
                    f"the committed plotly.js bundle is not what tools/plotly-bundle builds for the course's charts "
                    f"({', '.join(changed)} differ: committed {[committed.get(k) for k in changed]}, "
                    f"built {[manifest[k] for k in changed]}): run python scripts/build_plotly.py"
                )
            plotlyjs.checked_bundle()  # the committed file is the manifest's
        else:
            plotlyjs.write_bundle(data, manifest)
    action = "rebuilt to the committed bytes" if args.check else f"written to {plotlyjs.BUNDLE_DIR.relative_to(ROOT)}"
    print(
        f"plotly.js {version} with the traces {', '.join(traces)}: {len(data):,} bytes "
        f"({len(gzip.compress(data, 6, mtime=0)):,} with gzip), sha256 {manifest['sha256']}, {action}"
    )


if __name__ == "__main__":
    main()
