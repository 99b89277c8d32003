"""Chapter 4's interactive: the NMDA receptor's Mg2+ block."""

from __future__ import annotations

from ..figures import nmda as figures
from ..interactive import Interactive, Number


def mg_block():
    """Unblocked share and current against voltage (static: extracellular Mg2+ from 0 to 3 mM)."""
    return Interactive(
        name="nmda-mg-block",
        title="The NMDA receptor's magnesium block",
        caption=(
            "Lower extracellular magnesium from 1 to 0.1 mM and read the share unblocked at -70 mV: it rises about "
            "sevenfold, and the current at rest grows with it. Raise it to 2 mM and the curve shifts the other way. The "
            "model is the steady-state block only: it leaves out the receptor's gating by glutamate and glycine, its "
            "kinetics, other receptor types, and everything else that sets a neuron's excitability."
        ),
        params=(
            Number(
                "mg_mM",
                "Extracellular Mg2+",
                1.0,
                0.0,
                10.0,
                unit="mM",
                steps=tuple(round(0.1 * i, 1) for i in range(31)),
                step=0.05,
                decimals=1,
            ),
            Number("holding_mV", "Holding voltage", -70.0, -100.0, 40.0, unit="mV", step=1, decimals=0),
            Number("reversal_mV", "Reversal potential", 0.0, -30.0, 30.0, unit="mV", step=1, decimals=0),
        ),
        view=figures.block_view,
    ).show()
