"""Every notebook of the book runs top to bottom in a fresh kernel, live (as on Binder), and is stored clean;
every chapter has at least one interactive, shown as live widgets."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from mgcourse import mode

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
# The chapters (NN-name.ipynb); the other notebooks (the instructor guide, the course-level check) are pages
# built from them.
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]-*.ipynb"))


def test_there_are_chapters():
    assert CHAPTERS and set(CHAPTERS) <= set(NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "commit notebooks without outputs"


def interactive_calls(nb) -> list[str]:
    """Code lines that call an interactive: ``<alias>.<function>()`` for modules of mgcourse.interactives."""
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    aliases = re.findall(r"from mgcourse\.interactives import ([\w, ]+)", code)
    names = [a.strip() for group in aliases for a in group.split(",")]
    return [line for line in code.splitlines() if any(re.fullmatch(rf"{n}\.\w+\(.*\)", line.strip()) for n in names)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_in_a_fresh_kernel_with_live_widgets(path, monkeypatch):
    monkeypatch.delenv(mode.RENDER_VARIABLE, raising=False)  # live, as in JupyterLab or Binder
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr" and "Traceback" in o.text]
    widget_views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(widget_views) == len(interactive_calls(nb))
    if path in CHAPTERS:
        assert widget_views, "every chapter has at least one interactive"
    # In the book the same notebook renders without any widget (checked by the build tests).
    assert os.environ.get(mode.RENDER_VARIABLE) is None
