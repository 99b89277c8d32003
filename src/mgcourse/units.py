"""Magnesium concentration units: mmol/L, mg/dL and mEq/L.

mg/dL = mmol/L x molar mass (g/mol) / 10, and mEq/L = mmol/L x mEq per mmol (2: Mg2+ is divalent).
Both factors are passed in (:func:`mgcourse.parameters.magnesium_units` reads them from
``data/constants.csv``); nothing here reads a file.
"""

from __future__ import annotations

from dataclasses import dataclass

UNITS = ("mmol/L", "mg/dL", "mEq/L")


@dataclass(frozen=True)
class MagnesiumUnits:
    """Conversions between :data:`UNITS`, given magnesium's molar mass (g/mol) and mEq per mmol."""

    molar_mass_g_per_mol: float
    meq_per_mmol: float

    def per_mmol_per_l(self, unit: str) -> float:
        """How many of ``unit`` make 1 mmol/L."""
        if unit == "mmol/L":
            return 1.0
        if unit == "mg/dL":
            # 1 mmol/L = molar mass mg/L = molar mass / 10 mg/dL
            return self.molar_mass_g_per_mol / 10.0
        if unit == "mEq/L":
            return self.meq_per_mmol
        raise ValueError(f"'{unit}' is not a magnesium concentration unit; use one of {', '.join(UNITS)}")

    def to_mmol_per_l(self, value: float, unit: str) -> float:
        """A concentration given in ``unit`` expressed in mmol/L."""
        return value / self.per_mmol_per_l(unit)

    def from_mmol_per_l(self, value_mmol_per_l: float, unit: str) -> float:
        """A concentration in mmol/L expressed in ``unit``."""
        return value_mmol_per_l * self.per_mmol_per_l(unit)

    def convert(self, value: float, from_unit: str, to_unit: str) -> float:
        """Convert a magnesium concentration between any two of :data:`UNITS`."""
        return self.from_mmol_per_l(self.to_mmol_per_l(value, from_unit), to_unit)

    def in_all_units(self, value_mmol_per_l: float, first: str = "mmol/L") -> dict[str, float]:
        """The concentration in each of :data:`UNITS`, ``first`` first: for a reading such as
        '0.85 mmol/L = 2.07 mg/dL = 1.70 mEq/L'."""
        order = [first, *(u for u in UNITS if u != first)]
        return {u: self.from_mmol_per_l(value_mmol_per_l, u) for u in order}
