"""How much dietary magnesium is absorbed: the share falls as intake rises.

share(I) = high + (low - high) / (1 + I / I50): about ``low`` (75%) at very low intake, towards
``high`` (25%) at high intake (IOM 1997), with I50 set so that the curve passes the share reported at a
reference intake (40% at 370 mg/day, within the 30-50% of Schuchardt & Hahn 2017). The smooth shape is
an assumption; the four anchor numbers are passed in as an :class:`AbsorptionCurve`
(:func:`mgcourse.parameters.absorption_curve` reads them from ``data/constants.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class AbsorptionCurve:
    """The curve's anchors: shares (0-1) absorbed at low and high intake and at a reference intake (mg/day)."""

    share_low_intake: float
    share_high_intake: float
    share_at_reference_intake: float
    reference_intake_mg_per_day: float


def half_way_intake_mg_per_day(curve: AbsorptionCurve) -> float:
    """I50: the intake at which the share is half-way between its low- and high-intake limits."""
    low, high = curve.share_low_intake, curve.share_high_intake
    return curve.reference_intake_mg_per_day / ((low - high) / (curve.share_at_reference_intake - high) - 1)


def share_absorbed(intake_mg_per_day, curve: AbsorptionCurve):
    """Share (0-1) of the day's magnesium intake absorbed."""
    low, high = curve.share_low_intake, curve.share_high_intake
    intake = np.asarray(intake_mg_per_day, dtype=float)
    return high + (low - high) / (1 + intake / half_way_intake_mg_per_day(curve))
