"""The charts on the static pages: each chart's precomputed model out of the page, and the one
plotly.js bundle every chart page loads, both served by the book.

A chart's cell outputs the course's own type, ``application/vnd.mgcourse.chart+json`` (see
``mgcourse.chartkit.StaticChart``): the figure's HTML, which names its model's script, the script
itself and the trace types it draws. :class:`ChartOutput`, a myst-nb output renderer (registered in
``pyproject.toml``), puts the HTML in the page and keeps the rest on the node; when the page is
written the model goes to ``_static/models/``, where ``mgcourse.js`` loads it, with the book's
plotly.js bundle (``plotlyjs.py``), when the chart comes near the screen. Only pages that draw a
chart load plotly.js; a chart that draws a trace type the bundle lacks fails the build.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..chartkit import CHART_MIME_TYPE
from . import plotlyjs
from .strict import StrictBuildError

CHART_KEY = "mgcourse_chart"

logger = logging.getLogger(__name__)


class ChartOutput:
    """myst-nb's renderer for the course's chart output (entry point ``myst_nb.mime_renderers``)."""

    mime_priority_overrides = [(builder, CHART_MIME_TYPE, 1) for builder in ("html", "dirhtml", "singlehtml")]

    @staticmethod
    def handle_mime(renderer, data, inline: bool):
        if inline or data.mime_type != CHART_MIME_TYPE:
            return None
        chart = json.loads(data.content) if isinstance(data.content, str) else dict(data.content)
        node = nodes.raw("", chart["html"], format="html", classes=["output", "text_html"])
        node[CHART_KEY] = {key: chart[key] for key in ("id", "model_file", "model_script", "traces")}
        return [node]


def page_charts(doctree) -> list[dict]:
    """The charts a page's doctree holds, as :class:`ChartOutput` left them."""
    if doctree is None:
        return []
    return [node[CHART_KEY] for node in doctree.findall(nodes.raw) if CHART_KEY in node.attributes]


def find_bundle(app: Sphinx) -> None:
    """``builder-inited``: the book's plotly.js bundle, checked against its manifest and the installed
    plotly; the build stops before any notebook runs when it does not match."""
    try:
        app.mgcourse_plotly = plotlyjs.checked_bundle()
    except plotlyjs.BundleError as err:
        raise StrictBuildError(f"plotly.js: {err}") from None


def add_chart_scripts(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """``html-page-context``: a page with charts gets their models and ``mgcourse.js``, which loads
    plotly.js itself when a chart comes near the screen."""
    charts = page_charts(doctree)
    if not charts:
        return
    folder = Path(app.outdir) / "_static" / "models"
    folder.mkdir(parents=True, exist_ok=True)
    for chart in charts:
        model = folder / chart["model_file"]  # named by its content: an unchanged model is not written again
        if not model.exists():
            model.write_text(chart["model_script"], "utf-8")
    bundle = app.mgcourse_plotly
    for problem in plotlyjs.missing_traces(charts, bundle):
        logger.warning("plotly.js: %s", problem, location=pagename)
    app.add_js_file("mgcourse.js", defer="defer", **{"data-plotly": f"_static/{bundle.served_as}"})


def install_bundle(app: Sphinx, exception) -> None:
    """``build-finished``: the plotly.js bundle the chart pages name."""
    if exception is not None or app.builder.format != "html":
        return
    bundle = app.mgcourse_plotly
    destination = Path(app.outdir) / "_static" / bundle.served_as
    if not destination.exists():
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(bundle.path, destination)
