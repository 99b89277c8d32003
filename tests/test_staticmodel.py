"""The static model's rules on small charts made for the test: additive controls' terms add up to
every combination, a sentence that two of them change must name its numbers, and a typed value's
chart changes exactly where the view's does, in every unit."""

from __future__ import annotations

import itertools
import math

import pytest

from mgcourse import staticmodel
from mgcourse.chartkit import Choice, Interactive, Number, Slot, Units, View

# Stand-ins for data: what the small charts below are built from (no course data is involved).
STEPS = (0.0, 1.5, 4.0)
LIMIT = 0.5
TAKES = (0.1, 2.0)
PER_UNIT = {"m": 1.0, "cm": 100.0, "ft": 1 / 0.3048}


def _sum_view(a: float, b: float, c: float) -> View:
    total = a + b + c
    return View.with_numbers(
        figure={"data": [{"type": "bar", "x": [a, b, c, total], "y": ["a", "b", "c", "total"]}], "layout": {}},
        reading=("The total is {total:.1f}.", "Of it, a gives {a:.2f}."),
        alt="Four bars: a, b, c and their total.",
        numbers={"total": total, "a": a},
    )


def _summing(view=_sum_view) -> Interactive:
    return Interactive(
        name="sum",
        title="Sum",
        caption="",
        params=tuple(Number(name, name, 0, 0, 4, steps=STEPS) for name in "abc"),
        view=view,
        additive=("b", "c"),
    )


def test_additive_controls_add_up_to_every_combination():
    interactive = _summing()
    model = staticmodel.static_model(interactive)
    terms = {tuple(p["path"]): p for p in model["parts"] if "terms" in p}
    assert set(terms) == {("data", 0, "x"), ("number", "total")}
    checked = 0
    for a, b, c in itertools.product(STEPS, repeat=3):
        values = {"a": a, "b": b, "c": c}
        indices, bases = staticmodel.state_of(model, list(interactive.params), values)
        shown = staticmodel.assemble(model, indices, bases)
        assert not staticmodel.differences(shown, staticmodel.expected_parts(interactive.view(**values))), values
        checked += 1
    assert checked == len(STEPS) ** 3


def test_a_sentence_two_additive_controls_change_must_name_its_numbers():
    def words_view(a: float, b: float, c: float) -> View:
        return View(figure={"data": [], "layout": {}}, reading=(f"The total is {a + b + c:g}.",), alt="Nothing drawn.")

    with pytest.raises(ValueError, match="View.numbers"):
        staticmodel.static_model(_summing(words_view))


def _length_view(length: float, unit: str) -> View:
    metres = length / PER_UNIT[unit]
    words = "short" if metres <= LIMIT else "long"  # at LIMIT itself still short: the change is just above
    return View.with_numbers(
        figure={"data": [{"type": "scatter", "x": [Slot("drawn")], "y": [0]}], "layout": {}},
        reading=(f"{{metres:.3f}} m: {words}.",),
        alt="One point at the length typed.",
        numbers={"drawn": metres * PER_UNIT[unit], "metres": metres},
    )


def _typed() -> Interactive:
    return Interactive(
        name="length",
        title="Length",
        caption="",
        params=(
            Number("length", "Length", 1.0, 0.001, 1000, control="entry", units=Units("unit", PER_UNIT, *TAKES)),
            Choice("unit", "Unit", tuple(PER_UNIT), "m", static=True),
        ),
        view=_length_view,
    )


def test_a_typed_values_chart_changes_where_the_views_does_in_every_unit():
    interactive = _typed()
    model = staticmodel.static_model(interactive)
    (spec,) = model["typed"]
    assert spec["cuts"] == [math.nextafter(LIMIT, math.inf)]
    params = list(interactive.params)
    checked = 0
    for unit, per in PER_UNIT.items():
        edge = LIMIT * per
        for typed in (math.nextafter(edge, -math.inf), edge, math.nextafter(edge, math.inf), TAKES[1] * per):
            values = {"length": typed, "unit": unit}
            indices, bases = staticmodel.state_of(model, params, values)
            view = interactive.view(**values)
            shown = staticmodel.assemble(model, indices, bases)
            assert shown[("reading", 0)] == view.reading[0], values
            assert shown[("data", 0, "x")] == view.figure["data"][0]["x"], values
            checked += 1
    assert checked == 4 * len(PER_UNIT)
