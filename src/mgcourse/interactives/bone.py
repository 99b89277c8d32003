"""Chapter 6's interactives: body distribution of magnesium and calcium; a day's calcium and magnesium."""

from __future__ import annotations

from ..data import load_table
from ..figures import bone as figures
from ..interactive import Choice, Interactive, Number


def body_distribution():
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
        view=figures.distribution_view,
    ).show()


def calcium_magnesium_ratio():
    """Calcium and magnesium in an example day's food (static: day; live: add servings of any food)."""
    days = tuple(dict.fromkeys(load_table("example_days").day))
    extras = tuple(
        Number(param, f"Extra servings of {food}", 0, 0, 10, step=0.5, decimals=1)
        for param, food in figures.food_params().items()
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
        view=figures.ratio_view,
    ).show()
