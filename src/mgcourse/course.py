"""Which copy of the course's files the package reads: one rule for every way it is installed.

The package draws everything it shows from the course's own files: the tables in ``data/`` and
their description, the bibliography ``references.bib``, the self-checks in ``book/self-checks/``, the exercises in ``book/exercises/``,
the chapters and the instructor notes in ``book/``, and ``_config.yml``. They live at the top of
the course's repository, which is their one source of truth. The package finds them by this rule;
the first case that applies wins:

1. **The folder named by the environment variable** ``MGCOURSE_ROOT``. The book build sets it to
   the book it is building, so a checkout is always built from its own files, whatever
   environment builds it.
2. **The current folder, or the nearest folder above it, that holds the course**: a notebook
   opened in a clone (Binder, a JupyterHub, a local JupyterLab, a second checkout) reads that
   clone's files, because a notebook's kernel starts in the notebook's own folder.
3. **The copy that came with the package**: a built package (``pip install .``, a wheel, an
   install from the repository's address, as on Colab) carries a copy of those files in
   ``mgcourse/course/``, written when the package is built (see ``setup.py``); an editable
   install reads the checkout it was installed from.

A folder holds the course when its ``data/datapackage.json`` names the course's data package
(:data:`DATA_PACKAGE_NAME`). Whichever copy is read, it is read the same way: a bad row, a missing
file or an unknown citation key fails with file, row, column and reason (``mgcourse.data``).
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

ROOT_VARIABLE = "MGCOURSE_ROOT"
DATA_PACKAGE_NAME = "magnesium-course-data"
PACKAGE_DIR = Path(__file__).resolve().parent
# What a built package carries (setup.py copies these, relative to the repository, into BUNDLED_DIR).
BUNDLED_DIR = PACKAGE_DIR / "course"
BUNDLED_FILES = (
    "data/datapackage.json",
    "data/*.csv",
    "references.bib",
    "_config.yml",
    "book/*.ipynb",
    "book/self-checks/*.yml",
    "book/exercises/*.yml",
    "book/instructor-notes.yml",
    "binder/runtime.txt",
)


class CourseNotFoundError(FileNotFoundError):
    """No copy of the course's files could be found by the rule above."""


def holds_course(folder: Path) -> bool:
    """Whether ``folder`` holds the course's files (its ``data/datapackage.json`` is the course's)."""
    try:
        descriptor = json.loads((folder / "data" / "datapackage.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(descriptor, dict) and descriptor.get("name") == DATA_PACKAGE_NAME


@functools.lru_cache(maxsize=32)
def _resolve(named: str | None, cwd: str) -> tuple[Path, str]:
    if named:
        folder = Path(named).expanduser().resolve()
        if not holds_course(folder):
            raise CourseNotFoundError(
                f"{ROOT_VARIABLE} is set to {folder}, which does not hold the course's files "
                "(no data/datapackage.json of the course there)"
            )
        return folder, f"named by {ROOT_VARIABLE}"
    here = Path(cwd)
    for folder in (here, *here.parents):
        if holds_course(folder):
            return folder, "the course folder the notebook is in"
    if holds_course(BUNDLED_DIR):
        return BUNDLED_DIR, "the copy installed with the course's package"
    checkout = PACKAGE_DIR.parents[1]
    if holds_course(checkout):
        return checkout, "the checkout the course's package was installed from"
    raise CourseNotFoundError(
        "the course's files were not found: open the notebook inside a clone of the course, set "
        f"{ROOT_VARIABLE} to one, or install the course's package from its repository"
    )


def root() -> Path:
    """The folder whose course files are read now (see the module's rule)."""
    return _resolve(os.environ.get(ROOT_VARIABLE) or None, os.getcwd())[0]


def source() -> str:
    """Which copy :func:`root` is and why, in words (for messages and for instructors)."""
    folder, why = _resolve(os.environ.get(ROOT_VARIABLE) or None, os.getcwd())
    return f"{folder} ({why})"


def data_dir() -> Path:
    return root() / "data"


def bibliography() -> Path:
    return root() / "references.bib"


def book_dir() -> Path:
    return root() / "book"


def self_check_dir() -> Path:
    return root() / "book" / "self-checks"


def exercise_dir() -> Path:
    return root() / "book" / "exercises"


def notes_path() -> Path:
    return root() / "book" / "instructor-notes.yml"


def config_path() -> Path:
    return root() / "_config.yml"


def runtime_path() -> Path:
    """The Python version Binder builds (``binder/runtime.txt``)."""
    return root() / "binder" / "runtime.txt"


def shown(path: Path) -> str:
    """A path as messages show it: relative to the course folder when it is inside it."""
    base = root()
    return path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)
