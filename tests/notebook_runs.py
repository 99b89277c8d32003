"""Run a chapter notebook in a kernel of a given environment, as a Jupyter front end would, and read
what it printed and showed; and which chapters are opened in JupyterLab, the others running in a
kernel only. The launch-path tests (test_launch_paths.py, test_jupyterlab.py) share it."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from mgcourse.chapters import chapter_paths, chart_calls, exercise_ids
from mgcourse.chartkit import Choice
from mgcourse.charts import all_charts

# Run after a notebook's own cells: move the first slider or menu of the first live interactive, as a
# learner's browser would (by setting the widget's value), and report what the course read and drew.
MOVE_A_LIVE_CONTROL = """
import json
import mgcourse.course
live = [value for value in Out.values() if type(value).__name__ == "LiveInteractive"]
shown = live[0]
name, control = next((n, c) for n, c in shown.controls.items() if hasattr(c, "options") or hasattr(c, "max"))
before = [dict(t.to_plotly_json()) for t in shown.figure.data]
if hasattr(control, "options"):
    control.value = next(o for o in control.options if o != control.value)
else:
    control.value = control.min if control.value != control.min else control.max
after = [dict(t.to_plotly_json()) for t in shown.figure.data]
print(json.dumps({"live": len(live), "control": name, "changed": repr(before) != repr(after),
                  "message": shown.message.value, "root": str(mgcourse.course.root()),
                  "source": mgcourse.course.source(), "package": mgcourse.__file__}))
"""


def run_notebook(
    path: Path, python: Path, env: dict, extra_cells: tuple[str, ...] = (), allow_errors: bool = False
) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a kernel of ``python``'s environment, started in the
    notebook's folder with ``env`` (as a Jupyter front end would); returns it with its outputs."""
    kernels = path.parent.parent / f".kernels-{path.stem}"
    spec = kernels / "kernels" / "course-test"
    spec.mkdir(parents=True, exist_ok=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "course test", "language": "python"}))
    nb = nbformat.read(path, as_version=4)
    nb.cells += [nbformat.v4.new_code_cell(code) for code in extra_cells]
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env, JUPYTER_PATH=str(kernels))
        client = NotebookClient(
            nb,
            timeout=600,
            kernel_name="course-test",
            allow_errors=allow_errors,
            resources={"metadata": {"path": str(path.parent)}},
        )
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return nb


def outputs(nb) -> list:
    return [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]


def stream_text(nb) -> str:
    return "".join(o.get("text", "") for o in outputs(nb) if o.output_type == "stream")


def assert_ran_live(nb) -> dict:
    """The notebook ran without error, each of its charts and exercises shown as widgets, and moving
    a live control changed its chart's figure."""
    errors = [o for o in outputs(nb) if o.output_type == "error"]
    assert not errors, [f"{o.ename}: {o.evalue}" for o in errors]
    charts = len(chart_calls(nb))
    views = [o for o in outputs(nb) if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(views) == charts + len(exercise_ids(nb)) and charts > 0
    printed = [o.text for o in nb.cells[-1].outputs if o.output_type == "stream" and o.name == "stdout"]
    report = json.loads(printed[-1])
    assert report["live"] == charts
    assert report["changed"], f"moving {report['control']} did not change the live figure"
    assert report["message"] == "", report["message"]
    return report


@functools.cache
def live_kinds(notebook: Path) -> frozenset[str]:
    """The kinds of live control (slider, entry box, menu) and of plotly trace the chapter's charts show."""
    charts = all_charts()
    kinds = set()
    for name, _cell in chart_calls(nbformat.read(notebook, as_version=4)):
        interactive = charts[name].interactive()
        kinds |= {f"control {'menu' if isinstance(p, Choice) else p.control}" for p in interactive.params}
        kinds |= {f"trace {trace.get('type', 'scatter')}" for trace in interactive.compute().figure["data"]}
    return frozenset(kinds)


@functools.cache
def chapters_opened_in_jupyterlab() -> tuple[Path, ...]:
    """The fewest chapters (by a greedy choice, the first in order on a tie) whose charts together show every
    kind of live control and trace that any chapter shows."""
    notebooks = chapter_paths()
    kinds = {notebook: live_kinds(notebook) for notebook in notebooks}
    missing, chosen = set().union(*kinds.values()), []
    while missing:
        best = max(notebooks, key=lambda n: len(kinds[n] & missing))
        chosen.append(best)
        missing -= kinds[best]
    return tuple(sorted(chosen))
