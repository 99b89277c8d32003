"""Chapter furniture drawn from data: evidence boxes, data tables and self-checks.

Each call returns a display object with two renderings: MyST Markdown for the book (so that
citations resolve through the bibliography) and HTML for JupyterLab. Text that comes from data
files is escaped, so markup in a data cell shows as text and never runs.
"""

from __future__ import annotations

import html
import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from . import chapters, course, levels, mode
from .data import load_table
from .parameters import magnesium_units
from .units import UNITS

CONFIDENCE = {"H": "H", "M": "M", "L": "L (unconfirmed)"}


def _text(value) -> str:
    """A data cell as safe Markdown text: markup characters shown as text."""
    return html.escape(str(value), quote=False)


def _markdown_to_html(text: str) -> str:
    """The little Markdown data cells may use (**bold**, *italic*), for the JupyterLab rendering."""
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"(?<!\*)\*(?!\*)(.+?)\*", r"<em>\1</em>", text)


def _cite(keys: str) -> str:
    return "{footcite:p}`" + ",".join(k.strip() for k in keys.split(";")) + "`"


class Rendered:
    """A display object carrying Markdown (for the book) and HTML (for Jupyter)."""

    def __init__(self, markdown: str | None, html_text: str, plain: str):
        self.markdown, self.html, self.plain = markdown, html_text, plain

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/html": self.html, "text/plain": self.plain}
        if self.markdown is not None:
            bundle["text/markdown"] = self.markdown
        return bundle


def evidence(claim_id: str) -> Rendered:
    """The evidence box of one claim in ``data/claims.csv``."""
    claims = load_table("claims").set_index("id")
    if claim_id not in claims.index:
        raise KeyError(f"no claim '{claim_id}' in data/claims.csv")
    row = claims.loc[claim_id]
    title = f"Evidence: {levels.title(row.level)}"
    css = levels.css_class(row.level)
    confidence = CONFIDENCE[row.confidence]
    note = row.level_note if isinstance(row.level_note, str) and row.level_note.strip() else ""
    why_md = f" Why this level: {_text(note)}" if note else ""
    why_html = f" Why this level: {html.escape(note)}" if note else ""
    markdown = (
        f"```{{admonition}} {title}\n:class: mgc-evidence {css}\n:name: claim-{claim_id}\n\n"
        f"**The article says:** {_text(row.article_claim)}\n\n"
        f"**What the sources say:** {_text(row.finding)} {_cite(row.sources)}\n\n"
        f"*Level: {row.level}.{why_md} Confidence in the figures: {confidence}.*\n```\n"
    )
    sources = ", ".join(html.escape(k.strip()) for k in row.sources.split(";"))
    html_text = (
        f'<div class="mgc-evidence {css}" style="border-left:4px solid #0072B2;padding:.4em .8em">'
        f"<p><strong>{html.escape(title)}</strong></p>"
        f"<p><strong>The article says:</strong> {html.escape(row.article_claim)}</p>"
        f"<p><strong>What the sources say:</strong> {_markdown_to_html(html.escape(row.finding))} [{sources}]</p>"
        f"<p><em>Level: {row.level}.{why_html} Confidence in the figures: {confidence}.</em></p></div>"
    )
    return Rendered(markdown, html_text, f"{title}\n{row.article_claim}\n{row.finding}")


# The safety points of the supplement box: what the upper levels guard against, the kidneys and other
# medicines. The numbers come from data/upper_levels.csv; each point names its sources.
SAFETY_POINTS = (
    (
        "What the upper levels guard against",
        "Too much magnesium from supplements, antacids or laxatives can cause diarrhea, sometimes with nausea and "
        "stomach cramps; diarrhea is the effect the Institute of Medicine used to set the levels. Magnesium in food "
        "has not been shown to cause it. An upper level is a ceiling, not a target.",
        "iom1997",
    ),
    (
        "Kidneys",
        "The kidneys get rid of extra magnesium. When they work poorly, magnesium from supplements or from medicines "
        "such as antacids and laxatives can build up in the blood (hypermagnesemia), which can be serious.",
        "iom1997;smpc_mg_hydroxide",
    ),
    (
        "Other medicines",
        "Magnesium taken by mouth can reduce the absorption of some medicines taken at the same time, for example "
        "bisphosphonates (for osteoporosis) and tetracycline and quinolone antibiotics.",
        "smpc_mg_hydroxide",
    ),
)
SAFETY_TITLE = "Safety: magnesium from supplements and medicines"
SAFETY_CLOSE = (
    "This course gives no doses. Anyone thinking of taking magnesium, especially with kidney disease or alongside "
    "other medicines, should ask a doctor or pharmacist first."
)


def upper_level_rows() -> list[tuple[str, str]]:
    """(age, upper level in words) for each row of ``data/upper_levels.csv``, youngest first."""
    rows = []
    for row in load_table("upper_levels").sort_values("from_age_years").itertuples():
        limit = row.ul_mg_per_day
        if limit is None or limit != limit:
            words = "none set" + (
                f" ({row.note[0].lower()}{row.note[1:]})" if isinstance(row.note, str) and row.note else ""
            )
        else:
            words = f"{limit:g} mg a day"
        rows.append((row.life_stage, words))
    return rows


def supplement_safety() -> Rendered:
    """The safety box for pages where supplements come up: the tolerable upper intake levels (the whole
    table, from ``data/upper_levels.csv``), what they guard against, kidneys and other medicines, cited.
    One definition, called from each chapter that needs it."""
    table = load_table("upper_levels")
    sources = ";".join(dict.fromkeys(k.strip() for keys in table.source for k in keys.split(";")))
    rows = upper_level_rows()
    intro = (
        "The Institute of Medicine's tolerable upper intake levels count magnesium from supplements and medicines only; "
        "magnesium in food and water does not count towards them."
    )
    markdown = "\n".join(
        [
            f"```{{admonition}} {SAFETY_TITLE}",
            ":class: warning mgc-safety",
            "",
            f"{intro} {_cite(sources)}",
            "",
            "| Age | Upper level, supplements and medicines |",
            "|---|---|",
            *(f"| {_text(age)} | {_text(words)} |" for age, words in rows),
            "",
            *(f"- **{_text(head)}.** {_text(body)} {_cite(keys)}" for head, body, keys in SAFETY_POINTS),
            "",
            SAFETY_CLOSE,
            "```",
            "",
        ]
    )
    html_text = (
        '<div class="mgc-safety" style="border-left:4px solid #D55E00;padding:.4em .8em">'
        f"<p><strong>{html.escape(SAFETY_TITLE)}</strong></p>"
        f"<p>{html.escape(intro)} [{html.escape(sources.replace(';', ', '))}]</p>"
        "<table><thead><tr><th>Age</th><th>Upper level, supplements and medicines</th></tr></thead><tbody>"
        + "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(w)}</td></tr>" for a, w in rows)
        + "</tbody></table><ul>"
        + "".join(
            f"<li><strong>{html.escape(h)}.</strong> {html.escape(b)} [{html.escape(k.replace(';', ', '))}]</li>"
            for h, b, k in SAFETY_POINTS
        )
        + f"</ul><p>{html.escape(SAFETY_CLOSE)}</p></div>"
    )
    plain = "\n".join([SAFETY_TITLE, intro, *(f"{a}: {w}" for a, w in rows), SAFETY_CLOSE])
    return Rendered(markdown, html_text, plain)


def _chapter_pages() -> dict[int, str]:
    """Chapter number -> the name of its page in the built book (``NN-name.html``)."""
    return {chapters.chapter_number(p): f"{p.stem}.html" for p in chapters.chapter_paths()}


def claims_summary() -> Rendered:
    """Every claim the course examines, by chapter: what the article says (linked to the evidence box
    in its chapter, where the finding and its sources are) and its level.

    The book gets a plain HTML table: one link per row instead of a cross-reference keeps chapter
    10's page light. The links' targets (``claim-<id>``, the name each evidence box carries) are
    checked by the build tests.
    """
    claims = load_table("claims").sort_values("chapter", kind="stable")
    pages = _chapter_pages()
    rows_book, rows_lab = [], []
    for row in claims.itertuples():
        claim, level = html.escape(row.article_claim), html.escape(row.level)
        link = f'<a href="{pages[row.chapter]}#claim-{html.escape(row.id)}">{claim}</a>'
        rows_book.append(f"<tr><td>{row.chapter}</td><td>{link}</td><td>{level}</td></tr>")
        rows_lab.append(f"<tr><td>{row.chapter}</td><td>{claim}</td><td>{level}</td></tr>")

    def table_html(rows: list[str], heading: str) -> str:
        return (
            '<table class="table mgc-claims"><caption>Every claim the course examines '
            f'(from <code>{claims.attrs["path"]}</code>)</caption><thead><tr><th scope="col">Chapter</th>'
            f'<th scope="col">{heading}</th><th scope="col">Level</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table>"
        )

    markdown = table_html(rows_book, "The article says (each links to its evidence box)") + "\n"
    return Rendered(markdown, table_html(rows_lab, "The article says"), f"{len(claims)} claims")


def _cell(value) -> str:
    """A data value as a table shows it: numbers without trailing zeros, yes/no, a dash for none."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if value is None or (isinstance(value, (float, np.floating)) and pd.isna(value)):
        return "–"
    if isinstance(value, (float, np.floating)):
        return f"{value:g}"
    return str(value)


def table(name: str, columns: dict[str, str] | None = None) -> Rendered:
    """A data table as a cited table. ``columns`` maps column names to headings (default: all, titled)."""
    return _table(load_table(name), columns)


def serum_thresholds_in_units() -> Rendered:
    """The serum lines of ``data/serum_thresholds.csv`` in mmol/L, mg/dL and mEq/L, lowest first
    (converted with :mod:`mgcourse.units`, to two decimals)."""
    frame = load_table("serum_thresholds").sort_values("mmol_per_l")
    columns, units = {"label": "Serum magnesium"}, magnesium_units()
    for unit in UNITS:
        column = re.sub(r"\W", "_", unit)  # "mg_dL": a column name that is also an identifier
        frame[column] = [round(units.from_mmol_per_l(v, unit), 2) for v in frame.mmol_per_l]
        columns[column] = unit
    return _table(frame, columns)


def _table(frame: pd.DataFrame, columns: dict[str, str] | None) -> Rendered:
    source_col = next((c for c in ("sources", "source") if c in frame.columns), None)
    titles = frame.attrs["titles"]
    columns = columns or {c: titles[c] for c in frame.columns if c not in (source_col, "confidence")}
    headings = list(columns.values()) + ["Sources", "Confidence"]
    rows_md, rows_html = [], []
    for row in frame.itertuples(index=False):
        record = row._asdict()
        shown = {c: _cell(record[c]) for c in columns}
        cells = [_text(shown[c]).replace("|", "\\|") for c in columns]
        cells_html = [html.escape(shown[c]) for c in columns]
        keys = record[source_col] if source_col else ""
        cells.append(_cite(keys) if keys else "")
        cells_html.append(html.escape(keys.replace(";", ", ")))
        confidence = CONFIDENCE[record["confidence"]] if "confidence" in record else ""
        cells.append(confidence)
        cells_html.append(confidence)
        rows_md.append("| " + " | ".join(cells) + " |")
        rows_html.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells_html) + "</tr>")
    title = frame.attrs["title"]
    markdown = "\n".join(
        [
            f"**{_text(title)}** (from `{frame.attrs['path']}`)",
            "",
            "| " + " | ".join(headings) + " |",
            "|" + "|".join("---" for _ in headings) + "|",
            *rows_md,
            "",
        ]
    )
    html_text = (
        f"<table class='mgc-table'><caption>{html.escape(title)}</caption><thead><tr>"
        + "".join(f"<th>{html.escape(h)}</th>" for h in headings)
        + "</tr></thead><tbody>"
        + "".join(rows_html)
        + "</tbody></table>"
    )
    return Rendered(markdown, html_text, title)


# Scoped style so that feedback also works in JupyterLab, where the book's stylesheet is absent (the
# book's pages get the same rules from mgcourse.css).
_SELF_CHECK_STYLE = (
    "<style>.mgc-selfcheck .mgc-feedback{display:none;margin:.2em 0 .6em 1.8em}"
    ".mgc-selfcheck input:checked~.mgc-feedback{display:block}"
    ".mgc-selfcheck fieldset{border:1px solid #999;border-radius:6px;margin:0 0 1em;padding:.5em 1em}"
    ".mgc-selfcheck .mgc-option{display:grid;grid-template-columns:1.6rem 1fr;margin:.3rem 0}"
    ".mgc-selfcheck .mgc-feedback{grid-column:2}"
    ".mgc-selfcheck .mgc-right{color:#006b4f}.mgc-selfcheck .mgc-wrong{color:#a33}</style>"
)


def load_self_check(chapter: str, directory: Path | None = None) -> dict:
    """Read and check a chapter's self-check file (``book/self-checks/<chapter>.yml`` of the course
    folder, unless ``directory`` names another)."""
    path = (directory or course.self_check_dir()) / f"{chapter}.yml"
    if not path.exists():
        raise FileNotFoundError(f"no self-check file {course.shown(path)}")
    quiz = yaml.safe_load(path.read_text("utf-8"))
    questions = quiz.get("questions") or []
    if not questions:
        raise ValueError(f"{path.name}: no questions")
    for n, q in enumerate(questions, start=1):
        options = q.get("options") or []
        if not q.get("prompt") or len(options) < 2:
            raise ValueError(f"{path.name}, question {n}: needs a prompt and at least two options")
        if sum(bool(o.get("correct")) for o in options) != 1:
            raise ValueError(f"{path.name}, question {n}: exactly one option must be correct")
        if not all(o.get("text") and o.get("feedback") for o in options):
            raise ValueError(f"{path.name}, question {n}: every option needs text and feedback")
        # A course-level check names the chapter each question draws on.
        number = q.get("chapter")
        if "chapter" in q and (
            not isinstance(number, int) or isinstance(number, bool) or number not in _chapter_pages()
        ):
            raise ValueError(f"{path.name}, question {n}: 'chapter' must be the number of a chapter of the course")
    return quiz


SCORE_START = "Choose an answer to each question; your score will appear here."
SCORE_LIVE_NOTE = (
    "The running score appears in the book's web page. Here, the feedback under each answer shows whether it is right."
)


def self_check(chapter: str, scored: bool = False) -> Rendered:
    """A chapter's self-check: choose an answer and its feedback appears (no script needed).

    ``scored=True`` (the course-level check) adds a running score: the right option of each question
    carries ``data-correct``, questions that name a ``chapter`` link back to it, and a polite live
    region ends the quiz. In the book, ``mgcourse-quiz.js`` (loaded by the build extension on pages
    with a scored quiz) keeps it at "You have answered N of M; X correct." JupyterLab does not run
    the book's scripts, so there the line says where the score appears instead.
    """
    quiz = load_self_check(chapter)
    in_book = mode.in_book()
    css_class = "mgc-selfcheck mgc-scored" if scored else "mgc-selfcheck"
    parts = ["" if in_book else _SELF_CHECK_STYLE, f'<div class="{css_class}" id="mgc-check-{html.escape(chapter)}">']
    parts.append(
        f"<p><strong>{html.escape(quiz.get('title', 'Self-check'))}</strong> Choose an answer to see feedback.</p>"
    )
    pages = _chapter_pages()
    for n, q in enumerate(quiz["questions"], start=1):
        name = f"mgc-{chapter}-q{n}"
        parts.append(f'<fieldset class="mgc-question"><legend>{n}. {html.escape(q["prompt"])}</legend>')
        # A fixed shuffle per question, so that the right answer is not always in the same place.
        options = list(q["options"])
        random.Random(f"{chapter}-{n}").shuffle(options)
        for m, option in enumerate(options):
            oid = f"{name}-{m}"
            verdict, css = ("Correct.", "mgc-right") if option.get("correct") else ("Not quite.", "mgc-wrong")
            marker = " data-correct" if scored and option.get("correct") else ""
            parts.append(
                f'<div class="mgc-option"><input type="radio" name="{name}" id="{oid}"{marker}>'
                f'<label for="{oid}">{html.escape(option["text"])}</label>'
                f'<p class="mgc-feedback {css}"><strong>{verdict}</strong> {html.escape(option["feedback"])}</p></div>'
            )
        if scored and "chapter" in q:
            page = pages[q["chapter"]]
            target = page if in_book else page.removesuffix(".html") + ".ipynb"
            parts.append(f'<p class="mgc-from">From <a href="{target}">chapter {q["chapter"]}</a>.</p>')
        parts.append("</fieldset>")
    if scored:
        parts.append(
            f'<p class="mgc-score" role="status" aria-live="polite" aria-atomic="true" '
            f'data-questions="{len(quiz["questions"])}">{SCORE_START if in_book else SCORE_LIVE_NOTE}</p>'
        )
    parts.append("</div>")
    html_text = "".join(parts)
    plain = "\n".join(f"{n}. {q['prompt']}" for n, q in enumerate(quiz["questions"], start=1))
    return Rendered(None, html_text, plain)
