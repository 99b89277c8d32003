"""The static page's model of a chart: what ``mgcourse.js`` draws it from, with no kernel.

A chart's static controls are its parameters with ``steps`` (a slider), ``static=True`` (a menu) or
``units`` (a box where a value is typed, in the unit a menu beside it names): see
:mod:`mgcourse.chartkit`. :func:`static_model` computes the chart's view for the states of those
controls and stores each part of it (a trace's attribute, a layout key, a reading paragraph, the text
alternative, a number of ``View.numbers``) once for each combination of the controls it depends on,
found by comparing the states computed. Three rules keep the states few:

* **Steps multiply**: every combination of the sliders' and menus' steps is computed, up to
  :data:`MAX_STATIC_STATES`.
* **Additive controls add up** (``Interactive(additive=...)``): each is computed on its own, the
  others at their first step. A part that one of them changes alone is stored for that control; a
  part that several change (a waterfall's bars, a total in the reading) must be a number or a list of
  numbers: it is stored as one term for the other controls together and one for each additive
  control, which the page adds up. The states are then the product of the other controls' steps
  plus the sum of the additive controls' steps.
* **Typed values change the chart at a few values only**: where a limit is crossed. Those values are
  found in the base unit by scanning the control's range and bisecting each change to the last bit
  (:func:`_cuts`), and the chart is computed once for each piece between two of them. What follows
  the value continuously (a marker's place, the value in every unit in the reading) must be a number
  of ``View.numbers``, placed in the figure with :class:`Slot` and in the text with a field
  ``{name:.2f}``: a number that is the typed value in one of its units is stored as that, and the
  page computes it from what was typed, with the same arithmetic as Python.

:func:`assemble` is what the page does, in Python: the build checks a sample of states against the
view (:func:`_check_sample`), and the tests check more.
"""

from __future__ import annotations

import bisect
import copy
import hashlib
import itertools
import json
import math
import pickle
import random
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import data

MAX_STATIC_STATES = 5000
# A typed value's range is scanned at this many points, so a piece narrower than its 1/100 may be missed.
SCAN_POINTS = 100
MAX_CUTS = 40
# Where in its piece the value a piece is computed at lies: an irrational share, so that no value of the
# data (a limit drawn as a line) falls on it by chance and is taken for the typed value.
INSIDE = (3 - math.sqrt(5)) / 2
CHECKED_STATES = 24
SIGNIFICANT_DIGITS = 6  # of the figure's numbers stored for the page (View.numbers are stored whole)
TERM_DIGITS = 12  # of an additive control's change in a number of View.numbers, at the scale of the largest


@dataclass(frozen=True)
class Slot:
    """The place in a figure of a number of ``View.numbers``: the page computes the number there."""

    name: str


# A number in a reading or the text alternative: "{name:.2f}", formatted as Python formats it.
NUMBER_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*):\.([0-9])f\}")


def fill_text(template: str, numbers: dict[str, float]) -> str:
    return NUMBER_FIELD.sub(lambda field: format(numbers[field[1]], f".{field[2]}f"), template)


def fill_figure(value: Any, numbers: dict[str, float]) -> Any:
    """A copy of a figure (part) with each :class:`Slot` replaced by its number (``KeyError`` for a
    number ``numbers`` lacks)."""
    kind = type(value)
    if kind is dict:
        return {k: fill_figure(v, numbers) if type(v) in _NESTED else v for k, v in value.items()}
    if kind is list or kind is tuple:
        if not any(type(v) in _NESTED for v in value):
            return value
        return kind(fill_figure(v, numbers) if type(v) in _NESTED else v for v in value)
    if kind is Slot:
        return numbers[value.name]
    return value


_NESTED = (dict, list, tuple, Slot)


# ---------------------------------------------------------------- the parts of a view


def _plain(obj, digits: int | None = SIGNIFICANT_DIGITS):
    """JSON-ready copy of a figure part: numpy arrays to lists, a Slot to its reference, floats rounded
    to ``digits`` significant digits (kept whole for None), and not-a-number to null."""
    kind = type(obj)
    if kind is str or kind is int or kind is bool or obj is None:
        return obj
    if kind is float or isinstance(obj, np.floating):
        value = float(obj)
        if not math.isfinite(value):
            return None
        return float(f"{value:.{digits}g}") if digits else value
    if kind is dict:
        return {k: _plain(v, digits) for k, v in obj.items()}
    if kind is list or kind is tuple:
        return [_plain(v, digits) for v in obj]
    if kind is Slot:
        return {"mgcNumber": obj.name}
    if isinstance(obj, np.ndarray):
        return [_plain(v, digits) for v in obj.tolist()]
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


def leaves(view) -> dict[tuple, Any]:
    """The parts of a view, by path, as plain values with their numbers whole: a trace's attribute
    ("data", i, key), a layout key ("layout", key), a reading paragraph ("reading", i), the text
    alternative ("alt",) and each number ("number", name). A view with numbers gives its templates."""
    figure, reading, alt = view.template or (view.figure, view.reading, view.alt)
    parts: dict[tuple, Any] = {}
    for i, trace in enumerate(figure.get("data", [])):
        for key, value in trace.items():
            parts[("data", i, key)] = _plain(value, None)
    for key, value in figure.get("layout", {}).items():
        parts[("layout", key)] = _plain(value, None)
    for i, paragraph in enumerate(reading):
        parts[("reading", i)] = paragraph
    parts[("alt",)] = alt
    for name, number in view.numbers.items():
        parts[("number", name)] = _plain(number, None)
    return parts


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"))
# A view's words and shapes (its numbers left out), to see where a typed value changes them.
_SIGNATURE = json.JSONEncoder(sort_keys=True, default=lambda v: v.tolist() if hasattr(v, "tolist") else repr(v))


def _key(value: Any) -> str:
    return _ENCODER.encode(value)


# ---------------------------------------------------------------- the static controls


@dataclass
class _Axis:
    """A static control: which parameter, its kind ("range", "menu" or "typed") and what each of its
    states stands for (a step or an option; for a typed value, the base value its piece is computed at)."""

    number: int
    param: Any
    kind: str
    values: list
    cuts: tuple[float, ...] = ()


def _axes(interactive) -> list[_Axis]:
    axes = []
    for p in (p for p in interactive.params if p.static):
        kind = p.static_kind
        values = [] if kind == "typed" else [p.parse(v) for v in p.static_values()]
        axes.append(_Axis(len(axes), p, kind, values))
    return axes


def _defaults(interactive) -> dict[str, Any]:
    return {p.name: p.parse(p.default) for p in interactive.params}


def _settings(interactive, axes: list[_Axis], indices) -> tuple[dict[str, Any], dict[int, float]]:
    """What the view is given for a state of the controls, and the base value of each typed one (as the
    page reads it from the value typed: value / units per base unit)."""
    values = _defaults(interactive)
    for axis, i in zip(axes, indices):
        if axis.kind != "typed":
            values[axis.param.name] = axis.values[i]
    bases = {}
    for axis, i in zip(axes, indices):
        if axis.kind == "typed":
            per = axis.param.units.per_unit[values[axis.param.units.unit_param]]
            values[axis.param.name] = axis.values[i] * per
            bases[axis.number] = values[axis.param.name] / per
    return values, bases


def _with_references(parts: dict[tuple, Any], axes: list[_Axis], bases: dict[int, float]) -> dict[tuple, Any]:
    """Each number that is a typed value in one of its units, as a reference the page computes."""
    for path, value in parts.items():
        if path[0] != "number" or not isinstance(value, float):
            continue
        for number, base in bases.items():
            per = next((p for p in axes[number].param.units.per_unit.values() if value == base * p), None)
            if per is not None:
                parts[path] = {"mgcTyped": number, "per": per}
                break
    return parts


def _evaluate(interactive, axes: list[_Axis], indices) -> dict[tuple, Any]:
    values, bases = _settings(interactive, axes, indices)
    return _with_references(leaves(interactive.view(**values)), axes, bases)


# ---------------------------------------------------------------- typed values: where the chart changes


def _cuts(interactive, axes: list[_Axis], typed: _Axis) -> tuple[float, ...]:
    """The base values where the chart's words or shapes change, each the first value of its new piece,
    for any state of the other sliders and menus (the typed value read in the base unit)."""
    units = typed.param.units
    others = [a for a in axes if a.kind != "typed" and a.param.name != units.unit_param]
    grid = [units.low + (units.high - units.low) * k / SCAN_POINTS for k in range(SCAN_POINTS + 1)]
    cuts: set[float] = set()
    for state in itertools.product(*(range(len(a.values)) for a in others)):
        values = dict(_defaults(interactive), **{a.param.name: a.values[i] for a, i in zip(others, state)})
        values[units.unit_param] = units.base_unit
        seen: dict[float, str] = {}

        def signature(base: float, values=values, seen=seen) -> str:
            if base not in seen:
                view = interactive.view(**dict(values, **{typed.param.name: base}))
                seen[base] = _SIGNATURE.encode(view.template or (view.figure, view.reading, view.alt))
            return seen[base]

        for low, high in zip(grid, grid[1:]):
            cuts |= _changes(signature, low, high, cuts)
        if len(cuts) > MAX_CUTS:
            raise ValueError(
                f"interactive '{interactive.name}': its chart changes at more than {MAX_CUTS} values of "
                f"'{typed.param.name}'; what follows the value continuously belongs in View.numbers"
            )
    return tuple(sorted(cuts))


def _changes(signature, low: float, high: float, known: set[float]) -> set[float]:
    """The values in (low, high] where ``signature`` changes (a change that comes back within the
    interval is not seen). A change already known elsewhere is checked at its two sides only."""
    if signature(low) == signature(high):
        return set()
    for cut in sorted(c for c in known if low < c <= high):
        if signature(math.nextafter(cut, -math.inf)) == signature(low) and signature(cut) == signature(high):
            return {cut}
    below, above = low, high  # signature(below) is low's, signature(above) is not
    while True:
        middle = below + (above - below) / 2
        if not below < middle < above:
            break
        if signature(middle) == signature(low):
            below = middle
        else:
            above = middle
    return {above} | _changes(signature, above, high, known)


def _piece_values(units, cuts: tuple[float, ...]) -> list[float]:
    """A base value inside each piece between the cuts, where the piece is computed."""
    bounds = [units.low, *cuts, units.high]
    return [start + (end - start) * INSIDE for start, end in zip(bounds, bounds[1:])]


def typed_spec(axis: _Axis, axes: list[_Axis]) -> dict:
    """What the page needs to read a typed value: its unit menu, units, cuts, range and messages."""
    p, units = axis.param, axis.param.units
    unit_axis = next(a for a in axes if a.param.name == units.unit_param)
    unit_names = [str(u) for u in unit_axis.values]
    return {
        "axis": axis.number,
        "unit_axis": unit_axis.number,
        "per_unit": [units.per_unit[u] for u in unit_names],
        "cuts": list(axis.cuts),
        "minimum": p.minimum,
        "maximum": p.maximum,
        "low": [units.bounds(u)[0] for u in unit_names],
        "high": [units.bounds(u)[1] for u in unit_names],
        "messages": {
            **p.page_messages(),
            "outside_unit": [units.outside_message(p.label, "{value}", u) for u in unit_names],
        },
    }


# ---------------------------------------------------------------- the model


def _store(column: list[Any], shape: list[int], numbers: list[int], stored=None) -> dict:
    """A part's values over the states of the axes ``numbers`` (of sizes ``shape``, states in
    row-major order), each as ``stored`` gives it: each distinct value once, and which applies for
    each combination of the axes it depends on."""
    stored = stored or _whole
    uniques: dict[str, int] = {}
    values: list[Any] = []
    ids: list[int] = []
    previous = None
    for value in column:
        # Most parts hold the same value in state after state: the same as the last needs no key.
        # (Not a number of View.numbers: 0.0 == -0.0, which Python writes "-0".)
        if ids and stored is not _whole and value == previous:
            ids.append(ids[-1])
            continue
        previous = value
        value = stored(value)
        key = _key(value)
        if key not in uniques:
            uniques[key] = len(uniques)
            values.append(value)
        ids.append(uniques[key])
    grid = np.array(ids).reshape(shape or [1])
    deps = [a for a in range(len(shape)) if np.any(grid != np.take(grid, [0], axis=a))]
    reduced = grid[tuple(slice(None) if a in deps else 0 for a in range(len(shape)))] if shape else grid
    return {"deps": [numbers[a] for a in deps], "values": values, "index": np.asarray(reduced).ravel().tolist()}


def _whole(value: Any) -> Any:
    return value


def _storing(path: tuple):
    """How a part's values are stored: View.numbers whole, the figure's numbers rounded."""
    return _whole if path[0] == "number" else _plain


def _is_numeric(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _minus(value: Any, base: Any) -> Any:
    if isinstance(value, list):
        if not isinstance(base, list) or len(base) != len(value):
            raise ValueError("its length changes")
        return [v - b for v, b in zip(value, base)]
    return value - base


# Models already made in this process, by a digest of everything that makes them, the data files the
# view reads included (the tests and a book build ask for the same chart's model more than once; a
# test that points the course at other data must not be given the model of the first).
_MADE: dict[str, dict] = {}


def static_model(interactive) -> dict:
    """Every state of the static controls, stored part by part (see the module docstring)."""
    try:
        made = hashlib.sha256(
            pickle.dumps((interactive.name, interactive.params, interactive.view, interactive.additive, data.stamp()))
        )
    except (pickle.PicklingError, TypeError, AttributeError):
        return _model(interactive)  # a view that cannot be pickled (a lambda) is computed each time
    key = made.hexdigest()
    if key not in _MADE:
        _MADE[key] = _model(interactive)
    return copy.deepcopy(_MADE[key])


def _model(interactive) -> dict:
    axes = _axes(interactive)
    additive = [a for a in axes if a.param.name in interactive.additive]
    for axis in axes:
        if axis.kind == "typed":
            axis.cuts = _cuts(interactive, axes, axis)
            axis.values = _piece_values(axis.param.units, axis.cuts)
    joint = [a for a in axes if a not in additive]
    sizes = [len(a.values) for a in axes]
    total = math.prod(len(a.values) for a in joint) + sum(len(a.values) for a in additive)
    if total > MAX_STATIC_STATES:
        raise ValueError(
            f"interactive '{interactive.name}' has {total} static states (more than {MAX_STATIC_STATES}); "
            "use fewer steps, or make controls whose effects add up additive"
        )

    def state(at: dict[int, int]) -> list[int]:
        """The indices of every control: those ``at`` gives (by axis), the others at their first step."""
        return [at.get(a.number, 0) for a in axes]

    joint_states = [
        _evaluate(interactive, axes, state({a.number: i for a, i in zip(joint, combo)}))
        for combo in itertools.product(*(range(len(a.values)) for a in joint))
    ]
    alone = {
        a.number: [_evaluate(interactive, axes, state({a.number: i})) for i in range(len(a.values))] for a in additive
    }
    if any(set(s) != set(joint_states[0]) for s in [*joint_states, *(s for c in alone.values() for s in c)]):
        raise ValueError(
            f"interactive '{interactive.name}': the view gave different figure parts for different settings; "
            "keep the number of traces, layout keys, reading paragraphs and numbers constant"
        )
    joint_shape, joint_numbers = [len(a.values) for a in joint], [a.number for a in joint]
    parts = []
    for path in joint_states[0]:
        column = [s[path] for s in joint_states]
        moved = {n: [s[path] for s in c] for n, c in alone.items()}
        moved = {n: c for n, c in moved.items() if len(_store(c, [len(c)], [n], _storing(path))["values"]) > 1}
        if not moved:
            parts.append({"path": list(path), **_store(column, joint_shape, joint_numbers, _storing(path))})
        elif len(moved) == 1 and not _store(column, joint_shape, joint_numbers, _storing(path))["deps"]:
            (number, own), *_ = moved.items()
            parts.append({"path": list(path), **_store(own, [len(own)], [number], _storing(path))})
        else:
            parts.append({"path": list(path), "terms": _terms(interactive, path, column, moved, axes)})
    model = {
        "sizes": sizes,
        "parts": parts,
        "labels": [a.param.static_labels() if a.kind != "typed" else [] for a in axes],
    }
    typed = [typed_spec(a, axes) for a in axes if a.kind == "typed"]
    if typed:
        model["typed"] = typed
    _check_sample(interactive, axes, model)
    return model


def _terms(interactive, path: tuple, column: list, moved: dict[int, list], axes: list[_Axis]) -> list[dict]:
    """A part that several additive controls change: a term for the other controls together, then one
    for each additive control (its change from its first step), which the page adds up."""
    values = [*column, *(v for own in moved.values() for v in own)]
    if not all(_is_numeric(v) for v in values):
        raise ValueError(
            f"interactive '{interactive.name}': {list(path)} changes with more than one additive control "
            f"({', '.join(axes[n].param.name for n in moved)}) and is not a number or a list of numbers; "
            "put the numbers it shows in View.numbers"
        )
    changes = {}
    for number, own in moved.items():
        try:
            changes[number] = [_minus(v, own[0]) for v in own]
        except ValueError as problem:
            raise ValueError(f"interactive '{interactive.name}': {list(path)}: {problem}") from None
    largest = max((abs(x) for v in values for x in (v if isinstance(v, list) else [v])), default=0) or 1
    digits = TERM_DIGITS if path[0] == "number" else SIGNIFICANT_DIGITS
    places = digits - 1 - math.floor(math.log10(largest))

    def rounded(value):
        return [round(x, places) for x in value] if isinstance(value, list) else round(value, places)

    joint = [a for a in axes if a.param.name not in interactive.additive]
    # The first term is stored as computed (a number of View.numbers whole); a control's change from
    # its first step is rounded, which also clears the noise of the subtraction that found it, so that
    # the page adds up what Python adds up.
    terms = [_store(column, [len(a.values) for a in joint], [a.number for a in joint], _storing(path))]
    for number, own in changes.items():
        terms.append(_store(own, [len(own)], [number], rounded))
    return terms


# ---------------------------------------------------------------- what the page does, in Python


def _pick(part: dict, sizes: list[int], indices: list[int]) -> Any:
    key = 0
    for axis in part["deps"]:
        key = key * sizes[axis] + indices[axis]
    return part["values"][part["index"][key]]


def stored_values(part: dict) -> list:
    """Every value a part of a model holds (its terms' values, for a part stored as terms)."""
    return [value for piece in part.get("terms", [part]) for value in piece["values"]]


def _add(a: Any, b: Any) -> Any:
    return [x + y for x, y in zip(a, b)] if isinstance(a, list) else a + b


def part_value(part: dict, sizes: list[int], indices: list[int]) -> Any:
    if "terms" in part:
        total = _pick(part["terms"][0], sizes, indices)
        for term in part["terms"][1:]:
            total = _add(total, _pick(term, sizes, indices))
        return total
    return _pick(part, sizes, indices)


def _resolve(value: Any, numbers: dict[str, float], bases: dict[int, float]) -> Any:
    if isinstance(value, dict):
        if "mgcNumber" in value:
            return numbers[value["mgcNumber"]]
        if "mgcTyped" in value:
            return bases[value["mgcTyped"]] * value["per"]
        return {k: _resolve(v, numbers, bases) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, numbers, bases) for v in value]
    return value


def piece(cuts: list[float], base: float) -> int:
    """The piece of a typed value: how many cuts are at or below it."""
    return bisect.bisect_right(cuts, base)


def assemble(model: dict, indices: list[int], bases: dict[int, float] | None = None) -> dict[tuple, Any]:
    """What ``mgcourse.js`` draws for a state: each part by its path, numbers computed, the reading and
    the text alternative filled in. ``bases``: each typed control's base value, by axis."""
    bases = bases or {}
    raw = {tuple(part["path"]): part_value(part, model["sizes"], indices) for part in model["parts"]}
    numbers = {path[1]: _resolve(v, {}, bases) for path, v in raw.items() if path[0] == "number"}
    shown = {}
    for path, value in raw.items():
        if path[0] == "number":
            shown[path] = numbers[path[1]]
        elif path[0] in ("reading", "alt"):
            shown[path] = fill_text(value, numbers)
        else:
            shown[path] = _resolve(value, numbers, bases)
    return shown


def expected_parts(view) -> dict[tuple, Any]:
    """What the page must show for a view: its parts filled in, the figure's numbers as stored."""
    figure_leaves = leaves(view)
    numbers = {path[1]: v for path, v in figure_leaves.items() if path[0] == "number"}
    shown = {}
    for path, value in figure_leaves.items():
        if path[0] in ("reading", "alt"):
            shown[path] = fill_text(value, numbers)
        elif path[0] == "number":
            shown[path] = value
        else:
            shown[path] = _plain(_resolve(value, numbers, {}))
    return shown


def state_of(model: dict, axes_params: list, values: dict[str, Any]) -> tuple[list[int], dict[int, float]]:
    """The page's state (indices and typed bases) for settings of the static controls, as the page
    reads its controls: a step or an option by its index, a typed value by its piece."""
    indices, bases = [], {}
    typed = {spec["axis"]: spec for spec in model.get("typed", [])}
    for number, p in enumerate(axes_params):
        if number in typed:
            indices.append(0)
        else:
            indices.append([p.parse(v) for v in p.static_values()].index(values[p.name]))
    for number, spec in typed.items():
        base = values[axes_params[number].name] / spec["per_unit"][indices[spec["unit_axis"]]]
        bases[number] = base
        indices[number] = piece(spec["cuts"], base)
    return indices, bases


def differences(shown: dict[tuple, Any], expected: dict[tuple, Any]) -> list[tuple]:
    """The parts where the page's state differs from the view's: words exactly; numbers to a
    ten-thousandth of the largest in their list (the figure's are stored to six digits, and the page
    adds terms up)."""
    return [path for path in expected if not _close(shown.get(path), expected[path])]


def _close(a: Any, b: Any, tolerance: float = 0.0) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        scale = max((abs(x) for x in b if _is_numeric(x)), default=0.0)
        return len(a) == len(b) and all(_close(x, y, 1e-4 * scale) for x, y in zip(a, b))
    if _is_numeric(a) and _is_numeric(b):
        return abs(a - b) <= max(tolerance, 1e-5 * abs(b), 1e-12)
    return a == b


def _check_sample(interactive, axes: list[_Axis], model: dict) -> None:
    """Compare the page's state with the view at a sample of settings (every control at its last step,
    then at its first, among them): a build whose model would draw something else fails here."""
    chance = random.Random(interactive.name)
    params = [a.param for a in axes]
    for n in range(CHECKED_STATES):
        values = _defaults(interactive)
        for axis in axes:
            if axis.kind != "typed":
                at = {0: -1, 1: 0}.get(n, chance.randrange(len(axis.values)))
                values[axis.param.name] = axis.values[at]
        for axis in axes:
            if axis.kind == "typed":
                units = axis.param.units
                low, high = units.bounds(values[units.unit_param])
                values[axis.param.name] = {0: high, 1: low}.get(n, chance.uniform(low, high))
        indices, bases = state_of(model, params, values)
        expected = expected_parts(interactive.view(**values))
        wrong = differences(assemble(model, indices, bases), expected)
        if wrong:
            raise ValueError(
                f"interactive '{interactive.name}': the static page would draw {[list(w) for w in wrong]} "
                f"wrongly for {values}; see mgcourse.staticmodel for what a chart must keep to"
            )
