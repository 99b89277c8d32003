"""Chapter 3's interactives: the conceptual feedback loop and the adrenaline data."""

from __future__ import annotations

from ..figures import stress as figures
from ..interactive import Choice, Interactive, Number
from ..units import UNITS


def feedback_loop():
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
        view=figures.loop_view,
    ).show()


def adrenaline_data():
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
        view=figures.adrenaline_view,
    ).show()
