"""Foods and servings: magnesium from a day's servings (shared by the food builders of chapters 6 and 8)."""

from __future__ import annotations

from ..data import load_table


def param_name(food: str) -> str:
    """A control name for a food: 'Almonds, dry roasted' -> 'servings_almonds_dry_roasted'."""
    return "servings_" + "_".join("".join(ch if ch.isalnum() else " " for ch in food.lower()).split())


def magnesium_from_servings(servings: dict[str, float]) -> float:
    """Total magnesium (mg) in servings given per food name."""
    foods = load_table("foods").set_index("food")
    return float(sum(n * foods.loc[food, "magnesium_mg"] for food, n in servings.items()))
