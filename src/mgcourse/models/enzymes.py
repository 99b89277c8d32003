"""Magnesium-dependent enzymes and the vitamin D path, as tables to group and filter (no plotting).

Each function takes the table it works on (``data/enzymes.csv``, ``data/vitamin_d_steps.csv``).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

ALL = "all"


def enzymes(table: pd.DataFrame, pathway: str = ALL, role: str = ALL) -> pd.DataFrame:
    """The enzymes table, optionally limited to one pathway and/or one role of magnesium."""
    if pathway != ALL:
        table = table[table.pathway == pathway]
    if role != ALL:
        table = table[table.role == role]
    return table.reset_index(drop=True)


def pathways(table: pd.DataFrame) -> list[str]:
    return sorted(table.pathway.unique())


def roles(table: pd.DataFrame) -> list[str]:
    return sorted(table.role.unique())


def count_by_role(table: pd.DataFrame) -> dict[str, int]:
    return dict(sorted(Counter(table.role).items()))


def vitamin_d_steps(steps: pd.DataFrame) -> pd.DataFrame:
    """The vitamin D activation steps in order, each marked magnesium-dependent or not."""
    return steps.sort_values("order").reset_index(drop=True)
