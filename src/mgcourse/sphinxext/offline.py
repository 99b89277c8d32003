"""Offline assets: math, live code and the course's page files, all served by the book.

LaTeX math is rendered by KaTeX while the book is built (``mathrender.py``): a page with math loads
KaTeX's stylesheet and fonts from the book, and no script; a formula KaTeX cannot read fails the
build. Live code (``live.py``) loads thebe and require.js from the book. The course's page scripts
and styles (``static/``) and its versions of the theme's templates (``templates/``) are added here.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..templating import text
from . import live, mathrender
from .freshness import STATIC_DIR, TEMPLATES_DIR
from .strict import StrictBuildError

logger = logging.getLogger(__name__)


def add_course_files(app: Sphinx, config) -> None:
    """``config-inited``: the course's static files, icon and templates, and math rendered by KaTeX."""
    config.html_math_renderer = mathrender.RENDERER  # not MathJax, which would come from another host
    config.html_static_path.append(str(STATIC_DIR))
    # Every page names the book's icon, so that no browser asks the host for /favicon.ico (a 404 on
    # every first visit); `html: favicon:` in _config.yml names another.
    if not config.html_favicon:
        config.html_favicon = str(STATIC_DIR / "favicon.svg")
    # First, so that the course's versions of the theme's components replace the theme's own.
    config.templates_path.insert(0, str(TEMPLATES_DIR))


def prepare(app: Sphinx) -> None:
    """``builder-inited``: KaTeX, and thebe when the book offers live code."""
    app.mgcourse_katex = None
    if app.builder.format == "html":
        try:
            app.mgcourse_katex = mathrender.prepare()
        except mathrender.MathError as err:
            logger.warning("math: %s", err)
    try:
        thebe_wanted = app.config.html_theme_options.get("launch_buttons", {}).get("thebe")
        app.mgcourse_thebe = live.prepare() if thebe_wanted else None
    except live.LiveCodeError as err:
        raise StrictBuildError(str(err)) from None


def render_math(app: Sphinx, doctree, docname: str) -> None:
    """``doctree-resolved``: every formula of the page rendered to HTML by KaTeX."""
    if app.builder.format != "html" or not mathrender.math_nodes(doctree):
        return
    try:
        if app.mgcourse_katex is None:
            raise mathrender.MathError("KaTeX is not available (see the warning above)")
        mathrender.render_doctree(app.mgcourse_katex, doctree)
    except mathrender.MathError as err:
        logger.warning("math: %s", err, location=docname)
        for node in mathrender.math_nodes(doctree):  # the page is still written, and the build fails
            node["mgcourse_html"] = text(node.astext())


def add_page_assets(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """``html-page-context``: KaTeX's stylesheet on pages with math, live code on pages that offer it."""
    if 'class="katex"' in context.get("body", ""):
        app.add_css_file(mathrender.stylesheet())
    thebe_config = getattr(app.config, "thebe_config", None) or {}
    available = getattr(app, "mgcourse_thebe", None) is not None
    if live.rewrite_page(context, thebe_config, pagename, available):
        app.add_js_file(
            "mgcourse-live.js",
            defer="defer",
            **{
                "data-thebe": "available" if available else "missing",
                "data-requirejs": f"_static/{live.requirejs_file()}",
                "data-thebe-css": f"_static/{live.thebe_dir()}/thebe.css",
            },
        )


def install(app: Sphinx, exception) -> None:
    """``build-finished``: thebe and KaTeX into the book's static files."""
    if exception is not None or app.builder.format != "html":
        return
    if getattr(app, "mgcourse_thebe", None) is not None:
        live.install(app.mgcourse_thebe, Path(app.outdir) / "_static")
    if getattr(app, "mgcourse_katex", None) is not None:
        mathrender.install(app.mgcourse_katex, Path(app.outdir) / "_static")
