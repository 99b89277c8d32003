"""A day's magnesium balance with depletion factors (pure function; all amounts in mg/day).

Where the literature gives a number, it comes from ``data/`` (caffeine, refined flour); where it does
not (alcohol's size is unconfirmed; diuretics, proton-pump inhibitors, stress and gut dysfunction have
no daily figure), the amount is an assumption the learner sets, and the chapter says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data import cached_on_data, constant, load_table
from .absorption import share_absorbed


def reference_intakes(life_stage: str = "31-50 years", sex: str = "female") -> tuple[float | None, float]:
    """(EAR or None where only an AI exists, RDA or AI) in mg/day from ``data/magnesium_intakes.csv``;
    KeyError for a life stage and sex the table does not have."""
    table = load_table("magnesium_intakes")
    row = table[(table.life_stage == life_stage) & (table.sex == sex)]
    if row.empty:
        raise KeyError(f"no reference intake for {life_stage}, {sex} in data/magnesium_intakes.csv")
    ear = row.ear_mg_per_day.iloc[0]
    return (None if ear != ear else float(ear)), float(row.rda_mg_per_day.iloc[0])


@dataclass(frozen=True)
class Factors:
    caffeine_doses: float = 0.0  # multiples of the study's caffeine: its two doses of 3 mg/kg lean body mass together
    refined_flour_g: float = 0.0  # flour eaten as white instead of whole-grain
    alcohol_extra_mg: float = 0.0
    diuretic_extra_mg: float = 0.0
    ppi_extra_mg: float = 0.0
    stress_extra_mg: float = 0.0
    gut_absorption_lost_percent: float = 0.0


@cached_on_data
def flour_mg_per_100g() -> dict[str, float]:
    return {row.product: float(row.mg_per_100g) for row in load_table("grain_magnesium").itertuples()}


def refined_flour_loss_mg(flour_g: float) -> float:
    """Magnesium lost from intake when ``flour_g`` of whole-grain flour is replaced by white flour."""
    values = flour_mg_per_100g()
    whole = next(v for k, v in values.items() if "whole" in k.lower())
    white = next(v for k, v in values.items() if "white" in k.lower())
    return flour_g / 100 * (whole - white)


def daily_balance(intake_mg: float, factors: Factors) -> dict[str, float]:
    """The steps of the waterfall, in order; negative numbers are losses. 'net absorbed' is the total."""
    refined = -min(refined_flour_loss_mg(factors.refined_flour_g), intake_mg)
    eaten = intake_mg + refined
    share = float(share_absorbed(eaten)) * (1 - factors.gut_absorption_lost_percent / 100)
    steps = {
        "intake": intake_mg,
        "refined grain": refined,
        "not absorbed": -eaten * (1 - share),
        "caffeine": -factors.caffeine_doses * constant("caffeine_urinary_mg_per_study_dose"),
        "alcohol": -factors.alcohol_extra_mg,
        "diuretics": -factors.diuretic_extra_mg,
        "proton-pump inhibitors": -factors.ppi_extra_mg,
        "chronic stress": -factors.stress_extra_mg,
    }
    steps["net absorbed"] = sum(steps.values())
    return steps
