"""A conceptual reinforcing loop (not physiology): each round's extra load = input + gain x last round's.

It shows how a loop like low magnesium -> excitability -> calcium load -> oxidative stress -> stress
hormones -> magnesium loss behaves: with gain below 1 the load settles at input / (1 - gain); at 1 or
above it keeps growing. Loads are in arbitrary units.
"""

from __future__ import annotations

import numpy as np


def loop_load(stress_input: float, gain: float, rounds: int = 20, start: float = 0.0, cap: float = 50.0) -> np.ndarray:
    """Extra load after each round (round 0 = ``start``); capped at ``cap`` so a runaway loop stays drawable."""
    load = np.empty(rounds + 1)
    load[0] = start
    for i in range(rounds):
        load[i + 1] = min(stress_input + gain * load[i], cap)
    return load


def settled_load(stress_input: float, gain: float) -> float:
    """Where the load settles: input / (1 - gain) for gain below 1; infinite otherwise."""
    return stress_input / (1 - gain) if gain < 1 else float("inf")
