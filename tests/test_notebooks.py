"""Every notebook of the book runs top to bottom in a fresh kernel, live (as on Binder), and is stored clean;
every chapter has at least one interactive, shown as live widgets."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import CHAPTERS, NOTEBOOKS
from mgcourse import chapters, mode


def test_there_are_chapters():
    assert CHAPTERS and set(CHAPTERS) <= set(NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "commit notebooks without outputs"


@pytest.mark.kernel
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_a_fresh_kernel_with_live_widgets(path, monkeypatch):
    monkeypatch.delenv(mode.RENDER_VARIABLE, raising=False)  # live, as in JupyterLab or Binder
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr" and "Traceback" in o.text]
    widget_views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(widget_views) == len(chapters.chart_calls(nb)) + len(chapters.exercise_ids(nb))
    if path in CHAPTERS:
        assert widget_views, "every chapter has at least one interactive"
    # In the book the same notebook renders without any widget (checked by the build tests).
    assert os.environ.get(mode.RENDER_VARIABLE) is None
