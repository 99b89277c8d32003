"""Reading a serum and an RBC magnesium value against reference limits (pure functions).

Concentrations are in mmol/L for serum and mg/dL for RBC magnesium, the units in which the
sources state their limits (``data/serum_thresholds.csv``, ``data/rbc_lab_ranges.csv``, read by
:func:`mgcourse.parameters.serum_limits` and :func:`mgcourse.parameters.rbc_ranges`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SerumLimits:
    """Serum limits in mmol/L.

    Two conventions define hypomagnesemia: below the lower limit of the IOM's normal range
    (``hypomagnesemia_iom``, 0.75 mmol/L) and below the lower line many studies use
    (``hypomagnesemia_studies``, 0.70 mmol/L). Both are kept, and a reading says which one a value
    crosses.
    """

    hypomagnesemia_studies: float
    hypomagnesemia_iom: float
    reference_low: float
    proposed_cutoff: float
    reference_high: float

    def hypomagnesemia_lines(self) -> dict[str, float]:
        """The hypomagnesemia lines by name, highest first."""
        lines = {"hypomagnesemia_iom": self.hypomagnesemia_iom, "hypomagnesemia_studies": self.hypomagnesemia_studies}
        return dict(sorted(lines.items(), key=lambda item: -item[1]))


@dataclass(frozen=True)
class RbcRange:
    """One laboratory's RBC magnesium reference range in mg/dL."""

    lab: str
    low_mg_per_dl: float
    high_mg_per_dl: float
    confidence: str


SERUM_CATEGORIES = (
    "hypomagnesemia",
    "hypomagnesemia_one_line",
    "below_range",
    "low_normal",
    "normal",
    "above_range",
)
RBC_CATEGORIES = ("below", "within", "above")


def lines_crossed(serum_mmol_per_l: float, limits: SerumLimits) -> list[str]:
    """The names of the hypomagnesemia lines that ``serum_mmol_per_l`` is below, highest line first."""
    return [name for name, line in limits.hypomagnesemia_lines().items() if serum_mmol_per_l < line]


def serum_category(serum_mmol_per_l: float, limits: SerumLimits) -> str:
    """Where a total serum magnesium value sits, one of :data:`SERUM_CATEGORIES`.

    ``hypomagnesemia``: below both hypomagnesemia lines; ``hypomagnesemia_one_line``: below one of
    them only (:func:`lines_crossed` says which); ``below_range``: under the classic interval but above
    both lines (possible only if the lines and the interval differ); ``low_normal``: inside the
    classic interval but below the proposed 0.85 mmol/L cut-off.
    """
    crossed = lines_crossed(serum_mmol_per_l, limits)
    if len(crossed) == len(limits.hypomagnesemia_lines()):
        return "hypomagnesemia"
    if crossed:
        return "hypomagnesemia_one_line"
    if serum_mmol_per_l < limits.reference_low:
        return "below_range"
    if serum_mmol_per_l < limits.proposed_cutoff:
        return "low_normal"
    if serum_mmol_per_l <= limits.reference_high:
        return "normal"
    return "above_range"


def rbc_category(rbc_mg_per_dl: float, lab_range: RbcRange) -> str:
    """Where an RBC magnesium value sits against one laboratory's range, one of :data:`RBC_CATEGORIES`."""
    if rbc_mg_per_dl < lab_range.low_mg_per_dl:
        return "below"
    if rbc_mg_per_dl > lab_range.high_mg_per_dl:
        return "above"
    return "within"
