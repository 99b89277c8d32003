"""The learner's path through the course: where they are, how long each chapter takes, what they
have opened and checked.

The build writes under each chapter's title (and the landing page's) where the page sits in the
course and how long it takes to read, and writes the list of chapters with their reading times
once, in ``_static/course-path.js``. At the end of the page, a small page script
(``mgcourse-progress.js``) draws from it a path of numbered links, marking the chapters this
browser has opened and the self-checks it has completed, in the browser's own storage: no account,
and nothing leaves the learner's device.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .. import chapters as chapter_files
from ..guide_sources import read_chapter
from ..templating import render


def chapters(env) -> list[tuple[str, str, int]]:
    """(docname, title, reading minutes) of every chapter, in course order.

    The reading time is the instructor guide's (``mgcourse.guide``), so the two never disagree.
    """
    found = sorted(d for d in env.found_docs if chapter_files.is_chapter(d))
    return [(d, *_title_and_minutes(Path(env.doc2path(d)))) for d in found]


def _title_and_minutes(notebook: Path) -> tuple[str, int]:
    return _read(notebook, notebook.stat().st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _read(notebook: Path, _modified: int) -> tuple[str, int]:
    chapter = read_chapter(notebook)
    return f"{chapter.number}. {chapter.title}", chapter.reading_minutes


def path_data(env) -> list[dict]:
    """The course path for the page script: each chapter's page (from the book's root), title and minutes."""
    return [{"doc": d, "href": f"{d}.html", "title": t, "minutes": m} for d, t, m in chapters(env)]


def path_script(env) -> str:
    """``course-path.js``: the path data, shared by every page (one small file, cached by the browser)."""
    return f"window.mgcoursePath = {json.dumps(path_data(env), ensure_ascii=False)};\n"


def where_html(env, pagename: str) -> str:
    """Where the page sits in the course, in words, for under its title."""
    all_chapters = chapters(env)
    here = next((i for i, c in enumerate(all_chapters, start=1) if c[0] == pagename), None)
    minutes = all_chapters[here - 1][2] if here is not None else sum(c[2] for c in all_chapters)
    return render("sphinx/path-where.html", chapter=here, chapters=len(all_chapters), minutes=minutes)


def path_nav(pagename: str) -> str:
    """The place, at the end of the page, where the page script draws the path of chapters.

    At the end, not under the title: drawn after the page has loaded, it would push the text down.
    """
    return render("sphinx/path-nav.html", pagename=pagename)
