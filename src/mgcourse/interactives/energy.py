"""Chapter 1's interactive: MgATP speciation and an ATP-using enzyme."""

from __future__ import annotations

from ..figures import energy as figures
from ..interactive import Choice, Interactive, Number
from ..models.mgatp import dissociation_constants

FREE_MG_STEPS_MM = (0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0)


def mgatp_speciation():
    """Share of ATP as MgATP and an enzyme's rate against free Mg2+ (static: log slider and Kd menu)."""
    kds = tuple(dissociation_constants())
    return Interactive(
        name="mgatp-speciation",
        title="How much ATP is MgATP, and how fast an ATP-using enzyme runs",
        caption=(
            "Drag free Mg2+ below 0.3 mM and watch the bound share fall; inside the shaded band most ATP is already "
            "MgATP. With this page's illustrative Km the enzyme barely slows, because MgATP stays far above its Km: "
            "live, raise Km and the rate follows the bound share. Switch the dissociation constant to see how much the "
            "answer depends on the conditions it was measured under. The model leaves out H+ and K+ competing for ATP, "
            "ADP binding magnesium, and the detailed kinetics of real enzymes."
        ),
        params=(
            Number(
                "free_mg_mM", "Free Mg2+", 0.5, 0.001, 20.0, unit="mM", steps=FREE_MG_STEPS_MM, step=0.01, decimals=2
            ),
            Choice("kd_choice", "MgATP dissociation constant", kds, kds[0], static=True),
            Number("total_atp_mM", "Total ATP (illustrative)", 5.0, 1.0, 10.0, unit="mM", step=0.5, decimals=1),
            Number("km_mM", "Enzyme Km for MgATP (illustrative)", 0.1, 0.01, 5.0, unit="mM", step=0.01, decimals=2),
        ),
        view=figures.mgatp_view,
    ).show()
