"""Chapter 8's charts: a day's magnesium balance as a waterfall; whole-grain against white flour."""

from __future__ import annotations

from ..data import load_table
from ..interactive import InputError, View
from ..models import balance, foods
from .style import INK, PALETTE, as_text, base_layout, vline

ASSUMED = {
    "alcohol": "unconfirmed",
    "diuretics": "assumption",
    "proton-pump inhibitors": "assumption",
    "chronic stress": "assumption",
}


def _reference(life_stage: str, sex: str) -> tuple[float | None, float]:
    try:
        return balance.reference_intakes(life_stage, sex)
    except KeyError:
        raise InputError(f"No reference intake for {life_stage}, {sex}: choose another life stage or sex.") from None


def balance_view(
    intake_mg_per_day: float,
    caffeine_doses: float,
    refined_flour_g: float,
    life_stage: str,
    sex: str,
    alcohol_extra_mg: float,
    diuretic_extra_mg: float,
    ppi_extra_mg: float,
    stress_extra_mg: float,
    gut_absorption_lost_percent: float,
    **servings: float,
) -> View:
    """Waterfall from intake to net absorbed, with the RDA and EAR for the chosen life stage and sex."""
    by_param = {foods.param_name(f): f for f in load_table("foods").food}
    eaten = {by_param[k]: n for k, n in servings.items() if n > 0}
    built = bool(eaten)
    intake = foods.magnesium_from_servings(eaten) if built else intake_mg_per_day
    factors = balance.Factors(
        caffeine_doses,
        refined_flour_g,
        alcohol_extra_mg,
        diuretic_extra_mg,
        ppi_extra_mg,
        stress_extra_mg,
        gut_absorption_lost_percent,
    )
    steps = balance.daily_balance(intake, factors)
    labels = [f"{name} ({ASSUMED[name]})" if name in ASSUMED else name for name in steps]
    measures = ["absolute", *["relative"] * (len(steps) - 2), "total"]
    ear, rda = _reference(life_stage, sex)
    data = [
        {
            "type": "waterfall",
            "name": "Daily magnesium (mg)",
            "orientation": "h",  # one step a row, read from the top: long labels fit a phone's width
            "y": labels,
            "x": list(steps.values()),
            "measure": measures,
            "increasing": {"marker": {"color": PALETTE["blue"]}},
            "decreasing": {"marker": {"color": PALETTE["vermillion"]}},
            "totals": {"marker": {"color": PALETTE["green"]}},
            "connector": {"line": {"color": "#999"}},
            "texttemplate": "%{x:.0f}",
            "textposition": "outside",
            "hovertemplate": "%{y}: %{x:.0f} mg<extra></extra>",
        }
    ]
    data.append(vline(rda, labels[0], labels[-1], f"RDA {rda:g} mg/day (for intake)", INK, "dash"))
    data.append(
        vline(
            ear if ear is not None else float("nan"),
            labels[0],
            labels[-1],
            f"EAR {ear:g} mg/day (for intake)" if ear is not None else "EAR: none set for this age",
            PALETTE["purple"],
            "dot",
        )
    )
    layout = base_layout(
        height=560,
        margin={"l": 20, "r": 20, "t": 30, "b": 50},
        xaxis={"title": {"text": "Magnesium (mg/day)"}, "range": [0, max(600, intake * 1.15)]},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    source = "the food builder" if built else "the intake slider"
    against = "meets" if intake >= rda else "is below"
    reading = (
        f"<strong>Intake {intake:.0f} mg/day</strong> (from {source}) {against} the RDA of {rda:g} mg for "
        f"{as_text(life_stage)}, {as_text(sex)}; the RDA and EAR are targets for intake, not for what is absorbed.",
        (
            f"Of it, {steps['net absorbed']:.0f} mg is absorbed and left after the extra losses you set "
            if steps["net absorbed"] >= 0
            else f"The extra losses you set exceed what is absorbed by {-steps['net absorbed']:.0f} mg "
        )
        + f"({abs(steps['not absorbed']):.0f} mg is not absorbed: the share absorbed falls as intake rises).",
        "Factors marked 'assumption' have no daily figure in the literature: their size is what you set. "
        "Alcohol's often-quoted effect is unconfirmed.",
    )
    alt = (
        "Waterfall chart of one day's magnesium, one step a row from the top: a green bar for intake, red bars stepping back "
        "for magnesium lost to refined grain, not absorbed, and each factor, and a green bar for the net absorbed. A dashed "
        "line marks the RDA and a dotted line the EAR for the chosen life stage and sex."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


def flour_view(flour_g_per_day: float) -> View:
    """Magnesium from a day's flour, whole-grain against white."""
    values = balance.flour_mg_per_100g()
    names = list(values)
    amounts = [flour_g_per_day / 100 * values[n] for n in names]
    data = [
        {
            "type": "bar",
            "name": "Magnesium from the flour (mg)",
            "x": [as_text(n) for n in names],
            "y": amounts,
            "marker": {"color": [PALETTE["green"], PALETTE["orange"]][: len(names)]},
            "text": [f"{a:.0f} mg" for a in amounts],
            "textposition": "outside",
            "hovertemplate": "%{x}: %{y:.0f} mg<extra></extra>",
        }
    ]
    layout = base_layout(height=360, showlegend=False, yaxis={"range": [0, 450], "title": {"text": "Magnesium (mg)"}})
    whole, white = max(amounts), min(amounts)
    share_lost = 1 - min(values.values()) / max(values.values())  # per 100 g, so defined for 0 g of flour too
    reading = (
        f"<strong>{flour_g_per_day:g} g of flour</strong>: {whole:.0f} mg of magnesium as whole-grain, {white:.0f} mg as "
        f"white: {whole - white:.0f} mg ({share_lost:.0%}) lost in milling.",
    )
    alt = (
        "Two bars: magnesium in the chosen amount of whole-grain wheat flour, and in the same amount of unenriched white "
        "flour, about a sixth as much."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)
