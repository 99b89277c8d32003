"""What the instructor guide reads, checked: the chapters themselves and ``book/instructor-notes.yml``.

From each chapter notebook (:func:`read_chapter`): its title, the **learning objectives** (the list
under its ``## Learning objectives`` heading), its word count (its Markdown prose and the text of its
evidence boxes), the interactives it shows and the heading above each, and its evidence boxes; read
at each call, so the guide never disagrees with the chapter.

From the notes file (:func:`load_notes`): per chapter, a suggested demonstration time, the
interactive to demonstrate, what to move and what to ask the class, and two or three **common
misconceptions**, each with the correct idea and a pointer to where the chapter says so, each
checked against the chapter.

Both raise :class:`GuideError` with the file, the key and the reason when a source cannot be used.
:mod:`mgcourse.guide` renders what they return.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import chapters as chapter_files
from . import course as course_files
from .content import load_self_check
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
    exercises: tuple[str, ...] = ()  # ids of the exercises worked on the page, in order
    code_exercises: tuple[chapter_files.CodeExercise, ...] = ()

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
        exercises = tuple(chapter_files.exercise_ids(notebook))
        code_exercises = tuple(chapter_files.code_exercises(notebook, shown))
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
        exercises=exercises,
        code_exercises=code_exercises,
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
            "exercises": c.exercises,
            "code_exercises": [[e.task, e.solution] for e in c.code_exercises],
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
