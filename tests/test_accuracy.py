"""What keeps the course's figures, evidence levels and safety information right.

* Evidence levels: every level in the data is one the course defines (once, in ``mgcourse.levels``),
  the landing page and the glossary define them in the same words, and a claim whose finding reports
  a negative result is not graded established or supported unless its ``level_note`` says why.
* Figures that prose repeats from a model or a data row agree with it, wherever a reader meets them
  (pages, chapters, self-checks, instructor notes, data text and the package's captions): the NMDA
  block at rest, the upper levels, the two hypomagnesemia lines, caffeine's measured loss and the
  calcium-to-magnesium ratio of the recommendations.
* Safety: every chapter says it is educational, not medical advice; the supplement safety box shows
  the whole table of upper levels and is shown where supplements come up; a lab reading of low status
  says it is not a diagnosis, and names the hypomagnesemia line a value crosses.

Each loop asserts that it found something, so that a pattern that stops matching fails loudly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from conftest import CHAPTERS, reader_texts
from mgcourse import content, levels, parameters
from mgcourse.data import constant, load_table
from mgcourse.charts import labs as lab_figures
from mgcourse.models import labs, nmda

BLOCK = parameters.nmda_block()
UNITS = parameters.magnesium_units()

ROOT = Path(__file__).resolve().parents[1]
# Data files whose text cells a reader sees (evidence boxes, tables, chart readings).


def agrees(quoted: str, value: float) -> bool:
    """``quoted`` is ``value`` rounded to the digits it shows."""
    decimals = len(quoted.split(".")[1]) if "." in quoted else 0
    return abs(float(quoted) - value) <= 0.5 * 10**-decimals + 1e-9


# ------------------------------------------------------------------ evidence levels


def _descriptor() -> dict:
    return json.loads((ROOT / "data" / "datapackage.json").read_text("utf-8"))


def test_every_evidence_level_in_the_data_is_one_the_course_defines():
    fields = {
        resource["name"]: field
        for resource in _descriptor()["resources"]
        for field in resource["schema"]["fields"]
        if field["name"] == "level"
    }
    assert set(fields) == {"claims", "depletion_factors"}
    for name, field in fields.items():
        assert field["constraints"]["enum"] == list(levels.LEVELS), name
        used = set(load_table(name).level)
        assert used and used <= set(levels.LEVELS), (name, used - set(levels.LEVELS))
    css = (ROOT / "src" / "mgcourse" / "sphinxext" / "static" / "mgcourse.css").read_text("utf-8")
    for name in levels.LEVELS:
        assert f".{levels.css_class(name)} " in css, f"the stylesheet has no colour for the level '{name}'"


def test_the_landing_page_and_the_glossary_define_the_levels_in_the_packages_words():
    texts = reader_texts()
    count = {4: "four", 5: "five", 6: "six"}[len(levels.LEVELS)]
    assert f"with one of {count} levels:" in texts["intro.md"]
    assert f"one of {count} levels" in texts["glossary.md"]
    for level in levels.LEVELS.values():
        name = level.name[0].upper() + level.name[1:]
        assert f"- **{name}**: {level.definition}." in texts["intro.md"], level.name
        assert f"{name}: {level.definition}." in texts["glossary.md"], level.name


def test_a_negative_finding_is_not_graded_established_or_supported_without_a_reason():
    negative = re.compile(levels.NEGATIVE_FINDING, re.I)
    claims = load_table("claims")
    flagged = []
    for row in claims.itertuples():
        note = row.level_note if isinstance(row.level_note, str) else ""
        if negative.search(row.finding):
            flagged.append(row.id)
            if row.level in ("established", "supported"):
                assert note.strip(), (
                    f"{row.id}: graded {row.level} while its finding says '{negative.search(row.finding).group(0)}'; "
                    "lower the level or say in level_note why it stands"
                )
        else:
            assert not note, f"{row.id}: level_note explains a negative finding the finding no longer reports"
    assert len(flagged) >= 5, flagged


def test_claims_the_source_check_regraded_stay_regraded():
    """The grades issue 12 corrected against the course's own definitions and sources."""
    level = load_table("claims").set_index("id").level
    assert level["mg-vitamin-d-activation"] in ("emerging", "contested")  # Rude 1985: 25(OH)D unchanged
    assert level["stress-hormones-lower-serum-mg"] not in ("established", "supported")  # urine unchanged, 1990
    assert level["mg-not-all-oxidative-stress"] not in ("established", "supported")  # half unmeasured
    factors = load_table("depletion_factors").set_index("factor").level
    assert level["medicines-ppis"] == factors["proton-pump inhibitors"]
    assert level["medicines-diuretics"] == factors["diuretics (loop and thiazide)"]


def test_no_cytochrome_p450_is_called_a_direct_cofactor():
    """The vitamin D enzymes are heme P450s; no source shows magnesium in their active site."""
    enzymes = load_table("enzymes")
    p450 = enzymes[enzymes.enzyme.str.contains(r"\bCYP\d", regex=True)]
    assert len(p450) >= 4
    assert not (p450.role == "direct cofactor").any(), list(p450[p450.role == "direct cofactor"].enzyme)


# ------------------------------------------------------------------ figures repeated in prose


def test_the_nmda_block_at_rest_is_one_figure_everywhere():
    """0.04447 at -70 mV and 1 mM is 4.4% (the table's rounded 0.0445 would round again to 4.5%): every
    percentage from 4% to 4.5% near the NMDA block must be that one figure. The shares at 0.1 mM and
    across the cerebrospinal-fluid range (0.9 to 1.3 mM) are checked the same way."""
    at_rest = nmda.unblocked_fraction(-70, 1.0, BLOCK)
    table = load_table("nmda_block_values").set_index("voltage_mV")
    assert abs(table.loc[-70, "unblocked_at_1_mM"] - at_rest) < 5e-5
    one_figure = f"{at_rest:.1%}"
    near_block = re.compile(r"NMDA|unblocked|conductance|channels|-70 mV|receptors")
    found = []
    for name, text in reader_texts().items():
        for match in re.finditer(r"(?<![\d.])4(?:\.[0-5]\d*)?%", text):
            window = text[max(0, match.start() - 200) : match.end() + 200]
            if near_block.search(window):
                assert match.group(0) == one_figure, (name, window)
                found.append(name)
        for match in re.finditer(r"(?<![\d.])3[12](?:\.\d+)?%", text):
            assert agrees(match.group(0)[:-1], 100 * nmda.unblocked_fraction(-70, 0.1, BLOCK)), (name, match.group(0))
            found.append(name)
        for low, high in re.findall(r"from about (\d+\.\d)% to (\d+\.\d)%", text):
            assert agrees(low, 100 * nmda.unblocked_fraction(-70, 0.9, BLOCK)), (name, low)
            assert agrees(high, 100 * nmda.unblocked_fraction(-70, 1.3, BLOCK)), (name, high)
            found.append(name)
    assert len(found) >= 15 and {"04-nervous-system.ipynb", "data/claims.csv"} <= set(found), found


def test_upper_levels_quoted_anywhere_agree_with_the_data():
    table = load_table("upper_levels")
    by_age = {int(row.from_age_years): row.ul_mg_per_day for row in table.itertuples()}
    assert by_age[0] != by_age[0]  # none set for infants
    found = []
    for name, text in reader_texts().items():
        for value, age in re.findall(r"(\d+) mg (?:a day )?for (?:children aged |ages )(\d+)-\d+", text):
            assert float(value) == by_age[int(age)], (name, value, age)
            found.append(int(age))
        for value, age in re.findall(r"(\d+) mg (?:a day )?for everyone aged (\d+) and over", text):
            assert float(value) == by_age[int(age)], (name, value, age)
            found.append(int(age))
        for quoted in re.findall(
            r"upper (?:intake level`?|limit|level) of (\d+) mg|(\d+) mg a day from supplements", text
        ):
            assert float("".join(quoted)) == by_age[9], (name, quoted)
            found.append(9)
    assert {1, 4, 9} <= set(found) and len(found) >= 6, found


def test_the_two_hypomagnesemia_lines_quoted_anywhere_agree_with_the_data():
    serum = load_table("serum_thresholds").set_index("name").mmol_per_l
    iom, studies = serum["hypomagnesemia_iom"], serum["hypomagnesemia_studies"]
    assert iom == serum["reference_low"], "by the IOM convention, hypomagnesemia is 'below the normal range'"
    # A value in mmol/L followed, in the same sentence and before any other value, by whose line it is.
    attributed = re.compile(
        r"(?<![-\d.])(0\.\d\d) mmol/L((?:(?!mmol/L|\.\s).){0,90}?)(Institute of Medicine|IOM|many studies)"
    )
    pairs = re.compile(
        r"(0\.\d\d) (?:or|and) (0\.\d\d) mmol/L\)? for hypomagnesemia|hypomagnesemia lines \((0\.\d\d) and (0\.\d\d) mmol/L\)"
    )
    found = []
    for name, text in reader_texts().items():
        if name.endswith(".py"):
            continue
        for value, _, whose in attributed.findall(text):
            assert float(value) == (studies if whose == "many studies" else iom), (name, value, whose)
            found.append(whose)
        for match in pairs.finditer(text):
            quoted = {float(v) for v in match.groups() if v}
            assert quoted == {iom, studies}, (name, match.group(0))
            found.append("both")
        for value in re.findall(r"lower hypomagnesemia line \((0\.\d\d) mmol/L\)", text):
            assert float(value) == min(iom, studies), (name, value)
            found.append("lower")
        for mmol, mg_dl in re.findall(r"(?<![-\d.])(0\.\d\d) mmol/L\**\s*\((\d\.\d+) mg/dL", text):
            assert agrees(mg_dl, UNITS.from_mmol_per_l(float(mmol), "mg/dL")), (name, mmol, mg_dl)
    assert found.count("many studies") >= 4 and found.count("IOM") + found.count("Institute of Medicine") >= 4, found
    assert found.count("both") >= 2, found


def test_caffeine_figures_are_the_studys_measured_loss():
    """One wording: the chart's unit is the study's two doses together, worth the measured 3.9 mg."""
    per_study = constant("caffeine_urinary_mg_per_study_dose")
    found = []
    for name, text in reader_texts().items():
        # The retired wording: "two caffeine doses ... about 8 mg" counted the chart's unit twice.
        assert "study-sized dose" not in text, name
        retired = re.search(r"two caffeine doses.{0,80}?\b8 mg", text)
        assert not retired, (name, retired and retired.group(0))
        for sentence in re.split(r"(?<=[.!?])\s", text):
            if not re.search(r"caffeine|study's two doses", sentence, re.I):
                continue
            for value in re.findall(r"(?<![\d.])(\d+\.\d) mg\b", sentence):
                units = float(value) / per_study
                assert abs(units - round(units)) < 1e-9 and round(units) >= 1, (name, value, sentence)
                found.append(name)
    assert len(found) >= 6 and "08-depletion.ipynb" in found, found


def test_the_calcium_to_magnesium_ratio_of_the_recommendations_is_quoted_by_age():
    ratios = parameters.rda_ratios()
    adults = [r.ratio for r in ratios if r.from_age_years >= 19]
    children = [r.ratio for r in ratios if r.from_age_years < 14]
    assert adults and children
    found = []
    for name, text in reader_texts().items():
        for group, low, high in re.findall(
            r"[Ff]or (adults|children)[^.]*?from about (\d+(?:\.\d+)?) \([^)]*\) to (\d+(?:\.\d+)?)", text
        ):
            values = adults if group == "adults" else children
            assert agrees(low, min(values)) and agrees(high, max(values)), (name, group, low, high)
            found.append(group)
    assert {"adults", "children"} <= set(found), found


# ------------------------------------------------------------------ safety


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_every_chapter_says_it_is_educational_not_medical_advice(path):
    cells = nbformat.read(path, as_version=4).cells
    assert any(
        "```{admonition} Educational, not medical advice" in c.source for c in cells if c.cell_type == "markdown"
    )


def test_the_safety_box_shows_every_upper_level_and_what_it_guards_against():
    box = content.supplement_safety()._repr_mimebundle_()
    table = load_table("upper_levels")
    assert len(table) >= 4
    for rendering in (box["text/markdown"], box["text/html"]):
        for row in table.itertuples():
            assert row.life_stage in rendering, row.life_stage
            set_ = row.ul_mg_per_day == row.ul_mg_per_day  # not NaN
            assert (f"{row.ul_mg_per_day:g} mg a day" if set_ else "none set") in rendering, row.life_stage
        for needed in (
            "supplements and medicines",
            "food",
            "diarrhea",
            "kidney",
            "bisphosphonates",
            "tetracycline",
            "quinolone",
        ):
            assert needed in rendering, needed
    assert "{footcite:p}`iom1997`" in box["text/markdown"] and "smpc_mg_hydroxide" in box["text/markdown"]


@pytest.mark.parametrize("chapter", ["08-depletion", "10-closing"])
def test_the_safety_box_is_shown_where_supplements_come_up(chapter):
    cells = nbformat.read(ROOT / "book" / f"{chapter}.ipynb", as_version=4).cells
    calls = [c for c in cells if c.cell_type == "code" and re.search(r"^supplement_safety\(\)$", c.source, re.M)]
    assert len(calls) == 1 and "remove-input" in calls[0].metadata.get("tags", [])


def test_the_glossary_gives_the_safety_points_of_the_upper_level():
    entry = reader_texts()["glossary.md"].split("tolerable upper intake level")[1]
    for needed in ("supplements and medicines", "diarrhea", "kidney", "bisphosphonates", "quinolone"):
        assert needed in entry, needed


def _pairs():
    """A serum value in each category and an RBC value in each category, against Quest's range."""
    limits, quest = parameters.serum_limits(), parameters.rbc_ranges()["Quest Diagnostics"]
    serum = {labs.serum_category(v, limits): v for v in (0.60, 0.72, 0.80, 0.90, 1.10)}
    rbc = {labs.rbc_category(v, quest): v for v in (3.0, 5.0, 8.0)}
    return limits, serum, rbc


def test_a_reading_of_low_status_says_it_is_not_a_diagnosis():
    limits, serum, rbc = _pairs()
    assert {"hypomagnesemia", "hypomagnesemia_one_line", "low_normal", "normal"} <= set(serum)
    low_readings = 0
    view = lab_figures.serum_vs_rbc.interactive().view
    for serum_cat, s in serum.items():
        for rbc_cat, r in rbc.items():
            together = view(s, "mmol/L", r, "mg/dL", "Quest Diagnostics").reading[2]
            reads_low = (
                lab_figures.SERUM_GROUPS[serum_cat] in ("low", "borderline")
                and rbc_cat != "above"
                or (serum_cat == "normal" and rbc_cat == "below")
            )
            if reads_low or "low status" in together or "depleted" in together:
                assert "not a diagnosis" in together, (serum_cat, rbc_cat, together)
                low_readings += 1
            if lab_figures.SERUM_GROUPS[serum_cat] == "low":
                # A low serum value can be a shift, not a loss (chapter 3's adrenaline studies).
                assert "within hours" in together and "adrenaline" in together, together
    assert low_readings >= 6


def test_the_reading_names_the_hypomagnesemia_line_a_value_crosses():
    limits, serum, _ = _pairs()
    iom, studies = f"{limits.hypomagnesemia_iom:.2f} mmol/L", f"{limits.hypomagnesemia_studies:.2f} mmol/L"
    view = lab_figures.serum_vs_rbc.interactive().view
    between = view(serum["hypomagnesemia_one_line"], "mmol/L", 5.0, "mg/dL", "Quest Diagnostics")
    assert f"below {iom}" in between.reading[0] and f"above {studies}" in between.reading[0], between.reading[0]
    below_both = view(serum["hypomagnesemia"], "mmol/L", 5.0, "mg/dL", "Quest Diagnostics")
    assert "below both" in below_both.reading[0] and iom in below_both.reading[0] and studies in below_both.reading[0]
    names = [trace.get("name", "") for trace in between.figure["data"]]
    assert any(iom in n for n in names) and any(studies in n for n in names), names


def test_the_resting_voltage_the_charts_read_is_a_row_of_the_block_table():
    # Chapters 4 and 10 read the block "at rest" at one voltage, defined once, and quote the table's row.
    assert nmda.REST_MV in set(load_table("nmda_block_values").voltage_mV)
