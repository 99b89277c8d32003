"""The interactive helper: static states match the model, live controls refuse bad input plainly."""

from __future__ import annotations

import itertools
import json
import math
import random
import re

import pytest
from markupsafe import escape

from conftest import CHARTS
from mgcourse import chartkit as helper
from mgcourse import mode
from mgcourse.chartkit import Choice, InputError, Number


@pytest.fixture(params=CHARTS, ids=[name for name, _ in CHARTS])
def live(request, monkeypatch):
    monkeypatch.delenv(mode.RENDER_VARIABLE, raising=False)
    shown = request.param[1].show()
    assert isinstance(shown, helper.LiveInteractive)
    return shown


@pytest.fixture(params=CHARTS, ids=[name for name, _ in CHARTS])
def static(request, monkeypatch):
    monkeypatch.setenv(mode.RENDER_VARIABLE, mode.STATIC)
    shown = request.param[1].show()
    assert isinstance(shown, helper.StaticInteractive)
    return shown


def test_there_are_interactives():
    assert len(CHARTS) >= 2


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
    html = helper.static_html(static.interactive)
    assert "widget" not in html
    assert 'class="mgc-alt"' in html and "Text alternative:" in html
    assert re.search(r'<input type="range"|<select', html)
    for control_id in re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', html):
        assert f'<label for="{control_id}">' in html, control_id
    payload = re.search(r'class="mgc-model">(.*?)</script>', html, re.S).group(1)
    assert "</" not in payload
    assert len(html) < 100_000


def test_the_book_gets_the_chart_with_its_model_apart(static):
    bundle = static._repr_mimebundle_()
    assert set(bundle) == {helper.CHART_MIME_TYPE, "text/plain"}
    chart = bundle[helper.CHART_MIME_TYPE]
    inline = helper.static_html(static.interactive)
    model = re.search(r'class="mgc-model">(.*?)</script>', inline, re.S).group(1)
    # The page's figure names the model's script instead of holding it; the script holds the same model.
    assert chart["html"] == inline.replace(
        f'class="mgc-model">{model}</script>',
        f'class="mgc-model" data-src="_static/models/{chart["model_file"]}"></script>',
    )
    assert (
        chart["model_script"]
        == f"(window.mgcourseModels = window.mgcourseModels || {{}})['{chart['id']}'] = {model};\n"
    )
    assert re.fullmatch(rf"{chart['id']}-[0-9a-f]{{10}}\.js", chart["model_file"])
    assert chart["traces"] and set(chart["traces"]) <= {
        "scatter",
        "bar",
        "pie",
        "treemap",
        "waterfall",
        "heatmap",
        "sankey",
    }


def test_live_has_a_control_for_every_parameter(live):
    assert set(live.controls) == {p.name for p in live.interactive.params}
    assert len(live.figure.data) == len(live.interactive.compute().figure["data"])


# Values no control takes: empty, blank, wrong types, text, not-a-number and the infinities.
BAD_FOR_EVERY_CONTROL = ["", "   ", None, True, [1], {"value": 1}, "abc", float("nan"), "nan", float("inf"), "-inf"]


def bad_values(param) -> list:
    """At least eight values ``param`` must refuse: the common ones, then for a number the nearest values
    beyond each limit, far beyond them, and zero and negative where the range starts above them; for a
    choice, near misses of its options."""
    if isinstance(param, Choice):
        return [
            *BAD_FOR_EVERY_CONTROL,
            0,
            -1,
            "furlongs",
            f"{param.default} ",
            param.default.upper() + "!",
            [param.default],
        ]
    beyond = [
        math.nextafter(param.minimum, -math.inf),
        math.nextafter(param.maximum, math.inf),
        param.minimum - 1,
        param.maximum * 10 + 1,  # as a slider given 50 when its maximum is 3
        "1e9",
    ]
    return [*BAD_FOR_EVERY_CONTROL, *beyond, *(v for v in (0, -1, "-1") if float(v) < param.minimum)]


def another_good_value(interactive, param):
    """A value ``param`` takes, other than its default, that the chart can draw with the other defaults
    (a unit may not fit the default value): the next option, or the nearest static step, or a quarter of
    the way to the farther limit."""
    current = param.default
    if isinstance(param, Choice):
        candidates = [o for o in param.options if o != current]
    else:
        limit = param.maximum if param.maximum - current >= current - param.minimum else param.minimum
        steps = sorted((s for s in param.steps if s != current), key=lambda s: abs(s - current))
        candidates = [*steps, current + (limit - current) / 4]
    for candidate in candidates:
        try:
            interactive.compute(**{param.name: candidate})
        except InputError:
            continue
        return candidate
    raise AssertionError(f"{param.name}: no other value the chart can draw")


def _figure_state(live):
    return json.dumps(live.figure.to_plotly_json(), sort_keys=True, default=str)


def _live_state(live):
    """What a refused value must leave alone: the chart, the reading and every control."""
    return _figure_state(live), live.reading.value, {name: c.value for name, c in live.controls.items()}


def _allowed_in_words(param) -> list[str]:
    if isinstance(param, Choice):
        return list(param.options)
    return [helper._shortest(param.minimum), helper._shortest(param.maximum)]


def test_every_control_refuses_bad_values_plainly_keeps_the_chart_then_takes_a_good_one(live):
    for param in live.interactive.params:
        bad = bad_values(param)
        assert len(bad) >= 8
        for value in bad:
            with pytest.raises(InputError):
                live.interactive.compute(**{param.name: value})
            before = _live_state(live)
            message = live.set(**{param.name: value})
            where = (param.name, value)
            assert message and "Traceback" not in message and "Error" not in message, where
            assert escape(param.label) in message, where
            assert all(escape(word) in message for word in _allowed_in_words(param)), where
            assert _live_state(live) == before, where
        chart = _figure_state(live)
        assert live.set(**{param.name: another_good_value(live.interactive, param)}) == "", param.name
        assert _figure_state(live) != chart, f"{param.name}: a good value left the chart as it was"
        assert live.set(**{param.name: param.default}) == ""


def test_every_number_takes_its_limits_or_refuses_them_plainly(live):
    for param in live.interactive.params:
        if isinstance(param, Number):
            for limit in (param.minimum, param.maximum):
                message = live.set(**{param.name: limit})
                assert "Traceback" not in message, (param.name, limit)
            live.set(**{param.name: param.default})


def test_an_unknown_setting_is_named(live):
    assert "Unknown setting(s): furlongs" in live.set(furlongs=1)


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


def test_absurd_serum_value_for_its_unit_is_explained(monkeypatch):
    monkeypatch.delenv(mode.RENDER_VARIABLE, raising=False)
    from mgcourse.charts import labs

    live = labs.serum_vs_rbc.show()
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
