"""The learner's path: where each page sits, how long each chapter takes, and progress kept in the
browser only (opened chapters, completed self-checks), with a way to forget it."""

from __future__ import annotations

import json
import re

import pytest

from conftest import chapter_pages, visit

pytestmark = [pytest.mark.browser, pytest.mark.build]


def test_each_chapter_says_where_it_sits_and_how_long_it_takes(built_book):
    script = (built_book / "_static" / "course-path.js").read_text("utf-8")
    chapters = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    pages = chapter_pages(built_book)
    assert [c["href"] for c in chapters] == [f"book/{p.name}" for p in pages]
    assert all(c["minutes"] >= 3 for c in chapters), chapters
    for number, page in enumerate(pages, start=1):
        html = page.read_text("utf-8")
        where = re.search(r'<p class="mgc-path-where">(.*?)</p>', html).group(1)
        assert where.startswith(f"Chapter {number} of {len(pages)}: about {chapters[number - 1]['minutes']} minutes")
        assert "course-path.js" in html and "mgcourse-progress.js" in html
    intro = (built_book / "book" / "intro.html").read_text("utf-8")
    assert f"{len(pages)} chapters, about {sum(c['minutes'] for c in chapters)} minutes of reading" in intro


def _answer_every_question_right(page):
    questions = page.locator(".mgc-selfcheck fieldset").all()
    assert questions, "no self-check question on the page"
    for question in questions:
        right = question.locator(".mgc-option:has(.mgc-right) input[type=radio]")
        right.check()


def test_progress_is_kept_in_the_browser_and_can_be_forgotten(built_book, book_server, browser):
    context, page, record = visit(browser, f"{book_server}/book/intro.html")
    path = page.locator("nav.mgc-path")
    assert path.locator("li a").count() == 10
    assert "will show here" in path.locator(".mgc-path-mine").inner_text()

    for chapter in ("01-energy", "02-calcium"):
        page.goto(f"{book_server}/book/{chapter}.html")
        assert page.locator(f'nav.mgc-path a[aria-current="page"][href$="{chapter}.html"]').count() == 1
    _answer_every_question_right(page)  # chapter 2's self-check
    assert page.locator('nav.mgc-path li.mgc-checked a[href$="02-calcium.html"]').count() == 1

    page.goto(f"{book_server}/book/intro.html")
    mine = page.locator("nav.mgc-path .mgc-path-mine")
    assert "opened 2 of 10 chapters and completed 1 self-check" in mine.inner_text()
    assert "Carry on with 3." in mine.inner_text()
    assert page.locator("nav.mgc-path li.mgc-opened").count() == 2
    stored = page.evaluate("() => Object.keys(window.localStorage)")
    assert set(stored) <= {"mgcourse-progress", "theme", "mode"}  # the theme keeps the colour mode

    mine.get_by_role("button", name="Forget my progress").click()
    assert page.locator("nav.mgc-path li.mgc-opened").count() == 0
    assert page.evaluate("() => window.localStorage.getItem('mgcourse-progress')") is None
    assert not record["offhost"] and not record["errors"] and not record["console"], record
    context.close()
