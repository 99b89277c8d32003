"""One definition, two renderings: the course's interactive charts.

How to add an interactive (for authors)
---------------------------------------
1. Write a *view function*: keyword parameters in, a :class:`View` out. It calls a model (in
   ``mgcourse.models``) and builds the chart as a plain plotly figure dict
   (``{"data": [...], "layout": {...}}``, see ``mgcourse.charts.style``), a short *reading* (a few
   paragraphs that say in words what the chart now shows) and ``alt``, the chart's text
   alternative. Raise :class:`InputError` with a plain sentence for a value the model cannot take.
   Pass text from ``data/`` through ``mgcourse.charts.style.as_text`` before it goes into the reading
   or the figure (plotly.js reads names, labels and hover text as HTML); the alternative is plain text.
   Keep the number of traces and reading paragraphs the same for every input, and put what moves
   in traces (layout keys are stored whole for each distinct value).
2. Describe its parameters with :class:`Number` and :class:`Choice`. ``steps`` (for a Number) and
   ``static=True`` (for a Choice) put the parameter on the static page; every parameter is a live
   control. ``control="entry"`` gives a text box instead of a slider, for values a learner types;
   with ``units=Units(...)`` (the :class:`Choice` that names the unit, what each unit is worth, the
   range the chart takes) the static page has the same box beside that unit's menu, and a value
   outside the range is refused, live and static, with the same message.
3. Put the view, its parameters and the :class:`Interactive` that joins them in the topic's module of
   ``mgcourse.charts``: a function decorated with ``@chart`` returns the ``Interactive``, which makes
   it a named :class:`Chart` (``nmda.mg_block``). The chapter shows it with one line,
   ``nmda.mg_block.show()``. Nothing else is needed: the tests and the build find every chart by
   name (:func:`mgcourse.charts.all_charts`, :func:`mgcourse.chapters.chart_calls`).

What ``show()`` gives
---------------------
* In the book build (the build extension sets ``MGCOURSE_RENDER=static``, see ``mgcourse.mode``, for the kernels it
  starts) it returns HTML only: native ``<input type="range">``, ``<select>`` and text boxes, the
  chart drawn by plotly.js and redrawn by ``mgcourse.js`` in the page, with no kernel and no widget,
  from the chart's model (:mod:`mgcourse.staticmodel`): each part of the chart stored for the
  controls it depends on. Every combination of the sliders' and menus' steps is computed, unless
  their effects add up (``Interactive(additive=...)``: each such control is computed alone and the
  page adds the numbers up); a typed value is read in the page, which finds the piece of the chart
  between the values where its words change and computes the numbers that follow the value.
* Anywhere else (JupyterLab, Binder, Thebe, tests) it returns ipywidgets controls for every
  parameter around a ``plotly`` FigureWidget that is updated in place. Bad input leaves the chart in
  its last good state and shows a plain message.

Numbers the page computes (``View.numbers``)
--------------------------------------------
A reading paragraph or the text alternative that says a number that several additive controls add
up to, or that follows a typed value, writes it as a field, ``{left:.0f}``, and the view returns the
number by name: ``View.with_numbers(figure=..., reading=..., alt=..., numbers={"left": 212.4})``.
In the figure, such a number's place is ``Slot("left")``. Live, the view's text and figure come filled
in; the static page fills them in itself.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import mode
from .staticmodel import NUMBER_FIELD, Slot, fill_figure, fill_text, static_model
from .templating import Markup, render

__all__ = ["Choice", "Interactive", "InputError", "Number", "Slot", "Units", "View", "chart", "static_model"]


class InputError(ValueError):
    """A value a learner gave that the chart cannot use; the message is shown as it is."""


@dataclass(frozen=True)
class View:
    """What a view function returns: the figure, its reading in words, and its text alternative, as
    shown; with numbers (:meth:`with_numbers`), also the templates they were filled into."""

    figure: dict
    reading: tuple[str, ...]
    alt: str
    numbers: Mapping[str, float] = field(default_factory=dict)
    template: tuple[dict, tuple[str, ...], str] | None = None

    @classmethod
    def with_numbers(cls, figure: dict, reading: tuple[str, ...], alt: str, numbers: Mapping[str, float]) -> View:
        """A view whose reading and text alternative hold fields (``{name:.1f}``) and whose figure holds
        :class:`Slot` places for the numbers named in ``numbers``, which the static page computes."""
        reading = tuple(reading)
        missing = {f[1] for text in (*reading, alt) for f in NUMBER_FIELD.finditer(text)} - set(numbers)
        try:
            filled = fill_figure(figure, numbers)
        except KeyError as slot:
            missing.add(slot.args[0])
        if missing:
            raise ValueError(f"the view names numbers it does not give: {', '.join(sorted(missing))}")
        return cls(
            figure=filled,
            reading=tuple(fill_text(p, numbers) for p in reading),
            alt=fill_text(alt, numbers),
            numbers=dict(numbers),
            template=(figure, reading, alt),
        )


NOTHING_ENTERED = "nothing was entered"
NOT_A_NUMBER = "'{raw}' is not a number"
NOT_FINITE = "{raw} is not a finite number"


def _number(raw: Any) -> float:
    """A finite number from a number or from text as typed; ``ValueError`` says what is wrong with ``raw``.
    (``mgcourse.js`` reads a typed value by the same rules, for the static page.)"""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        raise ValueError(NOTHING_ENTERED)
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, np.integer, np.floating)):
        raise ValueError(NOT_A_NUMBER.format(raw=raw))
    text = raw.strip() if isinstance(raw, str) else raw
    if isinstance(text, str) and re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")  # a decimal comma ("0,85"), as many lab reports outside the US print it
    try:
        value = float(text)
    except ValueError:
        raise ValueError(NOT_A_NUMBER.format(raw=raw)) from None
    if not math.isfinite(value):
        raise ValueError(NOT_FINITE.format(raw=raw))
    return value


def _shortest(value: float) -> str:
    """The shortest text that reads back as ``value`` (so a value just outside a limit never shows as the limit)."""
    text = repr(float(value))
    return text.removesuffix(".0")


@dataclass(frozen=True)
class Units:
    """The units a typed number is given in (a :class:`Choice` names which) and what the chart takes.

    ``per_unit``: how many of each unit make one of the base unit (whose value is 1), so that a value
    in a unit is ``value / per_unit[unit]`` in the base unit; ``low`` and ``high``, in the base unit,
    bound what the chart takes; ``beyond`` says in words what lies outside.
    """

    unit_param: str
    per_unit: Mapping[str, float]
    low: float
    high: float
    beyond: str = "the range this chart takes"

    @property
    def base_unit(self) -> str:
        return next(unit for unit, per in self.per_unit.items() if per == 1)

    def bounds(self, unit: str) -> tuple[float, float]:
        """What the chart takes, in ``unit``."""
        return self.low * self.per_unit[unit], self.high * self.per_unit[unit]

    def outside_message(self, label: str, amount: str, unit: str) -> str:
        low, high = self.bounds(unit)
        return (
            f"{label}: {amount} {unit} is outside {self.beyond} (this chart takes {low:.2f} to {high:.2f} {unit}). "
            "Check the number and its unit."
        )

    def check(self, label: str, value: float, unit: str) -> None:
        low, high = self.bounds(unit)
        if not low <= value <= high:
            raise InputError(self.outside_message(label, f"{value:g}", unit))


@dataclass(frozen=True)
class Number:
    """A numeric parameter. ``minimum``/``maximum`` bound what the live control accepts. ``group``: the
    words that name it, with others of the same group, among the settings only the live chart has."""

    name: str
    label: str
    default: float
    minimum: float
    maximum: float
    unit: str = ""
    steps: tuple[float, ...] = ()
    control: str = "slider"
    step: float | None = None
    decimals: int = 2
    units: Units | None = None
    group: str = ""

    def parse(self, raw: Any) -> float:
        """``raw`` (a number, or text as a learner types it) as a number in range, or :class:`InputError`."""
        try:
            value = _number(raw)
        except ValueError as problem:
            raise InputError(self._problem(str(problem))) from None
        if not self.minimum <= value <= self.maximum:
            raise InputError(self._outside(self._amount(value)))
        return value

    def _problem(self, problem: str) -> str:
        return f"{self.label}: {problem}; {self.allowed()}."

    def _outside(self, amount: str) -> str:
        return f"{self.label}: {amount} is outside the range this chart takes; {self.allowed()}."

    def page_messages(self) -> dict[str, str]:
        """The messages :meth:`parse` gives, for the static page: ``{typed}`` stands for what was typed,
        ``{value}`` for the number as Python writes it (``repr``, without a trailing ".0")."""
        return {
            "empty": self._problem(NOTHING_ENTERED),
            "not_number": self._problem(NOT_A_NUMBER.format(raw="{typed}")),
            "not_finite": self._problem(NOT_FINITE.format(raw="{typed}")),
            "outside": self._outside(f"{{value}} {self.unit}".strip()),
        }

    def allowed(self) -> str:
        """What the control takes, in words."""
        return f"enter a number from {_shortest(self.minimum)} to {self._amount(self.maximum)}"

    def _amount(self, value: float) -> str:
        return f"{_shortest(value)} {self.unit}".strip()

    def format(self, value: float) -> str:
        text = f"{value:.{self.decimals}f}"
        return f"{text} {self.unit}".strip()

    def static_values(self) -> list[float]:
        return list(self.steps)

    def static_labels(self) -> list[str]:
        return [self.format(v) for v in self.steps]

    @property
    def static(self) -> bool:
        return bool(self.steps) or self.units is not None

    @property
    def static_kind(self) -> str:
        """The static page's control: "range" (a slider over the steps) or "typed" (a text box)."""
        return "typed" if self.units is not None else "range"


@dataclass(frozen=True)
class Choice:
    """A choice among named options."""

    name: str
    label: str
    options: tuple[str, ...]
    default: str
    static: bool = False
    group: str = ""
    static_kind = "menu"

    def parse(self, raw: Any) -> str:
        # Text only: ``in`` would compare a list or an array with each option.
        if not isinstance(raw, str) or raw not in self.options:
            raise InputError(f"{self.label}: '{raw}' is not one of the choices ({', '.join(self.options)}).")
        return raw

    def format(self, value: str) -> str:
        return value

    def static_values(self) -> list[str]:
        return list(self.options)

    def static_labels(self) -> list[str]:
        return list(self.options)


Param = Number | Choice


@dataclass(frozen=True)
class Interactive:
    """An interactive chart: a view function and the parameters it takes."""

    name: str
    title: str
    caption: str
    params: tuple[Param, ...]
    view: Callable[..., View]
    live_note: str = ""
    # Static parameters whose effects on the chart add up (see mgcourse.staticmodel): each is computed
    # on its own on the static page, so that their steps add up instead of multiplying.
    additive: tuple[str, ...] = ()

    def __post_init__(self):
        if not re.fullmatch(r"[a-z][a-z0-9-]*", self.name):
            raise ValueError(f"interactive name '{self.name}' must be lowercase letters, digits and '-'")
        params = {p.name: p for p in self.params}
        for name in self.additive:
            if name not in params or params[name].static_kind == "typed" or not params[name].static:
                raise ValueError(f"interactive '{self.name}': additive '{name}' is not a static slider or menu")
        for p in self.params:
            if isinstance(p, Number) and p.units is not None:
                unit = params.get(p.units.unit_param)
                if not isinstance(unit, Choice) or set(unit.options) != set(p.units.per_unit):
                    raise ValueError(f"interactive '{self.name}': '{p.name}' needs a Choice of its units")
                if self.additive or not unit.static or p.control != "entry":
                    raise ValueError(
                        f"interactive '{self.name}': '{p.name}' is typed (control='entry'), its unit a static "
                        "menu, and the chart has no additive control"
                    )

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def check_units(self, values: dict[str, Any], changed: set[str] | None = None) -> None:
        """Refuse a typed number outside what the chart takes in its unit (of those ``values`` gives; with
        ``changed``, only those whose number or unit it names)."""
        for p in self.params:
            if not isinstance(p, Number) or p.units is None or not {p.name, p.units.unit_param} <= set(values):
                continue
            if changed is None or {p.name, p.units.unit_param} & changed:
                p.units.check(p.label, values[p.name], values[p.units.unit_param])

    def compute(self, **raw) -> View:
        """Validate raw parameter values (as a control would give them) and compute the view."""
        values = self.defaults()
        unknown = set(raw) - set(values)
        if unknown:
            raise InputError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        values.update(raw)
        parsed = {p.name: p.parse(values[p.name]) for p in self.params}
        self.check_units(parsed)
        return self.view(**parsed)

    def show(self):
        """The display object for a notebook cell: static HTML in the book, live widgets elsewhere."""
        if mode.in_book():
            return StaticInteractive(self)
        return LiveInteractive(self)


class Chart:
    """A named interactive of the course, as a chapter shows it: ``nmda.mg_block.show()``.

    Made with ``@chart`` from a function that returns the :class:`Interactive` (built when shown,
    so that it reads the course's data then, not when the module is imported). Its name,
    ``<module>.<function>`` (``nmda.mg_block``), is how the chapters, the instructor notes, the build
    and the tests refer to it; :func:`mgcourse.charts.all_charts` lists every one.
    """

    def __init__(self, build: Callable[[], Interactive]):
        self._build = build
        self.name = f"{build.__module__.rsplit('.', 1)[-1]}.{build.__name__}"
        self.__doc__ = build.__doc__
        self.__module__ = build.__module__

    def __repr__(self) -> str:
        return f"<chart {self.name}>"

    def interactive(self) -> Interactive:
        """The chart's definition: parameters and view, with the course's data read now."""
        return self._build()

    def show(self):
        """The display object for a notebook cell: static HTML in the book, live widgets elsewhere."""
        return self.interactive().show()


def chart(build: Callable[[], Interactive]) -> Chart:
    """Make a module-level function that returns an :class:`Interactive` into a named :class:`Chart`."""
    return Chart(build)


# ---------------------------------------------------------------- static page


def _default_index(param: Param) -> int:
    values = param.static_values()
    if isinstance(param, Number):
        return int(np.argmin([abs(v - param.default) for v in values]))
    return values.index(param.default)


# The book build's own output type: a chart for the static page, its model apart from its HTML (see
# mgcourse.sphinxext.chartpages, which renders it).
CHART_MIME_TYPE = "application/vnd.mgcourse.chart+json"


@dataclass(frozen=True)
class StaticChart:
    """A chart of the static page: its HTML and its model (every state of its static controls)."""

    uid: str
    title: str
    body: str  # the figure's HTML up to where its model goes
    model: dict

    @property
    def payload(self) -> str:
        # No "<" in the script element, so no text from data can close it or open a comment.
        return json.dumps(self.model, separators=(",", ":")).replace("<", "\\u003c")

    def model_script(self) -> str:
        """The model as a script of its own, which ``mgcourse.js`` loads when the chart is drawn."""
        return f"(window.mgcourseModels = window.mgcourseModels || {{}})[{self.uid!r}] = {self.payload};\n"

    def model_file(self) -> str:
        """The model script's file name: the chart's id and a digest of its content."""
        return f"{self.uid}-{hashlib.sha256(self.model_script().encode()).hexdigest()[:10]}.js"

    def trace_types(self) -> set[str]:
        """The plotly trace types the chart draws (``scatter`` where a trace names none)."""
        data = [part for part in self.model["parts"] if part["path"][0] == "data"]
        named = {(part["path"][1], v) for part in data if part["path"][2] == "type" for v in part["values"]}
        unnamed = {part["path"][1] for part in data} - {i for i, _ in named}
        return {t for _, t in named} | ({"scatter"} if unnamed else set())

    def html(self, model_src: str | None = None) -> str:
        """The figure with its model inline, or, given ``model_src``, with a reference to the script."""
        # The body is HTML a template wrote; the payload is JSON with no "<", for a script element.
        return render("charts/figure.html", body=Markup(self.body), payload=Markup(self.payload), model_src=model_src)

    def mimebundle(self) -> dict:
        """The output the book build renders (the figure, its model's script and the traces it draws)."""
        return {
            CHART_MIME_TYPE: {
                "id": self.uid,
                "model_file": self.model_file(),
                "model_script": self.model_script(),
                "traces": sorted(self.trace_types()),
                "html": self.html(f"_static/models/{self.model_file()}"),
            },
            "text/plain": self.title,
        }


def static_html(interactive: Interactive) -> str:
    """The HTML of the static interactive (controls, chart container, reading, caption, data inline)."""
    return static_chart(interactive).html()


def _static_control(uid: str, axis: int, p: Param) -> dict:
    """What the template needs to write a static control: a slider, a menu or a text box."""
    control = {"axis": axis, "id": f"{uid}-{axis}", "label": p.label, "kind": p.static_kind}
    if p.static_kind == "typed":
        return dict(control, text=f"{p.default:g}")
    return dict(control, labels=p.static_labels(), index=_default_index(p))


def _live_only(interactive: Interactive) -> list[str]:
    """The settings only the live chart has, in words: each parameter's label, or its group's words once."""
    return list(dict.fromkeys(p.group or p.label for p in interactive.params if not p.static))


def static_chart(interactive: Interactive) -> StaticChart:
    """The static interactive: controls, chart container, reading, caption, and its model."""
    uid = f"mgc-{interactive.name}"
    axes = [p for p in interactive.params if p.static]
    start = {p.name: p.static_values()[_default_index(p)] for p in axes if p.static_kind != "typed"}
    first = interactive.compute(**start)
    model = static_model(interactive)
    body = render(
        "charts/static-chart.html",
        uid=uid,
        title=interactive.title,
        controls=[_static_control(uid, axis, p) for axis, p in enumerate(axes)],
        # The chart's box keeps its height before plotly.js draws it, so the page does not jump.
        height=int(first.figure.get("layout", {}).get("height", 380)),
        # The caption and the reading are HTML the chart's module wrote (data text passed through
        # mgcourse.charts.style.as_text); the text alternative is plain text.
        caption=Markup(interactive.caption),
        reading=[Markup(p) for p in first.reading],
        alt=first.alt,
        live_only=_live_only(interactive),
        live_note=interactive.live_note,
    )
    return StaticChart(uid, interactive.title, body, model)


class StaticInteractive:
    """Display object of the static page: HTML only, no widget."""

    def __init__(self, interactive: Interactive):
        self.interactive = interactive

    def _repr_mimebundle_(self, include=None, exclude=None):
        return static_chart(self.interactive).mimebundle()


# ---------------------------------------------------------------- live widgets


def _same(a, b) -> bool:
    """Equal figure parts, numpy arrays included."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, (np.ndarray, list, tuple)) and np.array_equal(np.asarray(a), np.asarray(b))
    try:
        return bool(a == b)
    except ValueError:
        return False


def _control_value(param: Param, raw: Any, value: Any) -> Any:
    """What the live control of ``param`` holds for a value ``param.parse`` accepted: a text box keeps
    what was typed ("0,85"), a slider or a menu the value itself."""
    if isinstance(param, Number) and param.control == "entry":
        return raw.strip() if isinstance(raw, str) else f"{value:g}"
    return value


def _allow_colab_widgets() -> None:
    """Colab draws widgets of other packages (here anywidget's, for the live plotly figure) only
    once its own widget manager is switched on."""
    if "google.colab" in sys.modules:
        from google.colab import output

        output.enable_custom_widget_manager()


# How long a figure whose page has drawn it may leave a change of its data unanswered before the
# page is taken to have stopped listening to it (see _figure_widget_class).
UNANSWERED_SECONDS = 5.0


@functools.cache
def _figure_widget_class() -> type:
    """plotly's FigureWidget, made to open its comm with the figure's data and layout in its state,
    and to tell when the page has stopped answering its changes.

    anywidget, which draws plotly's figure in the page, drops every message the kernel sends to a
    figure whose widget code took more than 2 s to load in the browser (anywidget 0.11: the model's
    "ready" promise is rejected after 2 s, and each message waits on it). plotly 7 loads about 5 MB
    of it per figure, so on a busy machine a figure can miss messages:
    * plotly's own figure opens its comm empty and sends the data in a second message, so such a
      figure stayed blank. Opened after the figure is made, the first message holds it all;
    * such a figure's later changes are lost too: the page draws it once and no control moves it.
      The page answers each change of a figure's data it draws (``_js2py_traceDeltas``, with the
      change's number); ``stopped_answering()`` says when a figure that has answered once leaves a
      change unanswered for UNANSWERED_SECONDS, and LiveInteractive then draws a new figure."""
    import time

    import plotly.graph_objects as go
    import traitlets

    class FigureWidget(go.FigureWidget):
        # Attributes of the class, so that plotly, which refuses unknown ones, lets them be set.
        _opening_later = False
        answered = False  # the page has drawn the figure (it answers its first drawing too)
        unanswered_since: float | None = None  # when the oldest change the page has not answered was sent

        def __init__(self, *args, **kwargs):
            self._opening_later = True
            super().__init__(*args, **kwargs)
            self._opening_later = False
            self.open()

        def open(self):
            if not self._opening_later:
                super().open()

        @traitlets.observe("_js2py_traceDeltas")
        def _note_answer(self, change):
            if not change["new"]:
                return
            # The page's first drawing answers with the number of the last change it knows of: one
            # made before it drew the figure (a notebook's cell can set a control) may be older.
            self.answered = True
            if change["new"].get("trace_edit_id") == self._last_trace_edit_id:
                self.unanswered_since = None

        def note_change_sent(self) -> None:
            """Called once a change of the figure's data is sent to the page."""
            if self.unanswered_since is None:
                self.unanswered_since = time.monotonic()

        def stopped_answering(self) -> bool:
            return (
                self.answered
                and self.unanswered_since is not None
                and time.monotonic() - self.unanswered_since > UNANSWERED_SECONDS
            )

    return FigureWidget


class LiveInteractive:
    """ipywidgets controls for every parameter, driving one FigureWidget updated in place."""

    def __init__(self, interactive: Interactive):
        import ipywidgets as w

        _allow_colab_widgets()

        self.interactive = interactive
        self.controls: dict[str, Any] = {}
        self._setting = False
        style = {"description_width": "initial"}
        for p in interactive.params:
            if isinstance(p, Choice):
                control = w.Dropdown(options=list(p.options), value=p.default, description=p.label, style=style)
            elif p.control == "entry":
                control = w.Text(
                    value=f"{p.default:g}",
                    description=f"{p.label} ({p.unit})" if p.unit else p.label,
                    continuous_update=False,
                    style=style,
                )
            else:
                control = w.FloatSlider(
                    value=p.default,
                    min=p.minimum,
                    max=p.maximum,
                    step=p.step or (p.maximum - p.minimum) / 100,
                    description=f"{p.label} ({p.unit})" if p.unit else p.label,
                    readout_format=f".{p.decimals}f",
                    continuous_update=True,
                    style=style,
                    layout=w.Layout(width="min(100%, 36rem)"),
                )
            control.observe(self._changed, names="value")
            self.controls[p.name] = control
        view = interactive.compute()
        self.figure = _figure_widget_class()(view.figure)
        self.reading = w.HTML(self._reading_html(view))
        self.message = w.HTML("")
        self.last_view = view
        self.widget = w.VBox(
            [
                w.HTML(render("charts/live-title.html", title=interactive.title)),
                *self.controls.values(),
                self.message,
                self.figure,
                self.reading,
            ]
        )

    @staticmethod
    def _reading_html(view: View) -> str:
        return render("charts/reading.html", reading=[Markup(p) for p in view.reading])

    def _changed(self, _change=None):
        if self._setting:
            return  # set() is assigning several controls; it redraws once when done
        raw = {name: control.value for name, control in self.controls.items()}
        try:
            view = self.interactive.compute(**raw)
        except InputError as err:
            self._show_message(str(err))
            return
        self.message.value = ""
        self._update_figure(self.last_view.figure, view.figure)
        reading = self._reading_html(view)
        if reading != self.reading.value:
            self.reading.value = reading
        self.last_view = view

    def _show_message(self, text: str) -> None:
        self.message.value = render("charts/live-message.html", message=text)

    def _update_figure(self, old: dict, new: dict) -> None:
        """Send only the trace attributes and layout keys that changed (plotly validates each
        property it is given, so a whole-figure update per move costs several times more)."""
        traces = [
            (i, key, value)
            for i, (before, after) in enumerate(zip(old.get("data", []), new.get("data", [])))
            for key, value in after.items()
            if not _same(before.get(key), value)
        ]
        layout = {k: v for k, v in new.get("layout", {}).items() if not _same(old.get("layout", {}).get(k), v)}
        if not traces and not layout:
            return
        if self.figure.stopped_answering():
            self._draw_in_a_new_figure(new)
            return
        with self.figure.batch_update():
            for i, key, value in traces:
                self.figure.data[i][key] = value
            if layout:
                self.figure.layout.update(layout, overwrite=True)
        if traces:  # the page answers a change of the data (one of the layout alone goes unanswered)
            self.figure.note_change_sent()

    def _draw_in_a_new_figure(self, figure: dict) -> None:
        """Put a new figure widget, drawn anew by the page, where one the page stopped answering was."""
        stale, self.figure = self.figure, _figure_widget_class()(figure)
        self.widget.children = tuple(self.figure if child is stale else child for child in self.widget.children)
        stale.close()

    def set(self, **raw):
        """Set controls as a learner would (tests and demonstrations); returns the message shown, if any.

        Every value is first checked by its parameter, so a value the parameter refuses (out of range,
        not a number, not one of the choices) leaves every control and the chart as they were and shows
        the reason; a slider given it directly would silently clamp it or fail with a trait error.
        """
        params = {p.name: p for p in self.interactive.params}
        try:
            unknown = sorted(set(raw) - set(params))
            if unknown:
                raise InputError(f"Unknown setting(s): {', '.join(unknown)}.")
            values = {name: params[name].parse(value) for name, value in raw.items()}
            self.interactive.check_units({**self._current_values(), **values}, changed=set(values))
        except InputError as err:
            self._show_message(str(err))
            return self.message.value
        self._setting = True
        try:
            for name, value in values.items():
                self.controls[name].value = _control_value(params[name], raw[name], value)
        finally:
            self._setting = False
        self._changed()
        return self.message.value

    def _current_values(self) -> dict[str, Any]:
        """The controls' values that their parameters take now (a box may hold a value typed wrongly)."""
        values = {}
        for p in self.interactive.params:
            try:
                values[p.name] = p.parse(self.controls[p.name].value)
            except InputError:
                continue
        return values

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)
