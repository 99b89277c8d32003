"""Strictness: the build fails loudly on each mistake an author can make.

Bad data (a row, a missing file, a self-check or the instructor notes) fails before any notebook
runs, and so does a notebook without the course's setup cell; a notebook error fails the build
(``nb_execution_raise_on_error``); a page that still shows a Jupyter widget (a dead control in a
static page) is a warning; and any warning (a broken reference, a missing citation key, ...) fails
the build at the end, with each warning repeated.
"""

from __future__ import annotations

import logging as std_logging
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError, SphinxError
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning

from .. import content, course, exercises, guide, setup_cell
from ..data import DataError, load_all
from . import private_api

logger = logging.getLogger(__name__)


class StrictBuildError(SphinxError):
    category = "Course build check failed"


def check_book(app: Sphinx) -> None:
    """The folder being built holds the course's files."""
    if not course.holds_course(Path(app.srcdir)):
        raise ConfigError(f"{app.srcdir} does not hold the course's files (data/datapackage.json of the course)")


def check_config(app: Sphinx, config) -> None:
    """Notebook execution settings without which a mistake would pass unnoticed."""
    if config.nb_execution_mode != "force":
        raise ConfigError("execute_notebooks must be 'force' so that a data or package change re-runs the notebooks")
    if not config.nb_execution_raise_on_error:
        raise ConfigError("nb_execution_raise_on_error must be true so that a notebook error fails the build")


def check_course_data(data_dir: Path | None = None, self_check_dir: Path | None = None) -> None:
    """Load every data table, every self-check and exercise file and the instructor notes; the first problem raises
    :class:`StrictBuildError`."""
    try:
        load_all(data_dir)
        for quiz in (self_check_dir or course.self_check_dir()).glob("*.yml"):
            content.load_self_check(quiz.stem, quiz.parent)
        for path in course.exercise_dir().glob("*.yml"):
            exercises.load_exercises(path.stem, path.parent)
        guide.load_notes()
    except (DataError, ValueError, KeyError) as err:
        raise StrictBuildError(f"bad course data: {err}") from None


def check_setup_cells() -> None:
    """Every notebook starts with the current setup cell (``mgcourse.setup_cell``)."""
    missing = setup_cell.stale()
    if missing:
        names = ", ".join(course.shown(p) for p in missing)
        raise StrictBuildError(
            f"{names}: the first cell is not the course's setup cell (which Colab and a JupyterHub need); "
            "run `python -m mgcourse.setup_cell` to write it"
        )


def check_sources(app: Sphinx) -> None:
    """``builder-inited``: the course's files and notebooks, before anything runs."""
    check_course_data()
    check_setup_cells()


def check_page(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """``html-page-context``: a page that shows a Jupyter widget would show a dead control."""
    body = context.get("body", "")
    if "application/vnd.jupyter.widget-view+json" in body or "jupyter-widgets" in body:
        logger.warning("page %s shows a Jupyter widget, which is dead in the static book", pagename)


class WarningRecorder(std_logging.Handler):
    """Keeps the text of each warning the build counts, to repeat them when the build fails."""

    def __init__(self, app: Sphinx):
        super().__init__(level=std_logging.WARNING)
        self.app, self.messages = app, []

    def emit(self, record):
        suppressed = getattr(self.app.config, "suppress_warnings", ())
        if not is_suppressed_warning(getattr(record, "type", ""), getattr(record, "subtype", ""), suppressed):
            location = getattr(record, "location", None)
            self.messages.append(f"{location}: {record.getMessage()}" if location else record.getMessage())


def record_warnings(app: Sphinx) -> None:
    app.mgcourse_warnings = WarningRecorder(app)
    std_logging.getLogger("sphinx").addHandler(app.mgcourse_warnings)


def fail_on_warnings(app: Sphinx) -> None:
    """Raise :class:`StrictBuildError` listing every warning the build logged, if any."""
    count = private_api.warning_count(app)
    if count:
        recorder = getattr(app, "mgcourse_warnings", None)
        listed = "\n".join(f"  - {m}" for m in dict.fromkeys(recorder.messages)) if recorder else ""
        raise StrictBuildError(f"{count} warning(s); the course builds without warnings:\n{listed}")
