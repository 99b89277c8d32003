"""Chapter 10's charts: the balance board (the course's models driven together); the evidence summary."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .. import levels, parameters
from ..chartkit import Choice, InputError, Interactive, Number, View, chart
from ..data import load_table
from ..exercises import answer
from ..models import absorption, ions, mgatp, nmda
from .style import INK, PALETTE, as_text, base_layout

LEVELS = tuple(levels.LEVELS)
LEVEL_COLOURS = {
    "established": PALETTE["green"],
    "supported": PALETTE["blue"],
    "emerging": PALETTE["orange"],
    "contested": PALETTE["vermillion"],
    "not supported": PALETTE["purple"],
}


@dataclass(frozen=True)
class BoardModels:
    """What the board's models take: typical free (cytosolic) and ionized (extracellular) Mg2+ in mM, the first
    listed MgATP Kd (mM), the NMDA block's constants, the absorption curve, the intake at 100% (the RDA for
    women aged 31-50, mg/day) and the illustrative competitive site."""

    free_mg_mM: float
    ionized_mg_mM: float
    mgatp_kd_mM: float
    block: nmda.MgBlock
    absorption: absorption.AbsorptionCurve
    intake_mg_per_day: float
    site: ions.CompetitiveSite


def board_models() -> BoardModels:
    """The board's inputs, read from the course's data."""
    cited = parameters.ion_concentrations()
    return BoardModels(
        free_mg_mM=cited[("Mg2+", "cytosol")].middle_mM,
        ionized_mg_mM=cited[("Mg2+", "extracellular")].middle_mM,
        mgatp_kd_mM=next(iter(parameters.mgatp_dissociation_constants().values())),
        block=parameters.nmda_block(),
        absorption=parameters.absorption_curve(),
        intake_mg_per_day=parameters.reference_intakes("31-50 years", "female")[1],
        site=parameters.competitive_site(),
    )


def board_values(level_percent: float, models: BoardModels) -> dict[str, float]:
    """Each chapter model's output at a magnesium level given as a percent of typical (all scaled together)."""
    scale = level_percent / 100
    free_mg = scale * models.free_mg_mM
    ionized_mg = scale * models.ionized_mg_mM
    site = models.site
    return {
        "ATP bound as MgATP (ch. 1)": float(mgatp.fraction_as_mgatp(free_mg, models.mgatp_kd_mM)),
        "NMDA channels unblocked at rest (ch. 4)": float(
            nmda.unblocked_fraction(nmda.REST_MV, ionized_mg, models.block)
        ),
        "Dietary magnesium absorbed (ch. 8)": float(
            absorption.share_absorbed(scale * models.intake_mg_per_day, models.absorption)
        ),
        "Ca2+ for half a competitive site, µM (ch. 2)": ions.calcium_for_half_sites(
            free_mg, site.kd_ca_mM, site.kd_mg_mM
        )
        * 1000,
    }


def board_view(level_percent: float, *, models: BoardModels) -> View:
    """Shares (left) and the calcium needed at a competitive site (right), now and at the typical level."""
    now, typical = board_values(level_percent, models), board_values(100, models)
    names = list(now)
    shares, calcium = names[:3], names[3]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "name": "At the chosen level",
            "y": shares,
            "x": [now[n] for n in shares],
            "marker": {"color": PALETTE["blue"]},
            "texttemplate": "%{x:.0%}",
            "textposition": "outside",
            "hovertemplate": "%{y}: %{x:.1%}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "At the typical level (100%)",
            "y": shares,
            "x": [typical[n] for n in shares],
            "marker": {"symbol": "line-ns-open", "size": 26, "color": INK, "line": {"width": 3}},
            "hovertemplate": "%{y} at 100%: %{x:.1%}<extra></extra>",
        },
        {
            "type": "bar",
            "orientation": "h",
            "name": "Calcium needed (µM)",
            "y": [calcium],
            "x": [now[calcium]],
            "xaxis": "x2",
            "yaxis": "y2",
            "marker": {"color": PALETTE["orange"]},
            "texttemplate": "%{x:.2f} µM",
            "textposition": "outside",
            "showlegend": False,
            "hovertemplate": "%{x:.2f} µM<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "Typical level",
            "y": [calcium],
            "x": [typical[calcium]],
            "xaxis": "x2",
            "yaxis": "y2",
            "marker": {"symbol": "line-ns-open", "size": 26, "color": INK, "line": {"width": 3}},
            "showlegend": False,
            "hovertemplate": "at 100%: %{x:.2f} µM<extra></extra>",
        },
    ]
    layout = base_layout(
        height=420,
        margin={"l": 20, "r": 30, "t": 20, "b": 50},
        xaxis={"domain": [0, 1], "anchor": "y", "range": [0, 1.15], "tickformat": ".0%"},
        yaxis={"domain": [0.4, 1], "automargin": True},
        xaxis2={"domain": [0, 1], "anchor": "y2", "range": [0, 3.5], "title": {"text": "µM"}},
        yaxis2={"domain": [0, 0.22], "automargin": True},
    )
    reading = (
        f"<strong>At {level_percent:g}% of the typical level:</strong> "
        + "; ".join(f"{as_text(n.split(' (')[0])} {now[n]:.0%}" for n in shares)
        + f"; calcium needs {now[calcium]:.2f} µM to fill half of a competitive site (typical: {typical[calcium]:.2f} µM).",
        "Everything is scaled together here, which real bodies do not do: serum is defended first (chapter 9), and the "
        "competitive site is illustrative.",
    )
    alt = (
        "Horizontal bars for three shares at the chosen magnesium level, each with a tick at the typical level: ATP "
        "bound as MgATP, NMDA receptors unblocked at -70 mV, and dietary magnesium absorbed. A separate bar below gives the "
        "calcium needed to fill half of a competitive binding site."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


def summary_view(level: str) -> View:
    """Claims examined per chapter, stacked by evidence level (or one level only)."""
    if level != "all" and level not in LEVELS:
        raise InputError(f"Level: '{level}' is not one of all, {', '.join(LEVELS)}.")
    claims = load_table("claims")
    chapters = sorted(claims.chapter.unique())
    labels = [str(c) for c in chapters]
    data = []
    for name in LEVELS:
        counts = [int(((claims.chapter == c) & (claims.level == name)).sum()) for c in chapters]
        shown = level in ("all", name)
        data.append(
            {
                "type": "bar",
                "name": name,
                "x": labels,
                "y": counts if shown else [0] * len(counts),
                "marker": {"color": LEVEL_COLOURS[name]},
                "hovertemplate": f"Chapter %{{x}}: %{{y}} {name}<extra></extra>",
            }
        )
    layout = base_layout(
        height=380,
        barmode="stack",
        xaxis={"type": "category", "title": {"text": "Chapter"}},
        yaxis={"title": {"text": "Claims examined"}, "dtick": 1},
    )
    totals = {name: int((claims.level == name).sum()) for name in LEVELS}
    reading = (
        f"<strong>{len(claims)} claims</strong> examined across {len(chapters)} chapters: "
        + ", ".join(f"{totals[n]} {n}" for n in LEVELS)
        + ".",
    )
    alt = (
        f"Stacked bar chart with one bar per chapter counting the article's claims the chapter examined, coloured by "
        f"evidence level ({', '.join(LEVELS)}); the filter shows {level} levels."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# ------------------------------------------------------------- the interactives


@chart
def balance_board() -> Interactive:
    """One magnesium level drives the models of chapters 1, 2, 4 and 8 (static: the level)."""
    return Interactive(
        name="balance-board",
        title="One magnesium level, four of the course's models",
        caption=(
            "Drop the level to 50% and read each bar against its tick: ATP stays mostly bound, NMDA receptors at rest "
            "unblock about twice as often, the gut absorbs a larger share, and calcium wins a competitive site more easily. "
            "Illustrative: every compartment is scaled together, which the body does not do."
        ),
        params=(
            Number(
                "level_percent",
                "Magnesium level",
                100,
                10,
                200,
                unit="% of typical",
                steps=tuple(range(40, 121, 10)),
                step=5,
                decimals=0,
            ),
        ),
        view=functools.partial(board_view, models=board_models()),
    )


@chart
def evidence_summary() -> Interactive:
    """Every claim the course examined, by chapter and evidence level (static: level filter)."""
    return Interactive(
        name="evidence-summary",
        title="The article's claims and what the evidence says, chapter by chapter",
        caption=(
            "Filter by level to see where the article holds up (established) and where it goes further than the evidence "
            "(emerging, contested, not supported). The counts come from the same claims table as every chapter's "
            "evidence boxes."
        ),
        params=(Choice("level", "Evidence level", ("all", *LEVELS), "all", static=True),),
        view=summary_view,
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("mgatp-at-measured-shortfall")
def _mgatp_at_measured_shortfall(patients_uM: float, healthy_uM: float) -> dict[str, float]:
    """How many percentage points the board's MgATP share falls when the level drops as far as measured free
    magnesium did in patients (``patients_uM`` against ``healthy_uM``)."""
    models = board_models()
    level = patients_uM / healthy_uM
    free_mM = level * models.free_mg_mM
    typical, lower = (float(mgatp.fraction_as_mgatp(m, models.mgatp_kd_mM)) for m in (models.free_mg_mM, free_mM))
    return {
        "answer": 100 * (typical - lower),
        "level_percent": 100 * level,
        "shortfall_percent": 100 * (1 - level),
        "typical_mM": models.free_mg_mM,
        "free_mM": free_mM,
        "kd_mM": models.mgatp_kd_mM,
        "times_kd": free_mM / models.mgatp_kd_mM,
        "typical_percent": 100 * typical,
        "lower_percent": 100 * lower,
    }


@answer("absorbed-at-lower-level")
def _absorbed_at_lower_level(level_percent: float) -> dict[str, float]:
    """How much less magnesium (mg/day) the board's absorption curve takes up at ``level_percent`` of the intake."""
    models = board_models()
    typical_mg = models.intake_mg_per_day
    intake_mg = level_percent / 100 * typical_mg
    share_typical, share = (float(absorption.share_absorbed(i, models.absorption)) for i in (typical_mg, intake_mg))
    absorbed_typical, absorbed = typical_mg * share_typical, intake_mg * share
    return {
        "answer": absorbed_typical - absorbed,
        "typical_mg": typical_mg,
        "intake_mg": intake_mg,
        "share_typical_percent": 100 * share_typical,
        "share_percent": 100 * share,
        "absorbed_typical": absorbed_typical,
        "absorbed": absorbed,
        "intake_drop_percent": 100 - level_percent,
        "absorbed_drop_percent": 100 * (1 - absorbed / absorbed_typical),
        "in_proportion": (1 - level_percent / 100) * absorbed_typical,
    }
