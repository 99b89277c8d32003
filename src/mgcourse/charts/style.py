"""The course's chart style: one colour-blind-safe palette and a plain base layout.

Charts are plain plotly figure dicts (``{"data": [...], "layout": {...}}``), cheap to build many
times for the static page's precomputed steps and accepted as they are by plotly.js and by
``plotly.graph_objects.FigureWidget``.
"""

from __future__ import annotations

import html

# Okabe & Ito's palette, distinguishable with the common forms of colour-vision deficiency.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#6b6b6b",
}

# In the book, marks drawn in INK take the page's text colour and marks in PAPER its background:
# the page script (mgcourse.js) swaps them as it draws, so that they read in light and dark mode.
INK = PALETTE["black"]
PAPER = "#ffffff"

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def as_text(value: object) -> str:
    """Text from data, ready for a chart or its reading: plotly.js reads trace names, axis labels, hover
    and annotation text as (a subset of) HTML, and the page inserts readings as HTML, so markup in a data
    cell is escaped and shows as text. Quotes are left as they are: plotly.js would show ``&quot;`` as is."""
    return html.escape(str(value), quote=False)


def base_layout(height: int = 380, **extra) -> dict:
    """A layout with the course's font, margins and transparent backgrounds (for light and dark pages)."""
    layout = {
        "height": height,
        "margin": {"l": 60, "r": 60, "t": 30, "b": 50},
        "font": {"family": FONT, "size": 13, "color": "#333333"},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hovermode": "closest",
        # Above the plot: below it, the legend could overlap long or wrapped axis labels.
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"},
        "showlegend": True,
    }
    layout.update(extra)
    return layout


def band(x0: float, x1: float, y0: float, y1: float, name: str, color: str, xaxis="x", yaxis="y", opacity=0.25) -> dict:
    """A shaded rectangle drawn as a trace, so that it has a legend entry and hover text."""
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "xaxis": xaxis,
        "yaxis": yaxis,
        "x": [x0, x1, x1, x0, x0],
        "y": [y0, y0, y1, y1, y0],
        "fill": "toself",
        "fillcolor": _rgba(color, opacity),
        "line": {"width": 0, "color": color},
        "hoverinfo": "name",
    }


def segment(x: list, y: list, name: str, color: str, dash: str, xaxis="x", yaxis="y") -> dict:
    """A straight line from (x[0], y[0]) to (x[1], y[1]) drawn as a trace, so that it has a legend entry."""
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "xaxis": xaxis,
        "yaxis": yaxis,
        "x": x,
        "y": y,
        "line": {"color": color, "width": 2, "dash": dash},
        "hoverinfo": "name",
    }


def vline(x: float, y0: float, y1: float, name: str, color: str, dash: str, xaxis="x", yaxis="y") -> dict:
    """A vertical line at ``x`` from ``y0`` to ``y1``."""
    return segment([x, x], [y0, y1], name, color, dash, xaxis, yaxis)


def hline(y: float, x0: float, x1: float, name: str, color: str, dash: str, xaxis="x", yaxis="y") -> dict:
    """A horizontal line at ``y`` from ``x0`` to ``x1``."""
    return segment([x0, x1], [y, y], name, color, dash, xaxis, yaxis)


def marker(
    x: float, y: float, name: str, color: str, hovertemplate: str, symbol="diamond", size=16, xaxis="x", yaxis="y"
) -> dict:
    """One point. The hover text comes from a template, so the trace differs between states only in x and y."""
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "xaxis": xaxis,
        "yaxis": yaxis,
        "x": [x],
        "y": [y],
        "marker": {"color": color, "size": size, "symbol": symbol, "line": {"width": 1.5, "color": INK}},
        "hovertemplate": hovertemplate + "<extra></extra>",
    }


def _rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"
