"""Chapter 10's interactives: the balance board and the evidence summary."""

from __future__ import annotations

from ..figures import closing as figures
from ..interactive import Choice, Interactive, Number


def balance_board():
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
        view=figures.board_view,
    ).show()


def evidence_summary():
    """Every claim the course examined, by chapter and evidence level (static: level filter)."""
    return Interactive(
        name="evidence-summary",
        title="The article's claims and what the evidence says, chapter by chapter",
        caption=(
            "Filter by level to see where the article holds up (established) and where it goes further than the evidence "
            "(emerging, contested, not supported). The counts come from the same claims table as every chapter's "
            "evidence boxes."
        ),
        params=(Choice("level", "Evidence level", ("all", *figures.LEVELS), "all", static=True),),
        view=figures.summary_view,
    ).show()
