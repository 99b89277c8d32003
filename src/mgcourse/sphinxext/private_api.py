"""The private APIs of Sphinx and pybtex that the course's build still needs, each behind one small
function. ``tests/test_sphinxext.py`` calls every one of them against the installed versions, so the
upgrade that removes or changes one fails there, by name, rather than somewhere in a build."""

from __future__ import annotations

import functools
from collections.abc import Callable


def warning_count(app) -> int:
    """How many warnings the build has logged so far (Sphinx keeps the count in ``app._warncount``)."""
    return app._warncount


def script_with(script, **attributes):
    """A copy of a page's script entry (Sphinx's ``_JavaScript``) with more attributes (``defer``)."""
    from sphinx.builders.html._assets import _JavaScript

    merged = dict(getattr(script, "attributes", {}), **attributes)
    return _JavaScript(script.filename, priority=script.priority, **merged)


def transform_rendered_pages(builder, transform: Callable[[str], str]) -> None:
    """Pass every page the HTML builder renders from its templates through ``transform``.

    Sphinx has no event after a page is rendered and before it is written; its template bridge's
    ``render`` is the one place every page goes through.
    """
    render = builder.templates.render
    builder.templates.render = lambda template, context: transform(render(template, context))


def cache_bibliography_plugin_lookups() -> None:
    """pybtex looks its style plugins up among every installed package's entry points on each
    citation (its private ``_load_entry_point``): with a few hundred ``footcite`` roles that took a
    third of a clean build. The plugins do not change during a build (sphinxcontrib-bibtex registers
    its own when it is set up), so the lookups are cached."""
    import pybtex.plugin

    if not hasattr(pybtex.plugin._load_entry_point, "cache_info"):
        pybtex.plugin._load_entry_point = functools.lru_cache(maxsize=None)(pybtex.plugin._load_entry_point)
