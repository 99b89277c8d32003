"""The NMDA receptor's voltage-dependent Mg2+ block (Jahr & Stevens 1990).

B(V) = 1 / (1 + [Mg2+]o / K x exp(-a V)), V in mV, [Mg2+]o in mM. K (3.57 mM) and a (0.062 per mV)
are passed in as a :class:`MgBlock` (:func:`mgcourse.parameters.nmda_block` reads them from
``data/constants.csv``). B is the steady-state unblocked fraction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# The voltage at which the course reads the block "at rest": a typical neuronal resting potential,
# and the row of data/nmda_block_values.csv that the chapters quote.
REST_MV = -70.0


@dataclass(frozen=True)
class MgBlock:
    """The block's constants: K, the Mg2+ dissociation constant at 0 mV (mM), and a, its voltage dependence (1/mV)."""

    k_mM: float
    voltage_coefficient_per_mV: float


def unblocked_fraction(voltage_mV, mg_out_mM: float, block: MgBlock):
    """Share of NMDA receptor channels not blocked by Mg2+ (0-1) at membrane voltage ``voltage_mV``."""
    v = np.asarray(voltage_mV, dtype=float)
    return 1.0 / (1.0 + (mg_out_mM / block.k_mM) * np.exp(-block.voltage_coefficient_per_mV * v))


def half_block_voltage_mV(mg_out_mM: float, block: MgBlock) -> float:
    """Voltage (mV) at which half the channels are blocked: -ln(K / [Mg]) / a; undefined without Mg2+."""
    if mg_out_mM <= 0:
        raise ValueError("without extracellular Mg2+ there is no block, so no half-block voltage")
    return -math.log(block.k_mM / mg_out_mM) / block.voltage_coefficient_per_mV


def current(voltage_mV, mg_out_mM: float, block: MgBlock, reversal_mV: float = 0.0, conductance: float = 1.0):
    """NMDA current g x B(V) x (V - Erev), in units of ``conductance`` x mV (inward is negative)."""
    v = np.asarray(voltage_mV, dtype=float)
    return conductance * unblocked_fraction(v, mg_out_mM, block) * (v - reversal_mV)
