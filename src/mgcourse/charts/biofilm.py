"""Chapter 7's charts: the evidence map of magnesium and biofilm studies; calcium cross-linking (illustrative)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .. import parameters
from ..chartkit import Choice, InputError, Interactive, Number, View, chart
from ..data import load_table
from ..exercises import answer
from ..models import biofilm, ions, labs
from ..models.biofilm import ALL
from .style import INK, PALETTE, as_text, band, base_layout, marker, vline

EFFECT_STYLE = {"promotes": (PALETTE["vermillion"], "triangle-up"), "inhibits": (PALETTE["blue"], "triangle-down")}


def evidence_map_view(
    effect: str,
    setting: str,
    organism: str,
    *,
    everything: pd.DataFrame,
    limits: labs.SerumLimits,
    ionized: ions.Range,
) -> View:
    """One marker per study (rows of ``everything``, the studies table) at the magnesium concentration it
    used, against magnesium in blood: from the ionized range's low end to the serum reference interval's top."""
    if effect not in (biofilm.ALL, *EFFECT_STYLE) or setting not in (biofilm.ALL, "in vitro", "other"):
        raise InputError("Filters: choose one of the listed options.")
    shown = biofilm.studies(everything, effect, setting, organism)
    organisms = [as_text(o) for o in sorted(everything.organism.unique())]
    data = [
        band(
            ionized.low_mM,
            limits.reference_high,
            -0.5,
            len(organisms) - 0.5,
            f"Magnesium in blood: ionized {ionized.low_mM:g} to total {limits.reference_high:g} mM",
            PALETTE["green"],
            opacity=0.25,
        )
    ]
    data[0]["y"] = [organisms[0], organisms[0], organisms[-1], organisms[-1], organisms[0]]
    for name, (colour, symbol) in EFFECT_STYLE.items():
        rows = shown[shown.effect == name]
        spans = [biofilm.concentration_mM(r.mg_low_mM, r.mg_high_mM) for r in rows.itertuples()]
        mids, lows, highs = ([s[i] for s in spans] for i in range(3))
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"Magnesium {name} biofilm",
                "x": mids,
                "y": [as_text(o) for o in rows.organism],
                "customdata": [as_text(f"{r.setting}: {r.finding}".replace("**", "")) for r in rows.itertuples()],
                "error_x": {"type": "data", "symmetric": False, "array": highs, "arrayminus": lows, "color": colour},
                "marker": {"color": colour, "symbol": symbol, "size": 14, "line": {"width": 1, "color": INK}},
                "hovertemplate": "%{y}<br>%{x:.2g} mM<br>%{customdata}<extra></extra>",
            }
        )
    layout = base_layout(
        height=max(360, 140 + 48 * len(organisms)),
        margin={"l": 20, "r": 20, "t": 20, "b": 60},
        xaxis={"type": "log", "range": [-2, 2.5], "title": {"text": "Magnesium used in the study (mM, log scale)"}},
        yaxis={
            "categoryorder": "array",
            "categoryarray": organisms,
            "range": [-0.5, len(organisms) - 0.5],
            "automargin": True,
        },
    )
    no_dose = [
        as_text(r.organism)
        for r in shown.itertuples()
        if np.isnan(biofilm.concentration_mM(r.mg_low_mM, r.mg_high_mM)[0])
    ]
    count = {kind: int((shown.setting == kind).sum()) for kind in ("in vitro", "animal", "human", "review")}
    reading = (
        f"<strong>{len(shown)} of {len(everything)} studies shown</strong>: {count['in vitro']} in vitro, "
        f"{count['animal']} in animals, {count['human']} in people, {count['review']} reviews. "
        f"Magnesium promotes biofilm in {int((shown.effect == 'promotes').sum())} and inhibits it in "
        f"{int((shown.effect == 'inhibits').sum())}: the direction depends on the organism.",
        ("Not plotted (no magnesium concentration stated): " + ", ".join(no_dose) + ".")
        if no_dose
        else "Every study shown states the magnesium concentration it used.",
    )
    alt = (
        "Evidence map with one marker per study: the magnesium concentration the study used on a logarithmic axis, the "
        "organism on the vertical axis, upward red triangles where magnesium promoted biofilm and downward blue triangles "
        "where it inhibited it; horizontal bars give the range of concentrations. A green band marks magnesium in blood. "
        "The table below lists the same studies."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


def alginate_view(calcium_mM: float, *, shape: biofilm.StiffeningCurve) -> View:
    """Relative stiffness of an alginate matrix against calcium: flat, then a sharp rise (illustrative ``shape``)."""
    grid = np.geomspace(0.01, 100, 81)
    curve = biofilm.relative_stiffness(grid, shape)
    now = float(biofilm.relative_stiffness(calcium_mM, shape)) if calcium_mM > 0 else 1.0
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Relative stiffness (illustrative shape)",
            "x": grid,
            "y": curve,
            "line": {"color": PALETTE["blue"], "width": 3},
            "hovertemplate": "%{x:.2g} mM: %{y:.1f} times<extra></extra>",
        },
        vline(
            shape.critical_calcium_mM,
            0,
            shape.max_fold * 1.05,
            "Critical calcium (illustrative position)",
            PALETTE["vermillion"],
            "dash",
        ),
        marker(max(calcium_mM, 0.01), now, "Chosen calcium", PALETTE["orange"], "%{x:.2g} mM: %{y:.1f} times"),
    ]
    layout = base_layout(
        height=380,
        xaxis={
            "type": "log",
            "range": [-2, 2],
            "title": {"text": "Calcium around the matrix (mM, log scale; position illustrative)"},
        },
        yaxis={"range": [0, shape.max_fold * 1.05], "title": {"text": "Stiffness relative to no calcium"}},
    )
    side = "below" if calcium_mM < shape.critical_calcium_mM else "above"
    reading = (
        f"<strong>{calcium_mM:g} mM calcium</strong> is {side} the illustrative critical level: the matrix is "
        f"{now:.1f} times as stiff as without calcium.",
        "Only the shape, little change and then a sharp rise above a critical calcium level, follows the study; the "
        "numbers on both axes are illustrative.",
    )
    alt = (
        "Line chart of matrix stiffness relative to no calcium against calcium on a logarithmic axis: flat near 1 at low "
        "calcium, rising steeply around a dashed line marking the critical level, then levelling off. A marker shows the "
        "chosen calcium level."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# ------------------------------------------------------------- the interactives


@chart
def evidence_map() -> Interactive:
    """Studies of magnesium and biofilm (static: effect and setting filters; live: organism too)."""
    studies = load_table("biofilm_studies")
    organisms = (ALL, *sorted(studies.organism.unique()))
    return Interactive(
        name="biofilm-evidence-map",
        title="Magnesium and biofilms: what the studies used and found",
        caption=(
            "Filter by effect and look at the organisms: magnesium promotes biofilm in some species and inhibits it in "
            "others. Then compare the markers with the green band, the magnesium level in blood: most results come from "
            "concentrations far from it, above or below. The map shows what was tested, not how good each study was, and it holds no human trial of diet."
        ),
        params=(
            Choice("effect", "Effect of magnesium", (ALL, "promotes", "inhibits"), ALL, static=True),
            Choice("setting", "Setting", (ALL, "in vitro", "other"), ALL, static=True),
            Choice("organism", "Organism", organisms, ALL),
        ),
        view=functools.partial(
            evidence_map_view,
            everything=studies,
            limits=parameters.serum_limits(),
            ionized=parameters.ion_concentrations()[("Mg2+", "extracellular")],
        ),
    )


@chart
def alginate_crosslinking() -> Interactive:
    """Calcium stiffening an alginate matrix (illustrative; static: calcium)."""
    return Interactive(
        name="alginate-crosslinking",
        title="Calcium cross-linking an alginate matrix (illustrative)",
        caption=(
            "Raise calcium past the dashed line and watch the stiffness climb steeply: calcium ions bridge the alginate "
            "chains. The shape follows the study of mucoid Pseudomonas aeruginosa biofilms; the numbers are illustrative, "
            "and the chart says nothing about magnesium in the human body."
        ),
        params=(
            Number(
                "calcium_mM",
                "Calcium",
                0.5,
                0.0,
                100.0,
                unit="mM",
                steps=(0.05, 0.1, 0.2, 0.5, 0.8, 1.0, 1.2, 1.5, 2.0, 5.0, 10.0, 50.0),
                step=0.05,
                decimals=2,
            ),
        ),
        view=functools.partial(alginate_view, shape=parameters.stiffening_curve()),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("biofilm-replete-above-serum")
def _biofilm_replete_above_serum(organism: str) -> dict[str, float]:
    """How far (mM) the higher magnesium level a study compared lies above the top of the serum reference interval."""
    everything = load_table("biofilm_studies")
    rows = everything[everything.organism == organism]
    if rows.empty:
        raise KeyError(f"no study of '{organism}' in the biofilm studies table")
    low_mM, high_mM = float(rows.mg_low_mM.iloc[0]), float(rows.mg_high_mM.iloc[0])
    limits = parameters.serum_limits()
    return {
        "answer": high_mM - limits.reference_high,
        "low_mM": low_mM,
        "high_mM": high_mM,
        "serum_low_mM": limits.reference_low,
        "serum_high_mM": limits.reference_high,
        "times": high_mM / limits.reference_high,
    }


@answer("alginate-rise-share")
def _alginate_rise_share(low_mM: float, high_mM: float) -> dict[str, float]:
    """The share (%) of the illustrative curve's whole rise, from no calcium to the plateau, between two calcium levels."""
    shape = parameters.stiffening_curve()
    without, low, high = (float(biofilm.relative_stiffness(c, shape)) for c in (0.0, low_mM, high_mM))
    rise, step = shape.max_fold - without, high - low
    return {
        "answer": 100 * step / rise,
        "without": without,
        "stiffness_low": low,
        "stiffness_high": high,
        "plateau": shape.max_fold,
        "rise": rise,
        "step": step,
    }
