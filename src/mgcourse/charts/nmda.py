"""Chapter 4's chart: the NMDA receptor's Mg2+ block against membrane voltage, and its current."""

from __future__ import annotations

import functools
import math

import numpy as np

from .. import parameters
from ..exercises import answer
from ..chartkit import Interactive, Number, View, chart
from ..models import nmda
from .style import INK, PALETTE, base_layout, hline, marker, vline

VOLTAGES_MV = np.append(np.arange(-100, 40, 4.0), 40.0)  # 4 mV steps draw a smooth curve and keep the page light
REFERENCE_MG_MM = 1.0


def _padded(values) -> list[float]:
    """An axis range around ``values`` with a little room at both ends."""
    low, high = float(np.min(values)), float(np.max(values))
    pad = 0.08 * (high - low or 1.0)
    return [low - pad, high + pad]


def block_view(mg_mM: float, holding_mV: float, reversal_mV: float, *, block: nmda.MgBlock) -> View:
    """Unblocked fraction (top) and normalised current (bottom) from -100 to +40 mV, with the block's constants."""
    unblocked = nmda.unblocked_fraction(VOLTAGES_MV, mg_mM, block)
    reference = nmda.unblocked_fraction(VOLTAGES_MV, REFERENCE_MG_MM, block)
    current = nmda.current(VOLTAGES_MV, mg_mM, block, reversal_mV)
    b_hold = float(nmda.unblocked_fraction(holding_mV, mg_mM, block))
    i_hold = float(nmda.current(holding_mV, mg_mM, block, reversal_mV))
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": f"Unblocked share at {REFERENCE_MG_MM:g} mM (for comparison)",
            "x": VOLTAGES_MV,
            "y": reference,
            "line": {"color": PALETTE["grey"], "width": 2, "dash": "dot"},
            "hovertemplate": "%{x} mV: %{y:.1%}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Unblocked share at the chosen Mg2+",
            "x": VOLTAGES_MV,
            "y": unblocked,
            "line": {"color": PALETTE["blue"], "width": 3},
            "hovertemplate": "%{x} mV: %{y:.1%}<extra></extra>",
        },
        marker(holding_mV, b_hold, "At the holding voltage", PALETTE["orange"], "%{x} mV: %{y:.1%} unblocked"),
        # With no Mg2+ there is no half-block voltage: the point is left empty (NaN is not drawn).
        marker(
            nmda.half_block_voltage_mV(mg_mM, block) if mg_mM > 0 else float("nan"),
            0.5,
            "Half-block voltage",
            PALETTE["purple"],
            "half blocked at %{x:.1f} mV",
            symbol="x",
            size=12,
        ),
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Current (g x B x (V - Erev), relative units)",
            "x": VOLTAGES_MV,
            "y": current,
            "xaxis": "x2",
            "yaxis": "y2",
            "line": {"color": PALETTE["vermillion"], "width": 3},
            "hovertemplate": "%{x} mV: %{y:.1f}<extra></extra>",
        },
        marker(
            holding_mV,
            i_hold,
            "Current at the holding voltage",
            PALETTE["orange"],
            "%{x} mV: %{y:.1f}",
            xaxis="x2",
            yaxis="y2",
        ),
        hline(
            0,
            float(VOLTAGES_MV[0]),
            float(VOLTAGES_MV[-1]),
            "Zero current",
            INK,
            "solid",
            xaxis="x2",
            yaxis="y2",
        ),
        vline(nmda.REST_MV, 0, 1, "Typical resting potential (-70 mV)", PALETTE["green"], "dash"),
    ]
    layout = base_layout(
        height=560,
        xaxis={"domain": [0, 1], "anchor": "y", "range": [-100, 40], "matches": "x2", "showticklabels": False},
        yaxis={"domain": [0.56, 1], "range": [0, 1.02], "tickformat": ".0%", "title": {"text": "Unblocked share"}},
        xaxis2={"domain": [0, 1], "anchor": "y2", "range": [-100, 40], "title": {"text": "Membrane voltage (mV)"}},
        yaxis2={"domain": [0, 0.44], "range": _padded(current), "title": {"text": "Current (relative)"}},
    )
    b_rest = float(nmda.unblocked_fraction(nmda.REST_MV, mg_mM, block))
    b_rest_ref = float(nmda.unblocked_fraction(nmda.REST_MV, REFERENCE_MG_MM, block))
    if mg_mM > 0:
        half = (
            f"Half the channels are blocked at {nmda.half_block_voltage_mV(mg_mM, block):.1f} mV; "
            "above that voltage most open channels conduct."
        )
    else:
        half = "Without extracellular Mg2+ there is no block: every open channel conducts at every voltage."
    reading = (
        f"<strong>At rest (-70 mV) with {mg_mM:g} mM Mg2+:</strong> {b_rest:.1%} of open channels are unblocked "
        f"({b_rest / b_rest_ref:.1f} times the share at {REFERENCE_MG_MM:g} mM, {b_rest_ref:.1%}).",
        half,
        f"At the holding voltage of {holding_mV:g} mV: {b_hold:.1%} unblocked, current {i_hold:.1f} (relative units; "
        f"reversal at {reversal_mV:g} mV).",
    )
    alt = (
        "Two panels against membrane voltage from -100 to +40 mV. Top: the share of NMDA receptor channels not blocked by "
        "magnesium, an S-shaped curve that is near zero at negative voltages and rises towards 100% at positive ones; a "
        "dotted grey curve shows 1 mM for comparison and a dashed green line marks -70 mV. Bottom: the current, which is "
        "small at negative voltages, most inward in between and crosses zero at the reversal potential."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# ------------------------------------------------------------- the interactives


@chart
def mg_block() -> Interactive:
    """Unblocked share and current against voltage (static: extracellular Mg2+ from 0 to 3 mM)."""
    return Interactive(
        name="nmda-mg-block",
        title="The NMDA receptor's magnesium block",
        caption=(
            "Lower extracellular magnesium from 1 to 0.1 mM and read the share unblocked at -70 mV: it rises about "
            "sevenfold, and the current at rest grows with it. Raise it to 2 mM and the curve shifts the other way. The "
            "model is the steady-state block only: it leaves out the receptor's gating by glutamate and glycine, its "
            "kinetics, other receptor types, and everything else that sets a neuron's excitability."
        ),
        params=(
            Number(
                "mg_mM",
                "Extracellular Mg2+",
                1.0,
                0.0,
                10.0,
                unit="mM",
                steps=tuple(round(0.1 * i, 1) for i in range(31)),
                step=0.05,
                decimals=1,
            ),
            Number("holding_mV", "Holding voltage", -70.0, -100.0, 40.0, unit="mV", step=1, decimals=0),
            Number("reversal_mV", "Reversal potential", 0.0, -30.0, 30.0, unit="mV", step=1, decimals=0),
        ),
        view=functools.partial(block_view, block=parameters.nmda_block()),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("nmda-half-block-voltage")
def _nmda_half_block_voltage(mg_out_mM: float) -> dict[str, float]:
    block = parameters.nmda_block()
    return {
        "answer": nmda.half_block_voltage_mV(mg_out_mM, block),
        "k_mM": block.k_mM,
        "coefficient": block.voltage_coefficient_per_mV,
        "ratio": block.k_mM / mg_out_mM,
    }


@answer("nmda-unblocked-share-at-rest")
def _nmda_unblocked_share(mg_out_mM: float) -> dict[str, float]:
    block = parameters.nmda_block()
    rest = nmda.REST_MV
    exponential = math.exp(-block.voltage_coefficient_per_mV * rest)
    fraction = float(nmda.unblocked_fraction(rest, mg_out_mM, block))
    return {
        "answer": 100 * fraction,
        "fraction": fraction,
        "rest_mV": rest,
        "minus_rest_mV": -rest,
        "k_mM": block.k_mM,
        "coefficient": block.voltage_coefficient_per_mV,
        "exponential": exponential,
        "blocking_term": mg_out_mM / block.k_mM * exponential,
    }
