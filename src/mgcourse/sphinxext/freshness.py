"""No stale outputs: what re-runs a notebook, and what rewrites every page.

Every notebook depends on the data files, the self-check and exercise files, the package's modules, the
templates its outputs are written with (``mgcourse/templates/``) and the installed packages'
versions (``environment.py``: a lock file that moves plotly on, or a build restored from an older
cache, re-runs them); when one of them changes, Sphinx reads the notebooks again and, as execution
is in ``force`` mode, runs them again. A notebook that uses ``mgcourse.guide`` (the instructor
guide) also depends on ``book/instructor-notes.yml`` and on what it shows from the chapters
(objectives, rounded word counts, reading times, charts), written to a file in the doctree folder
only when it changes: editing a chapter's prose re-runs that chapter alone. Unchanged notebooks are
not re-read nor re-run. A change to the course's page scripts, styles, Sphinx templates or plotly.js
bundle (``sphinxext/static/``, ``sphinxext/templates/``, ``sphinxext/plotly/``) rewrites every page
without re-running any notebook, so that each page links the new files (Sphinx alone would report
nothing out of date and copy nothing).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from .. import chapters, course, guide
from . import environment, plotlyjs

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def uses_guide(notebook: Path) -> bool:
    """Whether a notebook imports ``mgcourse.guide`` (and so reads the chapters and the notes)."""
    try:
        return chapters.uses_module(chapters.read(notebook), "mgcourse.guide")
    except chapters.ChapterError:
        return False


def dependencies(
    notebook: Path | None = None, guide_inputs: Path | None = None, installed: Path | None = None
) -> list[Path]:
    """Files whose change must re-execute a notebook.

    Every notebook depends on the data, the self-checks, the exercises, the package (its modules and its output
    templates) and ``installed``, the record
    of the installed packages' versions (see :mod:`.environment`). A notebook that uses
    ``mgcourse.guide`` also depends on the instructor notes and on what the guide reads from the
    chapters: ``guide_inputs`` (see :func:`write_guide_inputs`), or else the chapter notebooks
    themselves. The chapters do not depend on the notes.
    """
    data_dir = course.data_dir()
    files = [*data_dir.glob("*.csv"), data_dir / "datapackage.json", course.bibliography()]
    files += course.self_check_dir().glob("*.yml")
    files += course.exercise_dir().glob("*.yml")
    files += [p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts]
    files += [p for p in (PACKAGE_DIR / "templates").rglob("*") if p.is_file()]
    files += [installed] if installed else []
    if notebook is not None and uses_guide(notebook):
        files += [course.notes_path(), course.runtime_path()]  # the guide quotes Binder's Python version
        files += [guide_inputs] if guide_inputs else chapters.chapter_paths()
    return sorted(files)


def write_guide_inputs(path: Path, book_dir: Path | None = None) -> Path:
    """Write what the guide shows from the chapters to ``path``, touching it only when it changed
    (Sphinx compares the file's time with the guide's last reading)."""
    return environment.write_if_changed(path, guide.shown_from_chapters(book_dir))


def assets_digest() -> str:
    """A digest of the course's page scripts, styles, templates and plotly.js (names and contents)."""
    digest = hashlib.sha256()
    folders = (STATIC_DIR, TEMPLATES_DIR, plotlyjs.BUNDLE_DIR)
    for path in sorted(p for folder in folders for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def note_assets(app: Sphinx, config) -> None:
    """``config-inited``: an "html" configuration value, so that when the page assets change Sphinx
    rewrites every page (and copies the static files again) but reads and executes nothing."""
    config.mgcourse_assets_digest = assets_digest()


def write_records(app: Sphinx) -> None:
    """``builder-inited``: what the guide shows from the chapters, and the installed versions."""
    app.mgcourse_guide_inputs = write_guide_inputs(Path(app.doctreedir) / "mgcourse-guide-inputs.json")
    app.mgcourse_installed = environment.write_record(Path(app.doctreedir))


def note_dependencies(app: Sphinx, doctree) -> None:
    """``doctree-read``: each notebook depends on the files above."""
    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix == ".ipynb":
        guide_inputs, installed = (getattr(app, name, None) for name in ("mgcourse_guide_inputs", "mgcourse_installed"))
        for path in dependencies(source, guide_inputs, installed):
            app.env.note_dependency(str(path))
