"""Where the body's magnesium and calcium are, and the calcium and magnesium in a day's food (pure functions)."""

from __future__ import annotations

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
