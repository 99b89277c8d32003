"""The course's charts, one module per topic: each holds its view functions (a model's output
drawn as a plotly figure dict, with its reading and text alternative), the parameters the learner
moves, the named interactives the chapters show (``@chart``, see :mod:`mgcourse.chartkit`), and the
answers to the chapter's exercises worked on the page (``@answer``, see :mod:`mgcourse.exercises`).
``style`` holds the palette and the layout every chart shares."""

from __future__ import annotations

import importlib
import pkgutil

from ..chartkit import Chart


def all_charts() -> dict[str, Chart]:
    """Every named chart of the course, by name (``"nmda.mg_block"``), in module order."""
    found: dict[str, Chart] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        found.update(
            {c.name: c for c in vars(module).values() if isinstance(c, Chart) and c.__module__ == module.__name__}
        )
    return found
