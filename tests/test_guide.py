"""The instructor guide: read from the chapters, the notes file checked against them, answers from the quizzes."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from markupsafe import escape

from conftest import CHAPTERS
from mgcourse import content, guide, mode
from mgcourse import course as course_files
from mgcourse.sphinxext.freshness import dependencies, write_guide_inputs

ROOT = Path(__file__).resolve().parents[1]


def _markdown(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def course():
    return guide.chapters()


def test_every_chapter_is_read_with_its_objectives(course):
    assert [c.name for c in course] == [p.stem for p in CHAPTERS]
    assert [c.number for c in course] == list(range(1, len(CHAPTERS) + 1))
    for chapter, path in zip(course, CHAPTERS, strict=True):
        assert chapter.title and chapter.calls and chapter.claims, chapter.name
        assert 2 <= len(chapter.objectives) <= 4, chapter.name
        # Each objective is the chapter's own text, whole: found in the notebook once its lines are folded.
        section = _folded(_markdown(path).split("## Learning objectives", 1)[1])
        for objective in chapter.objectives:
            assert objective and f"- {objective}" in section, (chapter.name, objective)


def test_objectives_parser_joins_continuation_lines_and_stops_at_the_next_block():
    markdown = (
        "# 1. Title\n\nOverview.\n\n## Learning objectives\n\n- First objective,\n  carried on.\n"
        "- Second objective.\n\n```{admonition} Not an objective\n:class: warning\nText.\n```\n\n## Next\n- no\n"
    )
    assert guide.learning_objectives(markdown) == ["First objective, carried on.", "Second objective."]
    with pytest.raises(guide.GuideError) as caught:
        guide.learning_objectives("# Title\n\n## Learning objectives\n\nProse, no list.\n", "book/x.ipynb")
    assert (caught.value.file, caught.value.key) == ("book/x.ipynb", "## Learning objectives")


def test_reading_time_comes_from_the_word_count(course):
    for chapter in course:
        assert chapter.words > 1000, chapter.name
        assert chapter.reading_minutes == math.ceil(chapter.words / guide.WORDS_PER_MINUTE) > 0
    # Citations, fences and directive options are not read aloud; words in an evidence box are.
    assert guide.count_words("Two words {footcite:p}`berg2002`.\n```{admonition} Title\n:class: warning\n```") == 2
    energy = course[0]
    assert energy.words > guide.count_words(_markdown(CHAPTERS[0]))
    with pytest.raises(ValueError):
        guide.reading_minutes(0)


def test_every_chapter_has_notes_that_fit_the_chapter(course):
    notes = guide.load_notes(course=course)
    assert list(notes) == [c.name for c in course]
    claims = content.load_table("claims").set_index("id")
    for chapter in course:
        note = notes[chapter.name]
        assert note["call"] in chapter.calls and chapter.calls[note["call"]].startswith("Explore")
        assert 2 <= len(note["questions"]) <= 3 and all(q["ask"] and q["listen_for"] for q in note["questions"])
        assert 2 <= len(note["misconceptions"]) <= 3
        for item in note["misconceptions"]:
            kind, value = item["source"]
            if kind == "claim":
                assert claims.loc[value, "chapter"] == chapter.number
            else:
                assert 1 <= value <= len(content.load_self_check(chapter.name)["questions"])


def test_answers_shown_are_the_correct_options_of_the_quiz(course):
    for chapter in course:
        quiz = content.load_self_check(chapter.name)
        shown = guide.self_check_answers(chapter.name).html
        answers = re.findall(r'<span class="mgc-guide-correct">(.*?)</span>', shown)
        expected = [escape(_folded(o["text"])) for q in quiz["questions"] for o in q["options"] if o["correct"]]
        assert answers == expected, chapter.name
        wrong = re.findall(r'<p><em class="mgc-guide-wrong">(.*?)</em></p><p>(.*?)</p></li>', shown)
        expected_wrong = [
            (escape(_folded(o["text"])), escape(_folded(o["feedback"])))
            for q in quiz["questions"]
            for o in q["options"]
            if not o["correct"]
        ]
        assert wrong == expected_wrong, chapter.name
        for question in quiz["questions"]:
            right = next(o for o in question["options"] if o["correct"])
            assert escape(_folded(right["feedback"])) in shown


def test_the_guide_shows_every_chapter_with_its_parts(course, monkeypatch):
    monkeypatch.setenv(mode.RENDER_VARIABLE, mode.STATIC)
    page = guide.chapter_guides().html
    notes = guide.load_notes(course=course)
    for chapter in course:
        section = re.search(rf'<section class="mgc-guide-chapter" id="guide-{chapter.name}".*?</section>', page, re.S)
        assert section, chapter.name
        text = section.group(0)
        assert all(escape(o) in text for o in chapter.objectives)
        assert f'href="{chapter.name}.html#{guide.section_id(chapter.calls[notes[chapter.name]["call"]])}"' in text
        assert escape(notes[chapter.name]["move"]) in text
        assert text.count('class="mgc-guide-listen"') == len(notes[chapter.name]["questions"])
        assert text.count('class="mgc-guide-belief"') == len(notes[chapter.name]["misconceptions"])
        assert f"Reading: {chapter.reading_minutes} minutes" in text
        assert escape(guide.binder_url(f"{chapter.name}.ipynb")) in text
    # In JupyterLab the same call links to the notebooks instead of the book's pages.
    monkeypatch.delenv(mode.RENDER_VARIABLE)
    assert 'href="01-energy.ipynb"' in guide.chapter_guides().html


def test_timing_table_adds_up_each_chapter(course):
    table = guide.timing_table().html
    notes = guide.load_notes(course=course)
    rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", table)
    assert len(rows) == len(course) + 1  # one per chapter and the whole course
    for chapter, row in zip(course, rows, strict=False):
        minutes = [int(m) for m in re.findall(r"<td>(\d+)</td>", row)]
        questions = len(content.load_self_check(chapter.name)["questions"])
        suggested = [notes[chapter.name]["demonstration_minutes"], questions * guide.SELF_CHECK_MINUTES_PER_QUESTION]
        assert minutes == [chapter.reading_minutes, *suggested, chapter.reading_minutes + sum(suggested)]


def test_binder_url_is_built_from_the_books_configuration(tmp_path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    owner_repo = config["repository"]["url"].removeprefix("https://github.com/")
    expected = f"https://mybinder.org/v2/gh/{owner_repo}/{config['repository']['branch']}"
    assert guide.binder_url("01-energy.ipynb") == f"{expected}?urlpath=lab/tree/book/01-energy.ipynb"
    config["repository"] = {"url": "https://gitlab.com/someone/course", "branch": "main"}
    bad = tmp_path / "_config.yml"
    bad.write_text(yaml.safe_dump(config))
    with pytest.raises(guide.GuideError) as caught:
        guide.binder_url("01-energy.ipynb", bad)
    assert caught.value.key == "repository.url" and "GitHub" in caught.value.reason


def test_local_install_clones_the_configured_repository():
    steps = guide.local_install().plain.splitlines()
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert steps[0] == f"git clone {config['repository']['url']}.git"
    assert steps[2:] == ["pip install -r binder/requirements.txt", 'pip install -e ".[lab]"', "jupyter lab book/"]


def test_markup_in_the_notes_is_shown_as_text(tmp_path, course, monkeypatch):
    notes = yaml.safe_load(course_files.notes_path().read_text("utf-8"))
    notes["chapters"]["01-energy"]["demonstrate"]["move"] = "Drag <script>alert(1)</script> it."
    notes["chapters"]["01-energy"]["misconceptions"][0]["belief"] = "<img src=x onerror=alert(1)>"
    path = tmp_path / "notes.yml"
    path.write_text(yaml.safe_dump(notes, allow_unicode=True), "utf-8")
    monkeypatch.setattr(course_files, "notes_path", lambda: path)
    page = guide.chapter_guides().html
    assert "<script>" not in page and "<img" not in page
    assert "Drag &lt;script&gt;alert(1)&lt;/script&gt; it." in page


# Mistakes in a good notes file, each with the key and the reason the loader must give.
BAD_NOTES = {
    "a chapter without notes": (
        lambda n: n["chapters"].pop("09-measuring"),
        "chapters.09-measuring",
        "the chapter has no notes",
    ),
    "notes for no chapter": (
        lambda n: n["chapters"].__setitem__("11-extra", n["chapters"]["01-energy"]),
        "chapters.11-extra",
        "no chapter notebook book/11-extra.ipynb",
    ),
    "an interactive the chapter does not call": (
        lambda n: n["chapters"]["04-nervous-system"]["demonstrate"].__setitem__("call", "nmda.no_such_chart"),
        "chapters.04-nervous-system.demonstrate.call",
        "'nmda.no_such_chart' is not an interactive called in book/04-nervous-system.ipynb",
    ),
    "a claim of another chapter": (
        lambda n: n["chapters"]["01-energy"]["misconceptions"][0].__setitem__("source", {"claim": "no-single-test"}),
        "chapters.01-energy.misconceptions[1].source.claim",
        "claim 'no-single-test' belongs to chapter 9, not 1",
    ),
    "a claim that does not exist": (
        lambda n: n["chapters"]["02-calcium"]["misconceptions"][1].__setitem__("source", {"claim": "made-up"}),
        "chapters.02-calcium.misconceptions[2].source.claim",
        "no claim 'made-up' in data/claims.csv",
    ),
    "a self-check question out of range": (
        lambda n: n["chapters"]["06-bone"]["misconceptions"][0].__setitem__("source", {"self_check": 9}),
        "chapters.06-bone.misconceptions[1].source.self_check",
        "book/self-checks/06-bone.yml has questions 1 to 4, not 9",
    ),
    "a single question to ask": (
        lambda n: n["chapters"]["03-stress"]["demonstrate"]["questions"].__delitem__(slice(1, None)),
        "chapters.03-stress.demonstrate.questions",
        "needs a list of 2 to 3 items (found 1)",
    ),
    "a misspelt key": (
        lambda n: n["chapters"]["05-cofactor"].__setitem__("misconception", []),
        "chapters.05-cofactor.misconception",
        "unknown key",
    ),
    "an empty answer to listen for": (
        lambda n: n["chapters"]["07-biofilm"]["demonstrate"]["questions"][0].__setitem__("listen_for", " "),
        "chapters.07-biofilm.demonstrate.questions[1].listen_for",
        "needs some text",
    ),
    "minutes that are not a number": (
        lambda n: n["chapters"]["08-depletion"].__setitem__("demonstration_minutes", "ten"),
        "chapters.08-depletion.demonstration_minutes",
        "must be a whole number of minutes from 1 to 60",
    ),
}


@pytest.mark.parametrize("mistake", list(BAD_NOTES))
def test_a_bad_notes_file_fails_with_file_key_and_reason(mistake, tmp_path, course):
    notes = yaml.safe_load(course_files.notes_path().read_text("utf-8"))
    breaks, key, reason = BAD_NOTES[mistake]
    breaks(notes)
    path = tmp_path / "instructor-notes.yml"
    path.write_text(yaml.safe_dump(notes, allow_unicode=True), "utf-8")
    with pytest.raises(guide.GuideError) as caught:
        guide.load_notes(path, course)
    err = caught.value
    assert (err.file, err.key) == (str(path), key)
    assert reason in err.reason
    assert str(err) == f"{path}, {key}: {err.reason}"


def test_a_notes_file_that_is_not_yaml_or_missing_fails_with_its_name(tmp_path, course):
    path = tmp_path / "instructor-notes.yml"
    path.write_text("chapters: [unclosed", "utf-8")
    with pytest.raises(guide.GuideError, match="not valid YAML"):
        guide.load_notes(path, course)
    with pytest.raises(guide.GuideError, match="file is missing"):
        guide.load_notes(tmp_path / "none.yml", course)


def test_the_build_refuses_a_bad_notes_file(tmp_path, monkeypatch):
    from mgcourse.sphinxext.strict import StrictBuildError, check_course_data

    notes = yaml.safe_load(course_files.notes_path().read_text("utf-8"))
    notes["chapters"]["10-closing"]["demonstrate"]["call"] = "closing.nothing"
    path = tmp_path / "instructor-notes.yml"
    path.write_text(yaml.safe_dump(notes, allow_unicode=True), "utf-8")
    monkeypatch.setattr(course_files, "notes_path", lambda: path)
    with pytest.raises(StrictBuildError, match=r"chapters\.10-closing\.demonstrate\.call"):
        check_course_data()


def test_guide_inputs_change_only_with_what_the_guide_shows(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    for notebook in CHAPTERS:
        shutil.copy(notebook, book / notebook.name)
    inputs = write_guide_inputs(tmp_path / "inputs.json", book)
    written = inputs.stat().st_mtime_ns
    first = json.loads(inputs.read_text("utf-8"))
    assert [c["name"] for c in first] == [p.stem for p in CHAPTERS]
    assert all(c["objectives"] and c["minutes"] and c["words"] % guide.WORDS_SHOWN_TO_NEAREST == 0 for c in first)

    energy = book / "01-energy.ipynb"
    energy.write_text(energy.read_text("utf-8").replace("Cells break down fuel", "Cells break down the fuel"), "utf-8")
    assert write_guide_inputs(inputs, book).stat().st_mtime_ns == written, "a one-word edit touched the guide's inputs"
    energy.write_text(
        energy.read_text("utf-8").replace("- Explain what the", "- Explain, in numbers, what the"), "utf-8"
    )
    assert json.loads(write_guide_inputs(inputs, book).read_text("utf-8"))[0]["objectives"][0].startswith(
        "Explain, in numbers"
    )


def test_only_the_guide_depends_on_the_notes_and_the_chapters():
    guide_notebook = ROOT / "book" / "instructor-guide.ipynb"
    assert course_files.notes_path() in dependencies(guide_notebook)
    assert set(CHAPTERS) <= set(dependencies(guide_notebook))
    inputs = ROOT / "_build" / ".doctrees" / "mgcourse-guide-inputs.json"
    assert inputs in dependencies(guide_notebook, inputs) and not set(CHAPTERS) & set(
        dependencies(guide_notebook, inputs)
    )
    for chapter in CHAPTERS:
        assert course_files.notes_path() not in dependencies(chapter), chapter.name
    assert course_files.notes_path() not in dependencies()
    code = [c["source"] for c in json.loads(guide_notebook.read_text("utf-8"))["cells"] if c["cell_type"] == "code"]
    assert any("from mgcourse import guide" in "".join(s) for s in code)


def test_figures_the_notes_quote_from_the_balance_board_are_the_models():
    """The chapter 10 notes quote the board at 100% and 50%: a model or data change that moves a
    figure fails here, so the instructors' answers stay right."""
    from mgcourse.charts.closing import board_models, board_values
    from mgcourse.parameters import reference_intakes

    questions = yaml.safe_load(course_files.notes_path().read_text("utf-8"))["chapters"]["10-closing"]["demonstrate"][
        "questions"
    ]
    said = " ".join(" ".join(q["listen_for"].split()) for q in questions)
    models = board_models()
    full, half = board_values(100, models), board_values(50, models)
    for label in full:
        if label.startswith(("ATP", "NMDA", "Dietary")):
            quoted = f"from about {full[label] * 100:.0f}% to about {half[label] * 100:.0f}%"
            assert quoted in said, (label, quoted)
    rda = reference_intakes("31-50 years", "female")[1]  # the board's intake at 100%
    absorbed = [
        rda * level * board_values(level * 100, models)["Dietary magnesium absorbed (ch. 8)"] for level in (1, 0.5)
    ]
    assert f"from about {absorbed[0]:.0f} to about {absorbed[1]:.0f} mg a day" in said, absorbed
