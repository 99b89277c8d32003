"""Studies of magnesium and biofilms (filtering), and an illustrative calcium cross-linking curve."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

ALL = "all"


def studies(table: pd.DataFrame, effect: str = ALL, setting: str = ALL, organism: str = ALL) -> pd.DataFrame:
    """The studies table (``data/biofilm_studies.csv``) filtered by effect of Mg2+, setting ('in vitro' or
    'other' than in vitro) and organism."""
    if effect != ALL:
        table = table[table.effect == effect]
    if setting == "in vitro":
        table = table[table.setting == "in vitro"]
    elif setting == "other":
        table = table[table.setting != "in vitro"]
    if organism != ALL:
        table = table[table.organism == organism]
    return table.reset_index(drop=True)


def concentration_mM(low, high) -> tuple[float, float, float]:
    """(middle, how far below, how far above) of the magnesium a study used, in mM; NaNs if none was stated.

    The middle is geometric, as the chart's axis is logarithmic.
    """
    values = [float(v) for v in (low, high) if v is not None and not pd.isna(v) and v > 0]
    if not values:
        return float("nan"), float("nan"), float("nan")
    middle = float(np.sqrt(values[0] * values[-1]))
    return middle, middle - values[0], values[-1] - middle


@dataclass(frozen=True)
class StiffeningCurve:
    """ILLUSTRATIVE shape of calcium stiffening an alginate matrix: the calcium (mM) half-way up the rise,
    the rise's steepness (a Hill exponent) and the stiffness at saturation (times that without calcium)."""

    critical_calcium_mM: float
    steepness: float
    max_fold: float


def relative_stiffness(calcium_mM, curve: StiffeningCurve):
    """ILLUSTRATIVE matrix stiffness relative to no calcium: 1 + (max - 1) x c^n / (c^n + critical^n)."""
    c = np.asarray(calcium_mM, dtype=float) ** curve.steepness
    return 1 + (curve.max_fold - 1) * c / (c + curve.critical_calcium_mM**curve.steepness)
