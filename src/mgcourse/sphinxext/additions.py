"""What the build adds to the pages for learners: where a page sits in the course and the path of
chapters (``progress.py``), the printable handouts (``handouts.py``), the scored quiz's script, and a
landing ``index.html`` that is a page in its own right."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .. import chapters
from ..chromium import find_chromium
from ..templating import render
from . import handouts, progress
from .strict import StrictBuildError

logger = logging.getLogger(__name__)


def find_printer(app: Sphinx) -> None:
    """``builder-inited``: the chromium that prints the handouts, if there is one and they are wanted
    (``mgcourse_handouts``, true unless the configuration says otherwise: a quick draft build)."""
    app.mgcourse_chromium = find_chromium() if app.config.mgcourse_handouts else None
    if not app.config.mgcourse_handouts:
        logger.info("printable handouts left out: mgcourse_handouts is false")
    elif app.mgcourse_chromium is None:
        logger.info("printable handouts left out: no chromium found (on Debian: apt-get install chromium)")


def write_course_path(app: Sphinx, env) -> None:
    """``env-updated``: the chapters' list for the path script, written before the pages, so that
    Sphinx gives its address a checksum that changes with it."""
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / "course-path.js").write_text(progress.path_script(env), "utf-8")


def _handout_docs(app: Sphinx) -> list[str]:
    """The pages that have a printable handout, in course order: the landing page and the chapters."""
    return [app.config.root_doc, *sorted(d for d in app.env.found_docs if chapters.is_chapter(d))]


def _after_title(context, markup: str) -> None:
    context["body"] = re.sub(r"(</h1>)", lambda m: m[1] + markup, context["body"], count=1)


def add_to_page(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """``html-page-context``: the handout links and the course path under the title, the path of
    chapters at the end, the quiz script where there is a scored quiz, the exercises' script where there
    is an exercise."""
    # myst-nb names the toggle of a hidden code cell "Toggle hidden content", which is not what it
    # shows ("Show code cell source"); its visible text is the better name (WCAG 2.5.3).
    context["body"] = context.get("body", "").replace('<summary aria-label="Toggle hidden content">', "<summary>")
    if 'class="mgc-selfcheck mgc-scored"' in context["body"]:
        app.add_js_file("mgcourse-quiz.js", defer="defer")
    if 'class="mgc-exercise"' in context["body"]:
        app.add_js_file("mgcourse-exercise.js", defer="defer")
    if getattr(app, "mgcourse_chromium", None) is not None and pagename in _handout_docs(app):
        pathto = context["pathto"]
        chapter = None if pagename == app.config.root_doc else f"{handouts.FOLDER}/{handouts.pdf_name(pagename)}"
        links = render(
            "sphinx/handouts.html",
            chapter=pathto(chapter, 1) if chapter else None,
            whole_course=pathto(f"{handouts.FOLDER}/{handouts.WHOLE_COURSE}", 1),
        )
        _after_title(context, links)
    if chapters.is_chapter(pagename) or pagename == app.config.root_doc:
        _after_title(context, progress.where_html(app.env, pagename))
        context["body"] += progress.path_nav(pagename)
        app.add_js_file("course-path.js", defer="defer")
        app.add_js_file("mgcourse-progress.js", defer="defer")


def write_redirect_page(app: Sphinx, exception) -> None:
    """``build-finished``: the book's index.html, which sends the reader on to the first page.
    Jupyter Book writes a bare ``<meta>`` refresh when there is none; this one is a page in its own
    right, with a language, a title and a link, for a reader whose browser does not follow the refresh."""
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    page = render(
        "sphinx/redirect.html",
        language=app.config.language or "en",
        target=app.builder.get_target_uri(app.config.root_doc),
        title=app.config.html_title or app.config.project,
        icon=_icon_address(app.config.html_favicon),
    )
    (Path(app.outdir) / "index.html").write_text(page, "utf-8")


def _icon_address(favicon: str) -> str | None:
    """The book's icon as the other pages name it: Sphinx copies a file into _static, a URL stays."""
    if not favicon:
        return None
    return favicon if "://" in favicon else f"_static/{Path(favicon).name}"


def print_handouts(app: Sphinx, exception) -> None:
    """``build-finished``, last: the handouts, printed from the finished pages."""
    if exception is not None or app.builder.format != "html" or getattr(app, "mgcourse_chromium", None) is None:
        return
    static = Path(app.outdir) / "_static"
    try:
        handouts.make(
            app.mgcourse_chromium,
            Path(app.outdir),
            _handout_docs(app),
            [static / "mgcourse.js", static / "mgcourse.css"],
        )
    except (handouts.HandoutError, OSError) as err:
        raise StrictBuildError(f"printable handouts: {err}") from None
