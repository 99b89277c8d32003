"""Where the body's magnesium and calcium are, and the calcium and magnesium in a day's food (pure functions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class BodyMagnesium:
    """Magnesium in an adult body (mg, about 25 g) and the body mass it is taken to belong to (kg,
    illustrative: the IOM gives the 25 g for "an adult" without tying it to a body weight)."""

    total_mg: float
    reference_body_mass_kg: float


def distribution(table: pd.DataFrame, mineral: str) -> pd.DataFrame:
    """One source's distribution of a mineral over body sites, in percent (column ``percent``), from the
    rows of ``data/body_distribution.csv``."""
    rows = table[table.mineral == mineral].reset_index(drop=True)
    if rows.empty:
        raise KeyError(f"no distribution for '{mineral}' in data/body_distribution.csv")
    return rows


def total_body_magnesium_mg(body_mass_kg: float, body: BodyMagnesium) -> float:
    """About 25 g at the reference mass, scaled in proportion to body mass (a simplification)."""
    return body.total_mg * body_mass_kg / body.reference_body_mass_kg


def magnesium_by_site_mg(body_mass_kg: float, body: BodyMagnesium, sites: pd.DataFrame) -> dict[str, float]:
    """Milligrams of magnesium in each site for a body of ``body_mass_kg``; ``sites`` is magnesium's
    :func:`distribution`."""
    total = total_body_magnesium_mg(body_mass_kg, body)
    return {row.site: total * row.percent / 100 for row in sites.itertuples()}


def foods_with_both_minerals(foods: pd.DataFrame) -> pd.DataFrame:
    """The foods (rows of ``data/foods.csv``) whose serving has both a magnesium and a calcium value."""
    return foods.dropna(subset=["magnesium_mg", "calcium_mg"]).reset_index(drop=True)


def example_day(days: pd.DataFrame, day: str) -> dict[str, float]:
    """Servings of each food in one of the example days (rows of ``data/example_days.csv``)."""
    rows = days[days.day == day]
    if rows.empty:
        raise KeyError(f"no example day '{day}' in data/example_days.csv")
    return {row.food: float(row.servings) for row in rows.itertuples()}


def day_minerals(servings: dict[str, float], foods: pd.DataFrame) -> pd.DataFrame:
    """Magnesium and calcium (mg) from each food of a day, given servings per food name and the foods table."""
    foods = foods_with_both_minerals(foods).set_index("food")
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


def rda_ratios(magnesium: pd.DataFrame, calcium: pd.DataFrame) -> list[RdaRatio]:
    """The calcium-to-magnesium ratio built into the two sets of recommendations (IOM 2011 calcium RDAs
    over IOM 1997 magnesium RDAs, the tables ``data/calcium_intakes.csv`` and ``data/magnesium_intakes.csv``),
    for every pair of age bands that overlap, by sex. Infants (adequate intakes only), pregnancy and
    lactation are left out."""
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
