"""Lean pages: less markup and no script that holds up the first paint.

The layout template in ``templates/`` drops the theme's 1.5 MB icon script and its script preloads;
every external script is deferred (the theme's and Sphinx's too); the icon fonts are cut down to
the icons the book uses (``icons.py``); whitespace that the browser ignores is collapsed; a citation
is written as ``<a ...>[9]</a>`` instead of docutils' three elements, and a link to a glossary term
carries no ``<span>`` inside it.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from . import private_api
from .icons import subset_icon_fonts

# Scripts that inline scripts in the page's head use at once: they stay blocking.
_KEEP_BLOCKING = {"documentation_options.js"}
_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)


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


def collapse_whitespace(page: str) -> str:
    """Each run of whitespace that holds a line break becomes one line break, outside ``<pre>`` and
    ``<textarea>``: the browser shows the page the same, and the templates' indentation goes."""
    parts = _VERBATIM.split(page)
    return "".join(part if i % 2 else re.sub(r"[ \t]*\n\s*", "\n", part) for i, part in enumerate(parts))


def collapse_rendered_pages(app: Sphinx) -> None:
    """``builder-inited``: every HTML page the builder renders goes through :func:`collapse_whitespace`."""
    if getattr(app.builder, "templates", None) is not None and app.builder.format == "html":
        private_api.transform_rendered_pages(app.builder, collapse_whitespace)


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
    scripts = context.get("script_files", [])
    for i, script in enumerate(scripts):
        filename = getattr(script, "filename", None)
        attributes = getattr(script, "attributes", {})
        if not filename or "async" in attributes or "defer" in attributes:
            continue
        if Path(str(filename)).name in _KEEP_BLOCKING:
            continue
        scripts[i] = private_api.script_with(script, defer="defer")


def lighten_scripts(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """``html-page-context``, after every other addition: one copy of each script, all deferred."""
    _drop_repeated_scripts(context)
    if pagename != "search":  # Sphinx's search page runs its own blocking scripts that need them
        _defer_scripts(context)


def subset_fonts(app: Sphinx, exception) -> None:
    """``build-finished``: the icon fonts cut down to the icons the book uses."""
    if exception is None and app.builder.format == "html":
        subset_icon_fonts(Path(app.outdir))
