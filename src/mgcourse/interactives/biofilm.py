"""Chapter 7's interactives: the evidence map and calcium cross-linking of alginate."""

from __future__ import annotations

from ..data import load_table
from ..figures import biofilm as figures
from ..interactive import Choice, Interactive, Number
from ..models.biofilm import ALL


def evidence_map():
    """Studies of magnesium and biofilm (static: effect and setting filters; live: organism too)."""
    organisms = (ALL, *sorted(load_table("biofilm_studies").organism.unique()))
    return Interactive(
        name="biofilm-evidence-map",
        title="Magnesium and biofilms: what the studies used and found",
        caption=(
            "Filter by effect and look at the organisms: magnesium promotes biofilm in some species and inhibits it in "
            "others. Then compare the markers with the green band, the magnesium level in blood: most results come from "
            "concentrations far from it, above or below. The map shows what was tested, not how good each study was, and it holds no human trial of diet."
        ),
        params=(
            Choice("effect", "Effect of magnesium", (ALL, "promotes", "inhibits"), ALL, static=True),
            Choice("setting", "Setting", (ALL, "in vitro", "other"), ALL, static=True),
            Choice("organism", "Organism", organisms, ALL),
        ),
        view=figures.evidence_map_view,
    ).show()


def alginate_crosslinking():
    """Calcium stiffening an alginate matrix (illustrative; static: calcium)."""
    return Interactive(
        name="alginate-crosslinking",
        title="Calcium cross-linking an alginate matrix (illustrative)",
        caption=(
            "Raise calcium past the dashed line and watch the stiffness climb steeply: calcium ions bridge the alginate "
            "chains. The shape follows the study of mucoid Pseudomonas aeruginosa biofilms; the numbers are illustrative, "
            "and the chart says nothing about magnesium in the human body."
        ),
        params=(
            Number(
                "calcium_mM",
                "Calcium",
                0.5,
                0.0,
                100.0,
                unit="mM",
                steps=(0.05, 0.1, 0.2, 0.5, 0.8, 1.0, 1.2, 1.5, 2.0, 5.0, 10.0, 50.0),
                step=0.05,
                decimals=2,
            ),
        ),
        view=figures.alginate_view,
    ).show()
