"""Sphinx extension of the course's book build (listed in ``_config.yml``).

What it does, so that ``jupyter-book build .`` alone gives the complete, offline, strict book:

* **Static rendering.** It sets ``MGCOURSE_RENDER=static`` for the kernels the build starts, so
  interactives render as HTML with page controls and never as widgets (see ``mgcourse.chartkit``).
  A page that still carries a widget fails the build: it would be a dead control.
* **Offline assets.** It serves ``mgcourse.js``/``mgcourse.css`` and one copy of plotly.js (from the
  installed plotly package) from the book; only pages that draw a chart load plotly.js, and only
  when a chart comes near the screen (``mgcourse.js``). LaTeX math is rendered by KaTeX while the
  book is built (``mathrender.py``): a page with math loads KaTeX's stylesheet and fonts from the
  book, and no script; a formula KaTeX cannot read fails the build.
* **Lean pages.** The layout template in ``templates/`` drops the theme's 1.5 MB icon script and
  its script preloads, the theme's and Sphinx's scripts are deferred so that they never hold up the
  first paint, and the icon fonts are cut down to the icons the book uses (``icons.py``). Each
  chart's precomputed model moves out of the page into ``_static/models/``, loaded with plotly.js
  when the chart is drawn, a citation is written as ``<a ...>[9]</a>`` instead of docutils'
  three elements, and a link to a glossary term carries no ``<span>`` inside it.
* **No stale outputs.** Every notebook depends on the data files, the self-check files, the
  package's modules and the installed packages' versions (``environment.py``: a lock file that
  moves plotly on, or a build restored from an older cache, re-runs them); when one of them
  changes, Sphinx reads the notebooks again and, as execution is in ``force`` mode, runs them again. A notebook that uses ``mgcourse.guide`` (the instructor
  guide) also depends on ``book/instructor-notes.yml`` and on what it shows from the chapters
  (objectives, rounded word counts, reading times, interactives), written to a file in the
  doctree folder only when it changes: editing a chapter's prose re-runs that chapter alone.
  Unchanged notebooks are not re-read nor re-run. A change to the course's page scripts, styles or
  templates (``static/``, ``templates/``) rewrites every page without re-running any notebook, so
  that each page links the new files (Sphinx alone would report nothing out of date and copy
  nothing).
* **Scored quizzes.** A page holding a scored quiz (the course-level check) gets
  ``mgcourse-quiz.js``, which keeps its score line up to date; other pages do not load it.
* **Strictness.** Bad data fails before any notebook runs; a notebook error fails the build
  (``nb_execution_raise_on_error``); and any warning (a broken reference, a missing citation key,
  ...) fails it at the end.
"""

from __future__ import annotations

import functools
import hashlib
import html
import logging as std_logging
import os
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError, SphinxError
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning
from sphinx.writers.html5 import HTML5Translator

from .. import chapters, content, course, guide, mode, setup_cell
from ..data import DataError, load_all
from . import environment, handouts, live, mathrender, plotlyjs, progress
from .icons import subset_icon_fonts

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
# Scripts that inline scripts in the page's head use at once: they stay blocking.
_KEEP_BLOCKING = {"documentation_options.js"}
PACKAGE_DIR = Path(__file__).resolve().parents[1]


_RECORDER = None


class StrictBuildError(SphinxError):
    category = "Course build check failed"


def uses_guide(notebook: Path) -> bool:
    """Whether a notebook imports ``mgcourse.guide`` (and so reads the chapters and the notes)."""
    try:
        return chapters.uses_module(chapters.read(notebook), "mgcourse.guide")
    except chapters.ChapterError:
        return False


def dependencies(
    notebook: Path | None = None, guide_inputs: Path | None = None, installed: Path | None = None
) -> list[Path]:
    """Files whose change must re-execute a notebook.

    Every notebook depends on the data, the self-checks, the package and ``installed``, the record
    of the installed packages' versions (see :mod:`.environment`). A notebook that uses
    ``mgcourse.guide`` also depends on the instructor notes and on what the guide reads from the
    chapters: ``guide_inputs`` (see :func:`write_guide_inputs`), or else the chapter notebooks
    themselves. The chapters do not depend on the notes.
    """
    data_dir = course.data_dir()
    files = [*data_dir.glob("*.csv"), data_dir / "datapackage.json", course.bibliography()]
    files += course.self_check_dir().glob("*.yml")
    files += [p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts]
    files += [installed] if installed else []
    if notebook is not None and uses_guide(notebook):
        files += [course.notes_path(), course.runtime_path()]  # the guide quotes Binder's Python version
        files += [guide_inputs] if guide_inputs else chapters.chapter_paths()
    return sorted(files)


def write_guide_inputs(path: Path, book_dir: Path | None = None) -> Path:
    """Write what the guide shows from the chapters to ``path``, touching it only when it changed
    (Sphinx compares the file's time with the guide's last reading)."""
    return environment.write_if_changed(path, guide.shown_from_chapters(book_dir))


def assets_digest() -> str:
    """A digest of the course's page scripts, styles and templates (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in (STATIC_DIR, TEMPLATES_DIR) for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _config_inited(app: Sphinx, config) -> None:
    # An "html" configuration value: when it changes Sphinx rewrites every page (and copies the
    # static files again) but reads and executes nothing.
    config.mgcourse_assets_digest = assets_digest()
    if config.nb_execution_mode != "force":
        raise ConfigError("execute_notebooks must be 'force' so that a data or package change re-runs the notebooks")
    if not config.nb_execution_raise_on_error:
        raise ConfigError("nb_execution_raise_on_error must be true so that a notebook error fails the build")
    config.html_math_renderer = mathrender.RENDERER  # not MathJax, which would come from another host
    config.html_static_path.append(str(STATIC_DIR))
    # First, so that the course's versions of the theme's components replace the theme's own.
    config.templates_path.insert(0, str(TEMPLATES_DIR))


def check_course_data(data_dir: Path | None = None, self_check_dir: Path | None = None) -> None:
    """Load every data table, every self-check file and the instructor notes; the first problem raises
    :class:`StrictBuildError`."""
    try:
        load_all(data_dir)
        for quiz in (self_check_dir or course.self_check_dir()).glob("*.yml"):
            content.load_self_check(quiz.stem, quiz.parent)
        guide.load_notes()
    except (DataError, ValueError, KeyError) as err:
        raise StrictBuildError(f"bad course data: {err}") from None


def check_setup_cells() -> None:
    """Every notebook starts with the current setup cell (``mgcourse.setup_cell``)."""
    missing = setup_cell.stale()
    if missing:
        names = ", ".join(course.shown(p) for p in missing)
        raise StrictBuildError(
            f"{names}: the first cell is not the course's setup cell (which Colab and a JupyterHub need); "
            "run `python -m mgcourse.setup_cell` to write it"
        )


def _builder_inited(app: Sphinx) -> None:
    _collapse_rendered_pages(app)
    check_course_data()
    check_setup_cells()
    app.mgcourse_guide_inputs = write_guide_inputs(Path(app.doctreedir) / "mgcourse-guide-inputs.json")
    app.mgcourse_installed = environment.write_record(Path(app.doctreedir))
    try:
        app.mgcourse_basic_plotly = plotlyjs.basic_bundle()
    except plotlyjs.BundleError as err:
        app.mgcourse_basic_plotly = None  # the pages still build, with the full bundle, and the build fails
        logger.warning("plotly.js: %s (every chart page would load the full 1.5 MB bundle)", err)
    app.mgcourse_katex = None
    if app.builder.format == "html":
        try:
            app.mgcourse_katex = mathrender.prepare()
        except mathrender.MathError as err:
            logger.warning("math: %s", err)
    app.mgcourse_chromium = handouts.find_chromium()
    if app.mgcourse_chromium is None:
        logger.info("printable handouts left out: no chromium found (on Debian: apt-get install chromium)")
    try:
        thebe_wanted = app.config.html_theme_options.get("launch_buttons", {}).get("thebe")
        app.mgcourse_thebe = live.prepare() if thebe_wanted else None
    except live.LiveCodeError as err:
        raise StrictBuildError(str(err)) from None


def _doctree_read(app: Sphinx, doctree) -> None:
    docname = app.env.docname
    source = Path(app.env.doc2path(docname))
    if source.suffix == ".ipynb":
        guide_inputs, installed = (getattr(app, name, None) for name in ("mgcourse_guide_inputs", "mgcourse_installed"))
        for path in dependencies(source, guide_inputs, installed):
            app.env.note_dependency(str(path))


def _doctree_resolved(app: Sphinx, doctree, docname: str) -> None:
    if app.builder.format != "html" or not mathrender.math_nodes(doctree):
        return
    try:
        if app.mgcourse_katex is None:
            raise mathrender.MathError("KaTeX is not available (see the warning above)")
        mathrender.render_doctree(app.mgcourse_katex, doctree)
    except mathrender.MathError as err:
        logger.warning("math: %s", err, location=docname)
        for node in mathrender.math_nodes(doctree):  # the page is still written, and the build fails
            node["mgcourse_html"] = html.escape(node.astext())


def _drop_repeated_scripts(context) -> None:
    # sphinx-thebe registers its inline configuration script twice in a Jupyter Book build, which
    # makes every page throw "Identifier 'THEBE_JS_URL' has already been declared".
    seen, kept = set(), []
    for script in context.get("script_files", []):
        # One copy is registered with filename None, the other with "": both mean an inline script.
        key = (getattr(script, "filename", script) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"][:] = kept  # in place: it is the builder's own list


def _defer_scripts(context) -> None:
    """Give every external script of the page ``defer`` (it then runs in order, after parsing)."""
    from sphinx.builders.html._assets import _JavaScript

    scripts = context.get("script_files", [])
    for i, script in enumerate(scripts):
        filename = getattr(script, "filename", None)
        attributes = dict(getattr(script, "attributes", {}))
        if not filename or "async" in attributes or "defer" in attributes:
            continue
        if Path(str(filename)).name in _KEEP_BLOCKING:
            continue
        attributes["defer"] = "defer"
        scripts[i] = _JavaScript(filename, priority=script.priority, **attributes)


_MODEL = re.compile(
    r'(<figure class="mgc-interactive" id="(?P<uid>[a-z0-9-]+)".*?)'
    r'<script type="application/json" class="mgc-model">(?P<json>.*?)</script>',
    re.S,
)


def _move_models_out(app: Sphinx, pagename: str, context) -> set[str]:
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


class CourseHTMLTranslator(HTML5Translator):
    """Sphinx's HTML writer, with citations written as ``<a role="doc-noteref" ...>[9]</a>`` and
    glossary term links as ``<a ...>term</a>``.

    docutils wraps each bracket of a footnote reference in its own ``<span>``; on a chapter with a
    hundred citations that is about 10 KB of markup for two characters each. A reference's links
    back to its citations are written "(1, 2, 3)": docutils' "(1,2,3)" has nowhere to wrap, and a
    source cited thirty times made the page wider than a phone's screen.
    A ``{term}`` link wraps its text in ``<span class="xref std std-term">``, which no style uses:
    about 40 bytes a term.
    """

    @staticmethod
    def _bare_term(node) -> bool:
        return "std-term" in node["classes"] and isinstance(node.parent, nodes.reference) and not node["ids"]

    def visit_inline(self, node):
        if self._bare_term(node):
            raise nodes.SkipDeparture  # the text goes straight into the link
        super().visit_inline(node)

    def visit_footnote_reference(self, node):
        # Its role names it (the stylesheets select a[role="doc-noteref"]), so no class is written.
        href = "#" + node["refid"]
        self.body.append(self.starttag(node, "a", suffix="", role="doc-noteref", href=href) + "[")

    def depart_footnote_reference(self, node):
        self.body.append("]</a>")

    def visit_label(self, node):
        start = len(self.body)
        super().visit_label(node)
        self.body[start:] = [part.replace('<span class="fn-bracket">[</span>', "[") for part in self.body[start:]]

    def depart_label(self, node):
        start = len(self.body)
        super().depart_label(node)
        self.body[start:] = [
            part.replace('<span class="fn-bracket">]</span>', "]").replace("</a>,<a ", "</a>, <a ")
            for part in self.body[start:]
        ]


_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)


def collapse_whitespace(page: str) -> str:
    """Each run of whitespace that holds a line break becomes one line break, outside ``<pre>`` and
    ``<textarea>``: the browser shows the page the same, and the templates' indentation goes."""
    parts = _VERBATIM.split(page)
    return "".join(part if i % 2 else re.sub(r"[ \t]*\n\s*", "\n", part) for i, part in enumerate(parts))


def _collapse_rendered_pages(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is None or app.builder.format != "html":
        return
    render = templates.render
    templates.render = lambda template, context: collapse_whitespace(render(template, context))


def _env_updated(app: Sphinx, env) -> None:
    # Written before the pages, so that Sphinx gives its address a checksum that changes with it.
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / "course-path.js").write_text(progress.path_script(env), "utf-8")


def _handout_docs(app: Sphinx) -> list[str]:
    """The pages that have a printable handout, in course order: the landing page and the chapters."""
    return [app.config.root_doc, *sorted(d for d in app.env.found_docs if chapters.is_chapter(d))]


def _link_handouts(app: Sphinx, pagename: str, context) -> None:
    if getattr(app, "mgcourse_chromium", None) is None or pagename not in _handout_docs(app):
        return
    pathto = context["pathto"]
    links = []
    if pagename != app.config.root_doc:
        links.append(f'<a href="{pathto(f"{handouts.FOLDER}/{handouts.pdf_name(pagename)}", 1)}">this chapter</a>')
    links.append(f'<a href="{pathto(f"{handouts.FOLDER}/{handouts.WHOLE_COURSE}", 1)}">the whole course</a>')
    line = f'<p class="mgc-handouts">Printable handout (PDF): {" · ".join(links)}</p>'
    context["body"] = re.sub(r"(</h1>)", lambda m: m[1] + line, context["body"], count=1)


def _page_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if "application/vnd.jupyter.widget-view+json" in body or "jupyter-widgets" in body:
        logger.warning("page %s shows a Jupyter widget, which is dead in the static book", pagename)
    if "mgc-interactive" in body:
        types = _move_models_out(app, pagename, context)
        basic = getattr(app, "mgcourse_basic_plotly", None)
        bundle = basic if basic and types <= plotlyjs.BASIC_TRACES else plotlyjs.full_bundle()
        # mgcourse.js loads plotly.js itself, when a chart comes near the screen.
        app.add_js_file("mgcourse.js", defer="defer", **{"data-plotly": f"_static/{bundle[1]}"})
    # myst-nb names the toggle of a hidden code cell "Toggle hidden content", which is not what it
    # shows ("Show code cell source"); its visible text is the better name (WCAG 2.5.3).
    context["body"] = context.get("body", "").replace('<summary aria-label="Toggle hidden content">', "<summary>")
    if 'class="katex"' in body:
        app.add_css_file(mathrender.stylesheet())
    if 'class="mgc-selfcheck mgc-scored"' in body:
        app.add_js_file("mgcourse-quiz.js", defer="defer")
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
    _link_handouts(app, pagename, context)
    if chapters.is_chapter(pagename) or pagename == app.config.root_doc:
        where = progress.where_html(app.env, pagename)
        context["body"] = re.sub(r"(</h1>)", lambda m: m[1] + where, context["body"], count=1)
        context["body"] += progress.path_nav(pagename)
        app.add_js_file("course-path.js", defer="defer")
        app.add_js_file("mgcourse-progress.js", defer="defer")
    _drop_repeated_scripts(context)
    if pagename != "search":  # Sphinx's search page runs its own blocking scripts that need them
        _defer_scripts(context)


def _write_redirect_page(app: Sphinx) -> None:
    """The book's index.html, which sends the reader on to the first page. Jupyter Book writes a bare
    ``<meta>`` refresh when there is none; this one is a page in its own right, with a language, a
    title and a link, for a reader whose browser does not follow the refresh."""
    if app.config.root_doc == "index":
        return
    target = html.escape(app.builder.get_target_uri(app.config.root_doc))
    title = html.escape(app.config.html_title or app.config.project)
    page = (
        f'<!DOCTYPE html>\n<html lang="{html.escape(app.config.language or "en")}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n<title>{title}</title>\n</head>\n'
        f'<body>\n<main>\n<h1>{title}</h1>\n<p><a href="{target}">Open the course</a></p>\n</main>\n</body>\n</html>\n'
    )
    (Path(app.outdir) / "index.html").write_text(page, "utf-8")


def _build_finished(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    _write_redirect_page(app)
    for bundle in (plotlyjs.full_bundle(), getattr(app, "mgcourse_basic_plotly", None)):
        if bundle:
            destination = Path(app.outdir) / "_static" / bundle[1]
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(bundle[0], destination)
    if getattr(app, "mgcourse_thebe", None) is not None:
        live.install(app.mgcourse_thebe, Path(app.outdir) / "_static")
    if getattr(app, "mgcourse_katex", None) is not None:
        mathrender.install(app.mgcourse_katex, Path(app.outdir) / "_static")
    subset_icon_fonts(Path(app.outdir))
    warnings = getattr(app, "_warncount", 0)
    if warnings:
        listed = "\n".join(f"  - {m}" for m in dict.fromkeys(_RECORDER.messages)) if _RECORDER else ""
        raise StrictBuildError(f"{warnings} warning(s); the course builds without warnings:\n{listed}")
    if getattr(app, "mgcourse_chromium", None) is not None:
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


class _WarningRecorder(std_logging.Handler):
    """Keeps the text of each warning the build counts, to repeat them when the build fails."""

    def __init__(self, app: Sphinx):
        super().__init__(level=std_logging.WARNING)
        self.app, self.messages = app, []

    def emit(self, record):
        suppressed = getattr(self.app.config, "suppress_warnings", ())
        if not is_suppressed_warning(getattr(record, "type", ""), getattr(record, "subtype", ""), suppressed):
            location = getattr(record, "location", None)
            self.messages.append(f"{location}: {record.getMessage()}" if location else record.getMessage())


def _cache_bibliography_plugin_lookups() -> None:
    """pybtex looks its style plugins up among every installed package's entry points on each
    citation: with a few hundred ``footcite`` roles that took a third of a clean build. The plugins
    do not change during a build (sphinxcontrib-bibtex registers its own when it is set up)."""
    import pybtex.plugin

    if not hasattr(pybtex.plugin._load_entry_point, "cache_info"):
        pybtex.plugin._load_entry_point = functools.lru_cache(maxsize=None)(pybtex.plugin._load_entry_point)


def setup(app: Sphinx) -> dict:
    # Kernels started by the build inherit the environment: they render interactives statically,
    # and they (and this process) read the course files of the book being built, whichever
    # checkout the package was installed from.
    mode.render_for_book()
    if not course.holds_course(Path(app.srcdir)):
        raise ConfigError(f"{app.srcdir} does not hold the course's files (data/datapackage.json of the course)")
    os.environ[course.ROOT_VARIABLE] = str(Path(app.srcdir).resolve())
    _cache_bibliography_plugin_lookups()
    app.set_translator("html", CourseHTMLTranslator)
    app.add_html_math_renderer(mathrender.RENDERER, (mathrender.visit_inline, None), (mathrender.visit_block, None))
    app.add_config_value("mgcourse_assets_digest", "", "html")
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("doctree-read", _doctree_read)
    app.connect("doctree-resolved", _doctree_resolved)
    app.connect("env-updated", _env_updated)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    app.add_css_file("mgcourse.css")
    global _RECORDER
    _RECORDER = _WarningRecorder(app)
    std_logging.getLogger("sphinx").addHandler(_RECORDER)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
