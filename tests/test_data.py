"""The data package: every table loads, and each kind of bad row fails with file, row, column, reason."""

import csv
import json
import math
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from mgcourse import course, data
from mgcourse.sphinxext.strict import StrictBuildError, check_course_data
from mgcourse.data import DataError

ROOT = course.root()


def test_every_table_loads_with_sources_and_confidence():
    tables = data.load_all()
    assert set(tables) >= {"constants", "serum_thresholds", "rbc_lab_ranges", "lab_tests", "claims"}
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text())
    illustrative = {r["name"] for r in descriptor["resources"] if r.get("illustrative")}
    for name, table in tables.items():
        assert len(table) > 0, name
        if name in illustrative:  # made for the course, said so on the page; no source to cite
            continue
        assert "confidence" in table.columns, name
        assert {"source", "sources"} & set(table.columns), name
    assert tables["rbc_lab_ranges"].attrs["units"]["low_mg_per_dl"] == "mg/dL"


def test_descriptor_is_a_valid_frictionless_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(ROOT / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


BAD_ROWS = [
    # (file, replace this, with this, row, column, words in the reason)
    ("rbc_lab_ranges.csv", "4.0,6.4", "four,6.4", 1, "low_mg_per_dl", "'four' is not a number"),
    ("rbc_lab_ranges.csv", "3.6,7.5", "3.6,75", 2, "high_mg_per_dl", "above the maximum 12"),
    ("rbc_lab_ranges.csv", "4.2,6.8", "0.2,6.8", 3, "low_mg_per_dl", "below the minimum 1"),
    ("rbc_lab_ranges.csv", "quest_rbc,H", "quest_rbc,X", 1, "confidence", "not one of the allowed values"),
    ("rbc_lab_ranges.csv", "quest_rbc,H", ",H", 1, "source", "required"),
    ("rbc_lab_ranges.csv", "quest_rbc,H", "nosuchpaper2099,H", 1, "source", "not in references.bib"),
    ("rbc_lab_ranges.csv", "Labcorp,", "Quest Diagnostics,", 3, "lab", "must be unique"),
    ("serum_thresholds.csv", "proposed_cutoff,", "proposed_cut,", 3, "name", "not one of the allowed values"),
    ("serum_thresholds.csv", ",0.85,", ",nan,", 3, "mmol_per_l", "not a finite number"),
    ("claims.csv", ",established,", ",proven,", None, "level", "not one of the allowed values"),
    ("constants.csv", "mg_molar_mass,24.305", "mg_molar_mass,", 1, "value", "required"),
    ("example_days.csv", '"Milk, nonfat",2', "Chocolate cake,2", 2, "food", "is not a food of data/foods.csv"),
]


@pytest.mark.parametrize(("file", "old", "new", "row", "column", "reason"), BAD_ROWS)
def test_bad_cell_names_file_row_column_and_reason(data_copy, file, old, new, row, column, reason):
    _edit(data_copy / file, old, new)
    with pytest.raises(DataError) as caught:
        data.load_all(data_copy)
    err = caught.value
    assert err.path == f"data/{file}"
    if row is not None:
        assert err.row == row
    assert err.column == column
    assert reason in err.reason
    assert f"data/{file}" in str(err) and f"column '{column}'" in str(err)


def test_wrong_cell_count_names_the_row(data_copy):
    path = data_copy / "serum_thresholds.csv"
    rows = len(data.load_table("serum_thresholds", data_copy))
    path.write_text(path.read_text("utf-8") + "extra,Too short\n", "utf-8")
    with pytest.raises(DataError, match=rf"serum_thresholds.csv, row {rows + 1} \(line {rows + 2}\): has 2 cells"):
        data.load_all(data_copy)


def test_renamed_column_fails_on_the_header(data_copy):
    _edit(data_copy / "rbc_lab_ranges.csv", "low_mg_per_dl", "low")
    with pytest.raises(DataError, match=r"header does not match the schema: missing \['low_mg_per_dl'\]"):
        data.load_all(data_copy)


def test_missing_file_is_named(data_copy):
    (data_copy / "lab_tests.csv").unlink()
    with pytest.raises(DataError, match="data/lab_tests.csv: file is missing"):
        data.load_all(data_copy)


def test_a_changed_file_is_read_again(data_copy):
    before = data.load_table("rbc_lab_ranges", data_copy)
    _edit(data_copy / "rbc_lab_ranges.csv", "4.0,6.4", "4.1,6.4")
    after = data.load_table("rbc_lab_ranges", data_copy)
    assert before.loc[0, "low_mg_per_dl"] == 4.0 and after.loc[0, "low_mg_per_dl"] == 4.1


def test_a_changed_constant_is_read_at_once(data_copy, monkeypatch):
    # Nothing between the files and the models keeps an old value: an edited constant is read at the next call.
    shutil.copy(ROOT / "references.bib", data_copy.parent / "references.bib")
    monkeypatch.setenv(course.ROOT_VARIABLE, str(data_copy.parent))
    assert data.constant("nmda_mg_k_mM") == 3.57
    _edit(data_copy / "constants.csv", "nmda_mg_k_mM,3.57", "nmda_mg_k_mM,3.5")
    assert data.constant("nmda_mg_k_mM") == 3.5
    with pytest.raises(KeyError, match="no constant 'nmda_k' in data/constants.csv"):
        data.constant("nmda_k")


# ------------------------------------------------ every corruption the schema forbids, generated

DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text("utf-8"))
CONSTRAINTS_GENERATED = {"required", "minimum", "maximum", "enum", "pattern", "unique"}
NOT_A_VALUE_OF_THE_TYPE = "several"  # text where a number, a whole number or true/false belongs
TYPE_REASONS = {"number": "is not a number", "integer": "is not a whole number", "boolean": "is not true or false"}
CITATION_KEY_NOT_IN_BIBLIOGRAPHY = "nosuchpaper2099"


@dataclass(frozen=True)
class Corruption:
    """New text for some cells of one data row, and what the loader must say about it."""

    id: str
    file: str
    row: int  # data row: 1 is the line after the header
    cells: dict[str, str]
    column: str
    reason: str

    def apply(self, data_dir: Path) -> None:
        path = data_dir / self.file
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header, line = rows[0], rows[self.row]
        for column, text in self.cells.items():
            line[header.index(column)] = text
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)


def _first_row(resource: dict) -> dict[str, str]:
    with (ROOT / "data" / resource["path"]).open(newline="", encoding="utf-8") as handle:
        return next(csv.DictReader(handle))


def _just_outside(field: dict, bound: str) -> str:
    """The nearest value of the field's type beyond its ``minimum`` or ``maximum``."""
    limit, direction = field["constraints"][bound], (-1 if bound == "minimum" else 1)
    if field.get("type") == "integer":
        return str(limit + direction)
    return repr(math.nextafter(float(limit), direction * math.inf))


def _not_matching(pattern: str) -> str:
    text = "does not match!"
    assert re.fullmatch(pattern, text) is None
    return text


def _field_corruptions(resource: dict, field: dict) -> list[Corruption]:
    """One corruption per constraint of ``field`` (and its type, and its citation keys)."""
    name, kind, constraints = field["name"], field.get("type", "string"), field.get("constraints", {})
    first_row = _first_row(resource)
    found = []  # (kind of corruption, row, text, words of the reason)
    if kind in TYPE_REASONS:
        found.append(("type", 1, NOT_A_VALUE_OF_THE_TYPE, TYPE_REASONS[kind]))
    if constraints.get("required"):
        found.append(("required", 1, "", "value is required"))
    if "minimum" in constraints:
        found.append(("minimum", 1, _just_outside(field, "minimum"), "is below the minimum"))
    if "maximum" in constraints:
        found.append(("maximum", 1, _just_outside(field, "maximum"), "is above the maximum"))
    if "enum" in constraints:
        found.append(("enum", 1, "none of these", "is not one of the allowed values"))
    if "pattern" in constraints:
        found.append(("pattern", 1, _not_matching(constraints["pattern"]), "does not match the pattern"))
    if constraints.get("unique"):
        found.append(("unique", 2, first_row[name], "repeats row 1; it must be unique"))
    if field.get("bibkeys"):
        found.append(("bibkey", 1, CITATION_KEY_NOT_IN_BIBLIOGRAPHY, "is not in references.bib"))
    return [
        Corruption(f"{resource['name']}-{name}-{what}", resource["path"], row, {name: text}, name, reason)
        for what, row, text, reason in found
    ]


def _key_corruptions(resource: dict) -> list[Corruption]:
    """The primary key repeated in the second row; each foreign key given a value its target lacks."""
    schema, found = resource["schema"], []
    keys = schema.get("primaryKey", [])
    keys = [keys] if isinstance(keys, str) else keys
    if keys:
        first_row = _first_row(resource)
        found.append(
            Corruption(
                f"{resource['name']}-{'+'.join(keys)}-primaryKey",
                resource["path"],
                2,
                {k: first_row[k] for k in keys},
                ", ".join(keys),
                "repeats row 1",
            )
        )
    for key in schema.get("foreignKeys", []):
        column, target = key["fields"], key["reference"]
        found.append(
            Corruption(
                f"{resource['name']}-{column}-foreignKey",
                resource["path"],
                1,
                {column: "nowhere in the referenced table"},
                column,
                f"is not a {target['fields']} of data/{target['resource']}.csv",
            )
        )
    return found


def all_corruptions() -> list[Corruption]:
    found = []
    for resource in DESCRIPTOR["resources"]:
        for field in resource["schema"]["fields"]:
            found += _field_corruptions(resource, field)
        found += _key_corruptions(resource)
    return found


CORRUPTIONS = all_corruptions()


def test_every_constraint_of_the_descriptor_is_generated():
    used = {name for r in DESCRIPTOR["resources"] for f in r["schema"]["fields"] for name in f.get("constraints", {})}
    assert used <= CONSTRAINTS_GENERATED, f"no corruption generated for {used - CONSTRAINTS_GENERATED}"
    kinds = {c.id.rsplit("-", 1)[1] for c in CORRUPTIONS}
    assert kinds == CONSTRAINTS_GENERATED | {"type", "bibkey", "primaryKey", "foreignKey"}
    assert len({c.id for c in CORRUPTIONS}) == len(CORRUPTIONS)


@pytest.fixture(params=CORRUPTIONS, ids=[c.id for c in CORRUPTIONS])
def corrupted(request, data_copy) -> tuple[Path, Corruption]:
    corruption = request.param
    corruption.apply(data_copy)
    return data_copy, corruption


def test_corrupted_file_fails_loading_with_file_row_column_and_reason(corrupted):
    data_dir, corruption = corrupted
    with pytest.raises(DataError) as caught:
        data.load_all(data_dir)
    err = caught.value
    assert (err.path, err.row, err.column) == (f"data/{corruption.file}", corruption.row, corruption.column)
    assert corruption.reason in err.reason
    where = f"data/{corruption.file}, row {corruption.row} (line {corruption.row + 1}), column '{corruption.column}': "
    assert str(err) == where + err.reason


# The build check reads the data through the same loader: one corruption of each kind is enough there.
ONE_OF_EACH_KIND = list({c.id.rsplit("-", 1)[1]: c for c in CORRUPTIONS}.values())


@pytest.mark.parametrize("corruption", ONE_OF_EACH_KIND, ids=[c.id for c in ONE_OF_EACH_KIND])
def test_the_build_check_refuses_each_kind_of_corrupted_file(corruption, data_copy):
    corruption.apply(data_copy)
    data_dir = data_copy
    with pytest.raises(StrictBuildError) as caught:
        check_course_data(data_dir)
    assert f"bad course data: data/{corruption.file}, row {corruption.row} " in str(caught.value)
