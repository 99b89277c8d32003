"""Models are pure, and their numbers come from ``data/`` through one place, ``mgcourse.parameters``.

* No module of ``mgcourse.models`` (nor ``mgcourse.units``) reads a file: none imports the course's
  data or file modules, and none calls ``open``, ``load_table`` or ``constant``.
* Each parameter the models take is the row of ``data/`` it names, and every illustrative value in
  ``data/illustrative_values.csv`` is one that a model takes.
* A value changed in a copy of ``data/`` reaches the charts built from it: the illustrative
  stiffening curve, the ionized magnesium in blood, the NMDA block and the marks of the balance's steps.
* The balance's steps that stand for a depletion factor carry its name in ``data/depletion_factors.csv``.
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import shutil
from pathlib import Path

import pytest

import mgcourse.models
from mgcourse import course, parameters, units
from mgcourse.charts import biofilm as biofilm_charts
from mgcourse.charts import depletion as depletion_charts
from mgcourse.charts import nmda as nmda_charts
from mgcourse.data import load_table
from mgcourse.models import balance

ROOT = course.root()
PURE_FILES = [*sorted(Path(mgcourse.models.__file__).parent.glob("*.py")), Path(units.__file__)]
# Modules through which a pure module could read a file, the course's data or the environment.
NOT_IN_A_MODEL = {"os", "io", "pathlib", "csv", "json", "shutil", "urllib", "yaml", "nbformat", "pickle", "sqlite3"}
NOT_CALLED_IN_A_MODEL = {
    "open",
    "load_table",
    "load_all",
    "constant",
    "read_csv",
    "read_text",
    "read_bytes",
    "__import__",
}


def _imported(tree: ast.Module, package: str) -> set[str]:
    """Every module a file imports (relative imports resolved against ``package``), and each imported name
    as ``module.name``."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module) if part)
            found |= {module, *(f"{module}.{alias.name}" for alias in node.names)}
    return found


def test_models_and_units_read_no_file():
    inspected = 0
    for path in PURE_FILES:
        package = "mgcourse" if path.name == "units.py" else "mgcourse.models"
        tree = ast.parse(path.read_text("utf-8"))
        imported = _imported(tree, package)
        course_modules = {m for m in imported if m.startswith("mgcourse") and not m.startswith("mgcourse.models")}
        assert not course_modules, (path.name, course_modules)
        assert not {m.split(".")[0] for m in imported} & NOT_IN_A_MODEL, (path.name, imported)
        called = {
            node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute))
        }
        assert not called & NOT_CALLED_IN_A_MODEL, (path.name, called & NOT_CALLED_IN_A_MODEL)
        inspected += 1
    models = {m.name for m in Path(mgcourse.models.__file__).parent.iterdir() if m.suffix == ".py"}
    assert inspected == len(models) + 1 and len(models) >= 12, (inspected, sorted(models))


def test_the_check_finds_a_model_that_reads_data():
    for source in ("from ..data import constant\n", "import pathlib\n", "from .. import course\n"):
        imported = _imported(ast.parse(source), "mgcourse.models")
        assert {m for m in imported if m.startswith("mgcourse.") and not m.startswith("mgcourse.models")} or (
            {m.split(".")[0] for m in imported} & NOT_IN_A_MODEL
        ), source


# Each parameter the models take, and the row of data/ it comes from: (table, row name) per field.
FROM_DATA = {
    parameters.nmda_block: {
        "k_mM": ("constants", "nmda_mg_k_mM"),
        "voltage_coefficient_per_mV": ("constants", "nmda_voltage_coefficient_per_mV"),
    },
    parameters.magnesium_units: {
        "molar_mass_g_per_mol": ("constants", "mg_molar_mass"),
        "meq_per_mmol": ("constants", "meq_per_mmol"),
    },
    parameters.absorption_curve: {
        "share_low_intake": ("constants", "absorption_share_low_intake"),
        "share_high_intake": ("constants", "absorption_share_high_intake"),
        "share_at_reference_intake": ("constants", "absorption_share_at_reference_intake"),
        "reference_intake_mg_per_day": ("constants", "absorption_reference_intake_mg_per_day"),
    },
    parameters.body_stores: {
        "total_body_mg": ("constants", "total_body_mg"),
        "bone_fraction": ("constants", "bone_fraction"),
        "bone_exchangeable_fraction": ("constants", "bone_exchangeable_fraction"),
    },
    parameters.body_magnesium: {
        "total_mg": ("constants", "total_body_mg"),
        "reference_body_mass_kg": ("illustrative_values", "reference_body_mass_kg"),
    },
    parameters.stores_assumptions: {
        "serum_floor_mmol_per_l": ("illustrative_values", "stores_serum_floor_mmol_per_l"),
        "buffer_half_fraction": ("illustrative_values", "stores_buffer_half_fraction"),
        "buffer_steepness": ("illustrative_values", "stores_buffer_steepness"),
    },
    parameters.competitive_site: {
        "kd_ca_mM": ("illustrative_values", "competitive_site_kd_ca_mM"),
        "kd_mg_mM": ("illustrative_values", "competitive_site_kd_mg_mM"),
    },
    parameters.stiffening_curve: {
        "critical_calcium_mM": ("illustrative_values", "alginate_critical_calcium_mM"),
        "steepness": ("illustrative_values", "alginate_steepness"),
        "max_fold": ("illustrative_values", "alginate_max_fold"),
    },
}


def test_each_parameter_is_the_row_of_data_it_names():
    rows = {name: load_table(name).set_index("name").value for name in ("constants", "illustrative_values")}
    checked = 0
    for build, fields in FROM_DATA.items():
        built = build()
        assert {f.name for f in dataclasses.fields(built)} == set(fields), build.__name__
        for field, (table, row) in fields.items():
            assert getattr(built, field) == rows[table][row], (build.__name__, field)
            checked += 1
    assert checked >= 20
    used = {row for fields in FROM_DATA.values() for table, row in fields.values() if table == "illustrative_values"}
    assert used == set(rows["illustrative_values"].index), "an illustrative value that no model takes"


def test_balance_parameters_are_the_constants_and_the_flours():
    model = parameters.balance_parameters()
    flours = load_table("grain_magnesium").set_index("product").mg_per_100g
    assert model.absorption == parameters.absorption_curve()
    assert (
        model.caffeine_mg_per_study_dose
        == load_table("constants").set_index("name").value["caffeine_urinary_mg_per_study_dose"]
    )
    assert (model.whole_flour_mg_per_100g, model.white_flour_mg_per_100g) == (
        flours["Wheat flour, whole-grain"],
        flours["Wheat flour, white, all-purpose, unenriched"],
    )


def test_the_illustrative_values_are_marked_illustrative():
    table = load_table("illustrative_values")
    assert len(table) >= 9
    assert set(table.confidence) == {"L"}  # not confirmed by a measurement: shown with a visible mark
    assert all(d.startswith("Illustrative: ") and "chapter" in d for d in table.description)


def test_balance_steps_are_the_depletion_factors_of_the_data():
    factors = load_table("depletion_factors").set_index("factor")
    assert len(balance.FACTOR_STEPS) >= 6
    steps = balance.daily_balance(300, balance.Factors(), parameters.balance_parameters())
    assert [s for s in steps if s in factors.index] == list(balance.FACTOR_STEPS)
    assert set(steps) - set(factors.index) == {"intake", "not absorbed", "net absorbed"}
    labels = depletion_charts.balance_waterfall.interactive().compute().figure["data"][0]["y"]
    marked = 0
    for step, label in zip(steps, labels):
        if step not in factors.index:
            assert label == step
            continue
        row = factors.loc[step]
        mark = "unconfirmed" if row.untraced_figure else None if row.quantified else "assumption"
        assert label == (f"{step} ({mark})" if mark else step), (step, label)
        marked += mark is not None
    assert marked >= 4 and len(labels) == len(steps)


@pytest.fixture
def course_copy(tmp_path, monkeypatch):
    """A copy of the course's data and bibliography, which the package then reads."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    monkeypatch.setenv(course.ROOT_VARIABLE, str(tmp_path))
    return tmp_path / "data"


def _set(path: Path, key: tuple[str, ...], column: str, value: str) -> None:
    """Set ``column`` in the row whose first cells are ``key``."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    hits = [row for row in rows[1:] if tuple(row[: len(key)]) == key]
    assert len(hits) == 1, key
    hits[0][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_a_changed_value_in_data_reaches_the_charts(course_copy):
    _set(course_copy / "illustrative_values.csv", ("alginate_critical_calcium_mM",), "value", "2.0")
    _set(course_copy / "illustrative_values.csv", ("alginate_max_fold",), "value", "4.0")
    _set(course_copy / "ion_concentrations.csv", ("Mg2+", "extracellular"), "low_mM", "0.45")
    _set(course_copy / "constants.csv", ("nmda_mg_k_mM",), "value", "3.0")
    _set(course_copy / "depletion_factors.csv", ("alcohol",), "untraced_figure", "")

    alginate = biofilm_charts.alginate_crosslinking.interactive().compute(calcium_mM=2.0)
    critical = next(t for t in alginate.figure["data"] if t["name"].startswith("Critical calcium"))
    assert critical["x"][0] == 2.0 and alginate.figure["layout"]["yaxis"]["range"] == [0, 4.0 * 1.05]
    assert (
        alginate.reading[0].startswith("<strong>2 mM calcium</strong> is above") and "2.5 times" in alginate.reading[0]
    )

    band = biofilm_charts.evidence_map.interactive().compute().figure["data"][0]
    assert band["name"].startswith("Magnesium in blood: ionized 0.45 to total") and min(band["x"]) == 0.45

    block = nmda_charts.mg_block.interactive().compute(mg_mM=1.5)  # -ln(3.0 / 1.5) / 0.062 mV; -14.0 with 3.57
    assert "Half the channels are blocked at -11.2 mV" in block.reading[1]

    labels = depletion_charts.balance_waterfall.interactive().compute().figure["data"][0]["y"]
    assert "alcohol (assumption)" in labels and "alcohol (unconfirmed)" not in labels
