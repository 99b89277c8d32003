"""Cut the theme's icon fonts down to the icons the book shows.

The theme ships Font Awesome's fonts whole (about 280 KB that every page downloads for a dozen
icons) and a 1.5 MB script that redraws the same icons as SVG. The course's layout template drops
the script (the theme's stylesheet already draws each ``<i class="fa-...">`` from the font); this
module, run at the end of the build, rewrites each font in the output with only the glyphs that
the built pages, the theme's scripts and the theme's own icon variables use.
"""

from __future__ import annotations

import re
from pathlib import Path

# `.fa-rocket:before,.fa-rocket-launch:before{content:"\f135"}` in the theme's stylesheet.
_CLASS_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?::)?before,?)+)\{content:"(\\[0-9a-f]{4,5}|[^"\\])')
# `--pst-icon-lightbulb:"<glyph>"`: icons the theme puts in admonition titles and the like.
_ICON_VARIABLE = re.compile(r'--pst-icon-[a-z-]+:"(\\[0-9a-f]{4,5}|[^"\\])"')
_USED_CLASS = re.compile(r"\bfa-[a-z0-9-]+")


def _char(token: str) -> int:
    return int(token[1:], 16) if token.startswith("\\") else ord(token)


def used_codepoints(html_root: Path) -> set[int]:
    """Codepoints of every icon the built book can show."""
    static = html_root / "_static"
    css = "\n".join(p.read_text("utf-8", errors="ignore") for p in static.rglob("*.css"))
    by_class: dict[str, int] = {}
    for selectors, glyph in _CLASS_RULE.findall(css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+)", selectors):
            by_class[name] = _char(glyph)
    used = {_char(g) for g in _ICON_VARIABLE.findall(css)}
    sources = [*html_root.rglob("*.html"), *static.rglob("*.js")]
    for source in sources:
        if "vendor" in source.parts:
            continue
        for name in set(_USED_CLASS.findall(source.read_text("utf-8", errors="ignore"))):
            if name in by_class:
                used.add(by_class[name])
    return used


def subset_icon_fonts(html_root: Path) -> dict[str, tuple[int, int]]:
    """Rewrite the icon fonts in the built book with only the used glyphs; returns sizes before/after."""
    fonts = sorted((html_root / "_static").rglob("fa-*.woff2")) + sorted((html_root / "_static").rglob("fa-*.ttf"))
    if not fonts:
        return {}
    codepoints = used_codepoints(html_root)
    return {path.name: subset_font(path, codepoints) for path in fonts}


def subset_font(font_path: Path, codepoints: set[int]) -> tuple[int, int]:
    """Rewrite ``font_path`` (WOFF2 or TrueType) with only the glyphs of ``codepoints`` (and every
    layout feature among them); returns its size in bytes before and after."""
    from fontTools import subset

    before = font_path.stat().st_size
    options = subset.Options()
    options.flavor = "woff2" if font_path.suffix == ".woff2" else None
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(font_path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    subset.save_font(font, str(font_path), options)
    return before, font_path.stat().st_size
