"""Exercises worked on the page: a question whose answer is a number the learner works out from a
chart or the text, typed into a box and checked where it is typed, within a tolerance and in any unit
the answer can be given in, with feedback that explains and the worked solution behind a reveal.

The words of a chapter's exercises are in ``book/exercises/<chapter>.yml``. Each names what it is
given (``given``) and refers, by its id, to a function that computes the answer and every number the
solution quotes from the course's models and data, so that no result is typed in: ``@answer(id)`` in
the chart module of its chapter (``mgcourse/charts/``). Text fields may quote those values as
``{name}`` or ``{name:.1f}``.

:func:`exercise` renders one: in the book, HTML that the page script ``mgcourse-exercise.js`` checks
(its verdicts come from the same messages, written into the HTML, and the same rules as
:func:`check`; the browser tests compare the two); live, ipywidgets that call :func:`check`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import course, mode, parameters
from .content import Rendered
from .templating import render
from .units import UNITS

# What one of each unit a learner may type is worth in the answer's unit, by the answer's unit.
# (Magnesium concentrations in blood, in mmol/L, mg/dL or mEq/L, are added from data/constants.csv.)
UNIT_SCALES: dict[str, dict[str, float]] = {
    "mV": {"mV": 1.0, "V": 1000.0},
    "%": {"%": 1.0, "percent": 1.0},
    "mM": {"mM": 1.0, "mmol/L": 1.0, "µM": 0.001, "uM": 0.001},
    "mg/day": {"mg/day": 1.0, "mg/d": 1.0, "mg": 1.0, "g/day": 1000.0},
    "mg": {"mg": 1.0, "g": 1000.0},
    "g": {"g": 1.0, "mg": 0.001, "kg": 1000.0},
    "µM": {"µM": 1.0, "uM": 1.0, "nM": 0.001, "mM": 1000.0, "mmol/L": 1000.0},
    "times": {"times": 1.0, "×": 1.0, "x": 1.0, "fold": 1.0},
    "a.u.": {"a.u.": 1.0, "au": 1.0, "units": 1.0},
    "to 1": {"to 1": 1.0, ":1": 1.0, ": 1": 1.0},
    "enzymes": {"enzymes": 1.0, "enzyme": 1.0},
}

# A number at the start (a minus sign, a decimal point or comma), then anything: the unit, if any.
NUMBER = r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(.*)$"

REQUIRED = ("id", "prompt", "unit", "tolerance", "explanation", "hint", "solution")

# The feedback, in the learner's words ({typed}: what they typed; {unit}: the unit they gave). The
# page script fills in the same texts, so that the book and JupyterLab say the same.
MESSAGES = {
    "empty": "Type your answer first: a number, in {answer_unit} unless you write another unit after it.",
    "not_number": "“{typed}” does not start with a number. Type a number, then a unit if you like: {units}.",
    "unit": "“{unit}” is not a unit this answer can be given in. Use {units}.",
    "right": "Right. {explanation}",
    "high": "Not quite: that is more than the answer. {hint}",
    "low": "Not quite: that is less than the answer. {hint}",
}


class ExerciseError(ValueError):
    """An exercise file that cannot be used, with the file, the exercise and the reason."""


# ----------------------------------------------------------------------------- answers


# Filled as the chart modules are imported: each chapter's answers sit beside its chart.
ANSWERS: dict[str, Callable[..., dict[str, float]]] = {}


def answer(exercise_id: str):
    """Register the function computing the answer to ``exercise_id`` (and the values its solution
    quotes); used in the chart module of the exercise's chapter."""

    def register(function):
        ANSWERS[exercise_id] = function
        return function

    return register


def answers() -> dict[str, Callable[..., dict[str, float]]]:
    """Every exercise's answer function, by exercise id (the chart modules, which hold them, imported)."""
    from .charts import all_charts

    all_charts()
    return ANSWERS


# ----------------------------------------------------------------------------- the files


@dataclass(frozen=True)
class Exercise:
    """One exercise, its texts filled in with its values; ``answer`` in ``unit``."""

    id: str
    number: int
    prompt: str
    unit: str
    answer: float
    tolerance: float
    decimals: int
    explanation: str
    hint: str
    solution: str
    scales: dict[str, float]

    @property
    def shown_answer(self) -> str:
        """The answer as the guide and the solution show it, e.g. '-32.6 mV'."""
        return f"{self.answer:.{self.decimals}f} {self.unit}"

    def messages(self) -> dict[str, str]:
        """The feedback texts, with what the exercise knows filled in ({typed} and {unit} are left to the check)."""
        return {
            kind: text.replace("{hint}", self.hint) for kind, text in self.page_messages().items() if kind != "hint"
        }

    def page_messages(self) -> dict[str, str]:
        """The feedback texts as the page script gets them: as :meth:`messages`, with the hint, which
        the "high" and "low" texts share, given once under "hint" and left as {hint} in them."""
        units = _listed(list(self.scales))
        filled = {"answer_unit": self.unit, "units": units, "explanation": self.explanation}
        return {**{kind: _fill(text, filled) for kind, text in MESSAGES.items()}, "hint": self.hint}


def _fill(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def unit_scales(unit: str) -> dict[str, float] | None:
    """The units an answer in ``unit`` can be typed in, each with what one of it is worth in ``unit``."""
    if unit in UNITS:
        units = parameters.magnesium_units()
        return {other: units.convert(1.0, other, unit) for other in (unit, *(u for u in UNITS if u != unit))}
    return UNIT_SCALES.get(unit)


def exercise_file(chapter: str, directory: Path | None = None) -> Path:
    return (directory or course.exercise_dir()) / f"{chapter}.yml"


def load_exercises(chapter: str, directory: Path | None = None) -> list[Exercise]:
    """A chapter's exercises, read from its file and checked; each problem names the file, the
    exercise and the reason."""
    path = exercise_file(chapter, directory)
    if not path.exists():
        raise ExerciseError(f"no exercise file {course.shown(path)}")
    try:
        entries = (yaml.safe_load(path.read_text("utf-8")) or {}).get("exercises") or []
    except (yaml.YAMLError, AttributeError) as err:
        raise ExerciseError(f"{course.shown(path)}: not a YAML mapping with 'exercises': {err}") from None
    if not entries:
        raise ExerciseError(f"{course.shown(path)}: no exercises")
    exercises = [_exercise(entry, n, path) for n, entry in enumerate(entries, start=1)]
    ids = [e.id for e in exercises]
    if len(set(ids)) != len(ids):
        raise ExerciseError(f"{course.shown(path)}: two exercises have the same id")
    return exercises


def _exercise(entry: dict, number: int, path: Path) -> Exercise:
    where = f"{course.shown(path)}, exercise {number}"
    if not isinstance(entry, dict):
        raise ExerciseError(f"{where}: not a mapping of {', '.join(REQUIRED)}")
    missing = [key for key in REQUIRED if entry.get(key) in (None, "")]
    if missing:
        raise ExerciseError(f"{where}: missing {', '.join(missing)}")
    where = f"{where} ('{entry['id']}')"
    if entry["id"] not in answers():
        raise ExerciseError(f"{where}, id: no answer is computed for it (@answer in its chapter's chart module)")
    scales = unit_scales(str(entry["unit"]))
    if scales is None:
        known = ", ".join([*UNIT_SCALES, *UNITS])
        raise ExerciseError(f"{where}, unit: '{entry['unit']}' is not one of {known}")
    tolerance = entry["tolerance"]
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance <= 0:
        raise ExerciseError(f"{where}, tolerance: {tolerance!r} is not a positive number")
    given = entry.get("given") or {}
    try:
        values = {**given, **ANSWERS[entry["id"]](**given)}
    except (TypeError, KeyError, ValueError) as err:
        raise ExerciseError(f"{where}, given: {given!r} cannot be used: {err}") from None
    texts = {}
    for key in ("prompt", "explanation", "hint", "solution"):
        try:
            texts[key] = " ".join(str(entry[key]).split()) if key != "solution" else str(entry[key]).strip()
            texts[key] = texts[key].format(**values)
        except (KeyError, ValueError, IndexError) as err:
            raise ExerciseError(f"{where}, {key}: the value {err} is neither given nor computed") from None
    return Exercise(
        id=entry["id"],
        number=number,
        unit=str(entry["unit"]),
        answer=float(values["answer"]),
        tolerance=float(tolerance),
        decimals=int(entry.get("decimals", 1)),
        scales=scales,
        **texts,
    )


def find(exercise_id: str) -> Exercise:
    """The exercise ``exercise_id`` of any chapter."""
    for path in sorted(course.exercise_dir().glob("*.yml")):
        for item in load_exercises(path.stem, path.parent):
            if item.id == exercise_id:
                return item
    raise KeyError(f"no exercise '{exercise_id}' in {course.shown(course.exercise_dir())}")


# ----------------------------------------------------------------------------- checking


@dataclass(frozen=True)
class Verdict:
    kind: str  # one of MESSAGES
    message: str


def check(item: Exercise, typed: str) -> Verdict:
    """What the learner's answer ``typed`` gets: the same verdict as the page script gives."""
    messages = item.messages()
    text = " ".join(typed.replace("\u2212", "-").replace("\u2013", "-").split())
    if not text:
        return Verdict("empty", messages["empty"])
    if "," in text and "." not in text:
        text = text.replace(",", ".", 1)
    match = re.match(NUMBER, text)
    if not match:
        return Verdict("not_number", messages["not_number"].replace("{typed}", typed.strip()))
    value, unit = float(match[1]), match[2].strip() or item.unit
    scale = item.scales.get(unit)
    if scale is None:
        same = [u for u in item.scales if u.lower() == unit.lower()]
        if len(same) != 1:
            return Verdict("unit", messages["unit"].replace("{unit}", unit))
        scale = item.scales[same[0]]
    difference = value * scale - item.answer
    if abs(difference) <= item.tolerance:
        return Verdict("right", messages["right"])
    return Verdict("high" if difference > 0 else "low", messages["high" if difference > 0 else "low"])


# ----------------------------------------------------------------------------- rendering


def static_html(item: Exercise) -> str:
    """The exercise as the book shows it: the answer box, checked by the page script."""
    return render(
        "content/exercise.html",
        item=item,
        scales=json.dumps(item.scales),
        messages=json.dumps(item.page_messages(), ensure_ascii=False),
        pattern=NUMBER,
    )


def exercise(exercise_id: str):
    """Show the exercise ``exercise_id``: its answer box, feedback and worked solution."""
    item = find(exercise_id)
    if mode.in_book():
        return Rendered(None, static_html(item), f"Exercise {item.number}. {item.prompt}")
    return live(item)


def live(item: Exercise):
    """ipywidgets for the exercise: a text box and a button (or Enter), feedback from :func:`check`."""
    import ipywidgets as w

    box = w.Text(
        placeholder=f"a number, in {item.unit}",
        description=f"Your answer ({item.unit})",
        continuous_update=False,
        style={"description_width": "initial"},
    )
    button = w.Button(description="Check", tooltip="Check your answer")
    feedback = w.HTML(render("content/exercise-feedback.html", verdict=None))

    def show(_=None):
        feedback.value = render("content/exercise-feedback.html", verdict=check(item, box.value))

    button.on_click(show)
    box.observe(show, names="value")  # Enter in the box
    prompt = w.HTML(render("content/exercise-prompt.html", item=item))
    solution = w.HTML(render("content/exercise-solution.html", item=item))
    return w.VBox([prompt, w.HBox([box, button]), feedback, solution], _dom_classes=["mgc-exercise"])
