"""What Binder reads: runtime.txt and requirements.txt give JupyterLab live widgets and plotly."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_runtime_and_pinned_requirements():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    pins = dict(line.split("==") for line in lines if "==" in line)
    for needed in ("jupyter-book", "plotly", "ipywidgets", "jupyterlab_widgets", "anywidget", "ipykernel"):
        assert needed in pins, needed
    assert pins["jupyter-book"].startswith("1.")
    assert "-e ." in lines  # notebooks import the course's package without path tricks
    assert all("==" in line or line == "-e ." for line in lines if line)


def test_jupyterlab_has_the_widget_and_figure_extensions():
    listed = subprocess.run([sys.executable, "-m", "jupyter", "labextension", "list"], capture_output=True, text=True)
    text = listed.stdout + listed.stderr
    for extension in ("@jupyter-widgets/jupyterlab-manager", "anywidget", "jupyterlab-plotly"):
        assert re.search(rf"{re.escape(extension)} v[\d.]+ .*enabled", text), extension


def test_launch_buttons_open_chapters_in_jupyterlab_on_binder():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["notebook_interface"] == "jupyterlab"
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    chapters = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    for chapter in chapters:
        assert (ROOT / f"{chapter}.ipynb").exists() or (ROOT / f"{chapter}.md").exists(), chapter
