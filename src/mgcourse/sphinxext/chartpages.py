"""The charts on the static pages: each chart's precomputed model out of the page, and the one copy
of plotly.js the page needs, both served by the book.

Each chart's model (see ``mgcourse.chartkit``) moves out of the page into ``_static/models/``,
loaded with plotly.js when the chart is drawn. A page of charts that draw only the traces of
plotly.js's basic bundle loads that bundle; any other loads the full one. Only pages that draw a
chart load plotly.js, and only when a chart comes near the screen (``mgcourse.js``).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from . import plotlyjs
from .strict import StrictBuildError

logger = logging.getLogger(__name__)

_MODEL = re.compile(
    r'(<figure class="mgc-interactive" id="(?P<uid>[a-z0-9-]+)".*?)'
    r'<script type="application/json" class="mgc-model">(?P<json>.*?)</script>',
    re.S,
)


def find_bundles(app: Sphinx) -> None:
    """``builder-inited``: plotly.js's basic bundle, at the installed plotly's version; the build
    stops before any notebook runs when it is missing or of another version."""
    try:
        app.mgcourse_basic_plotly = plotlyjs.basic_bundle()
    except plotlyjs.BundleError as err:
        raise StrictBuildError(f"plotly.js: {err} (every chart page would load the full 1.5 MB bundle)") from None


def move_models_out(app: Sphinx, pagename: str, context) -> set[str]:
    """Write each chart's model to its own script under _static/models/ and leave a reference.

    Returns the trace types the page's charts draw.
    """
    folder = Path(app.outdir) / "_static" / "models"
    folder.mkdir(parents=True, exist_ok=True)
    page = pagename.replace("/", "-")
    types: set[str] = set()

    def move(match: re.Match) -> str:
        uid, payload = match["uid"], match["json"]
        types.update(plotlyjs.trace_types(payload))
        script = f"(window.mgcourseModels = window.mgcourseModels || {{}})[{uid!r}] = {payload};\n"
        (folder / f"{page}--{uid}.js").write_text(script, "utf-8")
        version = hashlib.sha256(script.encode()).hexdigest()[:10]
        src = f"_static/models/{page}--{uid}.js?v={version}"
        return f'{match[1]}<script type="application/json" class="mgc-model" data-src="{src}"></script>'

    context["body"] = _MODEL.sub(move, context["body"])
    return types


def add_chart_scripts(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """``html-page-context``: a page with charts gets their models and ``mgcourse.js``, which loads
    plotly.js itself when a chart comes near the screen."""
    if "mgc-interactive" not in context.get("body", ""):
        return
    types = move_models_out(app, pagename, context)
    basic = getattr(app, "mgcourse_basic_plotly", None)
    bundle = basic if basic and types <= plotlyjs.BASIC_TRACES else plotlyjs.full_bundle()
    app.add_js_file("mgcourse.js", defer="defer", **{"data-plotly": f"_static/{bundle[1]}"})


def install_bundles(app: Sphinx, exception) -> None:
    """``build-finished``: the plotly.js bundles the pages name."""
    if exception is not None or app.builder.format != "html":
        return
    for bundle in (plotlyjs.full_bundle(), getattr(app, "mgcourse_basic_plotly", None)):
        if bundle:
            destination = Path(app.outdir) / "_static" / bundle[1]
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(bundle[0], destination)
