"""Which rendering the course's calls give: the one place that reads it.

The book build runs the notebooks with ``MGCOURSE_RENDER=static`` (its Sphinx extension sets it
for the kernels it starts): interactives, self-checks and the instructor guide then render as HTML
for the static page. Anywhere else (JupyterLab, Binder, Thebe, Colab, the tests) they are live.
"""

from __future__ import annotations

import os

RENDER_VARIABLE = "MGCOURSE_RENDER"
STATIC = "static"


def in_book() -> bool:
    """Whether this process renders for the static book (no kernel behind the page)."""
    return os.environ.get(RENDER_VARIABLE) == STATIC


def render_for_book() -> None:
    """Make this process, and the kernels it starts, render for the static book."""
    os.environ[RENDER_VARIABLE] = STATIC


def live_environment(env: dict[str, str]) -> dict[str, str]:
    """A copy of ``env`` in which started processes render live (as in JupyterLab)."""
    return {k: v for k, v in env.items() if k != RENDER_VARIABLE}
