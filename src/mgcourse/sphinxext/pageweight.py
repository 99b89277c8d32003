"""Lean pages: less markup and no script that holds up the first paint.

The layout template in ``templates/`` drops the theme's 1.5 MB icon script and its script preloads;
every external script is deferred (the theme's and Sphinx's too); the icon fonts are cut down to
the icons the book uses (``icons.py``); whitespace that the browser ignores is collapsed; Sphinx's
HTML writer writes less markup for citations, references, glossary links and table cells
(:class:`CourseHTMLTranslator`).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from docutils import nodes
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Token
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from . import private_api
from .icons import subset_icon_fonts
from .mathrender import subset_math_fonts

# Scripts that inline scripts in the page's head use at once: they stay blocking.
_KEEP_BLOCKING = {"documentation_options.js"}
_VERBATIM = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)


class CourseHTMLTranslator(HTML5Translator):
    """Sphinx's HTML writer, with less markup for the same page.

    - A citation is written ``<a href="#footcite-key" role="doc-noteref">[9]</a>``: docutils wraps
      each bracket in its own ``<span>`` and gives every citation an id, about 10 KB of markup on a
      chapter with a hundred citations.
    - A reference in the chapter's list has no links back to its citations: a source cited fourteen
      times carried fourteen numbered links (about 6 KB on the longest chapters), where the browser's
      Back button returns the reader to the sentence they came from.
    - A ``{term}`` link wraps its text in ``<span class="xref std std-term">``, which no style uses:
      about 40 bytes a term; it is written bare.
    - A table cell that holds one plain paragraph gets no ``<p>`` (the cell's first and last child
      have no margin in Sphinx's styles, so it looks the same).
    - In highlighted code, a token whose colour is the code's own in both the light and the dark
      style (names, punctuation, spaces) is written without its ``<span>``: half of a cell's markup.
      ``mgcourse.css`` gives the code block the style's own colour, so the page looks the same.
    """

    def __init__(self, document, builder):
        super().__init__(document, builder)
        self.settings.footnote_backlinks = False

    @staticmethod
    def _bare_term(node) -> bool:
        return "std-term" in node["classes"] and isinstance(node.parent, nodes.reference) and not node["ids"]

    @staticmethod
    def _lone_paragraph_of_cell(node) -> bool:
        return (
            isinstance(node.parent, nodes.entry) and len(node.parent) == 1 and not node["ids"] and not node["classes"]
        )

    def visit_inline(self, node):
        if self._bare_term(node):
            raise nodes.SkipDeparture  # the text goes straight into the link
        super().visit_inline(node)

    def visit_footnote_reference(self, node):
        # Its role names it (the stylesheets select a[role="doc-noteref"]), so no class is written.
        # Written from an empty element: the citation's own ids are left out (nothing links back to it).
        link = self.starttag(nodes.Element(), "a", suffix="", role="doc-noteref", href="#" + node["refid"])
        self.body.append(link + "[")

    def depart_footnote_reference(self, node):
        self.body.append("]</a>")

    def visit_label(self, node):
        self.body.append('<span class="label">[')

    def depart_label(self, node):
        self.body.append("]</span>\n")

    def visit_literal_block(self, node):
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:  # Sphinx's writer ends a highlighted block by skipping the node
            plain = plain_token_classes(
                self.builder.globalcontext.get("theme_pygments_light_style"),
                self.builder.globalcontext.get("theme_pygments_dark_style"),
            )
            self.body[start:] = [unwrap_tokens(part, plain) for part in self.body[start:]]

    def visit_paragraph(self, node):
        if not self._lone_paragraph_of_cell(node):
            super().visit_paragraph(node)

    def depart_paragraph(self, node):
        if not self._lone_paragraph_of_cell(node):
            super().depart_paragraph(node)


@functools.cache
def plain_token_classes(*style_names: str | None) -> frozenset[str]:
    """The classes of the code tokens that every one of these Pygments styles draws as plain text:
    the colour, weight and slant of the style's text. None when a style is unknown."""
    if not style_names or None in style_names:
        return frozenset()
    styles = [get_style_by_name(name) for name in style_names]
    return frozenset(
        name
        for token, name in STANDARD_TYPES.items()
        if name and all(style.style_for_token(token) == style.style_for_token(Token.Text) for style in styles)
    )


def unwrap_tokens(html: str, classes: frozenset[str]) -> str:
    """``html`` with each Pygments token ``<span class="c">text</span>`` of these classes as its text."""
    if not classes:
        return html
    pattern = r'<span class="(?:%s)">([^<]*)</span>' % "|".join(sorted(map(re.escape, classes)))
    return re.sub(pattern, r"\1", html)


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
    """``build-finished``: the icon fonts cut down to the icons the book uses, the math fonts to the
    characters of its formulas."""
    if exception is None and app.builder.format == "html":
        subset_icon_fonts(Path(app.outdir))
        subset_math_fonts(Path(app.outdir))
