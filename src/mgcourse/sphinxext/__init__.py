"""Sphinx extension of the course's book build (listed in ``_config.yml``), so that
``jupyter-book build .`` alone gives the complete, offline, strict book.

``setup()`` only wires; each concern is a module of its own:

* ``strict``: the build fails on bad data, a notebook without its setup cell, a notebook error, a
  widget left in a page, or any warning.
* ``freshness``: what re-runs a notebook (data, self-checks, package, installed versions, what the
  instructor guide reads) and what rewrites every page (the course's page files).
* ``chartpages``: each chart's model out of the page, and the one plotly.js bundle the book serves.
* ``offline``: KaTeX math rendered at build time, live code, the course's page files.
* ``pageweight``: lean markup, deferred scripts, icon fonts cut down.
* ``additions``: the learner's path, the printable handouts, the scored quiz's script, the
  landing ``index.html``.
* ``private_api``: the private Sphinx and pybtex calls the others still need, each tested.

The kernels the build starts render the course's calls for the static book (``mgcourse.mode``)
and read the course files of the book being built (``mgcourse.course``).
"""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

from .. import course, mode
from . import additions, chartpages, freshness, offline, pageweight, private_api, strict, mathrender

LAST = 900  # priority of the handlers that must run after every other one of their event


def setup(app: Sphinx) -> dict:
    strict.check_book(app)
    mode.render_for_book()
    os.environ[course.ROOT_VARIABLE] = str(Path(app.srcdir).resolve())
    private_api.cache_bibliography_plugin_lookups()
    app.set_translator("html", pageweight.CourseHTMLTranslator)
    app.add_html_math_renderer(mathrender.RENDERER, (mathrender.visit_inline, None), (mathrender.visit_block, None))
    app.add_config_value("mgcourse_assets_digest", "", "html")
    app.add_config_value("mgcourse_handouts", True, "html")
    app.add_css_file("mgcourse.css")
    strict.record_warnings(app)

    app.connect("config-inited", strict.check_config)
    app.connect("config-inited", freshness.note_assets)
    app.connect("config-inited", offline.add_course_files)

    app.connect("builder-inited", pageweight.collapse_rendered_pages)
    app.connect("builder-inited", strict.check_sources)
    app.connect("builder-inited", freshness.write_records)
    app.connect("builder-inited", chartpages.find_bundle)
    app.connect("builder-inited", offline.prepare)
    app.connect("builder-inited", additions.find_printer)

    app.connect("doctree-read", freshness.note_dependencies)
    app.connect("doctree-resolved", offline.render_math)
    app.connect("env-updated", additions.write_course_path)

    app.connect("html-page-context", strict.check_page)
    app.connect("html-page-context", chartpages.add_chart_scripts)
    app.connect("html-page-context", offline.add_page_assets)
    app.connect("html-page-context", additions.add_to_page)
    app.connect("html-page-context", pageweight.lighten_scripts, priority=LAST)

    app.connect("build-finished", additions.write_redirect_page)
    app.connect("build-finished", chartpages.install_bundle)
    app.connect("build-finished", offline.install)
    app.connect("build-finished", pageweight.subset_fonts)
    app.connect("build-finished", _fail_on_warnings, priority=LAST - 100)
    app.connect("build-finished", additions.print_handouts, priority=LAST)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _fail_on_warnings(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        strict.fail_on_warnings(app)
