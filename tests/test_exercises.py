"""Exercises: the files read and checked, each answer computed from the models, the check of a typed
answer (units, tolerance, typos), what the book and JupyterLab show, and the code exercises' cells."""

from __future__ import annotations

import html
import math

import nbformat
import pytest
import yaml

from conftest import CHAPTERS
from mgcourse import chapters, course, exercises, parameters
from mgcourse.exercises import ExerciseError, check, load_exercises

EXERCISE_FILES = sorted(course.exercise_dir().glob("*.yml"))


def test_every_chapter_has_an_exercise_file_and_every_file_a_chapter():
    assert CHAPTERS and {p.stem for p in EXERCISE_FILES} == {p.stem for p in CHAPTERS}


@pytest.mark.parametrize("path", EXERCISE_FILES, ids=[p.stem for p in EXERCISE_FILES])
def test_a_chapter_shows_each_of_its_exercises_once_and_has_a_code_exercise(path):
    notebook = nbformat.read(course.book_dir() / f"{path.stem}.ipynb", as_version=4)
    shown = chapters.exercise_ids(notebook)
    assert len(shown) >= 2 and sorted(shown) == sorted(e.id for e in load_exercises(path.stem))
    worked = chapters.code_exercises(notebook, path.name)
    assert worked, f"{path.stem} has no code exercise"
    for cell in notebook.cells:
        if chapters.SOLUTION_TAG in cell.metadata.get("tags", []):
            # Hidden in the book (behind a toggle, its output left out: Live Code would show a
            # hidden cell's output under another cell) and collapsed in JupyterLab.
            assert {"hide-cell", "remove-output"} <= set(cell.metadata["tags"])
            assert cell.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}


def test_the_answers_are_the_models_known_values():
    """Worked by hand from the constants: K = 3.57 mM, a = 0.062 per mV (Jahr & Stevens 1990) and
    Alberty's Kd = 0.122 mM; for chapters 7 to 10, from the values of data/ named beside their answers."""
    items = {e.id: e for p in EXERCISE_FILES for e in load_exercises(p.stem)}
    block = parameters.nmda_block()
    assert (block.k_mM, block.voltage_coefficient_per_mV) == (3.57, 0.062)
    assert items["nmda-half-block-voltage"].answer == pytest.approx(-math.log(3.57 / 2) / 0.062)
    assert items["nmda-half-block-voltage"].shown_answer == "-9.3 mV"
    assert items["nmda-unblocked-share-at-rest"].answer == pytest.approx(100 / (1 + 0.5 / 3.57 * math.exp(0.062 * 70)))
    assert items["mgatp-share"].answer == pytest.approx(100 * 0.25 / (0.25 + 0.122))
    assert items["mgatp-free-mg-for-share"].answer == pytest.approx(0.122 * 9)
    # Chapter 7: the replete 2 mM of the P. aeruginosa study against the serum interval's top, 0.95 mmol/L;
    # the illustrative alginate curve 1 + 4 c^6 / (c^6 + 1) (critical calcium 1 mM, steepness 6, plateau 5).
    assert items["biofilm-replete-above-serum"].answer == pytest.approx(2 - 0.95)
    assert items["alginate-rise-share"].answer == pytest.approx(100 * (1.5**6 / (1.5**6 + 1) - 0.5**6 / (0.5**6 + 1)))
    # Chapter 8: flour with 138 and 22 mg per 100 g, the RDA of 320 mg a day for women aged 31-50; the share
    # absorbed 0.25 + 0.5 / (1 + intake / I50), with I50 such that 40% of 370 mg a day is absorbed.
    assert items["flour-loss-share-of-rda"].answer == pytest.approx(100 * 1.5 * (138 - 22) / 320)
    half_way = 370 / ((0.75 - 0.25) / (0.40 - 0.25) - 1)

    def absorbed(intake):
        return intake * (0.25 + 0.5 / (1 + intake / half_way))

    assert items["flour-absorbed-loss"].answer == pytest.approx(absorbed(300) - absorbed(300 - 116))
    # Chapter 9: magnesium's atomic weight of 24.305 (1 mmol/L = 2.4305 mg/dL), the proposed limit of 0.85 mmol/L.
    assert items["serum-below-proposed-cutoff"].answer == pytest.approx(0.85 - 1.9 / 2.4305)
    assert items["serum-below-proposed-cutoff"].shown_answer == "0.068 mmol/L"
    assert items["loading-test-retention"].answer == pytest.approx(100 * (1 - 620 / 24.305 / 30))
    # Chapter 10: the board's typical free magnesium of 0.75 mM (the middle of 0.5-1.0 mM) and intake of 320 mg a day.
    free_mM = 0.75 * 146 / 178
    shortfall = 100 * (0.75 / (0.75 + 0.122) - free_mM / (free_mM + 0.122))
    assert items["mgatp-at-measured-shortfall"].answer == pytest.approx(shortfall)
    assert items["absorbed-at-lower-level"].answer == pytest.approx(absorbed(320) - absorbed(0.7 * 320))


@pytest.fixture
def half_block():
    return next(e for e in load_exercises("04-nervous-system") if e.id == "nmda-half-block-voltage")


@pytest.mark.parametrize(
    "typed, kind",
    [
        ("-9.3", "right"),
        ("-9.35 mV", "right"),
        ("−9.3 mV", "right"),  # a typographic minus
        ("-9,3", "right"),  # a decimal comma
        ("-0.0093 V", "right"),
        ("-9.3mv", "right"),  # the unit's case
        ("-8.4", "right"),  # within the tolerance of 1 mV
        ("-8.3", "high"),
        ("-20.5 mV", "low"),
        ("9.3", "high"),
        ("-9.3 mM", "unit"),
        ("-9.3 kg", "unit"),
        ("", "empty"),
        ("   ", "empty"),
        ("minus nine", "not_number"),
        ("mV -9.3", "not_number"),
    ],
)
def test_a_typed_answer_gets_its_verdict(half_block, typed, kind):
    verdict = check(half_block, typed)
    assert verdict.kind == kind, verdict
    assert verdict.message == half_block.messages()[kind].replace("{typed}", typed.strip()).replace(
        "{unit}", typed.split()[-1] if kind == "unit" else "{unit}"
    )


def test_the_messages_explain_and_name_the_units(half_block):
    messages = half_block.messages()
    assert messages["right"].startswith("Right. ") and half_block.explanation in messages["right"]
    assert half_block.hint in messages["high"] and half_block.hint in messages["low"]
    assert "mV or V" in messages["unit"] and "{" not in messages["right"] + messages["high"]


def test_blood_magnesium_answers_take_any_of_the_three_units():
    scales = exercises.unit_scales("mmol/L")
    units = parameters.magnesium_units()
    assert set(scales) == {"mmol/L", "mg/dL", "mEq/L"}
    assert scales["mg/dL"] == pytest.approx(10 / units.molar_mass_g_per_mol)
    assert scales["mEq/L"] == pytest.approx(0.5)


GOOD = {
    "id": "nmda-half-block-voltage",
    "given": {"mg_out_mM": 2},
    "prompt": "At {mg_out_mM} mM?",
    "unit": "mV",
    "tolerance": 1,
    "explanation": "Because.",
    "hint": "Think.",
    "solution": "V = {answer:.1f} mV.",
}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"prompt": None}, "exercise 1: missing prompt"),
        ({"id": "no-such-exercise"}, "exercise 1 ('no-such-exercise'), id: no answer is computed for it"),
        ({"unit": "furlongs"}, "exercise 1 ('nmda-half-block-voltage'), unit: 'furlongs' is not one of"),
        ({"tolerance": 0}, "tolerance: 0 is not a positive number"),
        ({"tolerance": "one"}, "tolerance: 'one' is not a positive number"),
        ({"given": {"mg_out_mM": 0}}, "given: {'mg_out_mM': 0} cannot be used"),
        ({"given": {"magnesium": 2}}, "given: {'magnesium': 2} cannot be used"),
        ({"solution": "V = {voltage} mV"}, "solution: the value 'voltage' is neither given nor computed"),
    ],
)
def test_a_bad_exercise_file_fails_with_file_exercise_key_and_reason(tmp_path, change, message):
    entry = {**GOOD, **change}
    (tmp_path / "bad.yml").write_text(yaml.safe_dump({"exercises": [entry]}), "utf-8")
    with pytest.raises(ExerciseError, match="bad.yml") as raised:
        load_exercises("bad", tmp_path)
    assert message in str(raised.value)


def test_two_exercises_with_one_id_or_none_at_all_are_refused(tmp_path):
    (tmp_path / "twice.yml").write_text(yaml.safe_dump({"exercises": [GOOD, GOOD]}), "utf-8")
    with pytest.raises(ExerciseError, match="twice.yml: two exercises have the same id"):
        load_exercises("twice", tmp_path)
    (tmp_path / "empty.yml").write_text("exercises: []\n", "utf-8")
    with pytest.raises(ExerciseError, match="empty.yml: no exercises"):
        load_exercises("empty", tmp_path)


def test_markup_in_an_exercise_is_shown_as_text(tmp_path, monkeypatch):
    markup = "<script>alert(1)</script>"
    entry = {**GOOD, "prompt": f"At {{mg_out_mM}} mM? {markup}", "hint": markup}
    (tmp_path / "marked.yml").write_text(yaml.safe_dump({"exercises": [entry]}), "utf-8")
    (item,) = load_exercises("marked", tmp_path)
    shown = exercises.static_html(item)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert check(item, "5").message.endswith(markup)  # the page script writes it as text, not HTML


def test_the_book_gets_the_answer_box_and_the_data_its_script_checks_with(half_block, monkeypatch):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(exercises.static_html(half_block), "html.parser")
    (section,) = page.select("section.mgc-exercise")
    assert float(section["data-answer"]) == half_block.answer
    assert float(section["data-tolerance"]) == 1.0 and section["data-unit"] == "mV"
    assert section["data-pattern"] == exercises.NUMBER
    box = section.select_one("input")
    assert section.select_one(f"label[for='{box['id']}']").get_text() == "Your answer (mV)"
    feedback = section.select_one(".mgc-exercise-feedback")
    assert feedback["role"] == "status" and box["aria-describedby"] == feedback["id"]
    assert section.select_one("details.mgc-exercise-solution summary").get_text() == "Show the worked solution"
    assert "-9.3 mV" in section.select_one("details").get_text()


def test_live_the_box_gives_the_same_feedback_and_never_a_traceback(half_block):
    widget = exercises.live(half_block)
    prompt, row, feedback, solution = widget.children
    box, button = row.children
    assert half_block.prompt in html.unescape(prompt.value) and "Show the worked solution" in solution.value
    for typed in ("-9.3", "", "abc", "1e999", "-9.3 parsecs", "12"):
        box.value = typed
        button.click()
        assert check(half_block, typed).message in html.unescape(feedback.value), (typed, feedback.value)
        assert "Traceback" not in feedback.value


def test_the_answers_of_chapters_2_3_5_and_6_are_worked_from_the_data_by_hand():
    import csv

    items = {e.id: e for p in EXERCISE_FILES for e in load_exercises(p.stem)}

    def rows(table: str) -> list[dict]:
        with (course.data_dir() / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    illustrative = {r["name"]: float(r["value"]) for r in rows("illustrative_values")}
    kd_ca_uM, kd_mg_mM = 1000 * illustrative["competitive_site_kd_ca_mM"], illustrative["competitive_site_kd_mg_mM"]
    assert items["calcium-for-half-sites"].answer == pytest.approx(kd_ca_uM * (1 + 2 / kd_mg_mM))
    assert items["calcium-gradient-during-a-signal"].answer == pytest.approx((1.14 + 1.35) / 2 / 0.001)
    assert items["loop-settled-load"].answer == pytest.approx(5.0)
    molar_mass = next(float(r["value"]) for r in rows("constants") if r["name"] == "mg_molar_mass")
    assert items["adrenaline-serum-fall"].answer == pytest.approx((0.765 - 0.671) * molar_mass / 10)
    enzymes = rows("enzymes")
    in_energy = [r for r in enzymes if r["pathway"] == "energy metabolism"]
    assert items["enzymes-with-role-in-pathway"].answer == sum(r["role"] == "MgATP as substrate" for r in in_energy)
    share = 100 * sum(r["role"] == "MgATP as substrate" for r in enzymes) / len(enzymes)
    assert items["enzymes-share-with-role"].answer == pytest.approx(share)
    total_g = next(float(r["value"]) for r in rows("constants") if r["name"] == "total_body_mg") / 1000
    bone_percent = next(float(r["percent"]) for r in rows("body_distribution") if r["site"] == "Bone")
    expected_g = total_g * 90 / illustrative["reference_body_mass_kg"] * bone_percent / 100
    assert items["magnesium-in-bone"].answer == pytest.approx(expected_g)
    foods = {r["food"]: r for r in rows("foods")}
    day = [r for r in rows("example_days") if r["day"] == "Dairy-rich day"]
    calcium = sum(float(r["servings"]) * float(foods[r["food"]]["calcium_mg"]) for r in day)
    magnesium = sum(float(r["servings"]) * float(foods[r["food"]]["magnesium_mg"]) for r in day)
    assert items["example-day-ratio"].answer == pytest.approx(calcium / magnesium)
