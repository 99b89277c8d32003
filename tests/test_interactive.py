"""The interactive helper: static states match the model, live controls refuse bad input plainly."""

from __future__ import annotations

import itertools
import json
import random
import re

import pytest

from conftest import all_interactives
from mgcourse import interactive as helper
from mgcourse.interactive import Choice, InputError, Number

INTERACTIVES = all_interactives()


@pytest.fixture(params=INTERACTIVES, ids=[name for name, _ in INTERACTIVES])
def live(request, monkeypatch):
    monkeypatch.delenv(helper.RENDER_ENV, raising=False)
    shown = request.param[1]()
    assert isinstance(shown, helper.LiveInteractive)
    return shown


@pytest.fixture(params=INTERACTIVES, ids=[name for name, _ in INTERACTIVES])
def static(request, monkeypatch):
    monkeypatch.setenv(helper.RENDER_ENV, "static")
    shown = request.param[1]()
    assert isinstance(shown, helper.StaticInteractive)
    return shown


def test_there_are_interactives():
    assert len(INTERACTIVES) >= 2


def _assemble(model, indices):
    """What mgcourse.js does, in Python."""
    parts = {}
    for part in model["parts"]:
        key = 0
        for axis in part["deps"]:
            key = key * model["sizes"][axis] + indices[axis]
        parts[tuple(part["path"])] = part["values"][part["index"][key]]
    return parts


def test_static_parts_reassemble_every_state_exactly(static):
    inter = static.interactive
    model = helper.static_model(inter)
    axes = [p for p in inter.params if p.static]
    states = list(itertools.product(*(range(n) for n in model["sizes"])))
    for indices in random.Random(1).sample(states, min(40, len(states))) + [states[0], states[-1]]:
        values = {p.name: p.static_values()[i] for p, i in zip(axes, indices)}
        expected = {path: json.loads(text) for path, text in helper._leaves(inter.compute(**values)).items()}
        assert _assemble(model, indices) == expected, values


def test_static_html_has_controls_text_alternative_and_no_widget(static):
    bundle = static._repr_mimebundle_()
    html = bundle["text/html"]
    assert set(bundle) == {"text/html", "text/plain"}
    assert "widget" not in html
    assert 'class="mgc-alt"' in html and "Text alternative:" in html
    assert re.search(r'<input type="range"|<select', html)
    for control_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html):
        assert f'<label for="{control_id}">' in html, control_id
    payload = re.search(r'class="mgc-model">(.*?)</script>', html, re.S).group(1)
    assert "</" not in payload
    assert len(html) < 100_000


def test_live_has_a_control_for_every_parameter(live):
    assert set(live.controls) == {p.name for p in live.interactive.params}
    assert len(live.figure.data) == len(live.interactive.compute().figure["data"])


def bad_numbers(param: Number) -> list:
    """Empty, text, NaN, infinities, wrong types, below the minimum, above the maximum, zero and negative where refused."""
    bad = [
        "",
        "   ",
        "abc",
        "nan",
        "inf",
        "-inf",
        "1e9",
        "2,5,6",
        None,
        True,
        param.minimum - 1,
        param.maximum * 10 + 1,
    ]
    bad += [v for v in (0, -1) if v < param.minimum]
    return bad


def _figure_state(live):
    return json.dumps(live.figure.to_plotly_json(), sort_keys=True, default=str)


def test_live_bad_values_show_a_plain_message_and_keep_the_chart(live):
    for param in live.interactive.params:
        if not isinstance(param, Number):
            continue
        for bad in bad_numbers(param):
            before = _figure_state(live)
            with pytest.raises(InputError):
                live.interactive.compute(**{param.name: bad})
            if param.control == "entry":
                message = live.set(**{param.name: "" if bad is None else bad})
                assert message and "Traceback" not in message, (param.name, bad)
                assert _figure_state(live) == before, (param.name, bad)
                live.set(**{param.name: param.default})
                assert live.message.value == ""


def test_live_good_value_updates_the_figure_in_place(live):
    figure = live.figure
    before = _figure_state(live)
    param = live.interactive.params[0]
    if isinstance(param, Number):
        live.set(**{param.name: param.default * 0.9 if param.default else param.maximum / 2})
    else:
        live.set(**{param.name: next(o for o in param.options if o != param.default)})
    assert live.figure is figure  # the same FigureWidget, updated, not rebuilt
    assert _figure_state(live) != before
    assert live.message.value == ""


def test_unit_that_does_not_fit_is_refused_plainly(live):
    for param in live.interactive.params:
        if isinstance(param, Choice):
            with pytest.raises(InputError, match="is not one of the choices"):
                live.interactive.compute(**{param.name: "furlongs"})
            message = live.set(**{param.name: "furlongs"})
            assert "cannot be set" in message


def test_absurd_serum_value_for_its_unit_is_explained(monkeypatch):
    monkeypatch.delenv(helper.RENDER_ENV, raising=False)
    from mgcourse.interactives import labs

    live = labs.serum_vs_rbc()
    before = _figure_state(live)
    live.set(serum_unit="mg/dL")
    live.set(serum_value="2.07")
    assert live.message.value == ""
    assert "0.85 mmol/L" in live.reading.value
    changed = _figure_state(live)
    assert changed != before
    message = live.set(serum_value="50")
    assert "50 mg/dL is outside what a laboratory reports" in message and "Check the number and its unit" in message
    assert _figure_state(live) == changed
