"""The data package: every table loads, and each kind of bad row fails with file, row, column, reason."""

import json
import shutil

import pytest

from mgcourse import data
from mgcourse.data import DataError

ROOT = data.REPO_ROOT


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
    path.write_text(path.read_text("utf-8") + "extra,Too short\n", "utf-8")
    with pytest.raises(DataError, match=r"serum_thresholds.csv, row 5 \(line 6\): has 2 cells"):
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
