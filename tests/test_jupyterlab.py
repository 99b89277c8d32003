"""Each chapter opened in JupyterLab in the environment Binder builds (replayed from repo2docker's plan,
see repo2docker_replay.py), run top to bottom in chromium: no error, every interactive's widgets
rendered, and moving a live control redraws its figure in place (the widget comms are open)."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import jupyter_app
from test_notebooks import CHAPTERS, interactive_calls

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
TOKEN = "course-tests"
PLOT_DATA = "p => JSON.stringify(p._fullData.map(t => [Array.from(t.x || []), Array.from(t.y || []), Array.from(t.values || [])]))"


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, binder_image):
    # Render every cell (JupyterLab otherwise draws only the cells in view), so all charts can be checked.
    settings = tmp_path_factory.mktemp("lab-settings")
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}')
    env = dict(binder_image.env, JUPYTERLAB_SETTINGS_DIR=str(settings))
    with jupyter_app("lab", TOKEN, env=env, python=binder_image.python, root=binder_image.repo_dir) as url:
        yield url


def wait_for_idle_kernel(url: str, notebook_name: str, timeout: float = 180) -> None:
    """Wait until the server reports the notebook's kernel started and idle."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{url}/api/sessions?token={TOKEN}", timeout=5) as response:
            sessions = json.load(response)
        states = [s["kernel"]["execution_state"] for s in sessions if s["path"].endswith(notebook_name)]
        if "idle" in states:
            return
        time.sleep(0.5)
    pytest.fail(f"no idle kernel for {notebook_name} after {timeout:.0f} s")


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_chapter_runs_live_in_jupyterlab(jupyterlab, browser, notebook):
    expected = len(interactive_calls(nbformat.read(notebook, as_version=4)))
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{jupyterlab}/lab/tree/book/{notebook.name}?token={TOKEN}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=60000)
        wait_for_idle_kernel(jupyterlab, notebook.name)  # a busy machine can take a while to start one
        page.keyboard.press("Escape")
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_text("Run All Cells", exact=True).click()
        page.wait_for_function(
            f"() => document.querySelectorAll('.jp-Notebook .js-plotly-plot').length >= {expected}", timeout=240000
        )
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-Notebook .jp-InputPrompt')].every(p => !p.textContent.includes('*'))",
            timeout=240000,
        )
        errors = page.locator(".jp-Notebook [data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
        assert not [e for e in errors if "Error" in e or "Traceback" in e], errors
        plots = page.locator(".jp-Notebook .js-plotly-plot")
        assert plots.count() == expected
        # Move the first live control of the first interactive and watch its figure change in place.
        # Wait for the control to be drawn: on a loaded machine widgets render well after the plots.
        # Visible ones only: on a loaded machine JupyterLab can still hold a hidden view of an output.
        box = page.locator(".jp-Notebook .widget-vbox:has(.js-plotly-plot)").filter(visible=True).first
        plot = box.locator(".js-plotly-plot").first
        control = (
            box.locator(".widget-slider .noUi-handle, .widget-slider [role='slider'], .widget-dropdown select")
            .filter(visible=True)
            .first
        )
        control.wait_for(state="visible", timeout=90000)
        before = plot.evaluate(PLOT_DATA)
        control.scroll_into_view_if_needed()
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(index=1)
        else:
            control.focus()
            for _ in range(3):
                page.keyboard.press("ArrowLeft")
        page.wait_for_function(
            f"([p, b]) => ({PLOT_DATA})(p) !== b", arg=[plot.element_handle(), before], timeout=90000
        )
    finally:
        page.close()
