"""The interactive helper: static states match the model, live controls refuse bad input plainly."""

from __future__ import annotations

import json
import math
import random
import re

import pytest
from markupsafe import escape

from conftest import CHARTS
from mgcourse import chartkit as helper
from mgcourse import mode, parameters, staticmodel
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


def typed_probes(interactive, model) -> list[dict]:
    """Settings that put each typed value of a chart on each side of each value where its chart
    changes (one floating-point step apart), and at both ends of its range, in each of its units."""
    defaults = {p.name: p.parse(p.default) for p in interactive.params}
    static = [p for p in interactive.params if p.static]
    probes = []
    for spec in model.get("typed", []):
        param = static[spec["axis"]]
        unit_param = param.units.unit_param
        for unit, per in param.units.per_unit.items():
            low, high = param.units.bounds(unit)
            edges = [c * per for c in spec["cuts"]]
            near = [v for e in edges for v in (math.nextafter(e, -math.inf), e, math.nextafter(e, math.inf))]
            for value in [low, high, *near]:
                if low <= value <= high:
                    probes.append(dict(defaults, **{param.name: value, unit_param: unit}))
    return probes


def sampled_settings(interactive, count: int = 40) -> list[dict]:
    """Settings of a chart's static controls: every slider and menu at its first step, then at its last
    (every additive control at its maximum together), then at random steps, each typed value at a
    random value in its unit."""
    chance = random.Random(interactive.name)
    static = [p for p in interactive.params if p.static]
    settings = []
    for n in range(count):
        values = {p.name: p.parse(p.default) for p in interactive.params}
        for p in static:
            if p.static_kind != "typed":
                steps = [p.parse(v) for v in p.static_values()]
                values[p.name] = steps[0] if n == 0 else steps[-1] if n == 1 else chance.choice(steps)
        for p in static:
            if p.static_kind == "typed":
                values[p.name] = chance.uniform(*p.units.bounds(values[p.units.unit_param]))
        settings.append(values)
    return settings


def test_static_parts_reassemble_every_state_exactly(static):
    """What the page draws (mgcourse.staticmodel.assemble is mgcourse.js in Python) is what the view
    gives for the same settings: every word of the reading and the text alternative, every number."""
    inter = static.interactive
    model = helper.static_model(inter)
    params = [p for p in inter.params if p.static]
    checked = 0
    for values in sampled_settings(inter) + typed_probes(inter, model):
        indices, bases = staticmodel.state_of(model, params, values)
        expected = staticmodel.expected_parts(inter.view(**values))
        shown = staticmodel.assemble(model, indices, bases)
        wrong = staticmodel.differences(shown, expected)
        assert not wrong, (values, {w: (shown.get(w), expected[w]) for w in wrong})
        checked += 1
    assert checked >= 40


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
        low, high = (param.minimum, param.maximum)
        if param.units is not None:  # what the chart takes in the default unit
            low, high = param.units.bounds(
                next(p.default for p in interactive.params if p.name == param.units.unit_param)
            )
        limit = high if high - current >= current - low else low
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


def test_a_typed_values_messages_on_the_page_are_the_live_ones():
    """The messages the static page gives for a typed value (mgcourse.js puts what was typed in
    {typed}, and the number as Python writes it in {value}) are those the live chart gives, and the
    range it takes in each unit is the live one."""
    checked = 0
    for _, chart in CHARTS:
        interactive = chart.interactive()
        model = helper.static_model(interactive)
        static = [p for p in interactive.params if p.static]
        for spec in model.get("typed", []):
            param, messages = static[spec["axis"]], spec["messages"]
            too_big = param.maximum * 10
            refused = {
                "": messages["empty"],
                " abc": messages["not_number"].replace("{typed}", " abc"),
                "-1e999": messages["not_finite"].replace("{typed}", "-1e999"),
                repr(too_big): messages["outside"].replace("{value}", helper._shortest(too_big)),
            }
            for raw, shown in refused.items():
                with pytest.raises(InputError) as live:
                    param.parse(raw)
                assert str(live.value) == shown, raw
            units = static[spec["unit_axis"]].static_values()
            for i, unit in enumerate(units):
                assert (spec["low"][i], spec["high"][i]) == param.units.bounds(unit)
                beyond = spec["high"][i] * 1.5
                with pytest.raises(InputError) as live:
                    interactive.compute(**{param.name: beyond, param.units.unit_param: unit})
                assert str(live.value) == messages["outside_unit"][i].replace("{value}", f"{beyond:g}"), unit
                checked += 1
    assert checked >= 6  # chapter 9's serum and RBC values, three units each


def test_a_lab_report_in_mg_per_dl_reads_on_the_static_page_as_live():
    """Serum 1.9 mg/dL and RBC 3.9 mg/dL, as a report gives them: the static page's state for them
    (found from the values typed, in the page's way) says what the live chart says."""
    from mgcourse.charts import labs

    interactive = labs.serum_vs_rbc.interactive()
    model = helper.static_model(interactive)
    params = [p for p in interactive.params if p.static]
    for lab in params[-1].options:
        values = dict(
            interactive.defaults(), serum_value=1.9, serum_unit="mg/dL", rbc_value=3.9, rbc_unit="mg/dL", lab=lab
        )
        view = interactive.compute(**values)
        indices, bases = staticmodel.state_of(model, params, values)
        shown = staticmodel.assemble(model, indices, bases)
        assert [shown[("reading", i)] for i in range(len(view.reading))] == list(view.reading), lab
        assert shown[("alt",)] == view.alt
        assert "1.90 mg/dL" in view.reading[0] and "3.90 mg/dL" in view.reading[1]


def test_every_depletion_factor_is_on_the_static_page_up_to_its_live_maximum():
    """Chapter 8's waterfall: each depletion factor (each step of mgcourse.models.balance, and gut
    dysfunction) has a static slider from the live minimum to the live maximum, and the waterfall with
    every factor at its maximum is a state of the page."""
    from mgcourse.charts import depletion
    from mgcourse.models import balance

    interactive = depletion.balance_waterfall.interactive()
    factors = [p for p in interactive.params if isinstance(p, Number) and not p.group and p.name != "intake_mg_per_day"]
    assert len(factors) == len(balance.FACTOR_STEPS) + 1
    for param in factors:
        assert param.static and (min(param.steps), max(param.steps)) == (param.minimum, param.maximum), param.name
    model = helper.static_model(interactive)
    params = [p for p in interactive.params if p.static]
    values = dict(interactive.defaults(), **{p.name: p.maximum for p in factors})
    view = interactive.compute(**values)
    indices, bases = staticmodel.state_of(model, params, values)
    assert not staticmodel.differences(staticmodel.assemble(model, indices, bases), staticmodel.expected_parts(view))
    by_name = {p.name: p for p in factors}
    caffeine = parameters.balance_parameters().caffeine_mg_per_study_dose * by_name["caffeine_doses"].maximum
    losses = caffeine + sum(by_name[name].maximum for name in depletion.EXTRA_LOSSES if name != "caffeine_doses")
    assert f"The extra losses you set take {losses:.0f} mg" in view.reading[1]


def test_the_waterfall_reading_names_what_white_flour_takes_before_what_is_absorbed():
    """With more white flour than the intake can lose to it, the reading says the flour took it all,
    rather than leaving "0 mg is absorbed" after the intake unexplained."""
    from mgcourse.charts import depletion

    interactive = depletion.balance_waterfall.interactive()
    most = next(p for p in interactive.params if p.name == "refined_flour_g").maximum
    view = interactive.compute(intake_mg_per_day=100, refined_flour_g=most)
    assert "White flour eaten in place of whole-grain brings 100 mg less" in view.reading[1]
    assert "Of what is eaten, 0 mg is absorbed and 0 mg is not" in view.reading[1]
    none = interactive.compute(intake_mg_per_day=100, refined_flour_g=0)
    assert "brings 0 mg less" in none.reading[1] and "Of what is eaten, 0 mg" not in none.reading[1]


def test_a_live_figure_opens_its_comm_with_its_data_and_layout(monkeypatch):
    """The first message JupyterLab gets of a live figure holds its traces and layout: a page that
    drops the later ones (anywidget's, when plotly's widget code took over 2 s to load) still shows
    the chart, where plotly's own FigureWidget, which sends them afterwards, showed empty axes."""
    import ipywidgets.widgets.widget as widget_module

    opened = []
    create_comm = widget_module.comm.create_comm

    def recording(**args):
        opened.append(args)
        return create_comm(**args)

    monkeypatch.setattr(widget_module.comm, "create_comm", recording)
    monkeypatch.delenv(mode.RENDER_VARIABLE, raising=False)
    live = dict(CHARTS)["nmda.mg_block"].show()
    (figure_state,) = [a["data"]["state"] for a in opened if "_widget_data" in a["data"]["state"]]
    assert len(figure_state["_widget_data"]) == len(live.figure.data) >= 1
    assert figure_state["_widget_data"][0]["x"] and figure_state["_widget_layout"]


def page_answers(figure, change: int | None = None) -> None:
    """What the page does once it has drawn a live figure, or a change of its data: it sends back
    the traces it drew, with the number of the last change it knows of (by default the last made)."""
    number = figure._last_trace_edit_id if change is None else change
    figure._js2py_traceDeltas = {"trace_deltas": [], "trace_edit_id": number}


def test_a_live_figure_the_page_stopped_answering_is_drawn_anew_with_the_controls_settings(monkeypatch):
    """A figure that the page drew but whose changes it no longer answers (anywidget drops every
    message to a figure whose widget code took over 2 s to load) is replaced, at the next move of a
    control, by a new figure widget drawing the controls' settings. A figure the page answers, and
    one no page has drawn (a kernel without a page, as here), keep theirs."""
    monkeypatch.delenv(mode.RENDER_VARIABLE, raising=False)
    monkeypatch.setattr(helper, "UNANSWERED_SECONDS", -1.0)  # any change unanswered is late
    chart = dict(CHARTS)["nmda.mg_block"]

    live = chart.show()
    deaf = live.figure
    page_answers(deaf)  # drawn once
    live.set(mg_mM=0.5)  # not answered
    live.set(mg_mM=4.0)
    assert live.figure is not deaf and deaf.comm is None, "the figure the page stopped answering was kept"
    assert live.figure in live.widget.children and deaf not in live.widget.children
    expected = chart.interactive().compute(mg_mM=4.0).figure["data"]
    assert [list(trace.y) for trace in live.figure.data] == [list(trace["y"]) for trace in expected]

    answered = live.figure
    page_answers(answered)
    live.set(mg_mM=2.0)
    page_answers(answered)
    live.set(mg_mM=3.0)
    assert live.figure is answered, "a figure the page answers was replaced"

    without_a_page = chart.show()
    figure = without_a_page.figure
    without_a_page.set(mg_mM=0.5)
    without_a_page.set(mg_mM=4.0)
    assert without_a_page.figure is figure, "a figure no page has drawn was replaced"

    # Changed by a cell before the page drew it: the page's drawing answers with the number it knows.
    set_early = chart.show()
    figure = set_early.figure
    set_early.set(mg_mM=0.5)
    page_answers(figure, change=0)
    set_early.set(mg_mM=4.0)
    assert set_early.figure is not figure, "a figure changed before it was drawn was kept, unanswered"
