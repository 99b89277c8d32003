"""Chapter 2's interactives: ion gradients and Ca2+/Mg2+ competition at a site."""

from __future__ import annotations

from ..figures import calcium as figures
from ..interactive import Interactive, Number
from ..models import ions


def ion_gradients():
    """Free Ca2+ and Mg2+ inside and outside the cell (static: signal Ca2+ and extracellular Mg2+)."""
    return Interactive(
        name="ion-gradients",
        title="Calcium and magnesium inside and outside the cell",
        caption=(
            "Raise cytosolic calcium from 0.1 to 1 µM, a tenfold signal: the calcium bar inside jumps on the log scale, "
            "yet stays more than a thousand times below the outside level. Then move extracellular magnesium: inside and "
            "outside stay within a factor of about two. Bars show free (ionized) ions only; total amounts, which include "
            "bound ions, are much larger, and the chart leaves out where calcium comes from during a signal."
        ),
        params=(
            Number(
                "cytosolic_ca_uM",
                "Cytosolic Ca2+ during a signal",
                1.0,
                0.01,
                100.0,
                unit="µM",
                steps=(0.05, 0.1, 0.2, 0.5, 1.0, 2.0),
                step=0.05,
                decimals=2,
            ),
            Number(
                "extracellular_mg_mM",
                "Extracellular Mg2+",
                0.5,
                0.05,
                5.0,
                unit="mM",
                steps=(0.3, 0.4, 0.5, 0.6, 0.8, 1.0),
                step=0.05,
                decimals=2,
            ),
            Number("cytosolic_mg_mM", "Cytosolic free Mg2+", 0.75, 0.05, 5.0, unit="mM", step=0.05, decimals=2),
        ),
        view=figures.gradients_view,
    ).show()


def competition_at_a_site():
    """Ca2+ and Mg2+ competing for one binding site (illustrative constants; static: Mg2+)."""
    return Interactive(
        name="ca-mg-competition",
        title="Magnesium competing with calcium for a binding site (illustrative)",
        caption=(
            "Raise magnesium from 0.25 to 2 mM and watch the blue curve slide right: calcium then needs a higher level to "
            "fill the same share of sites. That is the sense in which magnesium can act against calcium at a site. The "
            "constants are illustrative; real proteins differ widely, and many calcium sensors bind magnesium weakly."
        ),
        params=(
            Number(
                "mg_mM", "Free Mg2+", 1.0, 0.0, 10.0, unit="mM", steps=(0.0, 0.25, 0.5, 1.0, 2.0), step=0.05, decimals=2
            ),
            Number(
                "kd_ca_uM",
                "Site's Ca2+ dissociation constant (illustrative)",
                ions.ILLUSTRATIVE_KD_CA_MM * 1000,
                0.01,
                100.0,
                unit="µM",
                step=0.1,
            ),
            Number(
                "kd_mg_mM",
                "Site's Mg2+ dissociation constant (illustrative)",
                ions.ILLUSTRATIVE_KD_MG_MM,
                0.01,
                100.0,
                unit="mM",
                step=0.1,
            ),
            Number("signal_ca_uM", "Cytosolic Ca2+ during a signal", 1.0, 0.01, 100.0, unit="µM", step=0.1),
        ),
        view=figures.competition_view,
    ).show()
