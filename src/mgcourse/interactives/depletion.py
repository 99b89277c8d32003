"""Chapter 8's interactives: the depletion-factor waterfall and the flour comparison."""

from __future__ import annotations

from ..data import constant, load_table
from ..figures import depletion as figures
from ..interactive import Choice, Interactive, Number
from ..models.foods import param_name


def balance_waterfall():
    """A day's magnesium balance (static: intake, caffeine, refined flour; live: every factor and a food builder)."""
    intakes = load_table("magnesium_intakes")
    stages = tuple(dict.fromkeys(s for s, k in zip(intakes.life_stage, intakes.reference_kind) if k == "RDA"))
    builder = tuple(
        Number(param_name(food), f"Servings of {food}", 0, 0, 10, step=0.5, decimals=1)
        for food in load_table("foods").food
    )
    return Interactive(
        name="depletion-waterfall",
        title="A day's magnesium balance and the depletion factors",
        caption=(
            "Start at 300 mg a day and set caffeine to 1, the study's two doses together: the loss is "
            f"{constant('caffeine_urinary_mg_per_study_dose'):g} mg. Now eat 200 g of flour as "
            "white instead of whole-grain: over 200 mg never reaches the plate. Lower the intake and watch the share "
            "absorbed rise. The chart adds up daily amounts only; it leaves out the kidney's adjustments, the body's "
            "stores (chapter 9) and everything the literature has not measured, which live you set as assumptions."
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
                steps=(0, 1, 2),
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
                steps=(0, 100, 200),
                step=10,
                decimals=0,
            ),
            Choice("life_stage", "Life stage", stages, "31-50 years"),
            Choice("sex", "Sex", ("female", "male"), "female"),
            Number(
                "alcohol_extra_mg",
                "Alcohol: extra loss (unconfirmed size)",
                0,
                0,
                300,
                unit="mg/day",
                step=5,
                decimals=0,
            ),
            Number(
                "diuretic_extra_mg", "Diuretics: extra loss (assumption)", 0, 0, 300, unit="mg/day", step=5, decimals=0
            ),
            Number(
                "ppi_extra_mg",
                "Proton-pump inhibitors: extra loss (assumption)",
                0,
                0,
                300,
                unit="mg/day",
                step=5,
                decimals=0,
            ),
            Number(
                "stress_extra_mg",
                "Chronic stress: extra loss (assumption)",
                0,
                0,
                300,
                unit="mg/day",
                step=5,
                decimals=0,
            ),
            Number(
                "gut_absorption_lost_percent",
                "Gut dysfunction: absorption lost (assumption)",
                0,
                0,
                90,
                unit="%",
                step=5,
                decimals=0,
            ),
            *builder,
        ),
        view=figures.balance_view,
    ).show()


def flour_comparison():
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
        view=figures.flour_view,
    ).show()
