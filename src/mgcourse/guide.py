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

The sources are read and checked in :mod:`mgcourse.guide_sources` (chapters, notes) and
:mod:`mgcourse.launch_links` (Binder addresses); this module renders them, with the templates in
``mgcourse/templates/guide/`` (see :mod:`mgcourse.templating`: text read from files is escaped, so
markup in a file shows as text). The notebook calls :func:`timing_table`, :func:`chapter_guides`,
:func:`binder_links` and :func:`local_install`; each returns a :class:`mgcourse.content.Rendered`
(HTML for the book and for JupyterLab; links point to ``.html`` pages in the book and to notebooks
in JupyterLab). :func:`load_notes` and :func:`read_chapter` raise :class:`GuideError` with the file,
the key and the reason when a source cannot be used.
"""

from __future__ import annotations

from pathlib import Path

from . import chapters as chapter_files
from . import course as course_files
from . import mode
from .content import Rendered, load_self_check
from .exercises import Exercise, load_exercises
from .guide_sources import (  # noqa: F401 (the guide's names, as the notebook and the tests use them)
    MISCONCEPTIONS_PER_CHAPTER,
    QUESTIONS_PER_DEMO,
    SELF_CHECK_MINUTES_PER_QUESTION,
    WORDS_PER_MINUTE,
    WORDS_SHOWN_TO_NEAREST,
    Chapter,
    GuideError,
    chapters,
    count_words,
    learning_objectives,
    load_notes,
    read_chapter,
    reading_minutes,
    rounded_words,
    shown_from_chapters,
)
from .launch_links import binder_url, github_repository
from .templating import render

# What every template of the guide may show.
_CONSTANTS = {"words_per_minute": WORDS_PER_MINUTE, "minutes_per_question": SELF_CHECK_MINUTES_PER_QUESTION}


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
    html_text = render("guide/local-install.html", python=python, commands=commands)
    return Rendered(None, html_text, "\n".join(commands))


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


def _self_check_minutes(name: str) -> tuple[int, int]:
    """(questions, suggested minutes) of a chapter's self-check."""
    questions = len(load_self_check(name)["questions"])
    return questions, questions * SELF_CHECK_MINUTES_PER_QUESTION


def timing_table() -> Rendered:
    """Every chapter's time to teach: reading (computed), demonstration and self-check (suggested)."""
    course, rows, totals = chapters(), [], [0, 0, 0, 0]
    notes = load_notes(course=course)
    for chapter in course:
        parts = [chapter.reading_minutes, notes[chapter.name]["demonstration_minutes"]]
        parts.append(_self_check_minutes(chapter.name)[1])
        parts.append(sum(parts))
        totals = [t + p for t, p in zip(totals, parts, strict=True)]
        rows.append((chapter, parts))
    words = sum(c.words_shown for c in course)
    table = render("guide/timing-table.html", rows=rows, totals=totals, words=words, **_CONSTANTS)
    plain = "\n".join(f"{c.number}. {c.title}: {c.reading_minutes} min reading" for c in course)
    return Rendered(None, table, plain)


def _answers(name: str) -> list[dict]:
    """For each question of a chapter's self-check: its prompt, the correct option and the wrong ones."""
    return [
        {
            "prompt": question["prompt"],
            "right": next(o for o in question["options"] if o.get("correct")),
            "wrong": [o for o in question["options"] if not o.get("correct")],
        }
        for question in load_self_check(name)["questions"]
    ]


def self_check_answers(name: str) -> Rendered:
    """The answers to a chapter's self-check, from its YAML file: for each question the correct option
    and its feedback, then each wrong option and why it is wrong (the option's own feedback)."""
    answers = _answers(name)
    plain = "\n".join(f"{n}. {a['right']['text']}" for n, a in enumerate(answers, start=1))
    return Rendered(None, render("guide/self-check-answers.html", answers=answers), plain)


def _chapter_section(chapter: Chapter, note: dict) -> dict:
    """What ``guide/chapter.html`` shows of one chapter."""
    questions, self_check_minutes = _self_check_minutes(chapter.name)
    heading = chapter.calls[note["call"]]
    anchor = section_id(heading) if heading and mode.in_book() else ""
    misconceptions = []
    for item in note["misconceptions"]:
        kind, value = item["source"]
        page = _page(chapter.name, f"claim-{value}" if kind == "claim" else "self-check")
        misconceptions.append({**item, "page": page, "question": value if kind == "self_check" else None})
    return {
        "chapter": chapter,
        "note": note,
        "page": _page(chapter.name),
        "binder": binder_url(chapter.name + ".ipynb"),
        "explore": {"page": _page(chapter.name, anchor), "heading": heading} if heading else None,
        "misconceptions": misconceptions,
        "questions": questions,
        "self_check_minutes": self_check_minutes,
        "total_minutes": chapter.reading_minutes + note["demonstration_minutes"] + self_check_minutes,
        "answers": _answers(chapter.name),
        "exercises": [_exercise(chapter.name, exercise_id) for exercise_id in chapter.exercises],
        "code_exercises": chapter.code_exercises,
    }


def _exercise(chapter: str, exercise_id: str) -> Exercise:
    return next(e for e in load_exercises(chapter) if e.id == exercise_id)


def chapter_guides() -> Rendered:
    """The guide to every chapter: objectives, time, demonstration, misconceptions, self-check answers."""
    course = chapters()
    notes = load_notes(course=course)
    sections = [_chapter_section(c, notes[c.name]) for c in course]
    html_text = render("guide/chapter-guides.html", sections=sections, **_CONSTANTS)
    plain = "\n".join(f"Chapter {c.number}. {c.title}" for c in course)
    return Rendered(None, html_text, plain)


def binder_links() -> Rendered:
    """A table with each chapter's Binder launch link (and its page in the book)."""
    links = [(c, binder_url(c.name + ".ipynb"), _page(c.name)) for c in chapters()]
    plain = "\n".join(binder_url(p.name) for p in chapter_files.chapter_paths())
    return Rendered(None, render("guide/binder-links.html", links=links), plain)
