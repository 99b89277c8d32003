"""The setup cell at the top of every notebook of the course: it makes the launch paths that do not
install the course (Colab, a JupyterHub) work with no edit by hand.

Binder and a local install already have the course's package, and there the cell does nothing.
Where the package is missing it installs it before anything else runs:

* from the clone the notebook sits in, when there is one (a JupyterHub, which clones the course
  into the student's home with nbgitpuller), as an editable install, so a later pull updates it;
* otherwise from the course's repository and branch named in ``_config.yml`` (Colab, which opens
  the notebook alone); the package then carries the course's files (see ``mgcourse.course``).

``MGCOURSE_SOURCE``, when set, replaces where it installs from (any pip requirement: a folder, a
``git+`` address); the tests use it to install from a local clone with no network.

The cell is tagged ``remove-cell``, so the book's pages do not show it, and the build runs it
like any cell (it finds the package and does nothing). Its text is written from this module:
after a change here or to ``repository`` in ``_config.yml``, run ``python -m mgcourse.setup_cell``
to rewrite it in every notebook; the book build fails on a notebook whose first cell differs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import chapters, course
from .launch_links import github_repository

CELL_ID = chapters.SETUP_CELL_ID
TAGS = ["remove-cell"]
SOURCE_VARIABLE = "MGCOURSE_SOURCE"
_TEMPLATE = """\
# Course setup (not shown in the book). Where the course's package is installed (Binder, a local
# install) this does nothing. Elsewhere (Colab, a JupyterHub) it installs the course first: from
# the clone this notebook is in, if there is one, or else from the course's repository.
import importlib.util, os, pathlib, site, subprocess, sys
if importlib.util.find_spec("mgcourse") is None:
    here = pathlib.Path.cwd().resolve()
    clone = next((p for p in (here, *here.parents) if (p / "src/mgcourse/course.py").is_file()), None)
    source = os.environ.get("{variable}") or (f"--editable={{clone}}" if clone else "{address}")
    new_widgets = importlib.util.find_spec("anywidget") is None and "google.colab" not in sys.modules
    print(f"Installing the course from {{source}}: a minute or two, once per session.")
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", source], capture_output=True, text=True)
    for folder in {{*site.getsitepackages(), site.getusersitepackages()}}:
        site.addsitedir(folder)  # reads the new install's .pth file in this running kernel
    importlib.invalidate_caches()
    if pip.returncode or importlib.util.find_spec("mgcourse") is None:
        raise SystemExit(f"The course could not be installed, so this notebook cannot run.\\n{{pip.stderr[-1500:]}}")
    print("The course is installed." + (" Reload this browser page once, so that JupyterLab loads the "
          "widgets' extensions it now has, then run the notebook again." if new_widgets else ""))"""


def install_address(config_path: Path | None = None) -> str:
    """Where a notebook opened alone installs the course from: ``git+<repository>@<branch>``."""
    owner, name, branch = github_repository(config_path)
    return f"git+https://github.com/{owner}/{name}@{branch}"


def cell_source(config_path: Path | None = None) -> str:
    """The setup cell's code, for the repository and branch of ``_config.yml``."""
    return _TEMPLATE.format(variable=SOURCE_VARIABLE, address=install_address(config_path))


def notebooks(book_dir: Path | None = None) -> list[Path]:
    """Every notebook of the book (each has a launch button, so each gets the cell)."""
    return chapters.notebook_paths(book_dir)


def _cell(source: str) -> dict:
    lines = source.splitlines(keepends=True)
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": CELL_ID,
        "metadata": {"tags": list(TAGS)},
        "outputs": [],
        "source": lines,
    }


def has_current_cell(notebook: dict, source: str) -> bool:
    cells = notebook.get("cells") or []
    if not cells:
        return False
    first = cells[0]
    text = "".join(first.get("source", [])) if isinstance(first.get("source"), list) else first.get("source", "")
    return (
        first.get("cell_type") == "code"
        and text == source
        and first.get("id") == CELL_ID
        and first.get("metadata", {}).get("tags") == TAGS
    )


def stale(book_dir: Path | None = None, config_path: Path | None = None) -> list[Path]:
    """The notebooks whose first cell is not the current setup cell."""
    source = cell_source(config_path)
    return [p for p in notebooks(book_dir) if not has_current_cell(json.loads(p.read_text("utf-8")), source)]


def write(book_dir: Path | None = None, config_path: Path | None = None) -> list[Path]:
    """Put the current setup cell first in every notebook (replacing an older one); returns the
    notebooks changed. Notebooks keep their one-space JSON indentation and final newline."""
    source = cell_source(config_path)
    changed = []
    for path in notebooks(book_dir):
        notebook = json.loads(path.read_text("utf-8"))
        if has_current_cell(notebook, source):
            continue
        cells = notebook.setdefault("cells", [])
        if cells and cells[0].get("id") == CELL_ID:
            cells.pop(0)
        cells.insert(0, _cell(source))
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")
        changed.append(path)
    return changed


if __name__ == "__main__":
    written = write()
    for path in written:
        print(f"setup cell written: {course.shown(path)}")
    print(f"{len(written)} notebook(s) changed, {len(notebooks()) - len(written)} already current")
    sys.exit(0)
