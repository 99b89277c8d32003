"""Chapters 1, 2 and 4's models against values computed by hand or published."""

import math

import pytest

from mgcourse import parameters
from mgcourse.data import load_table
from mgcourse.models import ions, mgatp, nmda

BLOCK = parameters.nmda_block()


def test_nmda_block_known_values():
    assert nmda.unblocked_fraction(-70, 1.0, BLOCK) == pytest.approx(0.0445, abs=5e-5)
    assert nmda.half_block_voltage_mV(1.0, BLOCK) == pytest.approx(-20.5, abs=0.05)
    assert nmda.half_block_voltage_mV(2.0, BLOCK) == pytest.approx(-9.3, abs=0.05)
    assert nmda.half_block_voltage_mV(0.7, BLOCK) == pytest.approx(-26.3, abs=0.05)
    assert nmda.unblocked_fraction(0, 1.0, BLOCK) == pytest.approx(0.781, abs=5e-4)  # B(0) is not 1
    assert nmda.unblocked_fraction(-70, 0.0, BLOCK) == 1.0


def test_nmda_block_matches_the_table_in_data():
    table = load_table("nmda_block_values")
    checked = 0
    for row in table.itertuples():
        for mg, value in ((0.1, row.unblocked_at_0_1_mM), (1.0, row.unblocked_at_1_mM), (2.0, row.unblocked_at_2_mM)):
            assert nmda.unblocked_fraction(row.voltage_mV, mg, BLOCK) == pytest.approx(value, rel=0.01), (
                row.voltage_mV,
                mg,
            )
            checked += 1
    assert checked >= 3


def test_half_block_is_where_half_are_blocked_and_undefined_without_mg():
    v = nmda.half_block_voltage_mV(1.3, BLOCK)
    assert nmda.unblocked_fraction(v, 1.3, BLOCK) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        nmda.half_block_voltage_mV(0, BLOCK)


def test_nmda_current_reverses_at_erev_and_is_inward_below():
    assert nmda.current(0, 1.0, BLOCK, reversal_mV=0) == 0
    assert nmda.current(-40, 1.0, BLOCK) < 0 < nmda.current(20, 1.0, BLOCK)
    # -40 mV, 1 mM: g x B x (V - Erev) = 0.2302 x -40
    assert nmda.current(-40, 1.0, BLOCK) == pytest.approx(-40 / (1 + (1 / 3.57) * math.exp(0.062 * 40)))


def test_mgatp_fraction_by_hand():
    assert mgatp.fraction_as_mgatp(0.5, 0.1) == pytest.approx(0.5 / 0.6)
    assert mgatp.fraction_as_mgatp(0.1, 0.1) == pytest.approx(0.5)
    # facts sheet: 0.5 mM free Mg with Kd 50-120 µM gives 0.80-0.91; 1 mM gives 0.89-0.95
    assert mgatp.fraction_as_mgatp(0.5, 0.120) == pytest.approx(0.806, abs=1e-3)
    assert mgatp.fraction_as_mgatp(0.5, 0.050) == pytest.approx(0.909, abs=1e-3)
    assert mgatp.fraction_as_mgatp(1.0, 0.120) == pytest.approx(0.893, abs=1e-3)


def test_enzyme_rate_michaelis_menten_by_hand():
    # 5 mM ATP, Kd 0.1, free Mg 0.1 -> MgATP 2.5 mM; Km 2.5 -> half the maximum rate
    assert mgatp.mgatp_mM(0.1, 5.0, 0.1) == pytest.approx(2.5)
    assert mgatp.relative_enzyme_rate(0.1, 5.0, 0.1, 2.5) == pytest.approx(0.5)


def test_dissociation_constants_come_from_data():
    constants = parameters.mgatp_dissociation_constants()
    assert len(constants) >= 2
    assert all(0.01 < kd < 0.2 for kd in constants.values())


def test_ion_gradients_from_cited_ranges():
    cited = parameters.ion_concentrations()
    ca_out = cited[("Ca2+", "extracellular")]
    assert (ca_out.low_mM, ca_out.high_mM) == (1.14, 1.35)
    # 1.245 mM outside vs 100 nM inside: about 12,000-fold
    assert ions.gradient(ca_out.middle_mM, cited[("Ca2+", "cytosol")].high_mM) == pytest.approx(12450)
    mg_in, mg_out = cited[("Mg2+", "cytosol")], cited[("Mg2+", "extracellular")]
    assert 0.5 < ions.gradient(mg_out.middle_mM, mg_in.middle_mM) < 2  # no steep Mg2+ gradient


def test_competitive_binding_by_hand():
    # Ca = KCa, no Mg: half the sites; Mg = KMg doubles the Ca needed for half
    assert ions.fraction_with_calcium(0.001, 0.0, 0.001, 1.0) == pytest.approx(0.5)
    assert ions.calcium_for_half_sites(1.0, 0.001, 1.0) == pytest.approx(0.002)
    assert ions.fraction_with_calcium(0.002, 1.0, 0.001, 1.0) == pytest.approx(0.5)
