"""Chapter 5's interactives: the enzyme map and the vitamin D path."""

from __future__ import annotations

from ..figures import cofactor as figures
from ..interactive import Choice, Interactive
from ..models import enzymes


def enzyme_map():
    """Treemap of magnesium-dependent enzymes (static: pathway filter; live: role filter too)."""
    pathways = (enzymes.ALL, *enzymes.pathways())
    roles = (enzymes.ALL, *enzymes.roles())
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
        view=figures.enzyme_map_view,
    ).show()


def vitamin_d_path():
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
        view=figures.vitamin_d_view,
    ).show()
