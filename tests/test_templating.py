"""HTML is written one way: Jinja2 templates of mgcourse/templates/, escaped on output."""

from __future__ import annotations

import ast
import csv
import fnmatch
import re
import shutil
import tomllib

import jinja2
import pytest
import yaml

from conftest import ROOT
from mgcourse import content, course, data, guide, templating

PACKAGE = ROOT / "src" / "mgcourse"
TEMPLATES = PACKAGE / "templates"
TRICKY = """Tom & "Jerry's" <b>bold</b> a<b"""
SHOWN = "Tom &amp; &#34;Jerry&#39;s&#34; &lt;b&gt;bold&lt;/b&gt; a&lt;b"

# The one escape outside the templates' (markupsafe's, which Jinja2's autoescape calls): text from data
# for a chart, where plotly.js reads a subset of HTML and the page script compares a reading with the
# HTML the browser gives back, which leaves quotes as they are (so quotes stay as they are here too).
OTHER_ESCAPES = {"charts/style.py": "as_text"}
# f-strings that write markup without text in them, or markup that is not HTML the course shows.
MARKUP_FSTRINGS = {
    "chartkit.py": "<chart {name}>, a chart's repr",
    "sphinxext/live.py": "thebe's configuration, JSON the build wrote, in its script element",
    "sphinxext/mathrender.py": "a formula's number, in Sphinx's HTML writer",
}
# The charts' own modules write their readings and hover text (plotly.js's subset of HTML) with data
# text passed through style.as_text (see mgcourse.chartkit and tests/test_markup_in_data.py).
CHART_VIEWS = "charts/"


def _modules() -> dict[str, ast.Module]:
    return {p.relative_to(PACKAGE).as_posix(): ast.parse(p.read_text("utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def test_the_environment_escapes_and_refuses_an_unknown_name():
    env = templating.environment()
    assert env.autoescape is True and env.undefined is jinja2.StrictUndefined
    assert env.from_string("<p>{{ text }}</p>").render(text=TRICKY) == f"<p>{SHOWN}</p>"
    assert templating.text(TRICKY) == SHOWN
    with pytest.raises(jinja2.UndefinedError):
        templating.render("charts/live-title.html")


def test_only_the_templating_module_escapes():
    """No module escapes text itself (html.escape, markupsafe), but the one named above, nor writes
    HTML with an f-string, but those named above and the charts' views."""
    modules = _modules()
    escapes, fstrings = {}, {}
    for name, tree in modules.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                if any(n == "html" or n.startswith("markupsafe") for n in names):
                    escapes.setdefault(name, []).append(node.lineno)
            elif isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values):
                written = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if re.search(r"<[a-zA-Z/!]", written):
                    fstrings.setdefault(name, []).append(node.lineno)
    assert len(modules) == len(list(PACKAGE.rglob("*.py"))) > 40  # every module was read
    assert set(escapes) == {"templating.py", *OTHER_ESCAPES}, escapes
    others = {name for name in fstrings if not name.startswith(CHART_VIEWS)}
    assert others == set(MARKUP_FSTRINGS), fstrings
    assert "charts/style.py" not in fstrings


def test_every_template_is_used_and_shipped():
    names = [p.relative_to(TEMPLATES).as_posix() for p in sorted(TEMPLATES.rglob("*")) if p.is_file()]
    assert len(names) > 20
    sources = "".join(p.read_text("utf-8") for p in [*PACKAGE.rglob("*.py"), *TEMPLATES.rglob("*.*")])
    for name in names:
        stem = name.rsplit(".", 1)[0]
        assert f'"{name}"' in sources or f'"{stem.split("/")[-1]}"' in sources, f"{name} is not used"
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["package-data"]
    for name in names:
        assert any(fnmatch.fnmatch(f"templates/{name}", p) for p in patterns["mgcourse"]), f"{name} not shipped"


@pytest.fixture
def tricky_course(tmp_path, monkeypatch):
    """The course reads a copy of data/ and of the self-checks with awkward text in a claim, a data
    table's cells and a self-check's options."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    for name, column in (("claims", "article_claim"), ("foods", "food")):
        path = copy / f"{name}.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        rows[0][column] = TRICKY
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    checks = tmp_path / "self-checks"
    shutil.copytree(course.self_check_dir(), checks)
    quiz = yaml.safe_load((checks / "01-energy.yml").read_text("utf-8"))
    for option in quiz["questions"][0]["options"]:
        option["text"] = f"{option['text']} {TRICKY}"
    (checks / "01-energy.yml").write_text(yaml.safe_dump(quiz), "utf-8")
    monkeypatch.setattr(course, "data_dir", lambda: copy)
    monkeypatch.setattr(course, "self_check_dir", lambda: checks)
    return data.load_table("claims").id.iloc[0]


def test_data_text_with_markup_characters_is_escaped_in_every_rendering(tricky_course):
    evidence = content.evidence(tricky_course)
    table = content.table("foods")
    for shown in (evidence.html, evidence.markdown, table.html, table.markdown, content.claims_summary().html):
        assert SHOWN in shown and "<b>" not in shown
    for shown in (content.self_check("01-energy").html, guide.self_check_answers("01-energy").html):
        assert shown.count(SHOWN) >= 1 and "<b>" not in shown
