"""Free Ca2+ and Mg2+ inside and outside cells, and competition at a binding site (concentrations in mM)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Range:
    """A cited free-ion range in mM (``data/ion_concentrations.csv``, read by
    :func:`mgcourse.parameters.ion_concentrations`)."""

    low_mM: float
    high_mM: float

    @property
    def middle_mM(self) -> float:
        return (self.low_mM + self.high_mM) / 2


@dataclass(frozen=True)
class CompetitiveSite:
    """ILLUSTRATIVE dissociation constants (mM) of a site that Ca2+ and Mg2+ compete for (not measured for
    any named protein; :func:`mgcourse.parameters.competitive_site` reads them from data)."""

    kd_ca_mM: float
    kd_mg_mM: float


def gradient(outside_mM: float, inside_mM: float) -> float:
    """How many times more concentrated an ion is outside the cell than inside."""
    return outside_mM / inside_mM


def fraction_with_calcium(ca_mM, mg_mM, kd_ca_mM: float, kd_mg_mM: float):
    """Share of a site holding Ca2+ when Ca2+ and Mg2+ compete for it (one ion per site).

    (Ca/KCa) / (1 + Ca/KCa + Mg/KMg)
    """
    ca = np.asarray(ca_mM, dtype=float) / kd_ca_mM
    return ca / (1 + ca + mg_mM / kd_mg_mM)


def calcium_for_half_sites(mg_mM: float, kd_ca_mM: float, kd_mg_mM: float) -> float:
    """Ca2+ (mM) at which Ca2+ holds half the sites: KCa x (1 + Mg/KMg) (from setting the share to 1/2)."""
    return kd_ca_mM * (1 + mg_mM / kd_mg_mM)
