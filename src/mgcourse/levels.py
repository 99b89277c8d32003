"""The course's evidence levels, defined once.

Every claim in ``data/claims.csv`` (and every factor in ``data/depletion_factors.csv``) carries one of
these levels. The data package allows exactly these names, the evidence boxes and chapter 10's
summary chart use them in this order, and the landing page and the glossary quote the definitions
word for word (the tests check all of this). To change the scale, change it here and there.

A level grades a claim; the confidence mark (H, M, L) grades a number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    name: str
    short: str  # the evidence box's title after the level's name
    definition: str  # as the landing page and the glossary give it


LEVELS: dict[str, Level] = {
    level.name: level
    for level in (
        Level(
            "established",
            "consistent, direct evidence",
            "consistent findings from many sources, reflected in authoritative references; not seriously disputed",
        ),
        Level(
            "supported",
            "good evidence, some gaps",
            "good evidence that mostly points one way, with gaps, for example fewer studies, particular groups of "
            "people, or open questions about size or cause",
        ),
        Level(
            "emerging",
            "early or indirect evidence",
            "early, limited or indirect evidence, often from laboratory, animal or small studies; plausible, but not "
            "confirmed in people",
        ),
        Level(
            "contested",
            "the evidence points different ways",
            "the evidence points in different directions, or experts disagree about how to read it",
        ),
        Level(
            "not supported",
            "the evidence does not back the claim as stated",
            "the evidence reviewed goes against the claim as stated, or the claim goes well beyond what was found",
        ),
    )
}

# Words in a finding that report a negative result. A claim whose finding uses one of them is not
# graded established or supported unless its ``level_note`` says why (checked by the tests).
NEGATIVE_FINDING = r"\b(?:not (?:been )?shown|did not show|contradict\w*|unchanged|did not change)\b"


def title(name: str) -> str:
    """'Established: consistent, direct evidence' for the evidence box of a claim at level ``name``."""
    return f"{name[0].upper()}{name[1:]}: {LEVELS[name].short}"


def css_class(name: str) -> str:
    """The class an evidence box of this level carries (``mgc-level-not-supported``)."""
    if name not in LEVELS:
        raise KeyError(f"'{name}' is not an evidence level of the course ({', '.join(LEVELS)})")
    return "mgc-level-" + name.replace(" ", "-")
