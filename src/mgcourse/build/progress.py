"""The learner's path through the course: where they are, how long each chapter takes, what they
have opened and checked.

The build counts each chapter's words as it reads the chapter, writes under each chapter's title
(and the landing page's) where the page sits in the course and how long it takes to read, and
writes the list of chapters with their reading times once, in ``_static/course-path.js``. A small
page script (``mgcourse-progress.js``) draws from it a path of numbered links, marking the chapters
this browser has opened and the self-checks it has completed, in the browser's own storage: no
account, and nothing leaves the learner's device.
"""

from __future__ import annotations

import html
import json
import math
import re

from docutils import nodes

WORDS_PER_MINUTE = 200
CHAPTER_DOC = re.compile(r"book/(\d\d)-[a-z0-9-]+")
_MINUTES_KEY = "mgcourse-reading-minutes"


def reading_minutes(word_count: int) -> int:
    """Minutes to read ``word_count`` words at an unhurried 200 words a minute (at least 1)."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def prose_words(doctree: nodes.document) -> int:
    """Words a reader reads: text outside code, raw HTML (charts, quizzes) and the reference list."""
    skipped = (nodes.raw, nodes.literal_block, nodes.footnote, nodes.citation, nodes.comment)
    count = 0
    for text in doctree.findall(nodes.Text):
        if not any(isinstance(parent, skipped) for parent in _ancestors(text)):
            count += len(text.astext().split())
    return count


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def note_reading_time(env, docname: str, doctree: nodes.document) -> None:
    """Keep a chapter's reading time with the document's metadata (pickled with the environment)."""
    if CHAPTER_DOC.fullmatch(docname):
        env.metadata[docname][_MINUTES_KEY] = reading_minutes(prose_words(doctree))


def chapters(env) -> list[tuple[str, str, int]]:
    """(docname, title, reading minutes) of every chapter, in course order."""
    found = sorted(d for d in env.found_docs if CHAPTER_DOC.fullmatch(d))
    return [(d, env.titles[d].astext() if d in env.titles else d, env.metadata[d].get(_MINUTES_KEY, 0)) for d in found]


def path_data(env) -> list[dict]:
    """The course path for the page script: each chapter's page (from the book's root), title and minutes."""
    return [{"doc": d, "href": f"{d}.html", "title": t, "minutes": m} for d, t, m in chapters(env)]


def path_script(env) -> str:
    """``course-path.js``: the path data, shared by every page (one small file, cached by the browser)."""
    return f"window.mgcoursePath = {json.dumps(path_data(env), ensure_ascii=False)};\n"


def path_html(env, pagename: str) -> str:
    """Where the page sits in the course, in words; the page script draws the path of chapters after it."""
    all_chapters = chapters(env)
    here = next((i for i, c in enumerate(all_chapters, start=1) if c[0] == pagename), None)
    if here is not None:
        where = (
            f"Chapter {here} of {len(all_chapters)}: about {all_chapters[here - 1][2]} minutes of reading, "
            "plus time for the charts and the self-check."
        )
    else:
        where = f"{len(all_chapters)} chapters, about {sum(c[2] for c in all_chapters)} minutes of reading in all."
    return (
        f'<nav class="mgc-path" aria-label="The course, chapter by chapter" data-page="{html.escape(pagename)}">'
        f'<p class="mgc-path-where">{where}</p></nav>'
    )
