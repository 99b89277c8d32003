"""Foods and servings: magnesium from a day's servings (shared by the food builders of chapters 6 and 8)."""

from __future__ import annotations

from collections.abc import Mapping


def param_name(food: str) -> str:
    """A control name for a food: 'Almonds, dry roasted' -> 'servings_almonds_dry_roasted'."""
    return "servings_" + "_".join("".join(ch if ch.isalnum() else " " for ch in food.lower()).split())


def magnesium_from_servings(servings: Mapping[str, float], magnesium_mg_per_serving: Mapping[str, float]) -> float:
    """Total magnesium (mg) in servings given per food name, from each food's magnesium per serving (mg)."""
    return float(sum(n * magnesium_mg_per_serving[food] for food, n in servings.items()))
