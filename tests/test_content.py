"""Evidence boxes, data tables and self-checks: rendered from data, cited, and safe with markup in data."""

import re
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from conftest import reader_texts
from mgcourse import chapters, content, course, levels, mode
from mgcourse.data import load_table


ROOT = Path(__file__).resolve().parents[1]


def test_every_claim_renders_with_its_level_and_citations():
    for row in load_table("claims").itertuples():
        box = content.evidence(row.id)
        bundle = box._repr_mimebundle_()
        assert levels.css_class(row.level) in bundle["text/markdown"]
        keys = ",".join(k.strip() for k in row.sources.split(";"))
        assert "{footcite:p}`" + keys + "`" in bundle["text/markdown"]
        assert "{cite" not in bundle["text/html"]  # JupyterLab gets plain source keys


def test_markup_in_a_data_cell_is_shown_as_text(monkeypatch):
    import pandas as pd

    frame = pd.DataFrame(
        [
            {
                "id": "x",
                "chapter": 9,
                "article_claim": "<script>alert(1)</script>",
                "finding": "**bold** <img src=x onerror=alert(1)>",
                "level": "supported",
                "level_note": "<b onclick=alert(1)>why</b>",
                "sources": "iom1997",
                "confidence": "L",
            }
        ]
    )
    monkeypatch.setattr(content, "load_table", lambda name: frame)
    bundle = content.evidence("x")._repr_mimebundle_()
    for rendering in (bundle["text/markdown"], bundle["text/html"]):
        assert "<script>" not in rendering and "<img" not in rendering and "<b " not in rendering
        assert "&lt;script&gt;" in rendering and "Why this level: &lt;b" in rendering
    assert "<strong>bold</strong>" in bundle["text/html"]
    assert "L (unconfirmed)" in bundle["text/markdown"]


def test_table_lists_every_row_with_sources():
    tests = load_table("lab_tests")
    md = content.table("lab_tests")._repr_mimebundle_()["text/markdown"]
    assert md.count("\n| ") == len(tests) + 1  # header and one line per test
    assert "{footcite:p}`" in md


def test_self_check_every_option_has_feedback_and_one_is_right():
    html = content.self_check("09-measuring")._repr_mimebundle_()["text/html"]
    quiz = content.load_self_check("09-measuring")
    assert html.count('<fieldset class="mgc-question">') == len(quiz["questions"])
    assert html.count("mgc-right") - 1 == len(quiz["questions"])  # one in the style block
    assert html.count('type="radio"') == sum(len(q["options"]) for q in quiz["questions"])


@pytest.mark.parametrize(
    ("quiz", "message"),
    [
        ({"questions": []}, "no questions"),
        (
            {
                "questions": [
                    {
                        "prompt": "Q",
                        "options": [
                            {"text": "a", "correct": True, "feedback": "f"},
                            {"text": "b", "correct": True, "feedback": "f"},
                        ],
                    }
                ]
            },
            "exactly one option must be correct",
        ),
        (
            {
                "questions": [
                    {
                        "prompt": "Q",
                        "options": [{"text": "a", "correct": True, "feedback": "f"}, {"text": "b", "correct": False}],
                    }
                ]
            },
            "every option needs text and feedback",
        ),
    ],
)
def test_bad_self_check_file_is_refused(tmp_path, quiz, message):
    (tmp_path / "bad.yml").write_text(yaml.safe_dump(quiz))
    with pytest.raises(ValueError, match=message):
        content.load_self_check("bad", tmp_path)


def test_final_check_draws_on_every_chapter_with_new_questions():
    quiz = content.load_self_check("final-check")  # one correct option and feedback everywhere, or it raises
    questions = quiz["questions"]
    assert len(questions) >= 12
    numbers = {chapters.chapter_number(p) for p in chapters.chapter_paths()}
    assert {q["chapter"] for q in questions} == numbers == set(range(1, 11))
    for n, question in enumerate(questions, start=1):
        assert sum(o["correct"] is True for o in question["options"]) == 1, n
        assert all(o["text"].strip() and o["feedback"].strip() for o in question["options"]), n
    chapter_prompts = {
        q["prompt"]
        for path in course.self_check_dir().glob("*.yml")
        if chapters.is_chapter(path.stem)
        for q in content.load_self_check(path.stem)["questions"]
    }
    assert not chapter_prompts & {q["prompt"] for q in questions}, "the course-level check repeats a chapter's question"


def test_scored_quiz_marks_each_right_option_and_has_a_polite_score_line(monkeypatch):
    import re

    monkeypatch.setenv(mode.RENDER_VARIABLE, mode.STATIC)
    quiz = content.load_self_check("final-check")
    page = content.self_check("final-check", scored=True)._repr_mimebundle_()["text/html"]
    fieldsets = re.findall(r'<fieldset class="mgc-question">.*?</fieldset>', page, re.S)
    assert len(fieldsets) == len(quiz["questions"])
    for fieldset, question in zip(fieldsets, quiz["questions"], strict=True):
        marked = re.findall(r'<input type="radio"[^>]* data-correct><label[^>]*>(.*?)</label>', fieldset)
        right = next(o["text"] for o in question["options"] if o["correct"])
        assert marked == [escape(right)]
        assert f'href="{question["chapter"]:02d}-' in fieldset and ".html" in fieldset
    score = re.findall(r'<p class="mgc-score"[^>]*>', page)
    assert len(score) == 1 and 'role="status"' in score[0] and 'aria-live="polite"' in score[0]
    assert 'class="mgc-selfcheck mgc-scored"' in page
    # A chapter's self-check gives no answer away in its markup and has no score line.
    chapter = content.self_check("09-measuring")._repr_mimebundle_()["text/html"]
    assert "data-correct" not in chapter and "mgc-score" not in chapter and "mgc-scored" not in chapter


def test_scored_quiz_in_jupyterlab_says_where_the_score_is_and_links_to_notebooks(monkeypatch):
    monkeypatch.delenv(mode.RENDER_VARIABLE, raising=False)
    page = content.self_check("final-check", scored=True)._repr_mimebundle_()["text/html"]
    assert escape(content.SCORE_LIVE_NOTE) in page and content.SCORE_START not in page
    assert 'href="01-energy.ipynb"' in page and ".html" not in page


@pytest.mark.parametrize("chapter", [0, 11, "4", True])
def test_a_question_naming_no_chapter_of_the_course_is_refused(tmp_path, chapter):
    option = {"text": "a", "correct": True, "feedback": "f"}
    quiz = {"questions": [{"chapter": chapter, "prompt": "Q", "options": [option, {**option, "correct": False}]}]}
    (tmp_path / "bad.yml").write_text(yaml.safe_dump(quiz))
    with pytest.raises(ValueError, match="'chapter' must be the number of a chapter"):
        content.load_self_check("bad", tmp_path)


def test_figures_quoted_in_prose_agree_with_the_data():
    """Reference figures that prose repeats (pages, chapters, self-checks, notes, data text) match data/: an
    edit of the data that leaves a sentence behind fails here. More such checks are in test_accuracy.py."""
    intakes = load_table("magnesium_intakes")
    adults = intakes[intakes.life_stage.isin(["31-50 years", "51+ years"])]
    serum = load_table("serum_thresholds").set_index("name").mmol_per_l
    upper_levels = load_table("upper_levels")
    upper = float(upper_levels[upper_levels.from_age_years == 9].ul_mg_per_day.iloc[0])
    found = []
    for name, text in reader_texts().items():
        for kind, men, women in re.findall(
            r"adults aged 31 and over have an? (EAR|RDA) of (\d+) mg a day \(men\) and (\d+) mg \(women\)", text
        ):
            column = "ear_mg_per_day" if kind == "EAR" else "rda_mg_per_day"
            for sex, quoted in (("male", men), ("female", women)):
                assert set(adults[adults.sex == sex][column]) == {float(quoted)}, (name, kind, sex, quoted)
            found.append(kind)
        for quoted in re.findall(
            r"upper (?:intake level`?|limit|level) of (\d+) mg|(\d+) mg a day from supplements", text
        ):
            assert float("".join(quoted)) == upper, (name, "UL", quoted)
            found.append("UL")
        for low, high in re.findall(r"interval,? (?:of )?\**(0\.\d+)-(0\.\d+) mmol/L", text):
            assert (float(low), float(high)) == (serum["reference_low"], serum["reference_high"]), (name, low, high)
            found.append("interval")
    assert {"EAR", "RDA", "UL", "interval"} <= set(found) and len(found) >= 8, found
