"""MgATP speciation and an ATP-using enzyme's rate (pure functions; concentrations in mM).

ATP binds Mg2+ 1:1. With free Mg2+ held by the cell's buffers, the share of ATP bound is
``free_mg / (free_mg + kd)``, whatever the total ATP. The enzyme follows Michaelis-Menten kinetics
on MgATP, its substrate. What this leaves out: H+ and K+ compete for ATP, Kd depends on pH,
temperature and ionic strength (hence the choice of published constants, ``data/mgatp_kd.csv``, read by
:func:`mgcourse.parameters.mgatp_dissociation_constants`), and ADP also binds Mg2+.
"""

from __future__ import annotations

import numpy as np


def fraction_as_mgatp(free_mg_mM, kd_mM: float):
    """Share of total ATP bound as MgATP (0-1) at a free Mg2+ concentration (mM)."""
    free = np.asarray(free_mg_mM, dtype=float)
    return free / (free + kd_mM)


def mgatp_mM(free_mg_mM, total_atp_mM: float, kd_mM: float):
    """MgATP concentration (mM)."""
    return total_atp_mM * fraction_as_mgatp(free_mg_mM, kd_mM)


def relative_enzyme_rate(free_mg_mM, total_atp_mM: float, kd_mM: float, km_mM: float):
    """v / Vmax of an enzyme whose substrate is MgATP (Michaelis-Menten; Km in mM)."""
    substrate = mgatp_mM(free_mg_mM, total_atp_mM, kd_mM)
    return substrate / (km_mM + substrate)
