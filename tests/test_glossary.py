"""The glossary (book/glossary.md): its terms are sorted and used in the chapters, and on every chapter
and the landing page the first use of each term in running text links to its entry.

One helper, :func:`first_uses`, holds the matching rules for every page:

* running text is Markdown outside headings, fenced blocks (code, directives), code spans, math
  (``$...$``, ``$$...$$``), links and roles; the text shown by a ``{term}`` role is running text, and it is linked;
* a term matches case-insensitively, as whole words (a line break counts as a space), singular or
  plural (an ``s`` or ``es`` added);
* an entry may list several terms (aliases); its first use is the earliest match of any of them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import CHAPTERS


ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "book" / "glossary.md"
INTRO = ROOT / "book" / "intro.md"
PAGES = [*CHAPTERS, INTRO]  # the chapters and the landing page; the other pages link terms as they like

_FENCE = re.compile(r"^\s*(`{3,}|:{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
# A role (MyST reads one only on a single line), a code span, math or a link (each but a role may run
# over lines of a paragraph).
_INLINE = re.compile(
    r"\{(?P<role>[\w:.+-]+)\}`(?P<body>[^`\n]+)`"
    r"|`(?:[^`\n]|\n(?!\s*\n))+`"
    r"|\$\$(?:[^$]|\n)+?\$\$|\$(?:[^$\n]|\n(?!\s*\n))+?\$"
    r"|!?\[(?:[^\]\n]|\n(?!\s*\n))*\]\([^)\s]*\)"
)
_TERM_BODY = re.compile(r"(?P<text>.*?)(?:\s*<(?P<target>[^<>]+)>)?\s*$")


def glossary_entries(text: str | None = None) -> list[list[str]]:
    """The entries of the glossary directive, each a list of its terms (the first, then the aliases)."""
    text = GLOSSARY.read_text("utf-8") if text is None else text
    body = re.search(r"^```\{glossary\}\n(.*?)^```$", text, re.S | re.M)
    assert body, "book/glossary.md has no ```{glossary} directive"
    entries, previous_was_term = [], False
    for line in body.group(1).splitlines():
        is_term = bool(line.strip()) and not line[0].isspace() and not line.startswith(":")
        if is_term:
            if previous_was_term:
                entries[-1].append(line.strip())
            else:
                entries.append([line.strip()])
        previous_was_term = is_term
    return entries


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def running_text(source: str) -> tuple[str, list[tuple[int, int, str]]]:
    """``source`` with all but running text blanked (offsets kept), and its term roles as
    ``(start, end, target)``, where start and end bound the text the role shows."""
    lines, fence = [], None
    for line in source.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                if not line.strip()[len(opening.group(1)) :].strip():
                    fence = None
            lines.append(_blank(line))
        elif opening:
            fence = opening.group(1)
            lines.append(_blank(line))
        else:
            lines.append(_blank(line) if _HEADING.match(line) else line)
    text = "\n".join(lines)
    parts, roles, last = [], [], 0
    for match in _INLINE.finditer(text):
        parts.append(text[last : match.start()])
        if match["role"] == "term":
            body = _TERM_BODY.match(match["body"])
            start = match.start("body") + body.start("text")
            end = match.start("body") + body.end("text")
            parts += [_blank(text[match.start() : start]), text[start:end], _blank(text[end : match.end()])]
            roles.append((start, end, (body["target"] or body["text"]).strip()))
        else:
            parts.append(_blank(match.group(0)))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), roles


def term_pattern(term: str) -> re.Pattern:
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<!\w){words}(?:e?s)?(?!\w)", re.I)


def page_sources(path: Path) -> list[str]:
    """The Markdown of a page: a notebook's markdown cells, or the file itself."""
    if path.suffix == ".ipynb":
        return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]
    return [path.read_text("utf-8")]


def first_uses(sources: list[str], entries: list[list[str]]) -> dict[int, tuple[int, str, str | None]]:
    """For each entry used in running text: (markdown block, matched text, target of the term role
    holding the match or None), keyed by the entry's index in ``entries``."""
    found = {}
    for block, source in enumerate(sources):
        text, roles = running_text(source)
        for index, terms in enumerate(entries):
            if index in found:
                continue
            matches = [m for term in terms for m in term_pattern(term).finditer(text)]
            if not matches:
                continue
            match = min(matches, key=lambda m: m.start())
            target = next((t for start, end, t in roles if start <= match.start() and match.end() <= end), None)
            found[index] = (block, " ".join(match.group(0).split()), target)
    return found


def _names(terms: list[str]) -> set[str]:
    return {term.lower() for term in terms}


# ---------------------------------------------------------------- the rules themselves


def test_matching_rules():
    source = (
        "# ATP in a heading\n\nCells use `ATP` in code and [ATP](01-energy.ipynb) in a link.\n"
        "The {term}`free\n"  # a role broken over two lines is no role for MyST
        "magnesium` and then {term}`ATPs <ATP>`, later ATP again; Free\nMagnesium; the NMDA receptor's pore.\n"
        "```{admonition} Note\nATP in a directive\n```\n"
        "A formula, $[\\text{ATP}] / K_d$, and one apart:\n\n$$\\text{serum} = 1$$\n"
    )
    entries = [["ATP"], ["free magnesium", "ionized magnesium"], ["NMDA receptor"], ["serum"]]
    found = first_uses([source], entries)
    assert found[0] == (0, "ATPs", "ATP")
    assert found[1] == (0, "Free Magnesium", None)
    assert found[2] == (0, "NMDA receptor", None)
    assert 3 not in found
    assert glossary_entries("```{glossary}\n:sorted:\n\nA\nB\n  def\n\nC\n  def\n```\n") == [["A", "B"], ["C"]]


# ---------------------------------------------------------------- the glossary page


def test_glossary_is_sorted_and_first_in_about_the_course():
    entries = glossary_entries()
    assert 25 <= len(entries) <= 45, len(entries)
    firsts = [entry[0] for entry in entries]
    assert firsts == sorted(firsts, key=lambda t: unicodedata.normalize("NFD", t.lower()))
    terms = [term.lower() for entry in entries for term in entry]
    assert len(terms) == len(set(terms)), "a term is listed twice"
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text("utf-8"))
    about = next(part for part in toc["parts"] if part["caption"] == "About the course")
    assert about["chapters"][0]["file"] == "book/glossary"


def test_every_glossary_term_is_used_in_a_chapter():
    texts = [running_text(source)[0] for path in CHAPTERS for source in page_sources(path)]
    unused = [
        term for entry in glossary_entries() for term in entry if not any(term_pattern(term).search(t) for t in texts)
    ]
    assert not unused, f"glossary terms no chapter uses in running text: {unused}"


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_first_use_of_each_term_links_to_the_glossary(path):
    entries, sources = glossary_entries(), page_sources(path)
    unlinked = [
        f"{text!r} (block {block}) should be {{term}}`{text} <{entries[index][0]}>`"
        for index, (block, text, target) in first_uses(sources, entries).items()
        if target is None or target.lower() not in _names(entries[index])
    ]
    assert not unlinked, f"{path.name}: first uses not linked to the glossary:\n" + "\n".join(unlinked)
    known = {term.lower(): index for index, entry in enumerate(entries) for term in entry}
    linked = [target.lower() for source in sources for _, _, target in running_text(source)[1]]
    assert all(t in known for t in linked), f"{path.name}: a term role names no glossary term: {linked}"
    repeated = {t for t in linked if sum(known[u] == known[t] for u in linked) > 1}
    assert not repeated, f"{path.name}: link only the first use of a term: {sorted(repeated)}"
    for source in sources:
        for line in source.splitlines():
            assert not (_HEADING.match(line) and "{term}" in line), f"{path.name}: a heading carries a link: {line}"


def _glossary_ids(built_book: Path) -> dict[str, str]:
    """Term (lower case) -> its anchor in the built glossary page."""
    page = (built_book / "book" / "glossary.html").read_text("utf-8")
    ids = {}
    for anchor, inner in re.findall(r'<dt id="(term-[^"]+)">(.*?)<a class="headerlink"', page, re.S):
        ids[html.unescape(re.sub(r"<[^>]+>", "", inner)).strip().lower()] = anchor
    assert ids, "no term found in the built glossary page"
    return ids


@pytest.mark.build
@pytest.mark.parametrize("path", PAGES, ids=[p.name for p in PAGES])
def test_built_page_links_each_first_use_to_the_glossary(built_book, path):
    entries, ids = glossary_entries(), _glossary_ids(built_book)
    assert set(ids) == {term.lower() for entry in entries for term in entry}
    page = (built_book / "book" / path.with_suffix(".html").name).read_text("utf-8")
    linked = set(re.findall(r'<a [^>]*href="glossary\.html#(term-[^"]+)"', page))
    missing = [
        entries[index][0]
        for index in first_uses(page_sources(path), entries)
        if not linked & {ids[name] for name in _names(entries[index])}
    ]
    assert not missing, f"{path.name}: the built page does not link these terms to the glossary: {missing}"
    roles = sum(len(running_text(source)[1]) for source in page_sources(path))
    assert len(re.findall(r'href="glossary\.html#term-', page)) == roles, "each term role is one link"
    assert "std-term" not in page, "a term link is written as <a ...>term</a>, without a span (page weight)"
