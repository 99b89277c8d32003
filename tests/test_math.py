"""Math rendered while the book is built (KaTeX in node): the HTML a formula becomes, the stylesheet
and fonts the book serves for it, and a formula KaTeX cannot read refused with its text."""

from __future__ import annotations

import re

import pytest

from mgcourse.sphinxext import mathrender


@pytest.fixture(scope="module")
def katex():
    return mathrender.prepare()


def test_the_stylesheet_names_only_woff2_fonts_that_the_book_ships(katex):
    css = (katex / "katex.min.css").read_text("utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert len(fonts) > 10
    for font in fonts:
        assert font.startswith("fonts/") and font.endswith(".woff2"), font
        assert (katex / font).is_file(), font
    assert "font-display:swap" in css
    assert not [p for p in (katex / "fonts").iterdir() if p.suffix != ".woff2"]


def test_a_formula_becomes_html_with_mathml_for_screen_readers(katex):
    inline, display = mathrender.render(katex, [("K_d", False), (r"\frac{[\mathrm{Mg^{2+}}]}{K_d}", True)])
    assert inline.startswith('<span class="katex">') and "<math" in inline and "<mi>K</mi>" in inline
    assert 'class="katex-display"' in display and "<mfrac>" in display
    assert "http" not in inline.replace("http://www.w3.org/1998/Math/MathML", "")


def test_a_formula_katex_cannot_read_is_refused_with_its_text(katex):
    with pytest.raises(
        mathrender.MathError, match=r"the formula '\\\\frac\{1\}' cannot be rendered: KaTeX parse error"
    ):
        mathrender.render(katex, [("x", False), (r"\frac{1}", False)])


def test_without_node_the_build_says_what_to_install(katex, monkeypatch):
    monkeypatch.setattr(mathrender.shutil, "which", lambda name: None)
    with pytest.raises(mathrender.MathError, match="apt-get install nodejs"):
        mathrender.render(katex, [("x", False)])


def test_the_characters_of_a_pages_formulas_are_read_from_its_katex_spans(tmp_path):
    (tmp_path / "page.html").write_text(
        '<p>Kd</p><span class="katex"><span class="katex-html"><span>x</span>=2</span></span><span>y</span>', "utf-8"
    )
    (tmp_path / "other.html").write_text("<p>no formula: z</p>", "utf-8")
    assert mathrender.formula_characters(tmp_path) == {"x", "=", "2"}
