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
   control. ``control="entry"`` gives a text box instead of a slider, for values a learner types.
3. Put the view, its parameters and the :class:`Interactive` that joins them in the topic's module of
   ``mgcourse.charts``: a function decorated with ``@chart`` returns the ``Interactive``, which makes
   it a named :class:`Chart` (``nmda.mg_block``). The chapter shows it with one line,
   ``nmda.mg_block.show()``. Nothing else is needed: the tests and the build find every chart by
   name (:func:`mgcourse.charts.all_charts`, :func:`mgcourse.chapters.chart_calls`).

What ``show()`` gives
---------------------
* In the book build (the build extension sets ``MGCOURSE_RENDER=static``, see ``mgcourse.mode``, for the kernels it
  starts) it returns HTML only: native ``<input type="range">`` and ``<select>`` controls over
  precomputed steps, the chart drawn by plotly.js and redrawn by ``mgcourse.js`` in the page, with
  no kernel and no widget. Every combination of the static steps is computed once; each part of
  the chart (a trace's attribute, a layout key, a reading paragraph) is stored only for the parameters it
  depends on, found by comparing the computed states.
* Anywhere else (JupyterLab, Binder, Thebe, tests) it returns ipywidgets controls for every
  parameter around a ``plotly`` FigureWidget that is updated in place. Bad input leaves the chart in
  its last good state and shows a plain message.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import mode
from .templating import Markup, render

MAX_STATIC_STATES = 5000


class InputError(ValueError):
    """A value a learner gave that the chart cannot use; the message is shown as it is."""


@dataclass(frozen=True)
class View:
    """What a view function returns: the figure, its reading in words, and its text alternative."""

    figure: dict
    reading: tuple[str, ...]
    alt: str


def _number(raw: Any) -> float:
    """A finite number from a number or from text as typed; ``ValueError`` says what is wrong with ``raw``."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        raise ValueError("nothing was entered")
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float, np.integer, np.floating)):
        raise ValueError(f"'{raw}' is not a number")
    text = raw.strip() if isinstance(raw, str) else raw
    if isinstance(text, str) and re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")  # a decimal comma ("0,85"), as many lab reports outside the US print it
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{raw}' is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{raw} is not a finite number")
    return value


def _shortest(value: float) -> str:
    """The shortest text that reads back as ``value`` (so a value just outside a limit never shows as the limit)."""
    text = repr(float(value))
    return text.removesuffix(".0")


@dataclass(frozen=True)
class Number:
    """A numeric parameter. ``minimum``/``maximum`` bound what the live control accepts."""

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
    static_unit: str = ""  # unit of the static steps when ``unit`` is set by another parameter

    def parse(self, raw: Any) -> float:
        """``raw`` (a number, or text as a learner types it) as a number in range, or :class:`InputError`."""
        try:
            value = _number(raw)
        except ValueError as problem:
            raise InputError(f"{self.label}: {problem}; {self.allowed()}.") from None
        if not self.minimum <= value <= self.maximum:
            raise InputError(
                f"{self.label}: {self._amount(value)} is outside the range this chart takes; {self.allowed()}."
            )
        return value

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
        return [f"{self.format(v)} {self.static_unit}".strip() for v in self.steps]

    @property
    def static(self) -> bool:
        return bool(self.steps)


@dataclass(frozen=True)
class Choice:
    """A choice among named options."""

    name: str
    label: str
    options: tuple[str, ...]
    default: str
    static: bool = False

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

    def __post_init__(self):
        if not re.fullmatch(r"[a-z][a-z0-9-]*", self.name):
            raise ValueError(f"interactive name '{self.name}' must be lowercase letters, digits and '-'")

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def compute(self, **raw) -> View:
        """Validate raw parameter values (as a control would give them) and compute the view."""
        values = self.defaults()
        unknown = set(raw) - set(values)
        if unknown:
            raise InputError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
        values.update(raw)
        parsed = {p.name: p.parse(values[p.name]) for p in self.params}
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


def _plain(obj):
    """JSON-ready copy of a figure part: numpy arrays to lists, floats rounded to 6 significant digits."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [_plain(v) for v in obj.tolist()]
    if isinstance(obj, (float, np.floating)):
        value = float(obj)
        return float(f"{value:.6g}") if math.isfinite(value) else None
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


def _leaves(view: View) -> dict[tuple, str]:
    parts: dict[tuple, Any] = {}
    for i, trace in enumerate(view.figure.get("data", [])):
        for key, value in trace.items():
            parts[("data", i, key)] = value
    for key, value in view.figure.get("layout", {}).items():
        parts[("layout", key)] = value
    for i, paragraph in enumerate(view.reading):
        parts[("reading", i)] = paragraph
    parts[("alt",)] = view.alt
    return {path: json.dumps(_plain(value), sort_keys=True, separators=(",", ":")) for path, value in parts.items()}


def static_model(interactive: Interactive) -> dict:
    """Every state of the static controls, stored part by part (see the module docstring)."""
    axes = [p for p in interactive.params if p.static]
    sizes = [len(p.static_values()) for p in axes]
    total = math.prod(sizes)
    if total > MAX_STATIC_STATES:
        raise ValueError(
            f"interactive '{interactive.name}' has {total} static states (more than {MAX_STATIC_STATES}); use fewer steps"
        )
    base = {p.name: p.parse(p.default) for p in interactive.params}
    columns: dict[tuple, list[str]] = {}
    for state, combo in enumerate(itertools.product(*(p.static_values() for p in axes))):
        values = dict(base, **{p.name: p.parse(v) for p, v in zip(axes, combo)})
        leaves = _leaves(interactive.view(**values))
        if state == 0:
            columns = {path: [] for path in leaves}
        elif set(leaves) != set(columns):
            raise ValueError(
                f"interactive '{interactive.name}': the view gave different figure parts for {values}; "
                "keep the number of traces, layout keys and reading paragraphs constant"
            )
        for path, text in leaves.items():
            columns[path].append(text)
    parts = []
    for path, texts in columns.items():
        uniques: dict[str, int] = {}
        ids = np.array([uniques.setdefault(t, len(uniques)) for t in texts]).reshape(sizes or [1])
        deps = [a for a in range(len(sizes)) if np.any(ids != np.take(ids, [0], axis=a))]
        reduced = ids[tuple(slice(None) if a in deps else 0 for a in range(len(sizes)))] if sizes else ids
        parts.append(
            {
                "path": list(path),
                "deps": deps,
                "values": [json.loads(t) for t in uniques],
                "index": np.asarray(reduced).ravel().tolist(),
            }
        )
    return {"sizes": sizes, "parts": parts}


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


def static_chart(interactive: Interactive) -> StaticChart:
    """The static interactive: controls, chart container, reading, caption, and its model."""
    uid = f"mgc-{interactive.name}"
    axes = [p for p in interactive.params if p.static]
    start = {p.name: p.static_values()[_default_index(p)] for p in axes}
    first = interactive.compute(**start)
    controls = [
        {
            "axis": axis,
            "id": f"{uid}-{p.name}",
            "label": p.label,
            "kind": "range" if isinstance(p, Number) else "menu",
            "labels": p.static_labels(),
            "index": _default_index(p),
        }
        for axis, p in enumerate(axes)
    ]
    model = static_model(interactive)
    model["labels"] = [p.static_labels() for p in axes]
    body = render(
        "charts/static-chart.html",
        uid=uid,
        title=interactive.title,
        controls=controls,
        # The chart's box keeps its height before plotly.js draws it, so the page does not jump.
        height=int(first.figure.get("layout", {}).get("height", 380)),
        # The caption and the reading are HTML the chart's module wrote (data text passed through
        # mgcourse.charts.style.as_text); the text alternative is plain text.
        caption=Markup(interactive.caption),
        reading=[Markup(p) for p in first.reading],
        alt=first.alt,
        live_only=[p.label for p in interactive.params if not p.static],
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


class LiveInteractive:
    """ipywidgets controls for every parameter, driving one FigureWidget updated in place."""

    def __init__(self, interactive: Interactive):
        import ipywidgets as w
        import plotly.graph_objects as go

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
        self.figure = go.FigureWidget(view.figure)
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
        with self.figure.batch_update():
            for i, key, value in traces:
                self.figure.data[i][key] = value
            if layout:
                self.figure.layout.update(layout, overwrite=True)

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

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)
