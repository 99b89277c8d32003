"""Magnesium-dependent enzymes and the vitamin D path, as tables to group and filter (no plotting)."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from ..data import load_table

ALL = "all"


def enzymes(pathway: str = ALL, role: str = ALL) -> pd.DataFrame:
    """The enzymes table, optionally limited to one pathway and/or one role of magnesium."""
    table = load_table("enzymes")
    if pathway != ALL:
        table = table[table.pathway == pathway]
    if role != ALL:
        table = table[table.role == role]
    return table.reset_index(drop=True)


def pathways() -> list[str]:
    return sorted(load_table("enzymes").pathway.unique())


def roles() -> list[str]:
    return sorted(load_table("enzymes").role.unique())


def count_by_role(table: pd.DataFrame) -> dict[str, int]:
    return dict(sorted(Counter(table.role).items()))


def vitamin_d_steps() -> pd.DataFrame:
    """The vitamin D activation steps in order, each marked magnesium-dependent or not."""
    return load_table("vitamin_d_steps").sort_values("order").reset_index(drop=True)
