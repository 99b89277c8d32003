"""The one reader of the book's notebooks (mgcourse.chapters): which are chapters, and what each shows,
resolved by name."""

from __future__ import annotations

import nbformat
import pytest

from conftest import CHAPTERS, CHARTS, NOTEBOOKS
from mgcourse import chapters


def notebook(*sources: str, setup: str = "") -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    if setup:
        nb.cells.append(nbformat.v4.new_code_cell(setup, id=chapters.SETUP_CELL_ID))
    nb.cells += [nbformat.v4.new_markdown_cell("## A heading")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    return nb


def test_chapters_are_the_numbered_notebooks_in_course_order():
    names = [p.name for p in CHAPTERS]
    assert len(names) == 10 and names[0] == "01-energy.ipynb" and names[-1] == "10-closing.ipynb"
    assert [chapters.chapter_number(p) for p in CHAPTERS] == list(range(1, 11))
    assert {p.name for p in NOTEBOOKS} - set(names) == {"claims.ipynb", "final-check.ipynb", "instructor-guide.ipynb"}
    assert chapters.is_chapter("book/04-nervous-system") and chapters.is_chapter("04-nervous-system.ipynb")
    assert not chapters.is_chapter("book/instructor-guide") and not chapters.is_chapter("book/4-energy")
    with pytest.raises(chapters.ChapterError, match="not a chapter"):
        chapters.chapter_number("final-check.ipynb")


def test_a_chart_call_is_resolved_by_the_name_the_notebook_imported():
    nb = notebook(
        "from mgcourse.charts import nmda\nfrom mgcourse.charts import labs as lab_charts",
        "nmda.mg_block.show()",
        "x = 1\nlab_charts.serum_vs_rbc.show()",
        "print('nmda.mg_block.show()')",  # text, not a call of the chart
    )
    assert chapters.chart_calls(nb) == [("nmda.mg_block", 2), ("labs.serum_vs_rbc", 3)]


def test_a_call_of_a_chart_that_does_not_exist_names_the_notebook_and_the_call():
    nb = notebook("from mgcourse.charts import nmda", "nmda.mg_blok.show()")
    with pytest.raises(chapters.ChapterError, match=r"book/x\.ipynb, cell 2: nmda\.mg_blok\.show\(\) shows no chart"):
        chapters.chart_calls(nb, "book/x.ipynb")


def test_evidence_boxes_and_imports_are_read_from_the_code_the_setup_cell_left_out():
    nb = notebook(
        "from mgcourse.content import evidence as box\nfrom mgcourse import guide",
        'box("nmda-voltage-block")',
        "box(claim_id)",  # not a literal: not an id the reader can know
        setup="import mgcourse.charts",
    )
    assert chapters.evidence_ids(nb) == ["nmda-voltage-block"]
    assert chapters.uses_module(nb, "mgcourse.guide") and not chapters.uses_module(nb, "mgcourse.charts")


def test_a_cell_that_is_not_python_is_reported_with_its_index():
    with pytest.raises(chapters.ChapterError, match="cell 1: not valid Python"):
        chapters.calls(notebook("nmda.mg_block.show("))


def test_every_chapter_shows_a_chart_and_every_chart_is_shown_by_one_chapter():
    shown = {}
    for path in CHAPTERS:
        calls = chapters.chart_calls(chapters.read(path), path.name)
        assert calls, f"{path.name} shows no chart"
        for name, _ in calls:
            shown.setdefault(name, []).append(path.name)
    assert set(shown) == {name for name, _ in CHARTS}, set(shown) ^ {name for name, _ in CHARTS}
    assert all(len(where) == 1 for where in shown.values()), shown


def test_the_chapters_opened_in_jupyterlab_show_every_kind_of_live_control_and_trace():
    """test_jupyterlab.py opens only these chapters: together they must show every kind any chapter shows."""
    from notebook_runs import chapters_opened_in_jupyterlab, live_kinds

    every_kind = set().union(*(live_kinds(path) for path in CHAPTERS))
    assert {"control slider", "control menu", "trace scatter"} <= every_kind, every_kind
    opened = chapters_opened_in_jupyterlab()
    assert opened and set().union(*(live_kinds(path) for path in opened)) == every_kind
    assert {path.name for path in opened} <= {path.name for path in CHAPTERS}
