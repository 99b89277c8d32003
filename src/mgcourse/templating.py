"""The one way the course writes markup: Jinja2 templates, escaped on output.

The HTML the package produces (the evidence boxes, data tables, self-checks, the instructor guide,
a static chart's controls, caption and frame, the build's additions to a page), and the MyST Markdown
the book reads for the evidence boxes and data tables, comes from a named template in
``mgcourse/templates/``, rendered by :func:`render`. The environment escapes every value a template
shows (``autoescape``), so text from a data file, a self-check or the notes shows as text and never
as markup; a name a template uses but is not given is an error (``StrictUndefined``), not an empty
string. (A chart's reading and hover text are written by its view in ``mgcourse.charts``.)

What a template shows unescaped is HTML the course itself wrote, passed in as :class:`Markup`: a
chart's caption and reading (its data text already escaped by the chart's view), a chart's model as
JSON with no ``<`` for a script element, the figure a template wrote. Never data text.

:func:`text` is the same escaping for text that goes into HTML outside a template (a Sphinx
node's HTML). The one other escape is :func:`mgcourse.charts.style.as_text`, for data text in a
chart: plotly.js reads a subset of HTML there, and the page script compares a reading with the HTML
the browser gives back, which leaves quotes as they are, so it leaves quotes as they are too.
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

__all__ = ["Markup", "render", "text"]


def text(value: object) -> str:
    """``value`` as text to put into HTML: ``& < > " '`` escaped, as templates escape what they show."""
    return str(escape(str(value)))


def _folded(value: object) -> str:
    """Text from a file with its line breaks and runs of spaces folded into single spaces."""
    return " ".join(str(value).split())


def _emphasis(value: object) -> Markup:
    """Text escaped, then the little Markdown a data cell may use (``**bold**``, ``*italic*``) as HTML."""
    html = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", str(escape(str(value))))
    return Markup(re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"<em>\1</em>", html))


def _table_cell(value: object) -> Markup:
    """Text escaped for a cell of a Markdown table: its ``|`` does not end the cell."""
    return Markup(str(escape(str(value))).replace("|", "\\|"))


def _keys(value: str, separator: str = ", ") -> str:
    """Citation keys as the data gives them (``a;b``), stripped and joined by ``separator``."""
    return separator.join(k.strip() for k in str(value).split(";"))


@cache
def environment() -> Environment:
    """The course's Jinja2 environment (made once)."""
    env = Environment(
        loader=PackageLoader("mgcourse", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(folded=_folded, emphasis=_emphasis, table_cell=_table_cell, keys=_keys)
    return env


def render(template_name: str, **context) -> str:
    """The template ``mgcourse/templates/<template_name>`` rendered with ``context``."""
    return environment().get_template(template_name).render(**context)
