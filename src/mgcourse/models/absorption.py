"""How much dietary magnesium is absorbed: the share falls as intake rises.

share(I) = high + (low - high) / (1 + I / I50): about ``low`` (75%) at very low intake, towards
``high`` (25%) at high intake (IOM 1997), with I50 set so that the curve passes the share reported at a
reference intake (40% at 370 mg/day, within the 30-50% of Schuchardt & Hahn 2017). The smooth shape is
an assumption; the three anchor numbers are in ``data/constants.csv``.
"""

from __future__ import annotations

import numpy as np

from ..data import constant


def half_way_intake_mg_per_day() -> float:
    """I50: the intake at which the share is half-way between its low- and high-intake limits."""
    low, high = constant("absorption_share_low_intake"), constant("absorption_share_high_intake")
    at_ref, ref = constant("absorption_share_at_reference_intake"), constant("absorption_reference_intake_mg_per_day")
    return ref / ((low - high) / (at_ref - high) - 1)


def share_absorbed(intake_mg_per_day):
    """Share (0-1) of the day's magnesium intake absorbed."""
    low, high = constant("absorption_share_low_intake"), constant("absorption_share_high_intake")
    intake = np.asarray(intake_mg_per_day, dtype=float)
    return high + (low - high) / (1 + intake / half_way_intake_mg_per_day())
