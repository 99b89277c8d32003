"""A day's magnesium balance with depletion factors (pure function; all amounts in mg/day).

Where the literature gives a number, it is passed in from ``data/`` (caffeine, refined flour, the
absorption curve: :func:`mgcourse.parameters.balance_parameters`); where it does not (alcohol's size is
unconfirmed; diuretics, proton-pump inhibitors, stress and gut dysfunction have no daily figure), the
amount is an assumption the learner sets, and the chapter says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from .absorption import AbsorptionCurve, share_absorbed

# The steps that stand for a factor carry its name in data/depletion_factors.csv (a test holds them to it).
FACTOR_STEPS = (
    "refined food",
    "caffeine",
    "alcohol",
    "diuretics (loop and thiazide)",
    "proton-pump inhibitors",
    "chronic stress",
)


@dataclass(frozen=True)
class BalanceParameters:
    """What the balance takes from the literature: the absorption curve, caffeine's urinary loss (mg per
    study dose: its two doses of 3 mg/kg lean body mass together) and magnesium in whole-grain and white
    flour (mg per 100 g)."""

    absorption: AbsorptionCurve
    caffeine_mg_per_study_dose: float
    whole_flour_mg_per_100g: float
    white_flour_mg_per_100g: float


@dataclass(frozen=True)
class Factors:
    caffeine_doses: float = 0.0  # multiples of the study's caffeine: its two doses of 3 mg/kg lean body mass together
    refined_flour_g: float = 0.0  # flour eaten as white instead of whole-grain
    alcohol_extra_mg: float = 0.0
    diuretic_extra_mg: float = 0.0
    ppi_extra_mg: float = 0.0
    stress_extra_mg: float = 0.0
    gut_absorption_lost_percent: float = 0.0


def refined_flour_loss_mg(flour_g: float, parameters: BalanceParameters) -> float:
    """Magnesium lost from intake when ``flour_g`` of whole-grain flour is replaced by white flour."""
    return flour_g / 100 * (parameters.whole_flour_mg_per_100g - parameters.white_flour_mg_per_100g)


def daily_balance(intake_mg: float, factors: Factors, parameters: BalanceParameters) -> dict[str, float]:
    """The steps of the waterfall, in order; negative numbers are losses. 'net absorbed' is the total."""
    refined = -min(refined_flour_loss_mg(factors.refined_flour_g, parameters), intake_mg)
    eaten = intake_mg + refined
    share = float(share_absorbed(eaten, parameters.absorption)) * (1 - factors.gut_absorption_lost_percent / 100)
    refined_food, caffeine, alcohol, diuretics, ppis, stress = FACTOR_STEPS
    steps = {
        "intake": intake_mg,
        refined_food: refined,
        "not absorbed": -eaten * (1 - share),
        caffeine: -factors.caffeine_doses * parameters.caffeine_mg_per_study_dose,
        alcohol: -factors.alcohol_extra_mg,
        diuretics: -factors.diuretic_extra_mg,
        ppis: -factors.ppi_extra_mg,
        stress: -factors.stress_extra_mg,
    }
    steps["net absorbed"] = sum(steps.values())
    return steps
