"""The book's notebooks: which are chapters, and what each one calls. The one module that finds and
reads them (through nbformat, and Python's own parser for their code).

A chapter is ``book/NN-name.ipynb`` (two digits, its place in the course). What a notebook shows is
read from its calls, resolved by name: ``nmda.mg_block.show()`` in a notebook that imports ``nmda``
from :mod:`mgcourse.charts` is the chart :data:`mgcourse.charts.nmda.mg_block`, ``evidence("id")``
an evidence box. A call the reader cannot resolve (a chart that does not exist) raises
:class:`ChapterError` naming the notebook and the call.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from . import course as course_files

CHAPTER_STEM = re.compile(r"(?P<number>\d\d)-[a-z0-9-]+")
# The id of every notebook's first cell, the course's setup cell (see mgcourse.setup_cell).
SETUP_CELL_ID = "course-setup"


class ChapterError(ValueError):
    """A notebook that cannot be read, or that calls something of the course that does not exist."""


def notebook_paths(book_dir: Path | None = None) -> list[Path]:
    """Every notebook of the book (chapters and the pages built from them), sorted by name."""
    return sorted((book_dir or course_files.book_dir()).glob("*.ipynb"))


def chapter_paths(book_dir: Path | None = None) -> list[Path]:
    """The chapter notebooks, in course order."""
    return [p for p in notebook_paths(book_dir) if is_chapter(p)]


def is_chapter(path: Path | str) -> bool:
    """Whether a notebook path, or a page's name (``book/04-nervous-system``), is a chapter's."""
    return CHAPTER_STEM.fullmatch(Path(str(path)).name.removesuffix(".ipynb")) is not None


def chapter_number(path: Path | str) -> int:
    """A chapter's place in the course (``04-nervous-system.ipynb`` -> 4)."""
    match = CHAPTER_STEM.fullmatch(Path(str(path)).name.removesuffix(".ipynb"))
    if match is None:
        raise ChapterError(f"{path}: not a chapter (chapters are named NN-name.ipynb)")
    return int(match["number"])


def read(path: Path):
    """The notebook at ``path`` (nbformat version 4); :class:`ChapterError` if it cannot be read."""
    # Imported here: nbformat's schema validation takes about 2 s to import, and every chapter's kernel
    # imports this module without reading a notebook.
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except (OSError, ValueError) as err:  # nbformat's NotJSONError is a ValueError
        raise ChapterError(f"{course_files.shown(path)}: cannot be read as a notebook: {err}") from None


@dataclass(frozen=True)
class Call:
    """A call of the course's package that a code cell makes at its top level."""

    target: str  # the name called, as written: "evidence", "nmda.mg_block.show", "guide.timing_table"
    args: tuple  # its literal positional arguments (strings, numbers; None for any other expression)
    cell: int  # the cell's index in the notebook


def _literal(node: ast.expr):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def code_cells(notebook) -> list[tuple[int, ast.Module]]:
    """Each code cell's index and parsed code, the setup cell left out."""
    parsed = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or cell.get("id") == SETUP_CELL_ID:
            continue
        try:
            parsed.append((index, ast.parse(cell.source)))
        except SyntaxError as err:
            raise ChapterError(f"cell {index}: not valid Python: {err}") from None
    return parsed


def imports(notebook) -> dict[str, str]:
    """The names the notebook's code imports, each with what it stands for
    (``{"nmda": "mgcourse.charts.nmda", "evidence": "mgcourse.content.evidence"}``)."""
    names = {}
    for _, tree in code_cells(notebook):
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.update({a.asname or a.name: f"{node.module}.{a.name}" for a in node.names})
            elif isinstance(node, ast.Import):
                names.update(
                    {a.asname or a.name.split(".")[0]: a.name if a.asname else a.name.split(".")[0] for a in node.names}
                )
    return names


def calls(notebook) -> list[Call]:
    """Every call the notebook's code cells make at their top level, in order."""
    found = []
    for index, tree in code_cells(notebook):
        for statement in tree.body:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                target = _dotted(statement.value.func)
                if target:
                    found.append(Call(target, tuple(_literal(a) for a in statement.value.args), index))
    return found


def _resolved(notebook, call: Call) -> str:
    """The call's target with its first name replaced by what the notebook imported under it."""
    head, _, rest = call.target.partition(".")
    full = imports(notebook).get(head, head)
    return f"{full}.{rest}" if rest else full


def chart_calls(notebook, where: str = "notebook") -> list[tuple[str, int]]:
    """The charts the notebook shows, in order: each chart's name (``"nmda.mg_block"``) and cell index."""
    from .charts import all_charts

    charts = all_charts()
    shown = []
    for call in calls(notebook):
        full = _resolved(notebook, call)
        if not (full.startswith("mgcourse.charts.") and full.endswith(".show")):
            continue
        name = full.removeprefix("mgcourse.charts.").removesuffix(".show")
        if name not in charts:
            known = ", ".join(charts)
            raise ChapterError(f"{where}, cell {call.cell}: {call.target}() shows no chart of the course ({known})")
        shown.append((name, call.cell))
    return shown


def evidence_ids(notebook) -> list[str]:
    """The claim ids of the evidence boxes the notebook shows, in order."""
    return [
        c.args[0]
        for c in calls(notebook)
        if _resolved(notebook, c) == "mgcourse.content.evidence" and c.args and isinstance(c.args[0], str)
    ]


def exercise_ids(notebook) -> list[str]:
    """The ids of the exercises worked on the page that the notebook shows (``exercise("...")``), in order."""
    return [
        c.args[0]
        for c in calls(notebook)
        if _resolved(notebook, c) == "mgcourse.exercises.exercise" and c.args and isinstance(c.args[0], str)
    ]


# The tags of a code exercise's two cells: the empty one to write in, and the solution after it.
TRY_TAG, SOLUTION_TAG = "mgc-exercise", "mgc-solution"


@dataclass(frozen=True)
class CodeExercise:
    """A code exercise: its task (the Markdown cell before the empty cell, without its heading) and its solution's code."""

    task: str
    solution: str


def code_exercises(notebook, where: str = "notebook") -> list[CodeExercise]:
    """The notebook's code exercises, in order: each a Markdown task, an empty cell tagged
    ``mgc-exercise`` and a solution cell tagged ``mgc-solution`` right after it."""
    found = []
    cells = notebook.cells
    for index, cell in enumerate(cells):
        if TRY_TAG not in cell.get("metadata", {}).get("tags", []):
            continue
        after = cells[index + 1] if index + 1 < len(cells) else None
        before = cells[index - 1] if index else None
        if after is None or SOLUTION_TAG not in after.get("metadata", {}).get("tags", []):
            raise ChapterError(
                f"{where}, cell {index}: a code exercise needs its solution cell (tagged {SOLUTION_TAG}) next"
            )
        if before is None or before.cell_type != "markdown":
            raise ChapterError(f"{where}, cell {index}: a code exercise needs its task in the Markdown cell before it")
        task = "\n".join(line for line in before.source.splitlines() if not line.startswith("#")).strip()
        found.append(CodeExercise(task=task, solution=after.source))
    return found


def uses_module(notebook, module: str) -> bool:
    """Whether the notebook imports ``module`` (``"mgcourse.guide"``) or something from it."""
    return any(full == module or full.startswith(f"{module}.") for full in imports(notebook).values())
