"""The NMDA receptor's voltage-dependent Mg2+ block (Jahr & Stevens 1990).

B(V) = 1 / (1 + [Mg2+]o / K x exp(-a V)), V in mV, [Mg2+]o in mM, with K = 3.57 mM and
a = 0.062 per mV (``data/constants.csv``). B is the steady-state unblocked fraction.
"""

from __future__ import annotations

import math

import numpy as np

from ..data import constant

# The voltage at which the course reads the block "at rest": a typical neuronal resting potential,
# and the row of data/nmda_block_values.csv that the chapters quote.
REST_MV = -70.0


def unblocked_fraction(voltage_mV, mg_out_mM: float):
    """Share of NMDA receptor channels not blocked by Mg2+ (0-1) at membrane voltage ``voltage_mV``."""
    k = constant("nmda_mg_k_mM")
    a = constant("nmda_voltage_coefficient_per_mV")
    v = np.asarray(voltage_mV, dtype=float)
    return 1.0 / (1.0 + (mg_out_mM / k) * np.exp(-a * v))


def half_block_voltage_mV(mg_out_mM: float) -> float:
    """Voltage (mV) at which half the channels are blocked: -ln(K / [Mg]) / a; undefined without Mg2+."""
    if mg_out_mM <= 0:
        raise ValueError("without extracellular Mg2+ there is no block, so no half-block voltage")
    return -math.log(constant("nmda_mg_k_mM") / mg_out_mM) / constant("nmda_voltage_coefficient_per_mV")


def current(voltage_mV, mg_out_mM: float, reversal_mV: float = 0.0, conductance: float = 1.0):
    """NMDA current g x B(V) x (V - Erev), in units of ``conductance`` x mV (inward is negative)."""
    v = np.asarray(voltage_mV, dtype=float)
    return conductance * unblocked_fraction(v, mg_out_mM) * (v - reversal_mV)
