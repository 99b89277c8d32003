"""Math written as LaTeX (``$...$``, ``$$...$$``), rendered to HTML when the book is built.

Sphinx would load MathJax from another host on every page with math, and MathJax then typesets in
the reader's browser. Instead, the build runs KaTeX (the npm package that ``tools/package.json``
records, fetched and hash-checked by ``vendor.py``) once per page in node, and writes the result
into the page: HTML that KaTeX's stylesheet lays out, with MathML beside it for screen readers. A
page with math loads one stylesheet and the few KaTeX fonts its formulas use, all from the book;
a page without math loads nothing more. A formula KaTeX cannot read fails the build with its page
and KaTeX's message. Since no formula is typeset in the reader's browser, the fonts are cut down to
the characters the book's formulas use (:func:`subset_math_fonts`).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

from docutils import nodes

from .icons import subset_font
from .vendor import VendorError, cache_dir, extract, served

PACKAGE = "katex"
RENDERER = "mgcourse-katex"
# Rendered in node: one process per page, every formula of the page in one JSON message.
_RENDER_SCRIPT = r"""
const katex = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const rendered = JSON.parse(input).map(([tex, display]) => {
    try {
      return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
    } catch (err) {
      return { error: err.message };
    }
  });
  process.stdout.write(JSON.stringify(rendered));
});
"""
_FONT_URL = re.compile(r",url\(fonts/[^)]+\.(?:woff|ttf)\) format\(\"(?:woff|truetype)\"\)")


class MathError(RuntimeError):
    """KaTeX, or node to run it, is missing, or a formula cannot be rendered."""


def static_dir() -> str:
    """Where the book serves KaTeX's stylesheet and fonts, under _static."""
    return f"vendor/katex-{served(PACKAGE).version}"


def stylesheet() -> str:
    return f"{static_dir()}/katex.min.css"


def prepare() -> Path:
    """KaTeX's script, its stylesheet (fonts as woff2 only) and fonts, in a cache folder."""
    try:
        katex = served(PACKAGE)
    except VendorError as err:
        raise MathError(str(err)) from None
    folder = cache_dir() / f"katex-{katex.version}"
    if (folder / "ready").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    try:
        extract(katex, lambda p: p in ("dist/katex.min.js", "dist/katex-swap.min.css"), folder)
        extract(katex, lambda p: p.startswith("dist/fonts/") and p.endswith(".woff2"), folder / "fonts")
    except VendorError as err:
        raise MathError(f"KaTeX cannot be fetched: {err}") from None
    # Every browser the book supports reads woff2: the stylesheet names no other font file, so the
    # book ships none. font-display "swap" keeps the text readable while a font arrives.
    css = (folder / "katex-swap.min.css").read_text("utf-8")
    (folder / "katex.min.css").write_text(_FONT_URL.sub("", css), "utf-8")
    (folder / "katex-swap.min.css").unlink()
    (folder / "ready").write_text("")
    return folder


def install(prepared: Path, static: Path) -> None:
    """Copy the stylesheet and the fonts into the built book's _static folder."""
    target = static / static_dir()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(prepared / "katex.min.css", target / "katex.min.css")
    shutil.copytree(prepared / "fonts", target / "fonts", dirs_exist_ok=True)


def render(prepared: Path, formulas: list[tuple[str, bool]]) -> list[str]:
    """The HTML of each ``(tex, display)`` formula; the first that KaTeX refuses raises, with its text."""
    node = shutil.which("node")
    if node is None:
        raise MathError("math is rendered at build time with node, which is not installed (apt-get install nodejs)")
    result = subprocess.run(
        [node, "-e", _RENDER_SCRIPT, str(prepared / "katex.min.js")],
        input=json.dumps(formulas),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise MathError(f"KaTeX failed in node: {result.stderr.strip()[-500:]}")
    rendered = json.loads(result.stdout)
    for (tex, _), outcome in zip(formulas, rendered, strict=True):
        if "error" in outcome:
            raise MathError(f"the formula {tex!r} cannot be rendered: {outcome['error']}")
    return [outcome["html"] for outcome in rendered]


def math_nodes(doctree) -> list:
    return list(doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))))


def render_doctree(prepared: Path, doctree) -> int:
    """Render every formula of a page into its node (``mgcourse_html``); returns how many."""
    found = math_nodes(doctree)
    if found:
        formulas = [(node.astext(), isinstance(node, nodes.math_block)) for node in found]
        for node, html in zip(found, render(prepared, formulas), strict=True):
            node["mgcourse_html"] = html
    return len(found)


def visit_inline(translator, node) -> None:
    translator.body.append(node["mgcourse_html"])
    raise nodes.SkipNode


def visit_block(translator, node) -> None:
    translator.body.append(translator.starttag(node, "div", CLASS="math-display"))
    if node.get("number"):
        translator.body.append(f'<span class="eqno">({node["number"]})</span>')
    translator.body.append(node["mgcourse_html"] + "</div>\n")
    raise nodes.SkipNode


class _FormulaText(HTMLParser):
    """Collects the characters inside each ``<span class="katex">`` of a page."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # how deep inside a formula's span the parser is; 0 outside
        self.characters: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == "span"
        elif tag == "span" and ("class", "katex") in attrs:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "span":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.characters.update(data)


def formula_characters(html_root: Path) -> set[str]:
    """Every character in the built book's rendered formulas."""
    parser = _FormulaText()
    for page in html_root.rglob("*.html"):
        text = page.read_text("utf-8")
        if 'class="katex"' in text:
            parser.feed(text)
            parser.close()
            parser.depth = 0
    return parser.characters


def subset_math_fonts(html_root: Path) -> dict[str, tuple[int, int]]:
    """Rewrite KaTeX's fonts in the built book with only the characters its formulas use (any font
    may draw any of them, so each keeps them all); returns each font's size before and after.

    Each cut-down font is kept in the download cache under the digest of the font and the
    characters, so that a rebuild with the same formulas copies it instead of cutting it again.
    """
    fonts = sorted((html_root / "_static").glob("vendor/katex-*/fonts/*.woff2"))
    characters = formula_characters(html_root)
    if not fonts or not characters:
        return {}
    codepoints = {ord(c) for c in characters} | {ord(" ")}
    wanted = ",".join(map(str, sorted(codepoints))).encode()
    cache = cache_dir() / "katex-subsets"
    cache.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for path in fonts:
        kept = cache / f"{hashlib.sha256(path.read_bytes() + wanted).hexdigest()[:20]}.woff2"
        if kept.is_file():
            sizes[path.name] = (path.stat().st_size, kept.stat().st_size)
            shutil.copyfile(kept, path)
        else:
            sizes[path.name] = subset_font(path, codepoints)
            shutil.copyfile(path, kept)
    return sizes
