"""Chapter 2's charts: calcium and magnesium gradients across the cell membrane; competition at a site."""

from __future__ import annotations

import functools

import numpy as np

from .. import parameters
from ..exercises import answer
from ..chartkit import InputError, Interactive, Number, View, chart
from ..models import ions
from .style import INK, PALETTE, base_layout, marker, vline

UM_PER_MM = 1000.0


def gradients_view(
    cytosolic_ca_uM: float,
    extracellular_mg_mM: float,
    cytosolic_mg_mM: float,
    *,
    cited: dict[tuple[str, str], ions.Range],
) -> View:
    """Free Ca2+ and Mg2+ inside and outside the cell (log axis), with the chosen signal and Mg2+ levels
    against the ``cited`` ranges."""
    ca_rest, ca_out = cited[("Ca2+", "cytosol")], cited[("Ca2+", "extracellular")]
    mg_in_cited, mg_out_cited = cited[("Mg2+", "cytosol")], cited[("Mg2+", "extracellular")]
    ca_in = cytosolic_ca_uM / UM_PER_MM
    ca_rest_mM = ca_rest.high_mM  # about 100 nM
    labels = ["Calcium (Ca2+)", "Magnesium (Mg2+)"]
    data = [
        {
            "type": "bar",
            "name": "Inside the cell (free, cytosol)",
            "x": labels,
            "y": [ca_in, cytosolic_mg_mM],
            "marker": {"color": PALETTE["orange"]},
            "hovertemplate": "%{x} inside: %{y:.3g} mM<extra></extra>",
        },
        {
            "type": "bar",
            "name": "Outside the cell (ionized, blood)",
            "x": labels,
            "y": [ca_out.middle_mM, extracellular_mg_mM],
            "marker": {"color": PALETTE["blue"]},
            "hovertemplate": "%{x} outside: %{y:.3g} mM<extra></extra>",
        },
        marker(
            labels[0],
            ca_rest_mM,
            "Cytosolic Ca2+ at rest (about 100 nM)",
            INK,
            "at rest: %{y:.3g} mM",
            symbol="line-ew-open",
            size=40,
        ),
    ]
    layout = base_layout(
        height=420,
        barmode="group",
        margin={"l": 90, "r": 30, "t": 30, "b": 50},
        yaxis={
            "type": "log",
            "range": [-5, 1],
            "title": {"text": "Free concentration (log scale)"},
            "tickvals": [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10],
            "ticktext": ["10 nM", "100 nM", "1 µM", "10 µM", "100 µM", "1 mM", "10 mM"],
        },
        xaxis={"title": {"text": ""}},
    )
    ca_gradient = ions.gradient(ca_out.middle_mM, ca_in)
    rest_gradient = ions.gradient(ca_out.middle_mM, ca_rest_mM)
    mg_ratio = ions.gradient(extracellular_mg_mM, cytosolic_mg_mM)
    reading = (
        f"<strong>Calcium:</strong> {ca_out.middle_mM:.2f} mM outside against {cytosolic_ca_uM:g} µM inside, a "
        f"{ca_gradient:,.0f}-fold gradient (about {rest_gradient:,.0f}-fold at rest, {ca_rest_mM * UM_PER_MM:g} µM). A signal that "
        f"lifts cytosolic calcium to {cytosolic_ca_uM / (ca_rest_mM * UM_PER_MM):g} times its resting level is a large, fast change.",
        f"<strong>Magnesium:</strong> {extracellular_mg_mM:g} mM outside against {cytosolic_mg_mM:g} mM free inside "
        f"(a ratio of {mg_ratio:.1f}). There is no steep gradient to open a path down, and a calcium signal leaves free "
        f"magnesium where it was: cited ranges are {mg_in_cited.low_mM:g}-{mg_in_cited.high_mM:g} mM inside and "
        f"{mg_out_cited.low_mM:g}-{mg_out_cited.high_mM:g} mM outside.",
    )
    alt = (
        "Grouped bar chart on a logarithmic axis from 10 nM to 10 mM. For calcium, the bar inside the cell is thousands of "
        "times shorter than the bar outside, and a short solid line marks the resting cytosolic level. For magnesium, the "
        "inside and outside bars are about the same height. The reading gives the chosen values and the ratios."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


def competition_view(
    mg_mM: float, kd_ca_uM: float, kd_mg_mM: float, signal_ca_uM: float, *, resting_ca: ions.Range
) -> View:
    """Share of a binding site held by Ca2+ as Ca2+ rises, with and without competing Mg2+ (illustrative), and
    at rest (the top of ``resting_ca``, the cited cytosolic range)."""
    if kd_ca_uM <= 0 or kd_mg_mM <= 0:
        raise InputError("Dissociation constants must be above zero.")
    kd_ca = kd_ca_uM / UM_PER_MM
    ca_grid_uM = np.geomspace(0.01, 100, 81)
    with_mg = ions.fraction_with_calcium(ca_grid_uM / UM_PER_MM, mg_mM, kd_ca, kd_mg_mM)
    without = ions.fraction_with_calcium(ca_grid_uM / UM_PER_MM, 0.0, kd_ca, kd_mg_mM)
    rest_uM = resting_ca.high_mM * UM_PER_MM
    half_uM = ions.calcium_for_half_sites(mg_mM, kd_ca, kd_mg_mM) * UM_PER_MM
    share_rest = float(ions.fraction_with_calcium(rest_uM / UM_PER_MM, mg_mM, kd_ca, kd_mg_mM))
    share_signal = float(ions.fraction_with_calcium(signal_ca_uM / UM_PER_MM, mg_mM, kd_ca, kd_mg_mM))
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Without Mg2+",
            "x": ca_grid_uM,
            "y": without,
            "line": {"color": PALETTE["grey"], "width": 2, "dash": "dot"},
            "hovertemplate": "%{x:.2g} µM: %{y:.0%}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "With the chosen Mg2+",
            "x": ca_grid_uM,
            "y": with_mg,
            "line": {"color": PALETTE["blue"], "width": 3},
            "hovertemplate": "%{x:.2g} µM: %{y:.0%}<extra></extra>",
        },
        vline(half_uM, 0, 1, "Ca2+ that fills half the sites", PALETTE["vermillion"], "dash"),
        marker(signal_ca_uM, share_signal, "During the signal", PALETTE["orange"], "%{x:.2g} µM: %{y:.0%} of sites"),
    ]
    layout = base_layout(
        height=400,
        xaxis={"type": "log", "range": [-2, 2], "title": {"text": "Cytosolic free Ca2+ (µM, log scale)"}},
        yaxis={"range": [0, 1.02], "tickformat": ".0%", "title": {"text": "Share of sites holding Ca2+"}},
    )
    reading = (
        f"<strong>With {mg_mM:g} mM Mg2+</strong>, calcium must reach {half_uM:.2g} µM to hold half the sites, "
        f"{half_uM / kd_ca_uM:.2g} times what it needs without magnesium ({kd_ca_uM:g} µM).",
        f"At rest ({rest_uM:g} µM) calcium holds {share_rest:.0%} of the sites; during a signal of {signal_ca_uM:g} µM, {share_signal:.0%}.",
        "The constants are illustrative, chosen to show the idea of competition; they are not measured for a named protein.",
    )
    alt = (
        "Line chart of the share of binding sites holding calcium against cytosolic calcium on a logarithmic axis from "
        "0.01 to 100 µM. A dotted grey curve without magnesium and a solid blue curve with the chosen magnesium both rise "
        "from 0 to 100%; the blue curve is shifted to the right, and a dashed red line marks where it reaches half. "
        "A marker shows the share during the chosen calcium signal."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# ------------------------------------------------------------- the interactives


@chart
def ion_gradients() -> Interactive:
    """Free Ca2+ and Mg2+ inside and outside the cell (static: signal Ca2+ and extracellular Mg2+)."""
    return Interactive(
        name="ion-gradients",
        title="Calcium and magnesium inside and outside the cell",
        caption=(
            "Raise cytosolic calcium from 0.1 to 1 µM, a tenfold signal: the calcium bar inside jumps on the log scale, "
            "yet stays more than a thousand times below the outside level. Then move extracellular magnesium: inside and "
            "outside stay within a factor of about two. Bars show free (ionized) ions only; total amounts, which include "
            "bound ions, are much larger, and the chart leaves out where calcium comes from during a signal."
        ),
        params=(
            Number(
                "cytosolic_ca_uM",
                "Cytosolic Ca2+ during a signal",
                1.0,
                0.01,
                100.0,
                unit="µM",
                steps=(0.05, 0.1, 0.2, 0.5, 1.0, 2.0),
                step=0.05,
                decimals=2,
            ),
            Number(
                "extracellular_mg_mM",
                "Extracellular Mg2+",
                0.5,
                0.05,
                5.0,
                unit="mM",
                steps=(0.3, 0.4, 0.5, 0.6, 0.8, 1.0),
                step=0.05,
                decimals=2,
            ),
            Number("cytosolic_mg_mM", "Cytosolic free Mg2+", 0.75, 0.05, 5.0, unit="mM", step=0.05, decimals=2),
        ),
        view=functools.partial(gradients_view, cited=parameters.ion_concentrations()),
    )


@chart
def competition_at_a_site() -> Interactive:
    """Ca2+ and Mg2+ competing for one binding site (illustrative constants; static: Mg2+)."""
    site = parameters.competitive_site()
    return Interactive(
        name="ca-mg-competition",
        title="Magnesium competing with calcium for a binding site (illustrative)",
        caption=(
            "Raise magnesium from 0.25 to 2 mM and watch the blue curve slide right: calcium then needs a higher level to "
            "fill the same share of sites. That is the sense in which magnesium can act against calcium at a site. The "
            "constants are illustrative; real proteins differ widely, and many calcium sensors bind magnesium weakly."
        ),
        params=(
            Number(
                "mg_mM", "Free Mg2+", 1.0, 0.0, 10.0, unit="mM", steps=(0.0, 0.25, 0.5, 1.0, 2.0), step=0.05, decimals=2
            ),
            Number(
                "kd_ca_uM",
                "Site's Ca2+ dissociation constant (illustrative)",
                site.kd_ca_mM * UM_PER_MM,
                0.01,
                100.0,
                unit="µM",
                step=0.1,
            ),
            Number(
                "kd_mg_mM",
                "Site's Mg2+ dissociation constant (illustrative)",
                site.kd_mg_mM,
                0.01,
                100.0,
                unit="mM",
                step=0.1,
            ),
            Number("signal_ca_uM", "Cytosolic Ca2+ during a signal", 1.0, 0.01, 100.0, unit="µM", step=0.1),
        ),
        view=functools.partial(competition_view, resting_ca=parameters.ion_concentrations()[("Ca2+", "cytosol")]),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("calcium-for-half-sites")
def _calcium_for_half_sites(mg_mM: float) -> dict[str, float]:
    site = parameters.competitive_site()
    return {
        "answer": ions.calcium_for_half_sites(mg_mM, site.kd_ca_mM, site.kd_mg_mM) * UM_PER_MM,
        "kd_ca_uM": site.kd_ca_mM * UM_PER_MM,
        "kd_mg_mM": site.kd_mg_mM,
        "factor": 1 + mg_mM / site.kd_mg_mM,
    }


@answer("calcium-gradient-during-a-signal")
def _calcium_gradient(cytosolic_ca_uM: float) -> dict[str, float]:
    outside = parameters.ion_concentrations()[("Ca2+", "extracellular")]
    inside_mM = cytosolic_ca_uM / UM_PER_MM
    return {
        "answer": ions.gradient(outside.middle_mM, inside_mM),
        "outside_low_mM": outside.low_mM,
        "outside_high_mM": outside.high_mM,
        "outside_mM": outside.middle_mM,
        "inside_mM": inside_mM,
    }
