"""Chapter 8's charts: a day's magnesium balance as a waterfall; whole-grain against white flour."""

from __future__ import annotations

import functools

from .. import parameters
from ..chartkit import Choice, InputError, Interactive, Number, View, chart
from ..data import load_table
from ..exercises import answer
from ..models import absorption, balance, foods
from ..models.foods import param_name
from .style import INK, PALETTE, as_text, base_layout, vline


def _reference(intakes: dict, life_stage: str, sex: str) -> tuple[float | None, float]:
    try:
        return intakes[(life_stage, sex)]
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
    *,
    model: balance.BalanceParameters,
    marks: dict[str, str],
    intakes: dict[tuple[str, str], tuple[float | None, float]],
    magnesium_mg_per_serving: dict[str, float],
    **servings: float,
) -> View:
    """Waterfall from intake to net absorbed, with the RDA and EAR for the chosen life stage and sex (from
    ``intakes``, by life stage and sex). ``marks`` gives the mark of a step whose size the literature does
    not give, by its factor's name."""
    by_param = {foods.param_name(f): f for f in magnesium_mg_per_serving}
    eaten = {by_param[k]: n for k, n in servings.items() if n > 0}
    built = bool(eaten)
    intake = foods.magnesium_from_servings(eaten, magnesium_mg_per_serving) if built else intake_mg_per_day
    factors = balance.Factors(
        caffeine_doses,
        refined_flour_g,
        alcohol_extra_mg,
        diuretic_extra_mg,
        ppi_extra_mg,
        stress_extra_mg,
        gut_absorption_lost_percent,
    )
    steps = balance.daily_balance(intake, factors, model)
    labels = [f"{name} ({marks[name]})" if name in marks else name for name in steps]
    measures = ["absolute", *["relative"] * (len(steps) - 2), "total"]
    ear, rda = _reference(intakes, life_stage, sex)
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
    # The numbers several factors add up to are named, so that the static page adds them up itself.
    numbers = {
        "refined": -steps["refined food"],
        "absorbed": steps["intake"] + steps["refined food"] + steps["not absorbed"],
        "not_absorbed": -steps["not absorbed"],
        "losses": sum(-steps[name] for name in balance.FACTOR_STEPS if name != "refined food"),
        "left": steps["net absorbed"],
    }
    reading = (
        f"<strong>Intake {intake:.0f} mg/day</strong> (from {source}) {against} the RDA of {rda:g} mg for "
        f"{as_text(life_stage)}, {as_text(sex)} (a target for intake, not for what is absorbed).",
        "White flour eaten in place of whole-grain brings {refined:.0f} mg less (the refined food bar). Of what "
        "is eaten, {absorbed:.0f} mg is absorbed and {not_absorbed:.0f} mg is not (the share absorbed falls as "
        "intake rises). The extra losses you set take {losses:.0f} mg. What is left, the last bar, is "
        "<strong>{left:.0f} mg</strong>; below zero, the losses are larger than what was absorbed.",
    )
    alt = (
        "Waterfall chart of one day's magnesium, one step a row from the top: a green bar for intake, red bars stepping back "
        "for magnesium lost to refined grain, not absorbed, and each factor, and a green bar for the net absorbed. A dashed "
        "line marks the RDA and a dotted line the EAR for the chosen life stage and sex."
    )
    return View.with_numbers(figure={"data": data, "layout": layout}, reading=reading, alt=alt, numbers=numbers)


def flour_view(flour_g_per_day: float, *, values: dict[str, float]) -> View:
    """Magnesium from a day's flour, whole-grain against white (``values``: mg per 100 g of each flour)."""
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


# ------------------------------------------------------------- the interactives


# The factors that take a daily amount off what is absorbed, each adding its own step to the waterfall.
EXTRA_LOSSES = ("caffeine_doses", "alcohol_extra_mg", "diuretic_extra_mg", "ppi_extra_mg", "stress_extra_mg")


def _loss(name: str, label: str) -> Number:
    """An extra loss in mg a day that the learner sets (the literature gives no daily figure)."""
    return Number(name, label, 0, 0, 300, unit="mg/day", steps=tuple(range(0, 301, 25)), step=5, decimals=0)


@chart
def balance_waterfall() -> Interactive:
    """A day's magnesium balance (static: intake and every depletion factor; live: also the life stage,
    sex and a food builder)."""
    intakes = load_table("magnesium_intakes")
    stages = tuple(dict.fromkeys(s for s, k in zip(intakes.life_stage, intakes.reference_kind) if k == "RDA"))
    per_serving = parameters.magnesium_mg_per_serving()
    builder = tuple(
        Number(
            param_name(food),
            f"Servings of {food}",
            0,
            0,
            10,
            step=0.5,
            decimals=1,
            group="a food builder (servings of chapter 6's foods)",
        )
        for food in per_serving
    )
    model = parameters.balance_parameters()
    return Interactive(
        name="depletion-waterfall",
        title="A day's magnesium balance and the depletion factors",
        caption=(
            "A one-day sum of daily amounts, not a prediction: what the literature has not measured you set, "
            "marked as an assumption (alcohol's often-quoted effect is unconfirmed)."
        ),
        params=(
            Number(
                "intake_mg_per_day",
                "Dietary intake",
                300,
                0,
                1500,
                unit="mg/day",
                steps=tuple(range(150, 451, 50)),
                step=10,
                decimals=0,
            ),
            Number(
                "caffeine_doses",
                "Caffeine (1 = the study's two doses)",
                0,
                0,
                10,
                steps=tuple(range(0, 11)),
                step=1,
                decimals=0,
            ),
            Number(
                "refined_flour_g",
                "Flour eaten white, not whole-grain",
                0,
                0,
                1000,
                unit="g/day",
                steps=tuple(range(0, 1001, 100)),
                step=10,
                decimals=0,
            ),
            Choice("life_stage", "Life stage", stages, "31-50 years"),
            Choice("sex", "Sex", ("female", "male"), "female"),
            _loss("alcohol_extra_mg", "Alcohol: extra loss (unconfirmed size)"),
            _loss("diuretic_extra_mg", "Diuretics: extra loss (assumption)"),
            _loss("ppi_extra_mg", "Proton-pump inhibitors: extra loss (assumption)"),
            _loss("stress_extra_mg", "Chronic stress: extra loss (assumption)"),
            Number(
                "gut_absorption_lost_percent",
                "Gut dysfunction: absorption lost (assumption)",
                0,
                0,
                90,
                unit="%",
                steps=tuple(range(0, 91, 15)),
                step=5,
                decimals=0,
            ),
            *builder,
        ),
        view=functools.partial(
            balance_view,
            model=model,
            marks=parameters.depletion_marks(),
            intakes=parameters.reference_intake_table(),
            magnesium_mg_per_serving=per_serving,
        ),
        # Each extra loss takes its own amount off (the intake, flour and gut dysfunction change what
        # is absorbed together): their steps add up on the static page instead of multiplying.
        additive=EXTRA_LOSSES,
    )


@chart
def flour_comparison() -> Interactive:
    """Whole-grain against white flour (static: grams of flour a day)."""
    return Interactive(
        name="flour-comparison",
        title="Magnesium in whole-grain and white wheat flour",
        caption=(
            "Slide the amount of flour: the gap grows with every gram, since white flour keeps only about a sixth of the "
            "magnesium, and enrichment does not put magnesium back. The chart counts magnesium in the "
            "flour only, not how much of it is absorbed."
        ),
        params=(
            Number(
                "flour_g_per_day",
                "Flour a day",
                150,
                0,
                1000,
                unit="g",
                steps=tuple(range(50, 301, 50)),
                step=10,
                decimals=0,
            ),
        ),
        view=functools.partial(flour_view, values=parameters.flour_mg_per_100g()),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("flour-loss-share-of-rda")
def _flour_loss_share_of_rda(flour_g: float, life_stage: str, sex: str) -> dict[str, float]:
    """The magnesium lost when ``flour_g`` of flour a day is eaten white instead of whole-grain, as a share (%) of the RDA."""
    model = parameters.balance_parameters()
    lost_mg = balance.refined_flour_loss_mg(flour_g, model)
    rda_mg = parameters.reference_intakes(life_stage, sex)[1]
    whole_mg, white_mg = (flour_g / 100 * v for v in (model.whole_flour_mg_per_100g, model.white_flour_mg_per_100g))
    return {
        "answer": 100 * lost_mg / rda_mg,
        "lost_mg": lost_mg,
        "rda_mg": rda_mg,
        "whole_mg": whole_mg,
        "white_mg": white_mg,
        "whole_per_100g": model.whole_flour_mg_per_100g,
        "white_per_100g": model.white_flour_mg_per_100g,
    }


@answer("flour-absorbed-loss")
def _flour_absorbed_loss(intake_mg_per_day: float, flour_g: float) -> dict[str, float]:
    """How much less magnesium (mg/day) is absorbed when ``flour_g`` of the day's flour is eaten white, not whole-grain."""
    model = parameters.balance_parameters()
    plain = balance.daily_balance(intake_mg_per_day, balance.Factors(), model)
    refined = balance.daily_balance(intake_mg_per_day, balance.Factors(refined_flour_g=flour_g), model)
    lost_mg = -refined["refined food"]
    eaten_mg = intake_mg_per_day - lost_mg
    difference = plain["net absorbed"] - refined["net absorbed"]
    return {
        "answer": difference,
        "lost_mg": lost_mg,
        "eaten_mg": eaten_mg,
        "share_plain": 100 * float(absorption.share_absorbed(intake_mg_per_day, model.absorption)),
        "share_refined": 100 * float(absorption.share_absorbed(eaten_mg, model.absorption)),
        "absorbed_plain": plain["net absorbed"],
        "absorbed_refined": refined["net absorbed"],
        "share_of_lost": 100 * difference / lost_mg,
    }
