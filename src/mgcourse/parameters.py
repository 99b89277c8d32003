"""The one place where the course's data become the models' parameters.

The models (:mod:`mgcourse.models`) and the unit conversions (:mod:`mgcourse.units`) are pure: every
number they need is passed in. Each function here reads it from ``data/`` (through
:func:`mgcourse.data.load_table`, which validates every cell and reads an edited file again) and returns
it as the model takes it: a small frozen dataclass with the units in its field names, a dict of values,
or a table. Charts call these when a chart is built (``@chart``, at each ``show()``), the content
helpers and the tests call them too, so a value changed in ``data/`` reaches every one of them.
"""

from __future__ import annotations

import pandas as pd

from .data import load_table
from .models import absorption, balance, biofilm, bone, ions, labs, nmda, stores
from .units import MagnesiumUnits


def constants() -> dict[str, float]:
    """Every named constant of ``data/constants.csv`` (each row gives its unit)."""
    return _values("constants")


def illustrative_values() -> dict[str, float]:
    """Every value of ``data/illustrative_values.csv``: chosen to show a shape or an idea, not measured."""
    return _values("illustrative_values")


def _values(table: str) -> dict[str, float]:
    return {row.name: float(row.value) for row in load_table(table).itertuples()}


def magnesium_units() -> MagnesiumUnits:
    """Conversions between mmol/L, mg/dL and mEq/L, with magnesium's molar mass and charge from data."""
    c = constants()
    return MagnesiumUnits(molar_mass_g_per_mol=c["mg_molar_mass"], meq_per_mmol=c["meq_per_mmol"])


def nmda_block() -> nmda.MgBlock:
    """Jahr & Stevens' constants of the NMDA receptor's Mg2+ block."""
    c = constants()
    return nmda.MgBlock(k_mM=c["nmda_mg_k_mM"], voltage_coefficient_per_mV=c["nmda_voltage_coefficient_per_mV"])


def absorption_curve() -> absorption.AbsorptionCurve:
    """The anchors of the absorbed share of dietary magnesium against intake."""
    c = constants()
    return absorption.AbsorptionCurve(
        share_low_intake=c["absorption_share_low_intake"],
        share_high_intake=c["absorption_share_high_intake"],
        share_at_reference_intake=c["absorption_share_at_reference_intake"],
        reference_intake_mg_per_day=c["absorption_reference_intake_mg_per_day"],
    )


def flour_mg_per_100g() -> dict[str, float]:
    """Magnesium (mg per 100 g) of each flour in ``data/grain_magnesium.csv``, by product, in the file's order."""
    return {row.product: float(row.mg_per_100g) for row in load_table("grain_magnesium").itertuples()}


def balance_parameters() -> balance.BalanceParameters:
    """What a day's magnesium balance takes from the literature."""
    flours = flour_mg_per_100g()
    return balance.BalanceParameters(
        absorption=absorption_curve(),
        caffeine_mg_per_study_dose=constants()["caffeine_urinary_mg_per_study_dose"],
        whole_flour_mg_per_100g=next(v for k, v in flours.items() if "whole" in k.lower()),
        white_flour_mg_per_100g=next(v for k, v in flours.items() if "white" in k.lower()),
    )


def depletion_marks() -> dict[str, str]:
    """The mark a balance step carries, by factor of ``data/depletion_factors.csv``: 'unconfirmed' where a
    quoted figure could not be traced, 'assumption' where the literature gives no size; none where it does."""
    marks = {}
    for row in load_table("depletion_factors").itertuples():
        if row.untraced_figure:
            marks[row.factor] = "unconfirmed"
        elif not row.quantified:
            marks[row.factor] = "assumption"
    return marks


def reference_intake_table() -> dict[tuple[str, str], tuple[float | None, float]]:
    """(EAR or None where only an AI exists, RDA or AI) in mg/day by (life stage, sex), from
    ``data/magnesium_intakes.csv``."""
    return {
        (row.life_stage, row.sex): (
            None if row.ear_mg_per_day != row.ear_mg_per_day else float(row.ear_mg_per_day),
            float(row.rda_mg_per_day),
        )
        for row in load_table("magnesium_intakes").itertuples()
    }


def reference_intakes(life_stage: str = "31-50 years", sex: str = "female") -> tuple[float | None, float]:
    """(EAR or None where only an AI exists, RDA or AI) in mg/day from ``data/magnesium_intakes.csv``;
    KeyError for a life stage and sex the table does not have."""
    try:
        return reference_intake_table()[(life_stage, sex)]
    except KeyError:
        raise KeyError(f"no reference intake for {life_stage}, {sex} in data/magnesium_intakes.csv") from None


def calcium_rda_mg_per_day(life_stage: str = "19-50 years", sex: str = "female") -> float:
    """The calcium RDA (or AI) in mg/day from ``data/calcium_intakes.csv``; KeyError for a life stage and
    sex the table does not have."""
    table = load_table("calcium_intakes")
    row = table[(table.life_stage == life_stage) & (table.sex == sex)]
    if row.empty:
        raise KeyError(f"no calcium reference intake for {life_stage}, {sex} in data/calcium_intakes.csv")
    return float(row.rda_mg_per_day.iloc[0])


def rda_ratios() -> list[bone.RdaRatio]:
    """The calcium-to-magnesium ratios of the two sets of recommendations (see :func:`bone.rda_ratios`)."""
    return bone.rda_ratios(load_table("magnesium_intakes"), load_table("calcium_intakes"))


def body_magnesium() -> bone.BodyMagnesium:
    """Magnesium in an adult body and the (illustrative) body mass it is tied to."""
    return bone.BodyMagnesium(
        total_mg=constants()["total_body_mg"],
        reference_body_mass_kg=illustrative_values()["reference_body_mass_kg"],
    )


def body_distribution(mineral: str) -> pd.DataFrame:
    """One source's distribution of ``mineral`` over body sites (``data/body_distribution.csv``)."""
    return bone.distribution(load_table("body_distribution"), mineral)


def magnesium_mg_per_serving() -> dict[str, float]:
    """Magnesium (mg) in a serving of each food of ``data/foods.csv``, by food."""
    foods = load_table("foods")
    return {food: float(mg) for food, mg in zip(foods.food, foods.magnesium_mg)}


def body_stores() -> stores.BodyStores:
    """Body magnesium, bone's share of it and the exchangeable share of bone's."""
    c = constants()
    return stores.BodyStores(
        total_body_mg=c["total_body_mg"],
        bone_fraction=c["bone_fraction"],
        bone_exchangeable_fraction=c["bone_exchangeable_fraction"],
    )


def stores_assumptions() -> stores.StoresAssumptions:
    """The stores model's buffering curve (illustrative values)."""
    v = illustrative_values()
    return stores.StoresAssumptions(
        serum_floor_mmol_per_l=v["stores_serum_floor_mmol_per_l"],
        buffer_half_fraction=v["stores_buffer_half_fraction"],
        buffer_steepness=v["stores_buffer_steepness"],
    )


def serum_limits() -> labs.SerumLimits:
    """The serum lines of ``data/serum_thresholds.csv`` in mmol/L."""
    table = load_table("serum_thresholds").set_index("name")["mmol_per_l"]
    return labs.SerumLimits(**{name: float(table[name]) for name in labs.SerumLimits.__dataclass_fields__})


def rbc_ranges() -> dict[str, labs.RbcRange]:
    """Every laboratory's RBC range, keyed by laboratory name, in the data file's order."""
    return {
        row.lab: labs.RbcRange(row.lab, float(row.low_mg_per_dl), float(row.high_mg_per_dl), row.confidence)
        for row in load_table("rbc_lab_ranges").itertuples()
    }


def ion_concentrations() -> dict[tuple[str, str], ions.Range]:
    """Cited free-ion ranges keyed by (ion, compartment), e.g. ("Ca2+", "cytosol")."""
    return {
        (r.ion, r.compartment): ions.Range(float(r.low_mM), float(r.high_mM))
        for r in load_table("ion_concentrations").itertuples()
    }


def competitive_site() -> ions.CompetitiveSite:
    """The illustrative Ca2+/Mg2+ competitive site's dissociation constants."""
    v = illustrative_values()
    return ions.CompetitiveSite(kd_ca_mM=v["competitive_site_kd_ca_mM"], kd_mg_mM=v["competitive_site_kd_mg_mM"])


def mgatp_dissociation_constants() -> dict[str, float]:
    """Published apparent MgATP dissociation constants in mM, keyed by their label (conditions)."""
    return {row.label: float(row.kd_mM) for row in load_table("mgatp_kd").itertuples()}


def stiffening_curve() -> biofilm.StiffeningCurve:
    """The illustrative curve of calcium stiffening an alginate matrix."""
    v = illustrative_values()
    return biofilm.StiffeningCurve(
        critical_calcium_mM=v["alginate_critical_calcium_mM"],
        steepness=v["alginate_steepness"],
        max_fold=v["alginate_max_fold"],
    )
