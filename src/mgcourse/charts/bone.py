"""Chapter 6's charts: where magnesium and calcium are in the body; calcium and magnesium in a day's food."""

from __future__ import annotations

import functools

import pandas as pd

from .. import parameters
from ..exercises import answer
from ..chartkit import Choice, InputError, Interactive, Number, View, chart
from ..data import load_table
from ..models import bone
from ..models.foods import param_name
from .style import PALETTE, as_text, base_layout

SITE_COLOURS = [PALETTE[c] for c in ("blue", "orange", "green", "purple", "vermillion", "sky", "yellow", "grey")]


def distribution_view(body_mass_kg: float, *, body: bone.BodyMagnesium, mg: pd.DataFrame, ca: pd.DataFrame) -> View:
    """Top: each mineral's share by site (``mg`` and ``ca``, one source each). Below: grams of magnesium by site
    for a body mass."""
    sites = list(dict.fromkeys([*mg.site, *ca.site]))
    grams = bone.magnesium_by_site_mg(body_mass_kg, body, mg)
    data = []
    for i, site in enumerate(sites):
        share = {m: float(t.loc[t.site == site, "percent"].sum()) for m, t in (("Magnesium", mg), ("Calcium", ca))}
        shown = as_text(site)
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": shown,
                "y": ["Magnesium", "Calcium"],
                "x": [share["Magnesium"], share["Calcium"]],
                "marker": {"color": SITE_COLOURS[i % len(SITE_COLOURS)]},
                "hovertemplate": f"{shown}: %{{x:.1f}}%<extra>%{{y}}</extra>",
                "legendgroup": shown,
            }
        )
    data.append(
        {
            "type": "bar",
            "orientation": "h",
            "name": "Magnesium (g)",
            "xaxis": "x2",
            "yaxis": "y2",
            "showlegend": False,
            "y": [as_text(site) for site in grams],
            "x": [v / 1000 for v in grams.values()],
            "marker": {"color": [SITE_COLOURS[sites.index(s) % len(SITE_COLOURS)] for s in grams]},
            "text": [f"{v / 1000:.2f} g" if v >= 100 else f"{v:.0f} mg" for v in grams.values()],
            "textposition": "outside",
            "hovertemplate": "%{y}: %{x:.2f} g<extra></extra>",
        }
    )
    # The two panels are stacked, not side by side, so that each keeps the page's width on a phone.
    layout = base_layout(
        height=520,
        barmode="stack",
        margin={"l": 20, "r": 40, "t": 30, "b": 50},
        xaxis={"range": [0, 101], "title": {"text": "Share of the body's total (%)"}},
        yaxis={"anchor": "x", "domain": [0.7, 1]},
        xaxis2={"anchor": "y2", "range": [0, 30], "title": {"text": "Magnesium (g)"}},
        yaxis2={"anchor": "x2", "domain": [0, 0.48], "autorange": "reversed"},
    )
    total = bone.total_body_magnesium_mg(body_mass_kg, body)
    bone_site = max(grams, key=grams.get)
    reading = (
        f"<strong>At {body_mass_kg:g} kg</strong> the body would hold about {total / 1000:.1f} g of magnesium, "
        f"{grams[bone_site] / 1000:.1f} g of it in {as_text(bone_site.lower())}.",
        f"Magnesium in {as_text(bone_site.lower())}: {float(mg.loc[mg.site == bone_site, 'percent'].sum()):g}% of the total; "
        f"calcium: {float(ca.percent.max()):g}% in its largest site. Scaling by body mass is a simplification: magnesium "
        "follows lean mass and bone more than total weight.",
    )
    alt = (
        "Top: two stacked horizontal bars, one for magnesium and one for calcium, each split into the body sites of one "
        "source, adding up to about 100%; calcium is almost all in bone, magnesium is spread over bone, muscle and other "
        "tissue. Below them: a bar for each site giving grams of magnesium for the chosen body mass."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


def rda_comparison() -> str:
    """The adult RDAs of magnesium and calcium, in a sentence for the ratio chart's reading."""
    magnesium = {sex: parameters.reference_intakes("31-50 years", sex)[1] for sex in ("male", "female")}
    calcium = {sex: parameters.calcium_rda_mg_per_day("19-50 years", sex) for sex in ("male", "female")}
    return (
        f"For comparison, the adult RDA for magnesium is {magnesium['male']:g} mg a day for men and "
        f"{magnesium['female']:g} mg for women aged 31-50 (IOM 1997); for calcium it is "
        f"{calcium['male']:g} mg for men and {calcium['female']:g} mg for women aged 19-50 (IOM 2011). "
    )


def ratio_view(day: str, *, days: pd.DataFrame, foods: pd.DataFrame, rdas: str, **extra_servings: float) -> View:
    """Magnesium and calcium of each food in a day (an example day of ``days`` plus any servings added live),
    from the ``foods`` table; ``rdas`` is the reading's sentence on the RDAs (:func:`rda_comparison`)."""
    try:
        servings = bone.example_day(days, day)
    except KeyError as err:
        raise InputError(f"Day: {err.args[0]}.") from None
    by_param = food_params(foods)
    for key, n in extra_servings.items():
        servings[by_param[key]] = servings.get(by_param[key], 0) + n
    eaten = bone.day_minerals(servings, foods).sort_values("magnesium_mg")
    if eaten.empty:
        raise InputError("The day has no food: add at least one serving.")
    names = [as_text(f"{f} (unconfirmed)" if c == "L" else f) for f, c in zip(eaten.food, eaten.confidence)]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "Magnesium (mg)",
            "y": names,
            "x": eaten.magnesium_mg.tolist(),
            "marker": {"color": PALETTE["blue"]},
            "hovertemplate": "%{y}: %{x:.0f} mg magnesium<extra></extra>",
        },
        {
            "type": "bar",
            "orientation": "h",
            "name": "Calcium (mg)",
            "y": names,
            "x": eaten.calcium_mg.tolist(),
            "marker": {"color": PALETTE["orange"]},
            "hovertemplate": "%{y}: %{x:.0f} mg calcium<extra></extra>",
        },
    ]
    # As tall as the longest example day, so that switching days never moves the text below the chart.
    rows = max(len(eaten), int(days.groupby("day").food.nunique().max()))
    layout = base_layout(
        height=max(360, 100 + 34 * rows),
        barmode="group",
        margin={"l": 20, "r": 30, "t": 20, "b": 50},
        xaxis={"title": {"text": "mg in the servings eaten"}, "rangemode": "tozero"},
        yaxis={"automargin": True},
    )
    mg_total, ca_total = float(eaten.magnesium_mg.sum()), float(eaten.calcium_mg.sum())
    ratio = bone.calcium_to_magnesium_ratio(ca_total, mg_total)
    reading = (
        f"<strong>{as_text(day)}</strong>: magnesium {mg_total:.0f} mg, calcium {ca_total:.0f} mg; "
        f"calcium to magnesium {ratio:.1f} to 1 by mass.",
        rdas
        + "A day's ratio says nothing on its own about bone: the course does not know of an established target ratio.",
    )
    alt = (
        f"Grouped horizontal bars for the {len(eaten)} foods of the chosen day, each with its milligrams of magnesium (blue) "
        "and of calcium (orange). The reading gives the day's totals and their ratio."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


def food_params(foods: pd.DataFrame) -> dict[str, str]:
    """Live parameter name -> food name, for every food (of the ``foods`` table) with both values."""
    return {param_name(f): f for f in bone.foods_with_both_minerals(foods).food}


# ------------------------------------------------------------- the interactives


@chart
def body_distribution() -> Interactive:
    """Where magnesium and calcium are (static: body mass)."""
    return Interactive(
        name="body-distribution",
        title="Where the body keeps its magnesium and its calcium",
        caption=(
            "Compare the two bars: calcium is almost all in bone, while magnesium is split between bone, muscle and other "
            "soft tissue. Move the body mass to see the grams of magnesium in each place; the scaling is a simple "
            "proportion to body mass, which real bodies do not follow exactly."
        ),
        params=(
            Number(
                "body_mass_kg", "Body mass", 70, 30, 200, unit="kg", steps=tuple(range(40, 121, 10)), step=1, decimals=0
            ),
        ),
        view=functools.partial(
            distribution_view,
            body=parameters.body_magnesium(),
            mg=parameters.body_distribution("magnesium"),
            ca=parameters.body_distribution("calcium"),
        ),
    )


@chart
def calcium_magnesium_ratio() -> Interactive:
    """Calcium and magnesium in an example day's food (static: day; live: add servings of any food)."""
    example_days, foods = load_table("example_days"), load_table("foods")
    days = tuple(dict.fromkeys(example_days.day))
    extras = tuple(
        Number(param, f"Extra servings of {food}", 0, 0, 10, step=0.5, decimals=1)
        for param, food in food_params(foods).items()
    )
    return Interactive(
        name="ca-mg-ratio",
        title="Calcium and magnesium in a day's food",
        caption=(
            "Switch between the example days and compare the blue and orange bars: dairy brings calcium with little "
            "magnesium, while seeds, nuts, beans and whole grains bring magnesium. Live, add servings of any food in the "
            "table. Values are per serving from the NIH Office of Dietary Supplements tables; the chart leaves out "
            "absorption, which differs between foods and between the two minerals."
        ),
        params=(Choice("day", "Example day", days, days[0], static=True), *extras),
        view=functools.partial(ratio_view, days=example_days, foods=foods, rdas=rda_comparison()),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("magnesium-in-bone")
def _magnesium_in_bone(body_mass_kg: float, site: str) -> dict[str, float]:
    body = parameters.body_magnesium()
    sites = bone.magnesium_by_site_mg(body_mass_kg, body, parameters.body_distribution("magnesium"))
    total_mg = bone.total_body_magnesium_mg(body_mass_kg, body)
    return {
        "answer": sites[site] / 1000,
        "total_g": total_mg / 1000,
        "reference_total_g": body.total_mg / 1000,
        "reference_mass_kg": body.reference_body_mass_kg,
        "percent": 100 * sites[site] / total_mg,
    }


@answer("example-day-ratio")
def _example_day_ratio(day: str) -> dict[str, float]:
    minerals = bone.day_minerals(bone.example_day(load_table("example_days"), day), load_table("foods"))
    calcium_mg, magnesium_mg = minerals.calcium_mg.sum(), minerals.magnesium_mg.sum()
    return {
        "answer": bone.calcium_to_magnesium_ratio(calcium_mg, magnesium_mg),
        "calcium_mg": calcium_mg,
        "magnesium_mg": magnesium_mg,
    }
