"""Chapter 9's charts: a serum and an RBC value against reference limits; stores vs serum over time."""

from __future__ import annotations

import dataclasses
import functools
import re

from .. import parameters
from ..chartkit import Choice, InputError, Interactive, Number, Slot, Units, View, chart
from ..exercises import answer
from ..models import labs, stores
from ..units import UNITS, MagnesiumUnits
from .style import INK, PALETTE, as_text, band, base_layout, hline, marker, vline

# What the number lines draw, in mmol/L (serum) and mg/dL (RBC): the usual span, and the values the
# chart takes, refused outside with a message that asks the learner to check the number and its unit.
# A value near an edge of the usual span widens the axis to all the chart takes.
SERUM_AXIS_MMOL_PER_L = (0.2, 2.5)
SERUM_DRAWN_MMOL_PER_L = (0.3, 1.3)
RBC_AXIS_MG_PER_DL = (1.0, 12.0)
RBC_DRAWN_MG_PER_DL = (2.0, 9.0)
MARGIN = 0.05  # room on the axis beside a value, as a share of it


def _drawn(value: float, usual: tuple[float, float], takes: tuple[float, float]) -> tuple[float, float]:
    """The axis for a value: the usual span, each end widened to what the chart takes when the value
    comes within the margin of it."""
    low = usual[0] if value * (1 - MARGIN) >= usual[0] else takes[0] * (1 - MARGIN)
    high = usual[1] if value * (1 + MARGIN) <= usual[1] else takes[1] * (1 + MARGIN)
    return low, high


def _in_units(name: str, value_mmol_per_l: float, units: MagnesiumUnits, first: str) -> tuple[str, dict[str, float]]:
    """'0.85 mmol/L = 2.07 mg/dL = 1.70 mEq/L' as a template with a field for each number, and the numbers
    (the static page computes them from the value typed)."""
    values = units.in_all_units(value_mmol_per_l, first)
    keys = {u: f"{name}_{re.sub(r'[^a-z]', '_', u.lower())}" for u in values}
    template = " = ".join(f"{{{keys[u]}:.2f}} {u}" for u in values)
    return template, {keys[u]: value for u, value in values.items()}


def typed_units(unit_param: str, takes_mmol_per_l: tuple[float, float], units: MagnesiumUnits) -> Units:
    """A concentration typed in any of the units, refused outside what a laboratory reports."""
    return Units(
        unit_param,
        per_unit={u: units.per_mmol_per_l(u) for u in UNITS},
        low=takes_mmol_per_l[0],
        high=takes_mmol_per_l[1],
        beyond="what a laboratory reports for this test",
    )


# The two conventions for hypomagnesemia, in words (data/serum_thresholds.csv holds the values).
LINE_WORDS = {
    "hypomagnesemia_iom": "the lower limit of the IOM's normal range",
    "hypomagnesemia_studies": "the line many studies use",
}
NOT_A_DIAGNOSIS = "This compares numbers with published lines; it is not a diagnosis."


def _line(name: str, limits: labs.SerumLimits) -> str:
    return f"{getattr(limits, name):.2f} mmol/L ({LINE_WORDS[name]})"


def serum_sentence(serum_mmol_per_l: float, limits: labs.SerumLimits) -> str:
    """Where a serum value sits, in words: which hypomagnesemia line it crosses, if any."""
    category = labs.serum_category(serum_mmol_per_l, limits)
    lines = list(limits.hypomagnesemia_lines())
    if category == "hypomagnesemia":
        return "below both hypomagnesemia lines: " + " and ".join(_line(n, limits) for n in lines) + "."
    if category == "hypomagnesemia_one_line":
        crossed = labs.lines_crossed(serum_mmol_per_l, limits)[0]
        other = next(n for n in lines if n != crossed)
        return (
            f"below {_line(crossed, limits)} but above {_line(other, limits)}: "
            "hypomagnesemia by one convention, not by the other."
        )
    if category == "below_range":
        return (
            f"below the classic reference interval ({limits.reference_low:.2f}-{limits.reference_high:.2f} mmol/L), "
            "though above both hypomagnesemia lines."
        )
    if category == "low_normal":
        return (
            f"inside the classic reference interval, but under the {limits.proposed_cutoff:.2f} mmol/L cut-off that some "
            "experts propose as a better lower limit."
        )
    if category == "normal":
        return (
            f"inside the classic reference interval and at or above the proposed {limits.proposed_cutoff:.2f} mmol/L "
            "cut-off."
        )
    return f"above the classic reference interval (upper limit {limits.reference_high:.2f} mmol/L)."


PAIR_SENTENCES = {
    (
        "low",
        "any",
    ): "A serum value this low is itself a finding for a clinician. The body defends its serum level, so a fall this "
    "far often goes with depleted stores, but not always: serum can also fall within hours when magnesium moves out of "
    "the blood without leaving the body, as during an adrenaline infusion (chapter 3). " + NOT_A_DIAGNOSIS,
    (
        "borderline",
        "below",
    ): "Serum is in the classic interval but below the proposed cut-off, and the RBC value is under the laboratory's range: "
    "both point the same way, towards low status, though neither is decisive on its own. " + NOT_A_DIAGNOSIS,
    (
        "borderline",
        "within",
    ): "Serum is in the classic interval but below the proposed cut-off; the RBC value is in range. "
    "By the newer cut-off this serum value may already mark low status; the pair does not settle it. "
    + NOT_A_DIAGNOSIS,
    (
        "borderline",
        "above",
    ): "Serum is in the classic interval but below the proposed cut-off, while the RBC value is above the laboratory's range. "
    "The two markers disagree; neither measures whole-body stores.",
    (
        "normal",
        "below",
    ): "Normal serum beside a low RBC value is the pattern behind the idea that serum can look normal while cell stores run low. "
    "How well RBC magnesium tracks stores in muscle and bone is not settled, and RBC ranges differ between laboratories. "
    + NOT_A_DIAGNOSIS,
    (
        "normal",
        "within",
    ): "Both values sit inside their ranges. That fits adequate status but cannot prove it: serum holds about 0.3% of the body's "
    "magnesium and no single test measures the whole-body store.",
    (
        "normal",
        "above",
    ): "Serum is in range and the RBC value is above the laboratory's range. A high RBC value on its own says little about "
    "whole-body stores.",
    (
        "high",
        "any",
    ): "Serum above the reference interval is outside what this chapter covers: it is a finding for a clinician to interpret.",
}
SERUM_GROUPS = {
    "hypomagnesemia": "low",
    "hypomagnesemia_one_line": "low",
    "below_range": "low",
    "low_normal": "borderline",
    "normal": "normal",
    "above_range": "high",
}


def _pair_sentence(serum_cat: str, rbc_cat: str) -> str:
    group = SERUM_GROUPS[serum_cat]
    return PAIR_SENTENCES.get((group, rbc_cat)) or PAIR_SENTENCES[(group, "any")]


def serum_rbc_view(
    serum_value: float,
    serum_unit: str,
    rbc_value: float,
    rbc_unit: str,
    lab: str,
    *,
    units: MagnesiumUnits,
    limits: labs.SerumLimits,
    ranges: dict[str, labs.RbcRange],
) -> View:
    """Serum and RBC magnesium drawn against the serum limits and one laboratory's RBC range."""
    if lab not in ranges:
        raise InputError(f"Laboratory: '{lab}' is not in the list ({', '.join(ranges)}).")
    for unit, what in ((serum_unit, "Serum unit"), (rbc_unit, "RBC unit")):
        try:
            units.to_mmol_per_l(1.0, unit)
        except ValueError as err:
            raise InputError(f"{what}: {err}.") from None
    if serum_value <= 0 or rbc_value <= 0:
        raise InputError("Concentrations must be above zero.")
    serum_mmol = units.to_mmol_per_l(serum_value, serum_unit)
    rbc_mmol = units.to_mmol_per_l(rbc_value, rbc_unit)
    rbc_mg_dl = units.from_mmol_per_l(rbc_mmol, "mg/dL")

    lab_range = ranges[lab]
    s = lambda mmol: units.from_mmol_per_l(mmol, serum_unit)  # noqa: E731 - serum axis unit
    r = lambda mg_dl: units.from_mmol_per_l(units.to_mmol_per_l(mg_dl, "mg/dL"), rbc_unit)  # noqa: E731 - RBC axis unit
    serum_lo, serum_hi = _drawn(serum_mmol, SERUM_DRAWN_MMOL_PER_L, SERUM_AXIS_MMOL_PER_L)
    rbc_lo, rbc_hi = _drawn(rbc_mg_dl, RBC_DRAWN_MG_PER_DL, RBC_AXIS_MG_PER_DL)
    unconfirmed = "" if lab_range.confidence != "L" else " (unconfirmed)"
    serum_words, serum_numbers = _in_units("serum", serum_mmol, units, "mmol/L")
    rbc_words, rbc_numbers = _in_units("rbc", rbc_mmol, units, "mg/dL")
    numbers = {
        "serum_drawn": units.from_mmol_per_l(serum_mmol, serum_unit),
        "rbc_drawn": units.from_mmol_per_l(rbc_mmol, rbc_unit),
        **serum_numbers,
        **rbc_numbers,
    }

    data = [
        band(
            s(limits.reference_low),
            s(limits.reference_high),
            0,
            1,
            f"Classic serum reference interval {limits.reference_low:.2f}-{limits.reference_high:.2f} mmol/L",
            PALETTE["sky"],
            opacity=0.35,
        ),
        vline(
            s(limits.proposed_cutoff),
            0,
            1,
            f"Proposed cut-off {limits.proposed_cutoff:.2f} mmol/L",
            INK,  # drawn over the shaded interval, where blue lacks contrast in dark mode
            "dash",
        ),
        vline(
            s(limits.hypomagnesemia_iom),
            0,
            1,
            f"Hypomagnesemia below {limits.hypomagnesemia_iom:.2f} mmol/L ({LINE_WORDS['hypomagnesemia_iom']})",
            PALETTE["vermillion"],
            "dashdot",
        ),
        vline(
            s(limits.hypomagnesemia_studies),
            0,
            1,
            f"Hypomagnesemia below {limits.hypomagnesemia_studies:.2f} mmol/L ({LINE_WORDS['hypomagnesemia_studies']})",
            PALETTE["vermillion"],
            "dot",
        ),
        marker(Slot("serum_drawn"), 0.5, "Serum value", PALETTE["orange"], f"Serum %{{x:.2f}} {serum_unit}"),
        band(
            r(lab_range.low_mg_per_dl),
            r(lab_range.high_mg_per_dl),
            0,
            1,
            f"{as_text(lab)} RBC range {lab_range.low_mg_per_dl:g}-{lab_range.high_mg_per_dl:g} mg/dL{unconfirmed}",
            PALETTE["green"],
            xaxis="x2",
            yaxis="y2",
            opacity=0.3,
        ),
        marker(
            Slot("rbc_drawn"),
            0.5,
            "RBC value",
            PALETTE["purple"],
            f"RBC %{{x:.2f}} {rbc_unit}",
            symbol="circle",
            xaxis="x2",
            yaxis="y2",
        ),
    ]
    hidden_y = {"range": [0, 1], "showticklabels": False, "showgrid": False, "zeroline": False, "fixedrange": True}
    layout = base_layout(
        height=400,
        xaxis={
            "domain": [0, 1],
            "anchor": "y",
            "range": [s(serum_lo), s(serum_hi)],
            "title": {"text": f"Serum magnesium ({serum_unit})"},
        },
        yaxis={"domain": [0.68, 1], **hidden_y},
        xaxis2={
            "domain": [0, 1],
            "anchor": "y2",
            "range": [r(rbc_lo), r(rbc_hi)],
            "title": {"text": f"RBC magnesium ({rbc_unit})"},
        },
        yaxis2={"domain": [0, 0.3], **hidden_y},
        margin={"l": 20, "r": 20, "t": 20, "b": 40},
    )
    layout["height"] = 460

    serum_cat = labs.serum_category(serum_mmol, limits)
    rbc_cat = labs.rbc_category(rbc_mg_dl, lab_range)
    where = rbc_cat  # "below", "within" or "above"
    reading = (
        f"<strong>Serum</strong> {serum_words}: " + serum_sentence(serum_mmol, limits),
        f"<strong>RBC</strong> {rbc_words}: {where} the range of {as_text(lab)} "
        f"({lab_range.low_mg_per_dl:g}-{lab_range.high_mg_per_dl:g} mg/dL){unconfirmed}.",
        f"<strong>Together:</strong> {_pair_sentence(serum_cat, rbc_cat)}",
    )
    alt = (
        f"Two number lines. Top: serum magnesium in {serum_unit}, with the classic reference interval "
        f"({limits.reference_low:.2f} to {limits.reference_high:.2f} mmol/L) shaded, a dashed line at the proposed "
        f"{limits.proposed_cutoff:.2f} mmol/L cut-off, two red lines for the two hypomagnesemia conventions "
        f"({limits.hypomagnesemia_iom:.2f} mmol/L, dash-dotted, and {limits.hypomagnesemia_studies:.2f} mmol/L, dotted) "
        f"and a diamond at the serum value. Bottom: RBC magnesium in {rbc_unit}, with the "
        f"reference range of {lab} shaded and a circle at the RBC value. The reading below the chart says where each value falls."
    )
    return View.with_numbers(figure={"data": data, "layout": layout}, reading=reading, alt=alt, numbers=numbers)


def stores_view(
    week: float,
    net_loss_mg_per_day: float,
    serum_start_mmol_per_l: float,
    exchangeable_fraction_of_bone: float,
    *,
    body: stores.BodyStores,
    assumptions: stores.StoresAssumptions,
    limits: labs.SerumLimits,
) -> View:
    """Body magnesium and serum magnesium over a year of low intake (illustrative model)."""
    weeks_drawn = 52
    run = stores.simulate_low_intake(
        weeks_drawn,
        net_loss_mg_per_day,
        serum_start_mmol_per_l,
        dataclasses.replace(body, bone_exchangeable_fraction=exchangeable_fraction_of_bone),
        assumptions,
    )
    body_g = run.total_body_mg / 1000
    weekly = slice(None, None, 7)  # draw one point a week: the curves are smooth and the page stays light
    start_g = body_g[0]
    body_at, serum_at = run.at_week(week)
    body_at_g = body_at / 1000

    data = [
        band(
            0,
            weeks_drawn,
            limits.reference_low,
            limits.reference_high,
            f"Classic serum reference interval {limits.reference_low:.2f}-{limits.reference_high:.2f} mmol/L",
            PALETTE["sky"],
            yaxis="y2",
            opacity=0.3,
        ),
        hline(
            limits.hypomagnesemia_iom,
            0,
            weeks_drawn,
            f"Hypomagnesemia below {limits.hypomagnesemia_iom:.2f} mmol/L ({LINE_WORDS['hypomagnesemia_iom']})",
            PALETTE["vermillion"],
            "dashdot",
            yaxis="y2",
        ),
        hline(
            limits.hypomagnesemia_studies,
            0,
            weeks_drawn,
            f"Hypomagnesemia below {limits.hypomagnesemia_studies:.2f} mmol/L ({LINE_WORDS['hypomagnesemia_studies']})",
            PALETTE["vermillion"],
            "dot",
            yaxis="y2",
        ),
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Body magnesium (g, left axis)",
            "x": run.week[weekly],
            "y": body_g[weekly],
            "line": {"color": INK, "width": 3},
            "hovertemplate": "week %{x:.0f}: %{y:.1f} g<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Serum magnesium (mmol/L, right axis)",
            "x": run.week[weekly],
            "y": run.serum_mmol_per_l[weekly],
            "yaxis": "y2",
            "line": {"color": PALETTE["orange"], "width": 3, "dash": "dash"},
            "hovertemplate": "week %{x:.0f}: %{y:.2f} mmol/L<extra></extra>",
        },
        marker(
            week,
            body_at_g,
            "Body magnesium at the chosen week",
            INK,
            "week %{x:.0f}: %{y:.1f} g",
            symbol="circle",
            size=12,
        ),
        marker(
            week,
            serum_at,
            "Serum at the chosen week",
            PALETTE["orange"],
            "week %{x:.0f}: %{y:.2f} mmol/L",
            size=14,
            yaxis="y2",
        ),
    ]
    layout = base_layout(
        height=480,
        xaxis={"range": [0, weeks_drawn], "title": {"text": "Weeks of low intake"}, "dtick": 4},
        yaxis={"range": [start_g * 0.8, start_g * 1.01], "title": {"text": "Body magnesium (g)"}},
        yaxis2={
            "range": [0.3, 1.0],
            "dtick": 0.1,
            "overlaying": "y",
            "side": "right",
            "title": {"text": "Serum magnesium (mmol/L)"},
            "showgrid": False,
        },
    )
    serum_cat = labs.serum_category(serum_at, limits)
    crossed = labs.lines_crossed(serum_at, limits)
    in_words = {
        "hypomagnesemia": "below both hypomagnesemia lines",
        "hypomagnesemia_one_line": f"below the {getattr(limits, crossed[0]):.2f} mmol/L hypomagnesemia line only"
        if crossed
        else "",
        "below_range": "below the classic interval",
        "low_normal": "still inside the classic interval",
        "normal": "inside the classic interval",
        "above_range": "above the classic interval",
    }[serum_cat]
    leaves = run.serum_mmol_per_l < limits.reference_low
    if leaves.any():
        first = int(leaves.argmax())
        lost = (start_g - body_g[first]) / start_g * 100
        when = (
            f"With a net loss of {net_loss_mg_per_day:g} mg a day, serum stays inside the classic interval for "
            f"{first / 7:.0f} weeks; by then body magnesium is already {lost:.0f}% below where it started."
        )
    else:
        lost = (start_g - body_g[-1]) / start_g * 100
        when = (
            f"With a net loss of {net_loss_mg_per_day:g} mg a day, serum stays inside the classic interval for the whole year, "
            f"while body magnesium falls by {lost:.0f}%."
        )
    reading = (
        f"<strong>Week {week:g}:</strong> body magnesium {body_at_g:.1f} g ({body_at_g / start_g * 100:.0f}% of the start); "
        f"serum {serum_at:.2f} mmol/L, {in_words}.",
        when,
    )
    alt = (
        "Line chart over 52 weeks of low intake. A solid line shows body magnesium in grams on the left axis, falling "
        "from the first week and levelling off later; a dashed orange line shows serum magnesium in mmol/L on the right axis, flat at first and falling late, "
        "against the shaded classic serum reference interval and the two hypomagnesemia lines (dash-dotted and dotted). "
        "Markers show both values "
        "at the chosen week; the reading below gives them in numbers."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# ------------------------------------------------------------- the interactives


def _steps(start: float, stop: float, step: float) -> tuple[float, ...]:
    count = int(round((stop - start) / step)) + 1
    return tuple(round(start + i * step, 6) for i in range(count))


@chart
def serum_vs_rbc() -> Interactive:
    """Serum and RBC magnesium against reference limits (static too: values typed in any unit, a lab menu)."""
    ranges = parameters.rbc_ranges()
    labs = tuple(ranges)
    units = parameters.magnesium_units()
    rbc_takes = tuple(units.to_mmol_per_l(b, "mg/dL") for b in RBC_AXIS_MG_PER_DL)
    return Interactive(
        name="serum-vs-rbc",
        title="Serum and RBC magnesium against their reference limits",
        caption=(
            "Type the serum value 0.90, then 0.80 mmol/L: it stays inside the classic interval but drops below "
            "the proposed cut-off. Type a result as your report gives it, in mg/dL or mEq/L, with its unit "
            "chosen beside it. Then choose another laboratory and watch the same RBC value change its verdict. "
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
                decimals=2,
                units=typed_units("serum_unit", SERUM_AXIS_MMOL_PER_L, units),
            ),
            Choice("serum_unit", "Serum unit", UNITS, "mmol/L", static=True),
            Number(
                "rbc_value",
                "RBC magnesium",
                5.0,
                0.01,
                100.0,
                unit="",
                control="entry",
                decimals=2,
                units=typed_units("rbc_unit", rbc_takes, units),
            ),
            Choice("rbc_unit", "RBC unit", UNITS, "mg/dL", static=True),
            Choice("lab", "Laboratory (RBC range)", labs, labs[0], static=True),
        ),
        view=functools.partial(serum_rbc_view, units=units, limits=parameters.serum_limits(), ranges=ranges),
    )


@chart
def stores_vs_serum() -> Interactive:
    """Body stores fall while serum holds (illustrative two-compartment model)."""
    body = parameters.body_stores()
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
                body.bone_exchangeable_fraction,
                0.1,
                0.6,
                unit="fraction",
                step=0.01,
                decimals=2,
            ),
        ),
        view=functools.partial(
            stores_view,
            body=body,
            assumptions=parameters.stores_assumptions(),
            limits=parameters.serum_limits(),
        ),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("serum-below-proposed-cutoff")
def _serum_below_proposed_cutoff(serum_mg_per_dl: float) -> dict[str, float]:
    """How far (mmol/L) a serum value reported in mg/dL lies below the proposed 0.85 mmol/L lower limit."""
    units, limits = parameters.magnesium_units(), parameters.serum_limits()
    serum = units.to_mmol_per_l(serum_mg_per_dl, "mg/dL")
    if labs.serum_category(serum, limits) != "low_normal":
        raise ValueError(f"{serum_mg_per_dl} mg/dL is not between the classic lower limit and the proposed cut-off")
    cutoff_mg_per_dl = units.from_mmol_per_l(limits.proposed_cutoff, "mg/dL")
    return {
        "answer": limits.proposed_cutoff - serum,
        "serum_mmol": serum,
        "per_mmol": units.per_mmol_per_l("mg/dL"),
        "cutoff": limits.proposed_cutoff,
        "reference_low": limits.reference_low,
        "cutoff_mg_per_dl": cutoff_mg_per_dl,
        "gap_mg_per_dl": cutoff_mg_per_dl - serum_mg_per_dl,
    }


@answer("loading-test-retention")
def _loading_test_retention(dose_mmol: float, urine_mg: float) -> dict[str, float]:
    """The share (%) of an intravenous dose retained: 100% x (1 - excreted / given), the urine's mg turned into mmol."""
    molar_mass = parameters.magnesium_units().molar_mass_g_per_mol
    excreted_mmol = urine_mg / molar_mass
    return {
        "answer": 100 * (1 - excreted_mmol / dose_mmol),
        "molar_mass": molar_mass,
        "excreted_mmol": excreted_mmol,
        "excreted_share": excreted_mmol / dose_mmol,
    }
