"""Chapter 9's interactives: one call each from the notebook."""

from __future__ import annotations

from ..figures import labs as figures
from ..interactive import Choice, Interactive, Number
from ..models.labs import rbc_ranges
from ..units import UNITS


def _steps(start: float, stop: float, step: float) -> tuple[float, ...]:
    count = int(round((stop - start) / step)) + 1
    return tuple(round(start + i * step, 6) for i in range(count))


def serum_vs_rbc():
    """Serum and RBC magnesium against reference limits (static: sliders and a lab menu)."""
    labs = tuple(rbc_ranges())
    return Interactive(
        name="serum-vs-rbc",
        title="Serum and RBC magnesium against their reference limits",
        caption=(
            "Move the serum value from 0.90 down to 0.80 mmol/L: it stays inside the classic interval but drops below "
            "the proposed cut-off. Then choose another laboratory and watch the same RBC value change its verdict. "
            "The chart compares numbers with published limits only; it leaves out symptoms, diet, medicines and "
            "everything else a clinician weighs, and it is not a diagnosis."
        ),
        params=(
            Number(
                "serum_value",
                "Serum magnesium",
                0.85,
                0.01,
                100.0,
                unit="",
                control="entry",
                steps=_steps(0.40, 1.20, 0.05),
                decimals=2,
                static_unit="mmol/L",
            ),
            Choice("serum_unit", "Serum unit", UNITS, "mmol/L"),
            Number(
                "rbc_value",
                "RBC magnesium",
                5.0,
                0.01,
                100.0,
                unit="",
                control="entry",
                steps=_steps(3.0, 8.0, 0.25),
                decimals=2,
                static_unit="mg/dL",
            ),
            Choice("rbc_unit", "RBC unit", UNITS, "mg/dL"),
            Choice("lab", "Laboratory (RBC range)", labs, labs[0], static=True),
        ),
        view=figures.serum_rbc_view,
        live_note="In the static page the serum slider is in mmol/L and the RBC slider in mg/dL.",
    ).show()


def stores_vs_serum():
    """Body stores fall while serum holds (illustrative two-compartment model)."""
    return Interactive(
        name="stores-vs-serum",
        title="Body stores fall while serum holds (illustrative model)",
        caption=(
            "Slide the week marker and compare the two lines: body magnesium falls from the first week, while serum "
            "hardly moves until the exchangeable stores are largely used. Raise the daily net loss and the late fall "
            "comes sooner. This is an illustration of why serum lags, not a prediction: the loss rate and the shape of "
            "the buffering curve are assumptions, and real bodies also adjust absorption and kidney handling."
        ),
        params=(
            Number("week", "Week", 12, 0, 52, unit="weeks", steps=_steps(0, 52, 4), step=1, decimals=0),
            Number(
                "net_loss_mg_per_day",
                "Net loss",
                30,
                1,
                150,
                unit="mg/day",
                steps=(10, 20, 30, 40, 60),
                step=1,
                decimals=0,
            ),
            Number("serum_start_mmol_per_l", "Serum at the start", 0.85, 0.76, 0.95, unit="mmol/L", step=0.01),
            Number(
                "exchangeable_fraction_of_bone",
                "Exchangeable share of bone magnesium",
                0.333,
                0.1,
                0.6,
                unit="fraction",
                step=0.01,
                decimals=2,
            ),
        ),
        view=figures.stores_view,
    ).show()
