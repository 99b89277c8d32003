"""The built book's HTML, and the build failing loudly on each kind of mistake an author can make."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
import yaml
from markupsafe import escape

from conftest import (
    BOOK_PAGES,
    CHAPTERS,
    ROOT,
    chapter_pages,
    copy_project,
    env_for_copy,
    html_pages,
    jupyter_book,
    without_handouts,
)
from mgcourse import course as course_files
from mgcourse import guide, setup_cell
from mgcourse.data import load_table
from mgcourse.chapters import chart_calls
from mgcourse.sphinxext import mathrender, pageweight, plotlyjs

pytestmark = pytest.mark.build


def test_every_page_in_the_toc_is_built_and_nothing_loads_from_another_host(built_book):
    pages = html_pages(built_book)
    names = {p.relative_to(built_book).as_posix() for p in pages}
    assert {"book/intro.html", "book/09-measuring.html"} <= names
    for page in pages:
        html = page.read_text("utf-8")
        remote = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', html)
        assert not remote, (page.name, remote)
        assert "widget-state+json" not in html and "widget-view+json" not in html, page.name
        assert "Traceback" not in html, page.name
        # The book's icon: a page that names none makes the browser ask the host for /favicon.ico.
        icon = re.search(r'<link rel="icon" href="((?:\.\./)*_static/favicon\.svg)"/?>', html)
        assert icon, f"{page.name} names no icon"
        assert (page.parent / icon.group(1)).resolve() == (built_book / "_static" / "favicon.svg").resolve()
    assert (built_book / "_static" / "favicon.svg").read_bytes().startswith(b"<svg")


def test_the_pages_the_browser_tests_visit_are_the_pages_built(built_book):
    assert BOOK_PAGES == [p.relative_to(built_book).as_posix() for p in html_pages(built_book)]


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_chapter_page_has_every_chart_evidence_check_and_citation(built_book, notebook):
    html = (built_book / "book" / notebook.with_suffix(".html").name).read_text("utf-8")
    nb = nbformat.read(notebook, as_version=4)
    figures = re.findall(r'<figure class="mgc-interactive" id="([^"]+)"', html)
    assert len(figures) == len(chart_calls(nb)) >= 1
    # Each chart's model is out of the page, in the script its placeholder names, and holds the chart's data.
    sources = re.findall(r'<script type="application/json" class="mgc-model" data-src="([^"]+)"></script>', html)
    assert len(sources) == len(figures), "a chart without its model's placeholder"
    for source in sources:
        script = (built_book / source.split("?")[0]).read_text("utf-8")  # from the book's root, as mgcourse.js loads it
        parsed = json.loads(script.split("] = ", 1)[1].rstrip().removesuffix(";"))  # after ['<uid>'] =
        assert any(part["path"][0] == "data" for part in parsed["parts"])
    # mgcourse.js loads the book's one plotly.js bundle, the package's, when a chart comes near the screen.
    plotly = re.search(r'<script[^>]*data-plotly="(_static/vendor/plotly-[\d.]+-[0-9a-f]{10}\.min\.js)"[^>]*>', html)
    assert plotly and 'src="../_static/mgcourse.js' in plotly.group(0)
    assert plotly.group(1) == f"_static/{plotlyjs.checked_bundle().served_as}"
    assert (built_book / plotly.group(1)).read_bytes() == plotlyjs.BUNDLE_FILE.read_bytes()
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert html.count("mgc-evidence") >= code.count("evidence(")
    if "self_check(" in code:
        assert html.count('<fieldset class="mgc-question">') >= 3
    # Citations resolved into links to the chapter's own reference list (a missing key fails the build).
    targets = re.findall(r'<a href="#([^"]+)" role="doc-noteref">', html)
    assert len(targets) >= code.count("evidence(")
    assert all(f'id="{t}"' in html for t in targets), "a citation links to no reference entry"
    assert 'href="https://mybinder.org/v2/gh/' in html and f"urlpath=lab/tree/book/{notebook.name}" in html


def test_chapter_pages_carry_no_markup_that_draws_nothing(built_book):
    """What pageweight leaves out stays out: each bracket of a citation in its own element, links
    back from the reference list, the theme's print copy of the contents, spans around code tokens
    drawn in the code's own colour, and a paragraph inside a table cell that holds nothing else."""
    plain = "|".join(pageweight.plain_token_classes("a11y-high-contrast-light", "a11y-high-contrast-dark"))
    pages = chapter_pages(built_book)
    for page in pages:
        html = page.read_text("utf-8")
        assert 'role="doc-noteref">[' in html and "fn-bracket" not in html, page.name
        assert "doc-backlink" not in html and 'class="backrefs"' not in html, page.name
        assert "jb-print-toc" not in html and re.search(r'id="jb-print-docs-body"[^>]*><h1>[^<]+</h1></div>', html)
        code = re.findall(r'<div class="highlight"><pre>(.*?)</pre>', html, re.S)
        assert code and '<span class="kn">' in "".join(code), page.name  # keywords keep their colour
        assert not re.search(rf'<span class="(?:{plain})">', "".join(code)), page.name
    assert len(pages) == 10
    factors = (built_book / "book" / "08-depletion.html").read_text("utf-8")
    assert "<td>caffeine</td>" in factors and "<td><p>caffeine" not in factors


MATH_CHAPTERS = {"book/01-energy.html": 4, "book/04-nervous-system.html": 4}


def test_chapter_1_and_4_equations_are_math_rendered_by_the_build_with_the_books_own_stylesheet(built_book):
    with_math = set()
    for page in html_pages(built_book):
        html = page.read_text("utf-8")
        name = page.relative_to(built_book).as_posix()
        stylesheets = re.findall(r'<link[^>]+href="([^"]*katex[^"]*)"', html)
        if 'class="katex"' in html:
            with_math.add(name)
            assert len(stylesheets) == 1 and "_static/vendor/katex-" in stylesheets[0], (name, stylesheets)
            assert "<math" in html and "<script" not in html.split('class="katex"')[1][:2000], name
        else:
            assert not stylesheets, f"{name} has no math but loads KaTeX's stylesheet"
    assert set(MATH_CHAPTERS) <= with_math, with_math
    for name, formulas in MATH_CHAPTERS.items():
        html = (built_book / name).read_text("utf-8")
        assert html.count('<span class="katex">') >= formulas, name
        assert 'class="math-display"' in html and "katex-display" in html, name
    (folder,) = (built_book / "_static" / "vendor").glob("katex-*")
    css = (folder / "katex.min.css").read_text("utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert fonts and all((folder / font).is_file() for font in fonts)


def test_math_fonts_keep_every_character_of_the_formulas_and_no_other(built_book):
    from fontTools.ttLib import TTFont

    package_fonts = mathrender.prepare() / "fonts"
    wanted = {ord(c) for c in mathrender.formula_characters(built_book)} | {ord(" ")}
    assert {ord("K"), ord("d"), ord("=")} <= wanted  # K_d = ..., in chapter 1
    fonts = sorted((built_book / "_static").glob("vendor/katex-*/fonts/*.woff2"))
    assert len(fonts) == len(list(package_fonts.glob("*.woff2"))) > 10
    for font in fonts:
        whole = package_fonts / font.name
        assert set(TTFont(font).getBestCmap()) == set(TTFont(whole).getBestCmap()) & wanted, font.name
        assert font.stat().st_size <= whole.stat().st_size, font.name
    main = fonts[0].parent / "KaTeX_Main-Regular.woff2"
    assert main.stat().st_size < (package_fonts / main.name).stat().st_size / 2


def test_claims_summary_links_each_claim_to_its_evidence_box(built_book):
    html = (built_book / "book" / "claims.html").read_text("utf-8")
    assert 'href="claims.html"' in (built_book / "book" / "10-closing.html").read_text("utf-8")
    table = re.search(r'<table class="table mgc-claims">.*?</table>', html, re.S).group(0)
    links = re.findall(r'<a href="([0-9]{2}-[a-z-]+\.html)#(claim-[a-z0-9-]+)">', table)
    assert len(links) == len(load_table("claims")) > 0
    for page, anchor in links:
        target = (built_book / "book" / page).read_text("utf-8")
        assert f'id="{anchor}"' in target and "mgc-evidence" in target, (page, anchor)


def test_each_chapter_has_a_printed_handout_with_its_charts_drawn(built_book):
    from pypdf import PdfReader

    folder = built_book / "handouts"
    chapters = chapter_pages(built_book)
    pages_in_chapters = 0
    for chapter in chapters:
        html = chapter.read_text("utf-8")
        assert f'href="../handouts/{chapter.stem}.pdf"' in html and 'href="../handouts/magnesium-course.pdf"' in html
        reader = PdfReader(folder / f"{chapter.stem}.pdf")
        # NFKC folds the PDF's typographic ligatures ("ﬁ") back into letters.
        text = " ".join(unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages)).split())
        title = " ".join(re.search(r"<h1>([^<]*)<", html).group(1).split())
        assert title in text, chapter.name
        assert "The chart is drawn here" not in text and "could not be drawn" not in text, chapter.name
        pages_in_chapters += len(reader.pages)
    whole = PdfReader(folder / "magnesium-course.pdf")
    intro = PdfReader(folder / "intro.pdf")
    assert len(whole.pages) == pages_in_chapters + len(intro.pages)


def _folded(text: str) -> str:
    return str(escape(" ".join(str(text).split())))


def test_instructor_guide_lists_every_chapter_with_objectives_notes_and_answers(built_book):
    page = (built_book / "book" / "instructor-guide.html").read_text("utf-8")
    course = guide.chapters()
    notes = yaml.safe_load(course_files.notes_path().read_text("utf-8"))["chapters"]
    assert set(notes) == {c.name for c in course}
    for chapter in course:
        section = re.search(rf'<section class="mgc-guide-chapter" id="guide-{chapter.name}".*?</section>', page, re.S)
        assert section, f"the guide has no section for {chapter.name}"
        text = section.group(0)
        objectives = re.search(r'<ul class="mgc-guide-objectives">(.*?)</ul>', text, re.S).group(1)
        assert re.findall(r"<li>(.*?)</li>", objectives) == [_folded(o) for o in chapter.objectives]
        note = notes[chapter.name]
        assert _folded(note["demonstrate"]["move"]) in text
        for question in note["demonstrate"]["questions"]:
            assert _folded(question["ask"]) in text and _folded(question["listen_for"]) in text
        for item in note["misconceptions"]:
            assert _folded(item["belief"]) in text and _folded(item["correct"]) in text
        quiz = yaml.safe_load((ROOT / "book" / "self-checks" / f"{chapter.name}.yml").read_text("utf-8"))
        answers = re.findall(r'<span class="mgc-guide-correct">(.*?)</span>', text)
        assert answers == [_folded(o["text"]) for q in quiz["questions"] for o in q["options"] if o["correct"]]
        assert f"Reading: {chapter.reading_minutes} minutes" in text
        # Every link into the book lands on a page, and on a section or evidence box that is there.
        links = re.findall(r'href="([0-9]{2}-[a-z-]+\.html)(?:#([^"]*))?"', text)
        assert links, f"the guide of {chapter.name} links to no page of the book"
        for target, anchor in links:
            linked = (built_book / "book" / target).read_text("utf-8")
            assert not anchor or f'id="{anchor}"' in linked, (chapter.name, target, anchor)
    assert page.count('class="mgc-guide-chapter"') == len(course)


def test_instructor_guide_binder_links_are_the_chapters_launch_buttons(built_book):
    page = (built_book / "book" / "instructor-guide.html").read_text("utf-8")
    links = [html.unescape(u) for u in re.findall(r'<a class="mgc-binder-link" href="([^"]+)"', page)]
    chapters = chapter_pages(built_book)
    assert len(links) == len(chapters) > 0
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    owner_repo = urlparse(config["repository"]["url"]).path.strip("/")
    for chapter, link in zip(chapters, links, strict=True):
        url = urlparse(link)
        assert (url.scheme, url.netloc) == ("https", "mybinder.org")
        assert url.path == f"/v2/gh/{owner_repo}/{config['repository']['branch']}"
        notebook = parse_qs(url.query)["urlpath"][0].removeprefix("lab/tree/")
        assert notebook == f"book/{chapter.stem}.ipynb" and (ROOT / notebook).is_file()
        launch = re.search(r'href="(https://mybinder\.org/v2/gh/[^"]+)"', chapter.read_text("utf-8"))
        assert html.unescape(launch.group(1)) == link, chapter.name


def test_only_pages_with_a_scored_quiz_load_the_quiz_script(built_book):
    scored = []
    for page in html_pages(built_book):
        text = page.read_text("utf-8")
        has_quiz = 'class="mgc-selfcheck mgc-scored"' in text
        assert ("mgcourse-quiz.js" in text) == has_quiz, page.name
        if has_quiz:
            scored.append(text)
            questions = text.count('<fieldset class="mgc-question">')
            assert questions >= 12 and text.count(" data-correct>") == questions
            assert re.search(r'<p class="mgc-score" role="status" aria-live="polite"', text)
    assert scored, "no page holds the course-level check"
    assert (built_book / "_static" / "mgcourse-quiz.js").is_file()


def test_the_setup_cell_runs_in_the_build_and_shows_nowhere(built_book):
    source = setup_cell.cell_source()
    marker = source.splitlines()[0]
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        assert setup_cell.has_current_cell(json.loads(notebook.read_text("utf-8")), source), notebook.name
        page = built_book / "book" / f"{notebook.stem}.html"
        text = page.read_text("utf-8")
        assert marker not in text and setup_cell.SOURCE_VARIABLE not in text, page.name
        assert "Installing the course" not in text, page.name


def test_landing_page_plans_ten_chapters_and_says_it_is_not_medical_advice(built_book):
    html = (built_book / "book" / "intro.html").read_text("utf-8")
    assert "Educational, not medical advice" in html
    assert len(re.findall(r"<li><p><strong>", html)) >= 10
    assert "vendor/plotly" not in html  # pages without charts do not load plotly.js


# ------------------------------------------------------------------ strictness


def _append_markdown(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + "\n" + text + "\n", "utf-8")


def _add_cell(project: Path, source: str) -> None:
    # The first chapter the build runs, so that the build stops at once.
    path = project / "book" / "01-energy.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(source))
    nbformat.write(nb, path)


def _drop_first_cell(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    del nb.cells[0]
    nbformat.write(nb, path)


def _in_own_package(make_mistake):
    """A mistake in the package's files rather than the course's: the copy is built with its own package."""

    def make(project: Path) -> dict:
        make_mistake(project)
        return env_for_copy(project)

    return make


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _reword_prose(chapter: Path, word: str) -> None:
    """Replace one word of the chapter's running text (not its title nor objectives) with ``word``:
    the prose changes, its word count does not."""
    nb = nbformat.read(chapter, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "markdown" or "## Learning objectives" in cell.source or cell.source.startswith("# "):
            continue
        for line in cell.source.splitlines():
            if line[:1].isalpha():  # a paragraph's line, not a heading, a list, a fence or a directive
                match = next(
                    (m for m in re.finditer(r"(?<= )[a-z]{5,}(?=[ ,.])", line) if not line[: m.start()].count("`") % 2),
                    None,
                )
                if match:
                    cell.source = cell.source.replace(line, line[: match.start()] + word + line[match.end() :], 1)
                    nbformat.write(nb, chapter)
                    return
    raise AssertionError(f"{chapter.name}: no paragraph word to replace")


def _mark_first_objective(chapter: Path, mark: str) -> None:
    """Put ``mark`` at the start of the chapter's first learning objective."""
    nb = nbformat.read(chapter, as_version=4)
    (cell,) = [c for c in nb.cells if c.cell_type == "markdown" and "## Learning objectives" in c.source]
    head, objectives = cell.source.split("## Learning objectives", 1)
    cell.source = head + "## Learning objectives" + re.sub(r"\n- ", f"\n- {mark} ", objectives, count=1)
    nbformat.write(nb, chapter)


MISTAKES = {
    "notebook exception": (
        lambda p: _add_cell(p, "raise RuntimeError('deliberate failure in a chapter')"),
        "deliberate failure in a chapter",
    ),
    "bad data row": (
        lambda p: _edit(p / "data" / "rbc_lab_ranges.csv", "4.0,6.4", "4.0,six"),
        "data/rbc_lab_ranges.csv, row 1 (line 2), column 'high_mg_per_dl': 'six' is not a number",
    ),
    "missing data file": (
        lambda p: (p / "data" / "serum_thresholds.csv").unlink(),
        "data/serum_thresholds.csv: file is missing",
    ),
    "instructor notes naming a chart the chapter lacks": (
        lambda p: _edit(p / "book" / "instructor-notes.yml", "call: nmda.mg_block", "call: nmda.no_such_chart"),
        "book/instructor-notes.yml, chapters.04-nervous-system.demonstrate.call: 'nmda.no_such_chart' is not an "
        "interactive called in book/04-nervous-system.ipynb",
    ),
    "a notebook without the setup cell": (
        lambda p: _drop_first_cell(p / "book" / "06-bone.ipynb"),
        "book/06-bone.ipynb: the first cell is not the course's setup cell",
    ),
    "a plotly.js bundle of another version than plotly's": (
        _in_own_package(
            lambda p: _edit(
                p / "src" / "mgcourse" / "sphinxext" / "plotly" / "manifest.json",
                f'"plotly.js": "{plotlyjs.read_manifest()["plotly.js"]}"',
                '"plotly.js": "0.0.1"',
            )
        ),
        "plotly.js: the bundle is plotly.js 0.0.1 but the installed plotly draws with plotly.js",
    ),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_build_fails_loudly_on(mistake, tmp_path):
    # A second checkout, built with this checkout's environment (as an author reviewing a pull request
    # in another clone does): its own files are read, so its own mistakes fail its build.
    project = without_handouts(copy_project(tmp_path / "book"))
    make_mistake, expected = MISTAKES[mistake]
    result = jupyter_book(project, env=make_mistake(project))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    for message in [expected] if isinstance(expected, str) else expected:
        assert message in output, (message, output[-3000:])


MARKUP = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def _install_fake_distribution(site: Path, version: str) -> None:
    """A distribution that importlib.metadata finds on the path, at ``version`` (replacing any other)."""
    for old in site.glob("course_test_lib-*.dist-info"):
        shutil.rmtree(old)
    info = site / f"course_test_lib-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: course-test-lib\nVersion: {version}\n", "utf-8")


@pytest.mark.long
def test_each_rebuild_runs_the_notebooks_its_change_touches_and_no_other(tmp_path):
    project = without_handouts(copy_project(tmp_path / "book"))
    env = env_for_copy(project)
    # An installed package whose version the test can move, as a lock file refresh does.
    site = tmp_path / "site-packages"
    _install_fake_distribution(site, "1.0")
    env["PYTHONPATH"] += os.pathsep + str(site)
    pages = project / "_build" / "html" / "book"
    page = pages / "09-measuring.html"
    # A claim of chapter 9 holding markup: shown as text in its evidence box and in chapter 10's claims table.
    claim = "Blood serum magnesium is held within a narrow range by the body."
    _edit(project / "data" / "claims.csv", claim, f"{claim} {MARKUP}")
    # An institution's hub, set with its one setting, gives every chapter an nbgitpuller launch button.
    _edit(project / "_config.yml", 'jupyterhub_url: ""', 'jupyterhub_url: "https://hub.example.edu"')

    first = jupyter_book(project, env=env)
    assert first.returncode == 0, first.stdout[-3000:]
    hub_links = re.findall(r'href="(https://hub\.example\.edu/[^"]+)"', page.read_text("utf-8"))
    assert len(hub_links) == 1, hub_links
    hub = urlparse(html.unescape(hub_links[0]))
    repository = yaml.safe_load((ROOT / "_config.yml").read_text("utf-8"))["repository"]
    assert hub.path == "/hub/user-redirect/git-pull"
    assert parse_qs(hub.query) == {
        "repo": [repository["url"]],
        "urlpath": [f"lab/tree/{repository['url'].rsplit('/', 1)[1]}/book/09-measuring.ipynb"],
        "branch": [repository["branch"]],
    }
    assert "4-6.4 mg/dL" in page.read_text("utf-8")
    for shown in (page, pages / "claims.html"):
        text = shown.read_text("utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, shown.name
        assert f"{claim} {html.escape(MARKUP, quote=False)}" in text, shown.name
    assert 'href="09-measuring.html#claim-serum-tightly-regulated"' in (pages / "claims.html").read_text("utf-8")

    again = jupyter_book(project, env=env)
    assert again.returncode == 0 and "Executing notebook" not in again.stdout, "a no-op rebuild re-ran a notebook"

    # A page style and the instructor notes changed: every page links the new style file, and the
    # guide, which shows the notes, runs again; no chapter does.
    linked = re.compile(r"_static/mgcourse\.css\?v=(\w+)")
    old_version = linked.search(page.read_text("utf-8")).group(1)
    styles = project / "src" / "mgcourse" / "sphinxext" / "static" / "mgcourse.css"
    styles.write_text(styles.read_text("utf-8") + "\n.mgc-test-rule { color: inherit; }\n", "utf-8")
    notes = project / "book" / "instructor-notes.yml"
    notes.write_text(re.sub(r"(move: >-\n\s+)", r"\1Zqxnote. ", notes.read_text("utf-8"), count=1), "utf-8")
    after_style_and_notes = jupyter_book(project, env=env)
    assert after_style_and_notes.returncode == 0, after_style_and_notes.stdout[-3000:]
    executed = re.findall(r"book/([\w-]+)\.ipynb: Executing notebook", after_style_and_notes.stdout)
    assert executed == ["instructor-guide"], executed
    assert ".mgc-test-rule" in (project / "_build" / "html" / "_static" / "mgcourse.css").read_text("utf-8")
    assert linked.search(page.read_text("utf-8")).group(1) != old_version
    assert "Zqxnote." in (pages / "instructor-guide.html").read_text("utf-8")

    # An installed package at another version (a lock file moved it on, or the cache restored a
    # build made under the old one), a data row and the package's code changed: every notebook runs
    # again and the page shows what the data and the code now say. One rebuild for the three: each
    # is a dependency of every notebook (test_every_notebook_depends_on_the_data_the_package_and_the_versions),
    # and the record of versions changes only when a version does (test_the_version_record_changes_only_when_an_installed_version_does).
    _install_fake_distribution(site, "1.1")
    _edit(project / "data" / "rbc_lab_ranges.csv", "4.0,6.4", "4.1,6.4")
    _edit(
        project / "src" / "mgcourse" / "charts" / "labs.py",
        "Both values sit inside their ranges.",
        "Both values sit inside their ranges (edited).",
    )
    after_change = jupyter_book(project, env=env)
    assert after_change.returncode == 0, after_change.stdout[-3000:]
    executed = re.findall(r"book/([\w-]+)\.ipynb: Executing notebook", after_change.stdout)
    assert sorted(executed) == sorted(p.stem for p in (project / "book").glob("*.ipynb")), executed
    assert "4.1-6.4 mg/dL" in page.read_text("utf-8") and "4-6.4 mg/dL" not in page.read_text("utf-8")
    assert "Both values sit inside their ranges (edited)." in page.read_text("utf-8")

    # A chapter's prose re-runs that chapter only; its objectives, which the guide shows, re-run the guide too.
    chapter = project / "book" / "01-energy.ipynb"
    _reword_prose(chapter, "zqxprose")
    after_prose = jupyter_book(project, env=env)
    assert after_prose.returncode == 0, after_prose.stdout[-3000:]
    executed = re.findall(r"book/([\w-]+)\.ipynb: Executing notebook", after_prose.stdout)
    assert executed == ["01-energy"], executed
    assert "zqxprose" in (pages / "01-energy.html").read_text("utf-8")
    _mark_first_objective(chapter, "Zqxobjective:")
    after_objective = jupyter_book(project, env=env)
    assert after_objective.returncode == 0, after_objective.stdout[-3000:]
    executed = re.findall(r"book/([\w-]+)\.ipynb: Executing notebook", after_objective.stdout)
    assert sorted(executed) == ["01-energy", "instructor-guide"], executed
    assert "Zqxobjective:" in (pages / "instructor-guide.html").read_text("utf-8")

    # Three mistakes in a page's text: the rebuild fails and reports every one (any warning alone
    # fails the build: test_any_warning_fails_the_build_and_is_repeated), and runs no notebook to find them. Last:
    # Sphinx discards its saved environment when a build fails, so the next build reads everything.
    intro = project / "book" / "intro.md"
    _append_markdown(intro, "See {ref}`no-such-section`. As shown {cite:p}`nosuchkey2099`. The rate is $\\frac{v}$.")
    with_mistakes = jupyter_book(project, env=env)
    output = with_mistakes.stdout + with_mistakes.stderr
    assert with_mistakes.returncode != 0, output[-3000:]
    for message in (
        "no-such-section",
        "nosuchkey2099",
        "the formula '\\\\frac{v}' cannot be rendered: KaTeX parse error",
    ):
        assert message in output, (message, output[-3000:])
    assert "Executing notebook" not in output, "a page's mistakes re-ran a notebook"
