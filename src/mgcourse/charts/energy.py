"""Chapter 1's chart: how much ATP is MgATP, and how fast an ATP-using enzyme runs, against free Mg2+."""

from __future__ import annotations

import functools

import numpy as np

from .. import parameters
from ..exercises import answer
from ..chartkit import Choice, InputError, Interactive, Number, View, chart
from ..models import ions, mgatp
from .style import PALETTE, band, base_layout, marker, vline

FREE_MG_DRAWN_MM = (0.01, 10.0)


def mgatp_view(
    free_mg_mM: float,
    kd_choice: str,
    total_atp_mM: float,
    km_mM: float,
    *,
    constants: dict[str, float],
    normal: ions.Range,
) -> View:
    """MgATP share and relative enzyme rate over free Mg2+ (log axis), with the normal cytosolic range shaded;
    ``constants`` are the published MgATP dissociation constants (mM) by label."""
    if kd_choice not in constants:
        raise InputError(f"Dissociation constant: '{kd_choice}' is not one of the listed values.")
    kd = constants[kd_choice]
    grid = np.geomspace(*FREE_MG_DRAWN_MM, 61)
    share = mgatp.fraction_as_mgatp(grid, kd)
    rate = mgatp.relative_enzyme_rate(grid, total_atp_mM, kd, km_mM)
    share_now = float(mgatp.fraction_as_mgatp(free_mg_mM, kd))
    rate_now = float(mgatp.relative_enzyme_rate(free_mg_mM, total_atp_mM, kd, km_mM))
    data = [
        band(
            normal.low_mM,
            normal.high_mM,
            0,
            1,
            f"Normal cytosolic free Mg2+ {normal.low_mM:g}-{normal.high_mM:g} mM",
            PALETTE["sky"],
            opacity=0.3,
        ),
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Share of ATP bound as MgATP",
            "x": grid,
            "y": share,
            "line": {"color": PALETTE["blue"], "width": 3},
            "hovertemplate": "%{x:.2f} mM: %{y:.0%} bound<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Enzyme rate (share of maximum, illustrative Km)",
            "x": grid,
            "y": rate,
            "line": {"color": PALETTE["vermillion"], "width": 3, "dash": "dash"},
            "hovertemplate": "%{x:.2f} mM: %{y:.0%} of maximum<extra></extra>",
        },
        vline(free_mg_mM, 0, 1, "Chosen free Mg2+", PALETTE["grey"], "dot"),
        marker(
            free_mg_mM,
            share_now,
            "MgATP share at the chosen Mg2+",
            PALETTE["blue"],
            "%{y:.0%} bound",
            symbol="circle",
            size=12,
        ),
        marker(
            free_mg_mM,
            rate_now,
            "Enzyme rate at the chosen Mg2+",
            PALETTE["vermillion"],
            "%{y:.0%} of maximum",
            size=13,
        ),
    ]
    layout = base_layout(
        height=420,
        xaxis={
            "type": "log",
            "range": [float(np.log10(v)) for v in FREE_MG_DRAWN_MM],
            "title": {"text": "Free Mg2+ (mM, log scale)"},
        },
        yaxis={"range": [0, 1.02], "tickformat": ".0%", "title": {"text": "Share"}},
    )
    low, high = (float(mgatp.fraction_as_mgatp(v, kd)) for v in (normal.low_mM, normal.high_mM))
    reading = (
        f"<strong>At {free_mg_mM:.2f} mM free Mg2+</strong> with Kd {kd:g} mM: {share_now:.0%} of ATP is MgATP "
        f"({share_now * total_atp_mM:.2f} of {total_atp_mM:g} mM), and the enzyme runs at {rate_now:.0%} of its maximum.",
        f"Across the normal cytosolic range ({normal.low_mM:g}-{normal.high_mM:g} mM) {low:.0%} to {high:.0%} of ATP is bound; "
        f"it takes free Mg2+ below Kd ({kd:g} mM) before less than half is.",
        f"Total ATP ({total_atp_mM:g} mM) and the enzyme's Km ({km_mM:g} mM) are illustrative values, not measurements.",
    )
    alt = (
        "Line chart against free magnesium on a logarithmic axis from 0.01 to 10 mM. A solid blue curve, the share of ATP "
        "bound as MgATP, rises from near zero to near 100%; a dashed red curve, the enzyme's rate as a share of its "
        f"maximum, rises alongside it. The normal cytosolic range, {normal.low_mM:g} to {normal.high_mM:g} mM, is shaded, "
        "where both curves are already high. A dotted line and two markers show the chosen magnesium level."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# ------------------------------------------------------------- the interactives


FREE_MG_STEPS_MM = (0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0)


@chart
def mgatp_speciation() -> Interactive:
    """Share of ATP as MgATP and an enzyme's rate against free Mg2+ (static: log slider and Kd menu)."""
    constants = parameters.mgatp_dissociation_constants()
    kds = tuple(constants)
    return Interactive(
        name="mgatp-speciation",
        title="How much ATP is MgATP, and how fast an ATP-using enzyme runs",
        caption=(
            "Drag free Mg2+ below 0.3 mM and watch the bound share fall; inside the shaded band most ATP is already "
            "MgATP. With this page's illustrative Km the enzyme barely slows, because MgATP stays far above its Km: "
            "live, raise Km and the rate follows the bound share. Switch the dissociation constant to see how much the "
            "answer depends on the conditions it was measured under. The model leaves out H+ and K+ competing for ATP, "
            "ADP binding magnesium, and the detailed kinetics of real enzymes."
        ),
        params=(
            Number(
                "free_mg_mM", "Free Mg2+", 0.5, 0.001, 20.0, unit="mM", steps=FREE_MG_STEPS_MM, step=0.01, decimals=2
            ),
            Choice("kd_choice", "MgATP dissociation constant", kds, kds[0], static=True),
            Number("total_atp_mM", "Total ATP (illustrative)", 5.0, 1.0, 10.0, unit="mM", step=0.5, decimals=1),
            Number("km_mM", "Enzyme Km for MgATP (illustrative)", 0.1, 0.01, 5.0, unit="mM", step=0.01, decimals=2),
        ),
        view=functools.partial(
            mgatp_view, constants=constants, normal=parameters.ion_concentrations()[("Mg2+", "cytosol")]
        ),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("mgatp-share")
def _mgatp_share(free_mg_mM: float, constant: str) -> dict[str, float]:
    kd_mM = parameters.mgatp_dissociation_constants()[constant]
    return {"answer": 100 * float(mgatp.fraction_as_mgatp(free_mg_mM, kd_mM)), "kd_mM": kd_mM}


@answer("mgatp-free-mg-for-share")
def _mgatp_free_mg_for_share(share_percent: float, constant: str) -> dict[str, float]:
    """The free Mg2+ (mM) at which ``share_percent`` of ATP is MgATP: s = m / (m + Kd), so m = Kd s / (1 - s)."""
    kd_mM = parameters.mgatp_dissociation_constants()[constant]
    share = share_percent / 100
    return {"answer": kd_mM * share / (1 - share), "kd_mM": kd_mM, "share": share, "odds": share / (1 - share)}
