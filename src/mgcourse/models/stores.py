"""Why serum lags: an illustrative two-compartment model of body stores and serum magnesium.

ILLUSTRATIVE, not a prediction for any person. It shows one idea: serum magnesium is defended by
the body's exchangeable stores, so serum can stay in its reference interval while those stores
are being drawn down, and falls only late. What it assumes:

1. Body magnesium (``total_body_mg``, about 25 g) has a readily exchangeable part: one third of the
   bone store (``bone_fraction`` x ``bone_exchangeable_fraction``): a :class:`BodyStores`, which
   :func:`mgcourse.parameters.body_stores` reads from ``data/constants.csv``.
   Only that part is drawn on; the rest of the body's magnesium is treated as fixed.
2. During low intake the body loses ``net_loss_mg_per_day`` more than it takes in, while serum is
   at its starting value. The learner sets this number: the literature gives no single figure.
3. Serum follows the exchangeable pool through a buffering curve: it stays close to its starting
   value until the pool is largely used, then falls towards ``serum_floor_mmol_per_l``. The curve's
   shape (``buffer_half_fraction``, ``buffer_steepness``) is an assumption chosen to show the idea
   (:class:`StoresAssumptions`, from ``data/illustrative_values.csv``).
4. The kidney conserves as serum falls: the daily loss shrinks in proportion to how far serum has
   fallen from its start towards the floor.

Time steps are days; results are reported per day.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BodyStores:
    """Magnesium in an adult body (mg), the share of it in bone, and the readily exchangeable share of bone's."""

    total_body_mg: float
    bone_fraction: float
    bone_exchangeable_fraction: float


@dataclass(frozen=True)
class StoresAssumptions:
    """Assumed shape of the serum buffering curve (illustrative values, not measurements): the serum it falls
    towards (mmol/L), the share of the pool left at its midpoint and its steepness."""

    serum_floor_mmol_per_l: float
    buffer_half_fraction: float
    buffer_steepness: float


@dataclass(frozen=True)
class StoresRun:
    day: np.ndarray
    total_body_mg: np.ndarray
    exchangeable_mg: np.ndarray
    serum_mmol_per_l: np.ndarray

    @property
    def week(self) -> np.ndarray:
        return self.day / 7.0

    def at_week(self, week: float) -> tuple[float, float]:
        """(total body magnesium in mg, serum in mmol/L) on the day closest to ``week``."""
        i = int(np.clip(round(week * 7), 0, len(self.day) - 1))
        return float(self.total_body_mg[i]), float(self.serum_mmol_per_l[i])


def exchangeable_pool_mg(body: BodyStores) -> float:
    """The readily exchangeable magnesium in mg: bone share x its exchangeable part x body total."""
    return body.total_body_mg * body.bone_fraction * body.bone_exchangeable_fraction


def serum_buffer(pool_fraction_left: np.ndarray | float, assumptions: StoresAssumptions):
    """The buffering curve: 1 with a full pool, near 1 until the pool is largely used, 0 when empty.

    h(x) = x^n (1 + K^n) / (x^n + K^n), with K = ``buffer_half_fraction`` and n = ``buffer_steepness``.
    """
    x = np.clip(pool_fraction_left, 0.0, 1.0)
    k_n = assumptions.buffer_half_fraction**assumptions.buffer_steepness
    x_n = x**assumptions.buffer_steepness
    return x_n * (1 + k_n) / (x_n + k_n)


def simulate_low_intake(
    weeks: float,
    net_loss_mg_per_day: float,
    serum_start_mmol_per_l: float,
    body: BodyStores,
    assumptions: StoresAssumptions,
) -> StoresRun:
    """Day-by-day body stores and serum magnesium over ``weeks`` of low intake."""
    total_start = body.total_body_mg
    pool_start = exchangeable_pool_mg(body)
    floor = assumptions.serum_floor_mmol_per_l
    days = int(round(weeks * 7))
    pool = np.empty(days + 1)
    pool[0] = pool_start
    for d in range(days):
        buffered = serum_buffer(pool[d] / pool_start, assumptions)
        # Loss shrinks with serum (renal conservation), which is proportional to the buffer term.
        pool[d + 1] = max(pool[d] - net_loss_mg_per_day * buffered, 0.0)
    serum = floor + (serum_start_mmol_per_l - floor) * serum_buffer(pool / pool_start, assumptions)
    return StoresRun(
        day=np.arange(days + 1, dtype=float),
        total_body_mg=total_start - (pool_start - pool),
        exchangeable_mg=pool,
        serum_mmol_per_l=serum,
    )
