"""Load the course's tables from ``data/`` through its Frictionless data package.

Every table is described in ``data/datapackage.json`` (a Frictionless "tabular data package"):
its fields, their types, units and constraints, and the table's sources. Loading a table checks
every cell against that description and fails on the first bad cell with a :class:`DataError` that
names the file, the row, the column and the reason, so that a mistake in a data file stops the book
build instead of drawing a wrong chart.

Supported schema features (the subset the course uses): field types ``string``, ``number``,
``integer``, ``boolean``; constraints ``required``, ``minimum``, ``maximum``, ``enum``,
``pattern``, ``unique``; the table's ``primaryKey``. A field marked ``"bibkeys": true`` holds
citation keys separated by ``;``, each of which must exist in ``references.bib``.
"""

from __future__ import annotations

import csv
import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import course


class DataError(ValueError):
    """A data file does not match its description in ``datapackage.json``."""

    def __init__(self, path: str, reason: str, row: int | None = None, column: str | None = None):
        self.path, self.row, self.column, self.reason = path, row, column, reason
        where = [path]
        if row is not None:
            # Data row 1 is the line after the header, i.e. line 2 of the file.
            where.append(f"row {row} (line {row + 1})")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {reason}")


@dataclass(frozen=True)
class Field:
    name: str
    title: str
    type: str
    unit: str | None
    description: str
    constraints: dict
    bibkeys: bool

    def parse(self, text: str):
        """Turn one CSV cell into a Python value, or raise ``ValueError`` with the reason."""
        text = text.strip()
        if text == "":
            if self.constraints.get("required"):
                raise ValueError("value is required but the cell is empty")
            return None
        if self.type == "number":
            try:
                value = float(text)
            except ValueError:
                raise ValueError(f"'{text}' is not a number") from None
            if not math.isfinite(value):
                raise ValueError(f"'{text}' is not a finite number")
        elif self.type == "integer":
            if not re.fullmatch(r"[+-]?\d+", text):
                raise ValueError(f"'{text}' is not a whole number")
            value = int(text)
        elif self.type == "boolean":
            if text.lower() not in ("true", "false"):
                raise ValueError(f"'{text}' is not true or false")
            value = text.lower() == "true"
        else:
            value = text
        c = self.constraints
        if "minimum" in c and value < c["minimum"]:
            raise ValueError(f"{value} is below the minimum {c['minimum']}")
        if "maximum" in c and value > c["maximum"]:
            raise ValueError(f"{value} is above the maximum {c['maximum']}")
        if "enum" in c and value not in c["enum"]:
            allowed = ", ".join(str(v) for v in c["enum"])
            raise ValueError(f"'{value}' is not one of the allowed values ({allowed})")
        if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
            raise ValueError(f"'{value}' does not match the pattern {c['pattern']}")
        return value


def _fields(resource: dict) -> list[Field]:
    return [
        Field(
            name=f["name"],
            title=f.get("title", f["name"].replace("_", " ").capitalize()),
            type=f.get("type", "string"),
            unit=f.get("unit"),
            description=f.get("description", ""),
            constraints=f.get("constraints", {}),
            bibkeys=bool(f.get("bibkeys")),
        )
        for f in resource["schema"]["fields"]
    ]


def _descriptor(data_dir: Path) -> dict:
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise DataError("data/datapackage.json", f"data package descriptor is missing (in {data_dir})") from None
    except json.JSONDecodeError as err:
        raise DataError("data/datapackage.json", f"not valid JSON ({err})") from None


def resource_names(data_dir: Path | None = None) -> list[str]:
    """The names of the tables in the data package."""
    return [r["name"] for r in _descriptor(data_dir or course.data_dir())["resources"]]


def _read(resource: dict, data_dir: Path, bibkeys: frozenset[str]) -> pd.DataFrame:
    rel = resource["path"]
    path = data_dir / rel
    label = f"data/{rel}"
    if not path.exists():
        raise DataError(label, "file is missing (it is declared in data/datapackage.json)")
    fields = _fields(resource)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(label, "file is empty (no header row)") from None
        expected = [f.name for f in fields]
        if header != expected:
            missing = [n for n in expected if n not in header]
            extra = [n for n in header if n not in expected]
            detail = []
            if missing:
                detail.append(f"missing {missing}")
            if extra:
                detail.append(f"unexpected {extra}")
            if not detail:
                detail.append(f"columns out of order, expected {expected}")
            raise DataError(label, "header does not match the schema: " + "; ".join(detail))
        rows = []
        seen: dict[str, dict] = {f.name: {} for f in fields if f.constraints.get("unique")}
        key_fields = resource["schema"].get("primaryKey", [])
        if isinstance(key_fields, str):
            key_fields = [key_fields]
        seen_keys: dict[tuple, int] = {}
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                raise DataError(label, "blank row", row=number)
            if len(cells) != len(fields):
                raise DataError(label, f"has {len(cells)} cells, the schema has {len(fields)} columns", row=number)
            record = {}
            for field, cell in zip(fields, cells):
                try:
                    value = field.parse(cell)
                except ValueError as err:
                    raise DataError(label, str(err), row=number, column=field.name) from None
                if field.bibkeys and value is not None:
                    for key in (k.strip() for k in value.split(";")):
                        if key not in bibkeys:
                            raise DataError(
                                label, f"citation key '{key}' is not in references.bib", row=number, column=field.name
                            )
                if field.name in seen and value is not None:
                    if value in seen[field.name]:
                        first = seen[field.name][value]
                        raise DataError(
                            label, f"'{value}' repeats row {first}; it must be unique", row=number, column=field.name
                        )
                    seen[field.name][value] = number
                record[field.name] = value
            if key_fields:
                key = tuple(record[k] for k in key_fields)
                if key in seen_keys:
                    raise DataError(
                        label,
                        f"primary key {key} repeats row {seen_keys[key]}",
                        row=number,
                        column=", ".join(key_fields),
                    )
                seen_keys[key] = number
            rows.append(record)
    table = pd.DataFrame(rows, columns=[f.name for f in fields])
    table.attrs["units"] = {f.name: f.unit for f in fields if f.unit}
    table.attrs["titles"] = {f.name: f.title for f in fields}
    table.attrs["title"] = resource.get("title", resource["name"])
    table.attrs["sources"] = resource.get("sources", [])
    table.attrs["path"] = label
    return table


def load_table(name: str, data_dir: Path | None = None, bibliography: Path | None = None) -> pd.DataFrame:
    """Read and validate one table of the data package, by its resource name.

    ``data_dir`` and ``bibliography`` default to those of the course folder that ``mgcourse.course``
    finds at each call (a test points the whole course at a copy by setting ``MGCOURSE_ROOT``). The
    returned DataFrame carries the units of its columns in ``.attrs["units"]``.
    """
    data_dir, bibliography = data_dir or course.data_dir(), bibliography or course.bibliography()
    return _load(name, data_dir, bibliography, _stamp(data_dir, bibliography)).copy()


def load_all(data_dir: Path | None = None, bibliography: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read and validate every table; the first bad cell anywhere raises :class:`DataError`."""
    return {name: load_table(name, data_dir, bibliography) for name in resource_names(data_dir)}


def stamp(data_dir: Path | None = None, bibliography: Path | None = None) -> tuple:
    """The data files and the bibliography the course reads now, with their modification times: what
    a cache of anything computed from the data is keyed on (defaults as :func:`load_table`)."""
    data_dir, bibliography = data_dir or course.data_dir(), bibliography or course.bibliography()
    return _stamp(data_dir, bibliography)


def _stamp(data_dir: Path, bibliography: Path) -> tuple:
    # Cached loads are keyed on the files' modification times, so an edited file is read again.
    files = [data_dir / "datapackage.json", bibliography, *sorted(data_dir.glob("*.csv"))]
    return tuple((str(f), f.stat().st_mtime_ns) for f in files if f.exists())


@functools.lru_cache(maxsize=64)
def _load(name: str, data_dir: Path, bibliography: Path, stamp: tuple) -> pd.DataFrame:
    for resource in _descriptor(data_dir)["resources"]:
        if resource["name"] == name:
            table = _read(resource, data_dir, _bibkeys(bibliography, stamp))
            _check_foreign_keys(resource, table, data_dir, bibliography, stamp)
            return table
    raise KeyError(f"no table named '{name}' in data/datapackage.json; tables: {', '.join(resource_names(data_dir))}")


def _check_foreign_keys(resource: dict, table: pd.DataFrame, data_dir: Path, bibliography: Path, stamp: tuple) -> None:
    """Each value of a foreign-key column must exist in the column it refers to."""
    for key in resource["schema"].get("foreignKeys", []):
        column, target = key["fields"], key["reference"]
        allowed = set(_load(target["resource"], data_dir, bibliography, stamp)[target["fields"]])
        for number, value in enumerate(table[column], start=1):
            if value not in allowed:
                raise DataError(
                    f"data/{resource['path']}",
                    f"'{value}' is not a {target['fields']} of data/{target['resource']}.csv",
                    row=number,
                    column=column,
                )


@functools.lru_cache(maxsize=8)
def _bibkeys(bibliography: Path, stamp: tuple) -> frozenset[str]:
    if not bibliography.exists():
        raise DataError(bibliography.name, "bibliography file is missing")
    return frozenset(re.findall(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", bibliography.read_text("utf-8"), re.M))


def constant(name: str) -> float:
    """One named constant from ``data/constants.csv`` (its unit is in that row).

    Models take their constants as arguments; :mod:`mgcourse.parameters` reads them, once per chart.
    """
    table = load_table("constants").set_index("name")
    if name not in table.index:
        raise KeyError(f"no constant '{name}' in data/constants.csv")
    return float(table.loc[name, "value"])
