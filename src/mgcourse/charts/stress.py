"""Chapter 3's charts: a conceptual feedback loop; serum magnesium before and after adrenaline infusions."""

from __future__ import annotations

import functools
import textwrap

from .. import parameters
from ..exercises import answer
from ..chartkit import Choice, InputError, Interactive, Number, View, chart
from ..data import load_table
from ..models import labs, stress
from ..units import UNITS, MagnesiumUnits
from .labs import LINE_WORDS
from .style import INK, PALETTE, as_text, base_layout, hline

ROUNDS = 20
CAP = 50.0


def loop_view(gain: float, stress_input: float, starting_load: float) -> View:
    """Extra load round by round with the chosen loop gain, against the same input with no loop."""
    with_loop = stress.loop_load(stress_input, gain, ROUNDS, starting_load, CAP)
    without = stress.loop_load(stress_input, 0.0, ROUNDS, starting_load, CAP)
    rounds = list(range(ROUNDS + 1))
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "No loop (gain 0)",
            "x": rounds,
            "y": without,
            "line": {"color": PALETTE["grey"], "dash": "dot", "width": 2},
            "hovertemplate": "round %{x}: %{y:.2f}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "With the chosen loop gain",
            "x": rounds,
            "y": with_loop,
            "line": {"color": PALETTE["vermillion"], "width": 3},
            "hovertemplate": "round %{x}: %{y:.2f}<extra></extra>",
        },
    ]
    layout = base_layout(
        height=380,
        xaxis={"title": {"text": "Round of the loop"}},
        yaxis={"range": [0, CAP * 1.05], "title": {"text": "Extra load (arbitrary units)"}},
    )
    settled = stress.settled_load(stress_input, gain)
    if gain < 1:
        first = (
            f"<strong>Gain {gain:g}:</strong> the load settles at {settled:.2f}, "
            f"{settled / stress_input if stress_input else 1:.1f} times the input of {stress_input:g}."
        )
    else:
        first = f"<strong>Gain {gain:g}:</strong> each round adds more than it loses, so the load keeps growing (the chart stops at {CAP:g})."
    reading = (
        first,
        "Conceptual only: the strength of each link in the body is not known as a number, and real links have brakes.",
    )
    alt = (
        "Line chart of the extra load over 20 rounds: a dotted grey line for the same input with no loop, flat at the input, "
        "and a red line for the chosen loop gain, which levels off higher when the gain is below 1 and climbs to the top of "
        "the chart when it is 1 or more."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


def adrenaline_view(unit: str, *, units: MagnesiumUnits, limits: labs.SerumLimits) -> View:
    """Serum magnesium before and after each adrenaline infusion study, in the chosen unit."""
    if unit not in UNITS:
        raise InputError(f"Unit: '{unit}' is not one of {', '.join(UNITS)}.")
    studies = load_table("adrenaline_studies").dropna(subset=["serum_before_mmol_per_l", "serum_after_mmol_per_l"])
    names = [f"{s} (unconfirmed)" if c == "L" else s for s, c in zip(studies.study, studies.confidence)]
    # Wrapped before escaping, so that a line break never splits an escaped character such as &lt;.
    axis_labels = ["<br>".join(as_text(line) for line in textwrap.wrap(n, 28)) for n in names]
    before = [units.from_mmol_per_l(v, unit) for v in studies.serum_before_mmol_per_l]
    after = [units.from_mmol_per_l(v, unit) for v in studies.serum_after_mmol_per_l]
    data = [
        {
            "type": "bar",
            "name": "Before the infusion",
            "x": axis_labels,
            "y": before,
            "marker": {"color": PALETTE["sky"]},
            "hovertemplate": f"%{{x}}: %{{y:.2f}} {unit} before<extra></extra>",
        },
        {
            "type": "bar",
            "name": "After the infusion",
            "x": axis_labels,
            "y": after,
            "marker": {"color": PALETTE["vermillion"]},
            "hovertemplate": f"%{{x}}: %{{y:.2f}} {unit} after<extra></extra>",
        },
    ]
    for name, dash in zip(limits.hypomagnesemia_lines(), ("dash", "dot")):
        threshold = getattr(limits, name)
        data.append(
            hline(
                units.from_mmol_per_l(threshold, unit),
                axis_labels[0],
                axis_labels[-1],
                f"Hypomagnesemia below {threshold:.2f} mmol/L ({LINE_WORDS[name]})",
                INK,
                dash,
            )
        )
    top = units.from_mmol_per_l(1.0, unit)
    layout = base_layout(
        height=440,
        barmode="group",
        yaxis={"range": [0, top], "title": {"text": f"Serum magnesium ({unit})"}},
        xaxis={"tickangle": 0, "automargin": True},
    )
    drops = "; ".join(f"{as_text(n)}: {b:.2f} to {a:.2f} {unit}" for n, b, a in zip(names, before, after))
    reading = (
        f"<strong>Serum magnesium fell in each study</strong>: {drops}.",
        "A fall in serum is not the same as a loss from the body: see the table for what happened to urine.",
    )
    alt = (
        f"Grouped bars for {len(names)} adrenaline infusion studies, serum magnesium in {unit} before (light blue) and after "
        "(red) the infusion; the after bar is lower in each study. A dashed and a dotted line mark the two "
        "hypomagnesemia lines (the lower limit of the IOM's normal range, and the lower line many studies use)."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# ------------------------------------------------------------- the interactives


@chart
def feedback_loop() -> Interactive:
    """A reinforcing loop's load round by round (static: loop gain and stress load; live: starting load too)."""
    return Interactive(
        name="stress-loop",
        title="How a reinforcing loop behaves (conceptual)",
        caption=(
            "Raise the loop gain from 0.2 to 0.8: the same input now settles several times higher. Push it to 1 or above "
            "and the load never settles. This is a concept, not a model of the body: nobody has measured the loop's gain, "
            "and real links have brakes such as the kidney's conservation and antioxidant systems."
        ),
        params=(
            Number(
                "gain", "Loop gain", 0.5, 0.0, 1.5, steps=(0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0, 1.1, 1.2), step=0.05
            ),
            Number("stress_input", "Stress load (input)", 1.0, 0.0, 10.0, steps=(0.5, 1.0, 2.0), step=0.1),
            Number("starting_load", "Extra load at the start (low magnesium status)", 0.0, 0.0, 20.0, step=0.5),
        ),
        view=loop_view,
    )


@chart
def adrenaline_data() -> Interactive:
    """Serum magnesium before and after adrenaline infusions (static: unit)."""
    return Interactive(
        name="adrenaline-data",
        title="Serum magnesium before and after adrenaline infusions",
        caption=(
            "Switch the unit to read the same results as a lab report would show them. The studies infused adrenaline "
            "into healthy volunteers for a few hours; they show a short-term fall in serum magnesium, not what chronic "
            "stress does over months."
        ),
        params=(Choice("unit", "Unit", UNITS, "mmol/L", static=True),),
        view=functools.partial(adrenaline_view, units=parameters.magnesium_units(), limits=parameters.serum_limits()),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("loop-settled-load")
def _loop_settled_load(stress_input: float, gain: float) -> dict[str, float]:
    return {"answer": stress.settled_load(stress_input, gain), "one_minus_gain": 1 - gain}


@answer("adrenaline-serum-fall")
def _adrenaline_serum_fall(study: str, unit: str) -> dict[str, float]:
    studies = load_table("adrenaline_studies").set_index("study")
    before, after, hours = studies.loc[study, ["serum_before_mmol_per_l", "serum_after_mmol_per_l", "duration_h"]]
    units = parameters.magnesium_units()
    return {
        "hours": hours,
        "answer": units.from_mmol_per_l(before - after, unit),
        "before_mmol": before,
        "after_mmol": after,
        "fall_mmol": before - after,
        "per_mmol": units.per_mmol_per_l(unit),
    }
