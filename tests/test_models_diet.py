"""Chapters 3, 5-8 and 10's models against values computed by hand."""

import math

import pytest

from mgcourse import parameters
from mgcourse.data import load_table
from mgcourse.charts.closing import board_models, board_values
from mgcourse.models import absorption, balance, biofilm, bone, enzymes, stress

CURVE = parameters.absorption_curve()
BALANCE = parameters.balance_parameters()
BODY = parameters.body_magnesium()


def test_absorption_curve_anchors():
    # I50 = 370 / ((0.75 - 0.25) / (0.40 - 0.25) - 1) = 370 / 2.333 = 158.57 mg/day
    assert absorption.half_way_intake_mg_per_day(CURVE) == pytest.approx(158.571, abs=1e-3)
    assert absorption.share_absorbed(0, CURVE) == pytest.approx(0.75)
    assert absorption.share_absorbed(370, CURVE) == pytest.approx(0.40)
    assert absorption.share_absorbed(1e9, CURVE) == pytest.approx(0.25, abs=1e-6)
    assert absorption.share_absorbed(158.571, CURVE) == pytest.approx(0.50, abs=1e-4)


def test_balance_by_hand():
    steps = balance.daily_balance(300, balance.Factors(caffeine_doses=2, refined_flour_g=100, ppi_extra_mg=10), BALANCE)
    # refined: 100 g x (138 - 22) / 100 = 116 mg lost; eaten 184 mg; share = 0.25 + 0.5 / (1 + 184 / 158.571)
    share = 0.25 + 0.5 / (1 + 184 / 158.571)
    assert steps["refined food"] == pytest.approx(-116)
    assert steps["not absorbed"] == pytest.approx(-184 * (1 - share), rel=1e-4)
    assert steps["caffeine"] == pytest.approx(-7.8)
    assert steps["net absorbed"] == pytest.approx(184 * share - 7.8 - 10, rel=1e-4)


def test_gut_dysfunction_cuts_the_absorbed_share():
    healthy = balance.daily_balance(300, balance.Factors(), BALANCE)
    half = balance.daily_balance(300, balance.Factors(gut_absorption_lost_percent=50), BALANCE)
    assert half["net absorbed"] == pytest.approx(healthy["net absorbed"] / 2)


def test_stress_loop_settles_or_runs_away():
    load = stress.loop_load(1.0, 0.5, rounds=60)
    assert load[1] == 1.0 and load[2] == 1.5 and load[3] == 1.75
    assert load[-1] == pytest.approx(2.0) == stress.settled_load(1.0, 0.5)
    assert stress.loop_load(1.0, 1.1, rounds=60, cap=50)[-1] == 50
    assert math.isinf(stress.settled_load(1.0, 1.0))


def test_body_magnesium_scales_with_mass_and_sums_to_about_100_percent():
    assert bone.total_body_magnesium_mg(70, BODY) == pytest.approx(25000)
    assert bone.total_body_magnesium_mg(35, BODY) == pytest.approx(12500)
    for mineral in ("magnesium", "calcium"):
        assert parameters.body_distribution(mineral).percent.sum() == pytest.approx(100, abs=2)
    sites = parameters.body_distribution("magnesium")
    assert sum(bone.magnesium_by_site_mg(70, BODY, sites).values()) == pytest.approx(25000 * sites.percent.sum() / 100)


def test_day_minerals_and_ratio_by_hand():
    day = bone.day_minerals({"Almonds, dry roasted": 2}, load_table("foods"))
    assert day.magnesium_mg.iloc[0] == 160  # 2 x 80 mg (ODS)
    assert bone.calcium_to_magnesium_ratio(800, 400) == 2.0


def test_calcium_rda_and_the_food_charts_reading():
    # IOM 2011 (NIH ODS calcium table): 1,000 mg for adults 19-50, 1,200 mg for women 51-70.
    assert parameters.calcium_rda_mg_per_day("19-50 years", "male") == 1000
    assert parameters.calcium_rda_mg_per_day("51-70 years", "female") == 1200
    with pytest.raises(KeyError, match="calcium_intakes"):
        parameters.calcium_rda_mg_per_day("200 years", "female")
    from mgcourse.charts.bone import calcium_magnesium_ratio

    reading = " ".join(
        calcium_magnesium_ratio.interactive().compute(day=load_table("example_days").day.iloc[0]).reading
    )
    assert "for calcium it is 1000 mg for men and 1000 mg for women aged 19-50 (IOM 2011)" in reading


def test_biofilm_concentration_middle_is_geometric():
    assert biofilm.concentration_mM(0.1, 1.0)[0] == pytest.approx(math.sqrt(0.1))
    assert biofilm.concentration_mM(50, None)[0] == 50
    assert math.isnan(biofilm.concentration_mM(None, None)[0])
    curve = biofilm.StiffeningCurve(critical_calcium_mM=1.0, steepness=6, max_fold=5)
    assert biofilm.relative_stiffness(1.0, curve) == pytest.approx(3.0)  # half-way at the critical level


def test_enzyme_table_covers_every_pathway_with_at_least_three():
    table = enzymes.enzymes(load_table("enzymes"))
    assert len(table) >= 20
    assert all(count >= 3 for count in table.pathway.value_counts())
    assert set(enzymes.enzymes(table, "vitamin D").pathway) == {"vitamin D"}


def test_balance_board_reuses_the_chapter_models():
    models = board_models()
    typical, half = board_values(100, models), board_values(50, models)
    # ch1: 0.75 mM free Mg with the first listed Kd (0.122 mM): 0.75 / 0.872
    assert typical["ATP bound as MgATP (ch. 1)"] == pytest.approx(0.75 / 0.872, abs=1e-3)
    # ch4: ionized 0.515 mM at -70 mV
    assert typical["NMDA channels unblocked at rest (ch. 4)"] == pytest.approx(
        1 / (1 + 0.515 / 3.57 * math.exp(0.062 * 70))
    )
    assert half["NMDA channels unblocked at rest (ch. 4)"] > typical["NMDA channels unblocked at rest (ch. 4)"]
    assert half["Dietary magnesium absorbed (ch. 8)"] > typical["Dietary magnesium absorbed (ch. 8)"]


def test_reference_intakes_are_the_iom_figures():
    reference_intakes = parameters.reference_intakes
    assert reference_intakes("31-50 years", "female") == (265.0, 320.0)  # IOM 1997: EAR, RDA
    assert reference_intakes("31-50 years", "male") == (350.0, 420.0)
    assert reference_intakes("0-6 months", "male") == (None, 30.0)  # an AI, no EAR
    with pytest.raises(KeyError, match="magnesium_intakes.csv"):
        reference_intakes("31-50 years", "other")
