"""Where the body's magnesium and calcium are, and the calcium and magnesium in a day's food (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..data import constant, load_table


def distribution(mineral: str) -> pd.DataFrame:
    """One source's distribution of a mineral over body sites, in percent (column ``percent``)."""
    table = load_table("body_distribution")
    rows = table[table.mineral == mineral].reset_index(drop=True)
    if rows.empty:
        raise KeyError(f"no distribution for '{mineral}' in data/body_distribution.csv")
    return rows


# Illustrative: the IOM gives about 25 g for "an adult" without tying it to a body weight.
REFERENCE_BODY_MASS_KG = 70.0


def total_body_magnesium_mg(body_mass_kg: float) -> float:
    """About 25 g at the reference mass, scaled in proportion to body mass (a simplification)."""
    return constant("total_body_mg") * body_mass_kg / REFERENCE_BODY_MASS_KG


def magnesium_by_site_mg(body_mass_kg: float) -> dict[str, float]:
    """Milligrams of magnesium in each site for a body of ``body_mass_kg``."""
    total = total_body_magnesium_mg(body_mass_kg)
    return {row.site: total * row.percent / 100 for row in distribution("magnesium").itertuples()}


def foods_with_both_minerals() -> pd.DataFrame:
    """Foods whose serving has both a magnesium and a calcium value."""
    foods = load_table("foods")
    return foods.dropna(subset=["magnesium_mg", "calcium_mg"]).reset_index(drop=True)


def example_day(day: str) -> dict[str, float]:
    """Servings of each food in one of the example days."""
    days = load_table("example_days")
    rows = days[days.day == day]
    if rows.empty:
        raise KeyError(f"no example day '{day}' in data/example_days.csv")
    return {row.food: float(row.servings) for row in rows.itertuples()}


def day_minerals(servings: dict[str, float]) -> pd.DataFrame:
    """Magnesium and calcium (mg) from each food of a day, given servings per food name."""
    foods = foods_with_both_minerals().set_index("food")
    unknown = [f for f in servings if f not in foods.index]
    if unknown:
        raise KeyError(f"foods not in the table (or without both values): {unknown}")
    rows = [
        {
            "food": food,
            "servings": n,
            "magnesium_mg": n * foods.loc[food, "magnesium_mg"],
            "calcium_mg": n * foods.loc[food, "calcium_mg"],
            "confidence": foods.loc[food, "confidence"],
        }
        for food, n in servings.items()
        if n > 0
    ]
    return pd.DataFrame(rows, columns=["food", "servings", "magnesium_mg", "calcium_mg", "confidence"])


def calcium_to_magnesium_ratio(calcium_mg: float, magnesium_mg: float) -> float:
    """Ratio by mass (mg of calcium per mg of magnesium)."""
    return calcium_mg / magnesium_mg if magnesium_mg else float("inf")


def _age_band_years(life_stage: str) -> tuple[float, float] | None:
    """'1-3 years' -> (1, 3), '51+ years' -> (51, inf); None for months, pregnancy and lactation."""
    match = re.fullmatch(r"(\d+)(?:-(\d+)|(\+)) years", life_stage)
    if not match:
        return None
    low = float(match.group(1))
    return low, (float("inf") if match.group(3) else float(match.group(2)))


@dataclass(frozen=True)
class RdaRatio:
    """Calcium RDA divided by magnesium RDA for one sex and the overlap of two age bands."""

    sex: str
    magnesium_life_stage: str
    calcium_life_stage: str
    from_age_years: float
    ratio: float


def calcium_rda_mg_per_day(life_stage: str = "19-50 years", sex: str = "female") -> float:
    """The calcium RDA (or AI) in mg/day from ``data/calcium_intakes.csv``; KeyError for a life stage and
    sex the table does not have."""
    table = load_table("calcium_intakes")
    row = table[(table.life_stage == life_stage) & (table.sex == sex)]
    if row.empty:
        raise KeyError(f"no calcium reference intake for {life_stage}, {sex} in data/calcium_intakes.csv")
    return float(row.rda_mg_per_day.iloc[0])


def rda_ratios() -> list[RdaRatio]:
    """The calcium-to-magnesium ratio built into the two sets of recommendations (IOM 2011 calcium RDAs
    over IOM 1997 magnesium RDAs), for every pair of age bands that overlap, by sex. Infants (adequate
    intakes only), pregnancy and lactation are left out."""
    magnesium, calcium = load_table("magnesium_intakes"), load_table("calcium_intakes")
    ratios = []
    for mg in magnesium[magnesium.reference_kind == "RDA"].itertuples():
        mg_band = _age_band_years(mg.life_stage)
        if mg_band is None:
            continue
        for ca in calcium[(calcium.reference_kind == "RDA") & (calcium.sex == mg.sex)].itertuples():
            ca_band = _age_band_years(ca.life_stage)
            if ca_band is None or ca_band[0] > mg_band[1] or mg_band[0] > ca_band[1]:
                continue
            ratios.append(
                RdaRatio(
                    mg.sex,
                    mg.life_stage,
                    ca.life_stage,
                    max(mg_band[0], ca_band[0]),
                    float(ca.rda_mg_per_day) / float(mg.rda_mg_per_day),
                )
            )
    return ratios
