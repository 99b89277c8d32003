"""The instructor guide, drawn from the chapters themselves and from ``book/instructor-notes.yml``.

What the guide shows for each chapter, and where it comes from:

* the **learning objectives**: the list under the chapter notebook's ``## Learning objectives``
  heading, read at each call, so the guide never disagrees with the chapter;
* the **time to teach**: reading time from the chapter's word count (its Markdown prose and the text
  of its evidence boxes) at :data:`WORDS_PER_MINUTE`, a suggested demonstration time from the notes
  file and a suggested self-check time per question;
* the **interactive to demonstrate**, what to move and what to ask the class, and two or three
  **common misconceptions**, each with the correct idea and a pointer to where the chapter says so:
  the notes file, checked against the chapter by :func:`load_notes`;
* the **self-check answers**: the correct option, its feedback and why each wrong option is wrong,
  rendered from ``book/self-checks/<chapter>.yml``, so the guide cannot disagree with the quiz.

The notebook calls :func:`timing_table`, :func:`chapter_guides`, :func:`binder_links` and
:func:`local_install`; each returns a :class:`mgcourse.content.Rendered` (HTML for the book and for
JupyterLab; links point to ``.html`` pages in the book and to notebooks in JupyterLab). Text read
from files is escaped, so markup in a file shows as text. :func:`load_notes` and :func:`read_chapter`
raise :class:`GuideError` with the file, the key and the reason when a source cannot be used.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import chapters as chapter_files
from . import course as course_files
from . import mode
from .content import Rendered, load_self_check
from .data import load_table

WORDS_PER_MINUTE = 200
WORDS_SHOWN_TO_NEAREST = 100  # the guide shows "about 2,300 words", so a typo fix leaves it unchanged
SELF_CHECK_MINUTES_PER_QUESTION = 2
QUESTIONS_PER_DEMO = (2, 3)
MISCONCEPTIONS_PER_CHAPTER = (2, 3)


class GuideError(ValueError):
    """A guide source (the notes file, a chapter, the book's configuration) is not usable.

    Carries the file, the key within it and the reason, like the data and self-check loaders.
    """

    def __init__(self, file: str, key: str, reason: str):
        self.file, self.key, self.reason = file, key, reason
        super().__init__(f"{file}, {key}: {reason}")


def _shown(path: Path) -> str:
    """A path as the error messages show it: relative to the course folder when it is inside it."""
    return course_files.shown(path)


def _clean(text) -> str:
    """Text from a file with its line breaks and runs of spaces folded into single spaces."""
    return " ".join(str(text).split())


def _e(text) -> str:
    """Text from a file, escaped for HTML (markup shows as text)."""
    return html.escape(_clean(text))


# ------------------------------------------------------------------ the chapters


@dataclass(frozen=True)
class Chapter:
    """What the guide reads from one chapter notebook."""

    name: str  # "01-energy": the notebook's stem, the key of its notes and of its self-check file
    number: int
    title: str
    objectives: tuple[str, ...]
    words: int
    calls: dict[str, str]  # interactive call ("energy.mgatp_speciation") -> the heading above it
    claims: tuple[str, ...]  # ids of the evidence boxes the chapter shows

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.words)

    @property
    def words_shown(self) -> int:
        """The word count as the guide shows it, to the nearest :data:`WORDS_SHOWN_TO_NEAREST`."""
        return rounded_words(self.words)


_CITATION = re.compile(r"\{(?:foot)?cite(?::\w+)?\}`[^`]*`")  # {footcite:p}`key1,key2`: not read
_ROLE_TEXT = re.compile(r"\{[\w:-]+\}`([^`<]*?)\s*(?:<[^`>]*>)?`")  # {term}`MgATP <MgATP>`: its text is read
_FENCE = re.compile(r"^\s*(```|:::)")
_OPTION = re.compile(r"^\s*:[\w-]+:")  # a directive option line such as ":class: warning"


def learning_objectives(markdown: str, where: str = "chapter") -> list[str]:
    """The items of the list under the ``## Learning objectives`` heading, one string each.

    An item runs over its indented continuation lines; the list ends at the next heading, fence or
    unindented line that does not start a new item.
    """
    lines = markdown.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip().lower() == "## learning objectives")
    except StopIteration:
        raise GuideError(where, "## Learning objectives", "no such heading in the chapter") from None
    items: list[list[str]] = []
    for line in lines[start + 1 :]:
        if not line.strip():
            continue
        if re.match(r"^[-*] ", line):
            items.append([line[2:].strip()])
        elif line[:1] in (" ", "\t") and items:
            items[-1].append(line.strip())
        else:
            break
    objectives = [" ".join(parts) for parts in items if " ".join(parts).strip()]
    if not objectives:
        raise GuideError(where, "## Learning objectives", "the heading has no list of objectives under it")
    return objectives


def count_words(markdown: str) -> int:
    """Words a reader reads in a chapter's Markdown: citations, fences and directive options left out,
    the text of other roles (a glossary link, a cross-reference) kept."""
    words = 0
    for line in markdown.splitlines():
        if _FENCE.match(line) or _OPTION.match(line):
            continue
        line = _ROLE_TEXT.sub(r"\1", _CITATION.sub(" ", line))
        words += sum(1 for token in line.split() if re.search(r"\w", token))
    return words


def rounded_words(words: int) -> int:
    """``words`` to the nearest :data:`WORDS_SHOWN_TO_NEAREST` (2,349 -> 2,300)."""
    return int(round(words / WORDS_SHOWN_TO_NEAREST)) * WORDS_SHOWN_TO_NEAREST


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at :data:`WORDS_PER_MINUTE`, rounded up (at least 1)."""
    if words <= 0:
        raise ValueError("a chapter with no words has no reading time")
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def read_chapter(path: Path) -> Chapter:
    """Read one chapter notebook: title, objectives, word count, interactive calls, evidence boxes."""
    shown = _shown(path)
    try:
        notebook = chapter_files.read(path)
        charts_shown = chapter_files.chart_calls(notebook, shown)
        claims = tuple(chapter_files.evidence_ids(notebook))
    except chapter_files.ChapterError as err:
        raise GuideError(shown, "(file)", str(err)) from None
    markdown_cells = {i: c.source.splitlines() for i, c in enumerate(notebook.cells) if c.cell_type == "markdown"}
    markdown = "\n".join(line for lines in markdown_cells.values() for line in lines)
    title_line = next((line for line in markdown.splitlines() if line.startswith("# ")), None)
    if title_line is None:
        raise GuideError(shown, "# title", "the chapter has no title heading")
    title = re.sub(r"^#\s+\d+\.\s*", "", title_line).strip()

    # Each chart, with the last second-level heading above it (its "Explore: ..." section).
    calls = {}
    for name, cell in charts_shown:
        headings = [
            line[3:].strip()
            for i in sorted(markdown_cells)
            if i < cell
            for line in markdown_cells[i]
            if line.startswith("## ")
        ]
        calls[name] = headings[-1] if headings else ""
    evidence_words = 0
    if claims:
        table = load_table("claims").set_index("id")
        for claim in claims:
            if claim in table.index:
                row = table.loc[claim]
                evidence_words += count_words(f"{row.article_claim}\n{row.finding}")
    return Chapter(
        name=path.stem,
        number=chapter_files.chapter_number(path),
        title=title,
        objectives=tuple(learning_objectives(markdown, shown)),
        words=count_words(markdown) + evidence_words,
        calls=calls,
        claims=claims,
    )


def chapters(book_dir: Path | None = None) -> list[Chapter]:
    """Every chapter of the course, read from its notebook, in course order."""
    return [read_chapter(path) for path in chapter_files.chapter_paths(book_dir)]


def shown_from_chapters(book_dir: Path | None = None) -> str:
    """Everything the guide shows that it reads from the chapters, as JSON text.

    The build makes the guide depend on this text, not on the chapter files: editing a chapter
    re-runs the guide only when the guide's page would change.
    """
    shown = [
        {
            "name": c.name,
            "number": c.number,
            "title": c.title,
            "objectives": c.objectives,
            "words": c.words_shown,
            "minutes": c.reading_minutes,
            "calls": c.calls,
            "claims": c.claims,
        }
        for c in chapters(book_dir)
    ]
    return json.dumps(shown, ensure_ascii=False, indent=1)


# ------------------------------------------------------------------ the notes file


_CHAPTER_KEYS = {"demonstration_minutes", "demonstrate", "misconceptions"}
_DEMO_KEYS = {"call", "move", "questions"}
_QUESTION_KEYS = {"ask", "listen_for"}
_MISCONCEPTION_KEYS = {"belief", "correct", "source"}


def _text_at(value, file: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GuideError(file, key, "needs some text")
    return _clean(value)


def _mapping_at(value, file: str, key: str, allowed: set[str]) -> dict:
    if not isinstance(value, dict):
        raise GuideError(file, key, "must be a mapping of keys to values")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise GuideError(file, f"{key}.{unknown[0]}", f"unknown key (expected one of: {', '.join(sorted(allowed))})")
    missing = sorted(allowed - set(value))
    if missing:
        raise GuideError(file, f"{key}.{missing[0]}", "missing")
    return value


def _list_at(value, file: str, key: str, sizes: tuple[int, int]) -> list:
    low, high = sizes
    if not isinstance(value, list) or not low <= len(value) <= high:
        count = len(value) if isinstance(value, list) else "no list"
        raise GuideError(file, key, f"needs a list of {low} to {high} items (found {count})")
    return value


def load_notes(path: Path | None = None, course: list[Chapter] | None = None) -> dict[str, dict]:
    """Read and check the instructor notes (default ``book/instructor-notes.yml``, read at each call): one entry
    per chapter, each checked against its chapter.

    Returns chapter name -> notes with text folded onto one line. Raises :class:`GuideError` with the
    file, the key and the reason for the first problem found.
    """
    path = course_files.notes_path() if path is None else path
    file = _shown(path)
    if not path.exists():
        raise GuideError(file, "(file)", "file is missing")
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as err:
        raise GuideError(file, "(file)", f"not valid YAML: {err}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("chapters"), dict):
        raise GuideError(file, "chapters", "the file must hold a mapping 'chapters' of chapter names to notes")
    course = chapters() if course is None else course
    by_name = {c.name: c for c in course}
    entries = raw["chapters"]
    for name in entries:
        if name not in by_name:
            raise GuideError(file, f"chapters.{name}", f"no chapter notebook book/{name}.ipynb")
    claims = load_table("claims").set_index("id")
    notes = {}
    for chapter in course:
        key = f"chapters.{chapter.name}"
        if chapter.name not in entries:
            raise GuideError(file, key, "the chapter has no notes")
        entry = _mapping_at(entries[chapter.name], file, key, _CHAPTER_KEYS)
        minutes = entry["demonstration_minutes"]
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 60:
            raise GuideError(file, f"{key}.demonstration_minutes", "must be a whole number of minutes from 1 to 60")

        demo = _mapping_at(entry["demonstrate"], file, f"{key}.demonstrate", _DEMO_KEYS)
        call = _text_at(demo["call"], file, f"{key}.demonstrate.call")
        if call not in chapter.calls:
            known = ", ".join(chapter.calls) or "none"
            raise GuideError(
                file,
                f"{key}.demonstrate.call",
                f"'{call}' is not an interactive called in book/{chapter.name}.ipynb (it calls: {known})",
            )
        questions = []
        for n, question in enumerate(
            _list_at(demo["questions"], file, f"{key}.demonstrate.questions", QUESTIONS_PER_DEMO)
        ):
            where = f"{key}.demonstrate.questions[{n + 1}]"
            question = _mapping_at(question, file, where, _QUESTION_KEYS)
            questions.append({k: _text_at(question[k], file, f"{where}.{k}") for k in ("ask", "listen_for")})

        quiz = load_self_check(chapter.name)
        misconceptions = []
        for n, item in enumerate(
            _list_at(entry["misconceptions"], file, f"{key}.misconceptions", MISCONCEPTIONS_PER_CHAPTER)
        ):
            where = f"{key}.misconceptions[{n + 1}]"
            item = _mapping_at(item, file, where, _MISCONCEPTION_KEYS)
            source = item["source"]
            if not isinstance(source, dict) or len(source) != 1 or next(iter(source)) not in ("claim", "self_check"):
                raise GuideError(file, f"{where}.source", "must be {claim: <id>} or {self_check: <question number>}")
            kind, value = next(iter(source.items()))
            if kind == "claim":
                if value not in claims.index:
                    raise GuideError(file, f"{where}.source.claim", f"no claim '{value}' in data/claims.csv")
                if int(claims.loc[value, "chapter"]) != chapter.number:
                    raise GuideError(
                        file,
                        f"{where}.source.claim",
                        f"claim '{value}' belongs to chapter {claims.loc[value, 'chapter']}, not {chapter.number}",
                    )
            elif not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= len(quiz["questions"]):
                raise GuideError(
                    file,
                    f"{where}.source.self_check",
                    f"book/self-checks/{chapter.name}.yml has questions 1 to {len(quiz['questions'])}, not {value!r}",
                )
            misconceptions.append(
                {
                    "belief": _text_at(item["belief"], file, f"{where}.belief"),
                    "correct": _text_at(item["correct"], file, f"{where}.correct"),
                    "source": (kind, value),
                }
            )
        notes[chapter.name] = {
            "demonstration_minutes": minutes,
            "call": call,
            "move": _text_at(demo["move"], file, f"{key}.demonstrate.move"),
            "questions": questions,
            "misconceptions": misconceptions,
        }
    return notes


# ------------------------------------------------------------------ Binder


def github_repository(config_path: Path | None = None) -> tuple[str, str, str]:
    """(owner, name, branch) of the course's repository, from ``repository`` in ``_config.yml``."""
    config_path = config_path or course_files.config_path()
    file = _shown(config_path)
    config = yaml.safe_load(config_path.read_text("utf-8")) or {}
    repository = config.get("repository") or {}
    url = str(repository.get("url", "")).rstrip("/").removesuffix(".git")
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+)", url)
    if match is None:
        raise GuideError(file, "repository.url", f"'{url}' is not the address of a GitHub repository")
    return match[1], match[2], str(repository.get("branch") or "main")


def binder_url(notebook: str, config_path: Path | None = None) -> str:
    """The mybinder.org address that opens ``book/<notebook>`` in JupyterLab, built the way the
    chapter pages' launch buttons are: from ``repository`` and ``launch_buttons`` in ``_config.yml``."""
    config_path = config_path or course_files.config_path()
    owner, name, branch = github_repository(config_path)
    file = _shown(config_path)
    config = yaml.safe_load(config_path.read_text("utf-8")) or {}
    repository = config.get("repository") or {}
    launch = config.get("launch_buttons") or {}
    hub = str(launch.get("binderhub_url") or "").rstrip("/")
    if not hub.startswith("https://"):
        raise GuideError(file, "launch_buttons.binderhub_url", "needs the https address of a BinderHub")
    interfaces = {"classic": "tree", "jupyterlab": "lab/tree"}
    interface = launch.get("notebook_interface", "classic")
    if interface not in interfaces:
        raise GuideError(file, "launch_buttons.notebook_interface", f"must be one of {', '.join(interfaces)}")
    book = str(repository.get("path_to_book") or "").strip("/")
    path = f"{book}/book/{notebook}" if book else f"book/{notebook}"
    return f"{hub}/v2/gh/{owner}/{name}/{branch}?urlpath={interfaces[interface]}/{path}"


def local_install(config_path: Path | None = None, runtime_path: Path | None = None) -> Rendered:
    """The commands that install the course on one machine and open it in JupyterLab (no Binder)."""
    owner, name, _ = github_repository(config_path)
    python = (runtime_path or course_files.runtime_path()).read_text("utf-8").strip().replace("python-", "Python ")
    commands = [
        f"git clone https://github.com/{owner}/{name}.git",
        f"cd {name}",
        "pip install -r binder/requirements.txt",
        'pip install -e ".[lab]"',
        "jupyter lab book/",
    ]
    html_text = (
        f'<p class="mgc-guide-install">With {html.escape(python)} (the version Binder uses) and git installed, '
        "preferably in a fresh virtual environment:</p>"
        f'<pre class="mgc-guide-install"><code>{html.escape(chr(10).join(commands))}</code></pre>'
    )
    return Rendered(None, html_text, "\n".join(commands))


# ------------------------------------------------------------------ rendering


def _page(name: str, anchor: str = "") -> str:
    """A link target for a page of the course: its HTML page in the book, its notebook in JupyterLab."""
    if mode.in_book():
        return f"{name}.html" + (f"#{anchor}" if anchor else "")
    return f"{name}.ipynb"


def section_id(heading: str) -> str:
    """The id Sphinx gives a section with this heading (docutils' ``make_id``). Only the book's
    pages need it: docutils comes with the book's toolchain, not with a learner's environment."""
    from docutils.nodes import make_id

    return make_id(heading)


def timing_table() -> Rendered:
    """Every chapter's time to teach: reading (computed), demonstration and self-check (suggested)."""
    course, rows, totals = chapters(), [], [0, 0, 0, 0]
    notes = load_notes(course=course)
    for chapter in course:
        questions = len(load_self_check(chapter.name)["questions"])
        parts = [
            chapter.reading_minutes,
            notes[chapter.name]["demonstration_minutes"],
            questions * SELF_CHECK_MINUTES_PER_QUESTION,
        ]
        parts.append(sum(parts))
        totals = [t + p for t, p in zip(totals, parts, strict=True)]
        rows.append(
            f'<tr><th scope="row"><a href="#guide-{html.escape(chapter.name)}">{chapter.number}. {_e(chapter.title)}</a></th>'
            f"<td>about {chapter.words_shown:,}</td>" + "".join(f"<td>{m}</td>" for m in parts) + "</tr>"
        )
    headings = ["Chapter", "Words", "Reading", "Demonstration", "Self-check", "Total"]
    caption = (
        f"Time to teach each chapter, in minutes. Reading: the chapter's words at {WORDS_PER_MINUTE} a minute. "
        f"Demonstration and self-check (about {SELF_CHECK_MINUTES_PER_QUESTION} minutes a question): suggestions."
    )
    table = (
        f'<table class="table mgc-guide-timing"><caption>{caption}</caption><thead><tr>'
        + "".join(f'<th scope="col">{h}</th>' for h in headings)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + f'</tbody><tfoot><tr><th scope="row">The whole course</th><td>about {sum(c.words_shown for c in course):,}</td>'
        + "".join(f"<td>{t}</td>" for t in totals)
        + "</tr></tfoot></table>"
    )
    plain = "\n".join(f"{c.number}. {c.title}: {c.reading_minutes} min reading" for c in course)
    return Rendered(None, table, plain)


def self_check_answers(name: str) -> Rendered:
    """The answers to a chapter's self-check, from its YAML file: for each question the correct option
    and its feedback, then each wrong option and why it is wrong (the option's own feedback)."""
    quiz = load_self_check(name)
    items = []
    for question in quiz["questions"]:
        right = next(o for o in question["options"] if o.get("correct"))
        wrong = [o for o in question["options"] if not o.get("correct")]
        items.append(
            f'<li class="mgc-guide-answer"><p class="mgc-guide-prompt">{_e(question["prompt"])}</p>'
            f'<p><strong>Answer:</strong> <span class="mgc-guide-correct">{_e(right["text"])}</span></p>'
            f'<p class="mgc-guide-why">{_e(right["feedback"])}</p>'
            "<p>Why the other options are wrong:</p><ul>"
            + "".join(
                f'<li><p><em class="mgc-guide-wrong">{_e(o["text"])}</em></p><p>{_e(o["feedback"])}</p></li>'
                for o in wrong
            )
            + "</ul></li>"
        )
    html_text = f'<ol class="mgc-guide-answers">{"".join(items)}</ol>'
    plain = "\n".join(
        f"{n}. {next(o['text'] for o in q['options'] if o.get('correct'))}"
        for n, q in enumerate(quiz["questions"], start=1)
    )
    return Rendered(None, html_text, plain)


def _chapter_section(chapter: Chapter, note: dict) -> str:
    name = html.escape(chapter.name)
    questions = len(load_self_check(chapter.name)["questions"])
    self_check_minutes = questions * SELF_CHECK_MINUTES_PER_QUESTION
    total = chapter.reading_minutes + note["demonstration_minutes"] + self_check_minutes
    heading = chapter.calls[note["call"]]
    anchor = section_id(heading) if heading and mode.in_book() else ""
    explore = f'<a href="{_page(chapter.name, anchor)}">{_e(heading)}</a>' if heading else ""
    asks = "".join(
        f'<li><p>{_e(q["ask"])}</p><p class="mgc-guide-listen"><em>Listen for:</em> {_e(q["listen_for"])}</p></li>'
        for q in note["questions"]
    )
    beliefs = []
    for item in note["misconceptions"]:
        kind, value = item["source"]
        if kind == "claim":
            where = f'<a href="{_page(chapter.name, "claim-" + value)}">the evidence box</a>'
        else:
            where = f'<a href="{_page(chapter.name, "self-check")}">self-check</a> question {value}'
        beliefs.append(
            f'<li><p class="mgc-guide-belief"><em>Some learners think:</em> {_e(item["belief"])}</p>'
            f'<p class="mgc-guide-idea"><em>The chapter shows:</em> {_e(item["correct"])} (See {where}.)</p></li>'
        )
    return (
        f'<section class="mgc-guide-chapter" id="guide-{name}" aria-labelledby="guide-{name}-title">'
        f'<h3 id="guide-{name}-title">Chapter {chapter.number}. {_e(chapter.title)}</h3>'
        f'<p><a href="{_page(chapter.name)}">Open the chapter</a> · '
        f'<a href="{html.escape(binder_url(chapter.name + ".ipynb"))}">Launch it on Binder</a></p>'
        "<h4>Learning objectives</h4>"
        '<ul class="mgc-guide-objectives">' + "".join(f"<li>{_e(o)}</li>" for o in chapter.objectives) + "</ul>"
        f"<h4>Time to teach: about {total} minutes</h4>"
        '<ul class="mgc-guide-time">'
        f"<li>Reading: {chapter.reading_minutes} minutes (about {chapter.words_shown:,} words at {WORDS_PER_MINUTE} a minute)</li>"
        f"<li>Demonstration: {note['demonstration_minutes']} minutes (a suggestion)</li>"
        f"<li>Self-check: {self_check_minutes} minutes ({questions} questions, about "
        f"{SELF_CHECK_MINUTES_PER_QUESTION} minutes each with a short discussion; a suggestion)</li></ul>"
        "<h4>Demonstrate</h4>"
        f'<p class="mgc-guide-demo">The interactive: {explore} (<code>{_e(note["call"])}()</code>).</p>'
        f'<p class="mgc-guide-move"><em>What to move:</em> {_e(note["move"])}</p>'
        f'<p>Questions to ask while you move it:</p><ol class="mgc-guide-questions">{asks}</ol>'
        "<h4>Common misconceptions</h4>"
        f'<ul class="mgc-guide-misconceptions">{"".join(beliefs)}</ul>'
        f"<details><summary>Self-check answers ({questions} questions)</summary>"
        f"{self_check_answers(chapter.name).html}</details>"
        "</section>"
    )


def chapter_guides() -> Rendered:
    """The guide to every chapter: objectives, time, demonstration, misconceptions, self-check answers."""
    course = chapters()
    notes = load_notes(course=course)
    contents = "".join(
        f'<li><a href="#guide-{html.escape(c.name)}">Chapter {c.number}. {_e(c.title)}</a></li>' for c in course
    )
    html_text = (
        '<div class="mgc-guide">'
        f'<nav aria-label="Chapters in this guide"><ol class="mgc-guide-contents">{contents}</ol></nav>'
        + "".join(_chapter_section(c, notes[c.name]) for c in course)
        + "</div>"
    )
    plain = "\n".join(f"Chapter {c.number}. {c.title}" for c in course)
    return Rendered(None, html_text, plain)


def binder_links() -> Rendered:
    """A table with each chapter's Binder launch link (and its page in the book)."""
    rows = "".join(
        f'<tr><th scope="row">{c.number}. {_e(c.title)}</th>'
        f'<td><a class="mgc-binder-link" href="{html.escape(binder_url(c.name + ".ipynb"))}">'
        f"Launch chapter {c.number} on Binder</a></td>"
        f'<td><a href="{_page(c.name)}">Chapter {c.number} in the book</a></td></tr>'
        for c in chapters()
    )
    table = (
        '<table class="table mgc-guide-binder"><caption>Each chapter on Binder</caption><thead><tr>'
        '<th scope="col">Chapter</th><th scope="col">Live notebook</th><th scope="col">Static page</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )
    plain = "\n".join(binder_url(p.name) for p in chapter_files.chapter_paths())
    return Rendered(None, table, plain)
