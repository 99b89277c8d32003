"""Every colour an interactive draws is colour-blind safe: one of Okabe and Ito's colours in
mgcourse.charts.style.PALETTE, an rgba() shade of one, or a neutral grey, black or white."""

from __future__ import annotations

import re

import pytest

from conftest import CHARTS
from mgcourse import chartkit as helper
from mgcourse import mode, staticmodel
from mgcourse.charts.style import PALETTE

NAMED = {"black": (0, 0, 0), "white": (255, 255, 255), "grey": (128, 128, 128), "gray": (128, 128, 128)}
PALETTE_RGB = {tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)) for hex_colour in PALETTE.values()}


def rgb(colour: str) -> tuple[int, int, int] | None:
    """The red, green and blue of a CSS colour written as #rgb, #rrggbb, rgb(), rgba() or a name."""
    text = colour.strip().lower()
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return tuple(int(c * 2, 16) for c in text[1:])
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return tuple(int(text[i : i + 2], 16) for i in (1, 3, 5))
    match = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(,\s*[\d.]+\s*)?\)", text)
    if match:
        return tuple(int(match[i]) for i in (1, 2, 3))
    return NAMED.get(text)


def is_safe(colour: str) -> bool:
    channels = rgb(colour)
    return channels is not None and (channels in PALETTE_RGB or len(set(channels)) == 1)


def colours_in(part, path="") -> list[tuple[str, str]]:
    """Every (where, colour) in a figure part: the values of keys such as color, fillcolor, bgcolor,
    colors and colorscale, at any depth (traces, their markers and lines, layout, annotations)."""
    found = []
    if isinstance(part, dict):
        for key, value in part.items():
            where = f"{path}.{key}"
            if re.search(r"colou?r(s|scale)?$", key, re.I):
                found += [(where, v) for v in _strings(value)]
            else:
                found += colours_in(value, where)
    elif isinstance(part, (list, tuple)):
        for i, value in enumerate(part):
            found += colours_in(value, f"{path}[{i}]")
    return found


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(params=CHARTS, ids=[name for name, _ in CHARTS])
def interactive(request, monkeypatch):
    monkeypatch.setenv(mode.RENDER_VARIABLE, mode.STATIC)
    return request.param[1].interactive()


def test_the_palette_is_okabe_ito():
    okabe_ito = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
    assert {rgb(c) for c in okabe_ito} <= PALETTE_RGB
    assert all(c in PALETTE_RGB or len(set(c)) == 1 for c in PALETTE_RGB), "a colour outside Okabe-Ito that is not grey"


@pytest.mark.parametrize("colour", ["#0072B2", "#0072b2", "rgba(0,114,178,0.25)", "#999", "rgba(0,0,0,0)", "white"])
def test_safe_colours_are_recognised(colour):
    assert is_safe(colour)


@pytest.mark.parametrize("colour", ["#ff0000", "rgb(0,114,179)", "red", "hsl(0, 100%, 50%)"])
def test_other_colours_are_refused(colour):
    assert not is_safe(colour)


def test_default_figure_uses_only_safe_colours(interactive):
    figure = interactive.compute().figure
    colours = colours_in(figure)
    assert any(where.startswith(".data") for where, _ in colours), "no trace colour found: is the walk right?"
    unsafe = [(where, colour) for where, colour in colours if not is_safe(colour)]
    assert not unsafe, unsafe


def test_every_static_state_uses_only_safe_colours(interactive):
    """The static page's precomputed states hold every value a part takes: none may bring another colour."""
    model = helper.static_model(interactive)
    unsafe = [
        (str(part["path"]), colour)
        for part in model["parts"]
        for value in staticmodel.stored_values(part)
        for _, colour in colours_in({str(part["path"][-1]): value})
        if not is_safe(colour)
    ]
    assert not unsafe, unsafe
