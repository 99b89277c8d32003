"""Chapter 5's charts: a treemap of magnesium-dependent enzymes; the vitamin D activation path."""

from __future__ import annotations

import functools
import textwrap

import pandas as pd

from ..exercises import answer
from ..chartkit import Choice, InputError, Interactive, View, chart
from ..data import load_table
from ..models import enzymes
from ..models import enzymes as model
from .style import INK, PALETTE, PAPER, as_text, base_layout

PATHWAY_COLOURS = [PALETTE[c] for c in ("blue", "orange", "green", "purple", "vermillion", "sky", "yellow")]


def _label(row) -> str:
    return f"{row.enzyme} (unconfirmed)" if row.confidence == "L" else row.enzyme


def _tile_text(label: str) -> str:
    """An enzyme's name over several short lines, so that it fits its tile at a readable size."""
    return "<br>".join(as_text(line) for line in textwrap.wrap(label, 14, break_long_words=False))


def enzyme_map_view(pathway: str, role: str, *, everything: pd.DataFrame) -> View:
    """Treemap: pathway > role of magnesium > enzyme, one tile per enzyme in the table (``everything``)."""
    all_pathways = model.pathways(everything)
    if pathway != model.ALL and pathway not in all_pathways:
        raise InputError(f"Pathway: '{pathway}' is not in the table.")
    table = model.enzymes(everything, pathway, role)
    root = "Magnesium-dependent enzymes in this table"
    tiles = {"ids": [], "labels": [], "texts": [], "parents": [], "values": [], "colours": [], "hover": []}

    def tile(tile_id, label, parent, value, colour, hover, text=None):
        # ids are escaped too, so that they still match the parents.
        shown = (
            as_text(tile_id),
            as_text(label),
            text or as_text(label),
            as_text(parent),
            value,
            colour,
            as_text(hover),
        )
        for key, item in zip(tiles, shown):
            tiles[key].append(item)

    tile(root, root, "", len(table), PAPER, "")
    for path_name, group in table.groupby("pathway", sort=True):
        colour = PATHWAY_COLOURS[all_pathways.index(path_name) % len(PATHWAY_COLOURS)]
        tile(path_name, path_name, root, len(group), colour, f"{len(group)} enzymes")
        for role_name, members in group.groupby("role", sort=True):
            role_id = f"{path_name} / {role_name}"
            tile(role_id, role_name, path_name, len(members), colour, f"{len(members)} enzymes")
            for row in members.itertuples():
                hover = f"EC {row.ec_number}: {row.note}"
                tile(f"{role_id} / {row.enzyme}", _label(row), role_id, 1, colour, hover, _tile_text(_label(row)))
    data = [
        {
            "type": "treemap",
            "ids": tiles["ids"],
            "labels": tiles["labels"],
            "text": tiles["texts"],
            "parents": tiles["parents"],
            "values": tiles["values"],
            "branchvalues": "total",
            "marker": {"colors": tiles["colours"], "line": {"width": 1, "color": PAPER}},
            "customdata": tiles["hover"],
            "hovertemplate": "<b>%{label}</b><br>%{customdata}<extra></extra>",
            "textinfo": "text",
            "maxdepth": 4,
            "name": "Enzymes",
        }
    ]
    # A label too small to read is hidden rather than shrunk: hovering names the tile, and the table
    # below the chart lists every enzyme.
    layout = base_layout(
        height=520,
        margin={"l": 5, "r": 5, "t": 10, "b": 10},
        showlegend=False,
        uniformtext={"minsize": 10, "mode": "hide"},
    )
    counts = model.count_by_role(table)
    described = "; ".join(f"{n} {as_text(r)}" for r, n in counts.items()) or "none"
    scope = "all pathways" if pathway == model.ALL else as_text(pathway)
    role_scope = "" if role == model.ALL else f", role: {as_text(role)}"
    reading = (
        f"<strong>{len(table)} enzymes</strong> shown ({scope}{role_scope}). By the role of magnesium: {described}.",
        f"The table holds {len(everything)} examples; tile sizes count enzymes in this table, not their share in the body.",
    )
    names = model.roles(everything)
    roles_in_words = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)
    alt = (
        f"Treemap of {len(table)} magnesium-dependent enzymes from the course's table, grouped first by pathway and then by "
        f"the role of magnesium ({roles_in_words}); each small tile is one enzyme, labelled "
        "with its name, and its EC number and function appear on hover. The table below lists the same enzymes."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# The pathway's shape, read from the top down so that it fits a phone's width: metabolites (x, y),
# each labelled on its right, and the step between two of them that each enzyme performs.
NODES = {
    "d3": (0.0, 3.0, "<b>Vitamin D3</b> (skin or food)"),
    "calcidiol": (0.0, 2.0, "<b>25(OH)D</b> (calcidiol, in blood)"),
    "calcitriol": (0.0, 1.0, "<b>1,25(OH)2D</b> (calcitriol, active)"),
    "inactive": (0.0, 0.0, "<b>24-hydroxylated forms</b> (inactive)"),
}
STEP_LABEL_X = 0.12  # step labels sit right of the line, between the two metabolites
EDGES = {  # enzyme name found in the data's `enzyme` column -> (from, to)
    "CYP2R1": ("d3", "calcidiol"),
    "CYP27B1": ("calcidiol", "calcitriol"),
    "CYP24A1": ("calcitriol", "inactive"),
}


def vitamin_d_view(magnesium: str, *, steps: pd.DataFrame) -> View:
    """The activation path with magnesium-dependent steps (``steps``, in order) marked; 'low' dims those steps."""
    if magnesium not in ("sufficient", "low"):
        raise InputError(f"Magnesium: '{magnesium}' is not 'sufficient' or 'low'.")
    low = magnesium == "low"
    data, annotations = [], []
    for token, (start, end) in EDGES.items():
        row = next((r for r in steps.itertuples() if token in r.enzyme), None)
        if row is None:
            raise ValueError(f"data/vitamin_d_steps.csv has no step for {token}")
        (x0, y0, _), (x1, y1, _) = NODES[start], NODES[end]
        dependent = bool(row.magnesium_dependent)
        faded = low and dependent
        colour = PALETTE["vermillion"] if dependent else PALETTE["grey"]
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": [x0, x1],
                "y": [y0, y1],
                "name": as_text(f"{row.step} ({row.enzyme})"),
                "line": {"color": colour, "width": 2 if faded else 5, "dash": "dot" if faded else "solid"},
                "opacity": 0.45 if faded else 1.0,
                "hovertemplate": f"{as_text(row.step)}: {as_text(row.enzyme)}, {as_text(row.organ)}<extra></extra>",
            }
        )
        mark = "<br>(Mg-dependent)" if dependent else ""
        annotations.append(
            {
                "x": STEP_LABEL_X,
                "y": (y0 + y1) / 2,
                "xanchor": "left",
                "align": "left",
                "text": f"<i>{as_text(row.enzyme)}<br>{as_text(row.organ)}{mark}</i>",
                "showarrow": False,
                "font": {"size": 12, "color": INK},  # the line's colour is too faint for text on a light page
            }
        )
    data.append(
        {
            "type": "scatter",
            "mode": "markers+text",
            "name": "Forms of vitamin D",
            "x": [n[0] for n in NODES.values()],
            "y": [n[1] for n in NODES.values()],
            "text": [n[2] for n in NODES.values()],
            "textposition": "middle right",
            "marker": {"size": 26, "color": PALETTE["sky"], "line": {"width": 2, "color": PALETTE["blue"]}},
            "hoverinfo": "skip",
        }
    )
    layout = base_layout(
        height=440,
        showlegend=False,
        annotations=annotations,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"range": [-0.08, 1], "visible": False, "fixedrange": True},
        yaxis={"range": [-0.4, 3.4], "visible": False, "fixedrange": True},
    )
    dependent_rows = [r for r in steps.itertuples() if r.magnesium_dependent]
    names = ", ".join(f"{as_text(r.step)} ({as_text(r.enzyme)})" for r in dependent_rows)
    if low:
        first = (
            "<strong>Magnesium low:</strong> the steps the sources call magnesium-dependent are dimmed: "
            + names
            + ". The sources describe this as a requirement of these steps, not as a measured slow-down with a size."
        )
    else:
        first = (
            "<strong>Magnesium sufficient:</strong> every step can run. Magnesium-dependent steps (red): " + names + "."
        )
    reading = (
        first,
        "The chart shows which steps need magnesium, not how fast they run: it has no rates and makes no prediction.",
    )
    alt = (
        "Diagram of vitamin D activation, read from the top down: vitamin D3 is converted in the liver to 25(OH)D, then in "
        "the kidney to the active 1,25(OH)2D, and 24-hydroxylation leads to inactive forms. Steps the sources call "
        "magnesium-dependent are drawn in red; with the magnesium-low setting they are dimmed and dotted. The reading lists "
        "them."
    )
    return View(figure={"data": data, "layout": layout}, reading=reading, alt=alt)


# ------------------------------------------------------------- the interactives


@chart
def enzyme_map() -> Interactive:
    """Treemap of magnesium-dependent enzymes (static: pathway filter; live: role filter too)."""
    table = load_table("enzymes")
    pathways = (enzymes.ALL, *enzymes.pathways(table))
    roles = (enzymes.ALL, *enzymes.roles(table))
    return Interactive(
        name="enzyme-map",
        title="Magnesium-dependent enzymes by pathway and by the role of magnesium",
        caption=(
            "Pick one pathway, for example vitamin D, to see which of its enzymes need magnesium and how; hover over a tile "
            "for the enzyme's EC number and job. The map is a selection of examples, not a census: the literature counts "
            "hundreds of magnesium-dependent enzymes, and tile sizes count rows of this table only."
        ),
        params=(
            Choice("pathway", "Pathway", pathways, enzymes.ALL, static=True),
            Choice("role", "Role of magnesium", roles, enzymes.ALL),
        ),
        view=functools.partial(enzyme_map_view, everything=table),
    )


@chart
def vitamin_d_path() -> Interactive:
    """The vitamin D activation path with its magnesium-dependent steps (static: sufficient / low)."""
    return Interactive(
        name="vitamin-d-path",
        title="Vitamin D activation and the steps that need magnesium",
        caption=(
            "Switch magnesium from sufficient to low and see which steps are affected. The diagram is qualitative: it marks "
            "the steps the sources call magnesium-dependent and gives no rates, so it cannot say how much vitamin D "
            "activation changes at a given magnesium level."
        ),
        params=(Choice("magnesium", "Magnesium", ("sufficient", "low"), "sufficient", static=True),),
        view=functools.partial(vitamin_d_view, steps=model.vitamin_d_steps(load_table("vitamin_d_steps"))),
    )


# ------------------------------------------------------------- the exercises' answers (mgcourse.exercises)


@answer("enzymes-with-role-in-pathway")
def _enzymes_with_role_in_pathway(pathway: str, role: str) -> dict[str, float]:
    table = load_table("enzymes")
    return {"answer": len(model.enzymes(table, pathway, role)), "in_pathway": len(model.enzymes(table, pathway))}


@answer("enzymes-share-with-role")
def _enzymes_share_with_role(role: str) -> dict[str, float]:
    table = load_table("enzymes")
    with_role = model.count_by_role(table)[role]
    return {"answer": 100 * with_role / len(table), "with_role": with_role, "listed": len(table)}
