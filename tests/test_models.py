"""Unit conversions and models against values computed by hand."""

import math

import numpy as np
import pytest

from mgcourse import parameters
from mgcourse.models import labs, stores
from mgcourse.units import UNITS

units = parameters.magnesium_units()
BODY = parameters.body_stores()
ASSUMED = parameters.stores_assumptions()


@pytest.mark.parametrize(
    ("mmol", "mg_dl", "meq"),
    [(0.85, 2.07, 1.70), (0.75, 1.82, 1.50), (0.95, 2.31, 1.90), (0.70, 1.70, 1.40)],
)
def test_serum_limits_in_all_units(mmol, mg_dl, meq):
    assert units.from_mmol_per_l(mmol, "mg/dL") == pytest.approx(mg_dl, abs=0.005)
    assert units.from_mmol_per_l(mmol, "mEq/L") == pytest.approx(meq, abs=1e-9)
    assert units.to_mmol_per_l(mg_dl, "mg/dL") == pytest.approx(mmol, abs=0.003)


def test_conversion_round_trips_and_known_factor():
    # 1 mmol/L of Mg (24.305 g/mol) is 24.305 mg/L = 2.4305 mg/dL.
    assert units.convert(1.0, "mmol/L", "mg/dL") == pytest.approx(2.4305)
    # ARUP's rule for RBC magnesium: divide mg/dL by 2.43 to get mmol/L.
    assert units.convert(6.4, "mg/dL", "mmol/L") == pytest.approx(6.4 / 2.43, rel=1e-3)
    for unit in UNITS:
        assert units.convert(units.convert(0.81, "mmol/L", unit), unit, "mmol/L") == pytest.approx(0.81)
    in_all = units.in_all_units(0.85, first="mg/dL")
    assert list(in_all) == ["mg/dL", "mmol/L", "mEq/L"]
    assert in_all == pytest.approx({"mg/dL": 2.066, "mmol/L": 0.85, "mEq/L": 1.70}, abs=1e-3)


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError, match="not a magnesium concentration unit"):
        units.to_mmol_per_l(1.0, "g/L")


def test_serum_categories_at_and_around_each_limit():
    limits = parameters.serum_limits()
    assert limits == labs.SerumLimits(
        hypomagnesemia_studies=0.70,
        hypomagnesemia_iom=0.75,
        reference_low=0.75,
        proposed_cutoff=0.85,
        reference_high=0.95,
    )
    cases = {
        0.69: ("hypomagnesemia", ["hypomagnesemia_iom", "hypomagnesemia_studies"]),
        0.70: ("hypomagnesemia_one_line", ["hypomagnesemia_iom"]),
        0.74: ("hypomagnesemia_one_line", ["hypomagnesemia_iom"]),
        0.75: ("low_normal", []),
        0.84: ("low_normal", []),
        0.85: ("normal", []),
        0.95: ("normal", []),
        0.96: ("above_range", []),
    }
    for value, (category, crossed) in cases.items():
        assert labs.serum_category(value, limits) == category, value
        assert labs.lines_crossed(value, limits) == crossed, value
    # Lines that differ from the interval leave room for a value under the interval but above both lines.
    wider = labs.SerumLimits(0.60, 0.65, 0.75, 0.85, 0.95)
    assert labs.serum_category(0.70, wider) == "below_range"


def test_rbc_ranges_and_categories():
    ranges = parameters.rbc_ranges()
    assert (ranges["Quest Diagnostics"].low_mg_per_dl, ranges["Quest Diagnostics"].high_mg_per_dl) == (4.0, 6.4)
    assert (ranges["ARUP Laboratories"].low_mg_per_dl, ranges["ARUP Laboratories"].high_mg_per_dl) == (3.6, 7.5)
    # The same 3.8 mg/dL is low for Quest and in range for ARUP.
    assert labs.rbc_category(3.8, ranges["Quest Diagnostics"]) == "below"
    assert labs.rbc_category(3.8, ranges["ARUP Laboratories"]) == "within"
    assert labs.rbc_category(7.0, ranges["Quest Diagnostics"]) == "above"


def test_exchangeable_pool_is_a_third_of_bone_magnesium():
    # 25,000 mg x 0.60 in bone x 0.333 exchangeable = 4,995 mg
    assert stores.exchangeable_pool_mg(BODY) == pytest.approx(25000 * 0.60 * 0.333)


def test_buffer_curve_is_one_when_full_zero_when_empty_and_half_at_its_midpoint():
    a = ASSUMED
    assert a == stores.StoresAssumptions(serum_floor_mmol_per_l=0.40, buffer_half_fraction=0.30, buffer_steepness=4.0)
    assert stores.serum_buffer(1.0, a) == pytest.approx(1.0)
    assert stores.serum_buffer(0.0, a) == pytest.approx(0.0)
    k_n = a.buffer_half_fraction**a.buffer_steepness
    assert stores.serum_buffer(a.buffer_half_fraction, a) == pytest.approx((1 + k_n) / 2)


def test_first_day_of_low_intake_by_hand():
    run = stores.simulate_low_intake(1, 30, 0.85, BODY, ASSUMED)
    # Day 1: the full pool loses 30 mg x h(1) = 30 mg; serum stays at its start.
    assert run.total_body_mg[1] == pytest.approx(25000 - 30)
    assert run.serum_mmol_per_l[0] == pytest.approx(0.85)


def test_serum_holds_while_stores_fall_then_falls():
    run = stores.simulate_low_intake(52, 30, 0.85, BODY, ASSUMED)
    body, serum = run.total_body_mg, run.serum_mmol_per_l
    assert np.all(np.diff(body) <= 0) and np.all(np.diff(serum) <= 1e-12)
    body_week8, serum_week8 = run.at_week(8)
    assert body_week8 < 25000 - 1500  # stores down by more than 1.5 g ...
    assert serum_week8 > 0.83  # ... while serum has barely moved
    assert run.at_week(52)[1] < 0.70  # and late on serum falls below the threshold
    assert body[-1] >= 25000 - stores.exchangeable_pool_mg(BODY) - 1e-6  # never more than the pool is lost


def test_faster_loss_leaves_the_range_sooner():
    def first_week_below(loss):
        run = stores.simulate_low_intake(52, loss, 0.85, BODY, ASSUMED)
        return int(np.argmax(run.serum_mmol_per_l < 0.75)) / 7

    assert first_week_below(60) < first_week_below(30) < first_week_below(10)
    assert math.isclose(first_week_below(30), 15, abs_tol=1.5)
