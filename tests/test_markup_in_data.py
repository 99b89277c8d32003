"""Markup or a script in a data text field is shown as text in every chart, reading and content block."""

from __future__ import annotations

import ast
import csv
import html
import json
import re
import shutil

import pytest

from conftest import CHARTS, ROOT
from mgcourse import content, course, data, staticmodel
from mgcourse import chartkit as helper
from mgcourse.chartkit import Choice, InputError

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"
MARKUP = f' "quoted" {SCRIPT}{IMAGE}'
RAW = ("<script>alert", "<img src=x")
QUOTE_SHOWN_AS_IS = "&quot;"  # plotly.js decodes &lt; &gt; &amp; and numeric entities, not &quot;
ESCAPED = html.escape(SCRIPT)


def _package_string_literals() -> set[str]:
    found = set()
    for path in (ROOT / "src" / "mgcourse").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def _free_text_fields(resource: dict) -> list[str]:
    """Text fields a data author writes freely (no list of allowed values, no pattern)."""
    return [
        f["name"]
        for f in resource["schema"]["fields"]
        if f.get("type", "string") == "string" and not {"enum", "pattern"} & set(f.get("constraints", {}))
    ]


@pytest.fixture
def marked_up_data(tmp_path, monkeypatch) -> dict[str, set[str]]:
    """The course reads a copy of data/ whose free-text cells all end in a script tag and an image tag.

    A cell whose whole text the package names as a string literal (such as "31-50 years") is left as
    it is: the code looks its row up by that text. Returns each table's columns that carry the markup.
    """
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    looked_up = _package_string_literals()
    marked: dict[str, set[str]] = {}
    for resource in json.loads((copy / "datapackage.json").read_text("utf-8"))["resources"]:
        path = copy / resource["path"]
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            for column in _free_text_fields(resource):
                if row[column] and row[column] not in looked_up:
                    row[column] += MARKUP
                    marked.setdefault(resource["name"], set()).add(column)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=[f["name"] for f in resource["schema"]["fields"]])
            writer.writeheader()
            writer.writerows(rows)
    monkeypatch.setattr(course, "data_dir", lambda: copy)
    data.load_all()  # the marked-up copy is still valid data
    return marked


def _raw_markup(text: str) -> list[str]:
    return [raw for raw in RAW if raw in text]


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _strings(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from _strings(value)


def _shown_wrongly(obj) -> list[str]:
    """Texts in ``obj`` (figure parts, readings) that plotly.js or the page would not show as written."""
    return [s for s in _strings(obj) if _raw_markup(s) or QUOTE_SHOWN_AS_IS in s]


def _probes(param) -> list:
    """Values that show each row a parameter can bring into the chart: every option, both limits."""
    return list(param.options) if isinstance(param, Choice) else [param.minimum, param.maximum]


@pytest.mark.parametrize("chart", [c for _, c in CHARTS], ids=[name for name, _ in CHARTS])
def test_interactive_shows_markup_from_data_as_text(marked_up_data, chart):
    interactive = chart.interactive()
    page = helper.static_html(interactive)
    assert not _raw_markup(page)
    model = json.loads(re.search(r'class="mgc-model">(.*?)</script>', page, re.S).group(1))
    for part in model["parts"]:
        if part["path"] != ["alt"]:  # mgcourse.js sets the text alternative with textContent
            assert not _shown_wrongly(staticmodel.stored_values(part)), part["path"]
    for param in interactive.params:
        for value in _probes(param):
            try:
                view = interactive.compute(**{param.name: value})
            except InputError:
                continue
            assert not _shown_wrongly([view.figure, view.reading]), (param.name, value)


def test_the_markup_reaches_the_charts(marked_up_data):
    pages = [helper.static_html(chart.interactive()) for _, chart in CHARTS]
    assert any(ESCAPED in page for page in pages)


def _content_blocks() -> dict[str, content.Rendered]:
    claims = data.load_table("claims")
    blocks = {f"evidence {claim_id}": content.evidence(claim_id) for claim_id in claims.id}
    blocks["claims summary"] = content.claims_summary()
    blocks |= {f"table {name}": content.table(name) for name in data.resource_names()}
    return blocks


def test_content_shows_markup_from_data_as_text(marked_up_data):
    for name, block in _content_blocks().items():
        bundle = block._repr_mimebundle_()
        assert not _raw_markup(bundle["text/html"]) and not _raw_markup(bundle["text/markdown"]), name
        if name.startswith(("evidence", "claims")) or name.removeprefix("table ") in marked_up_data:
            assert ESCAPED in bundle["text/html"] and ESCAPED in bundle["text/markdown"], name


def test_every_free_text_field_carries_the_markup(marked_up_data):
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text("utf-8"))
    expected = {r["name"]: set(_free_text_fields(r)) for r in descriptor["resources"] if _free_text_fields(r)}
    assert marked_up_data == expected


def test_a_static_model_made_from_other_data_is_not_given_again(marked_up_data, monkeypatch):
    """Static models are kept for the process (mgcourse.staticmodel): the course pointed at other data
    gets a model made from that data, and back at its own, the model of its own."""
    chart = dict(CHARTS)["stress.adrenaline_data"]
    marked = json.dumps(staticmodel.static_model(chart.interactive()))
    monkeypatch.undo()
    plain = json.dumps(staticmodel.static_model(chart.interactive()))
    assert '\\"quoted\\"' in marked and '\\"quoted\\"' not in plain
