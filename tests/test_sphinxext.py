"""The private Sphinx and pybtex APIs the build extension still uses (mgcourse.sphinxext.private_api),
each called against the installed versions in a one-page Sphinx project: an upgrade that removes or
changes one fails here, by name."""

from __future__ import annotations

import importlib
import io
import logging
import re
import types
from pathlib import Path

import pytest
from sphinx.application import Sphinx

from conftest import CHAPTERS
from mgcourse import course
from mgcourse.sphinxext import environment, freshness, pageweight, private_api, strict

pytestmark = pytest.mark.build


def one_page_app(tmp_path: Path, extra_conf: str = "") -> Sphinx:
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(f"project = 'probe'\nhtml_theme = 'basic'\n{extra_conf}")
    (source / "index.rst").write_text("Probe\n=====\n\nSome    words,\n      on two lines.\n")
    return Sphinx(
        str(source),
        str(source),
        str(tmp_path / "html"),
        str(tmp_path / "doctrees"),
        "html",
        status=io.StringIO(),
        warning=io.StringIO(),
        freshenv=True,
    )


def test_the_warning_count_is_the_one_sphinx_keeps(tmp_path):
    app = one_page_app(tmp_path)
    before = private_api.warning_count(app)  # not always 0: a second app in one process warns of its own
    logging.getLogger("sphinx.probe").warning("a probe warning")
    assert private_api.warning_count(app) == before + 1


def test_a_page_script_gets_an_attribute_and_keeps_its_file_and_priority(tmp_path):
    app = one_page_app(tmp_path)
    app.add_js_file("probe.js", priority=300)
    changed = []

    def defer_probe(app, pagename, templatename, context, doctree):
        scripts = context["script_files"]
        for i, script in enumerate(scripts):
            if str(getattr(script, "filename", "")).endswith("probe.js"):
                scripts[i] = private_api.script_with(script, defer="defer")
                changed.append(scripts[i])

    app.connect("html-page-context", defer_probe)
    app.build()
    assert changed and all(s.priority == 300 and s.attributes["defer"] == "defer" for s in changed)
    tags = re.findall(r"<script[^>]*probe\.js[^>]*>", (tmp_path / "html" / "index.html").read_text("utf-8"))
    assert tags and all('defer="defer"' in tag for tag in tags), tags


def test_every_rendered_page_goes_through_the_transform(tmp_path):
    app = one_page_app(tmp_path)
    private_api.transform_rendered_pages(app.builder, lambda page: page.replace("</body>", "<!-- seen --></body>"))
    app.build()
    pages = sorted((tmp_path / "html").glob("*.html"))
    assert pages and all("<!-- seen -->" in p.read_text("utf-8") for p in pages), [p.name for p in pages]


def test_whitespace_is_collapsed_outside_preformatted_text():
    page = "<p>a\n      b</p>\n   \n<pre>x\n    y</pre>\n  <textarea>1\n   2</textarea>"
    assert pageweight.collapse_whitespace(page) == "<p>a\nb</p>\n<pre>x\n    y</pre>\n<textarea>1\n   2</textarea>"


def test_code_tokens_drawn_as_plain_text_in_both_styles_lose_their_span():
    plain = pageweight.plain_token_classes("a11y-high-contrast-light", "a11y-high-contrast-dark")
    assert {"n", "p", "w"} <= plain and not {"k", "kn", "s2", "c1", "mi", "nf", "o"} & plain
    highlighted = (
        '<span class="kn">from</span><span class="w"> </span><span class="nn">mgcourse</span><span class="p">(</span>'
    )
    assert pageweight.unwrap_tokens(highlighted, plain) == '<span class="kn">from</span> mgcourse('
    assert (
        pageweight.unwrap_tokens(highlighted, pageweight.plain_token_classes(None, "a11y-high-contrast-dark"))
        == highlighted
    )


def test_bibliography_plugin_lookups_are_cached_and_still_find_the_styles():
    import pybtex.plugin

    private_api.cache_bibliography_plugin_lookups()
    private_api.cache_bibliography_plugin_lookups()  # twice: wrapped once
    assert hasattr(pybtex.plugin._load_entry_point, "cache_info")
    assert not hasattr(pybtex.plugin._load_entry_point.__wrapped__, "cache_info")
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "plain").__name__ == "Style"


def test_any_warning_fails_the_build_and_is_repeated(monkeypatch):
    app = types.SimpleNamespace(config=types.SimpleNamespace(suppress_warnings=[]))
    app.mgcourse_warnings = strict.WarningRecorder(app)
    monkeypatch.setattr(private_api, "warning_count", lambda app: len(app.mgcourse_warnings.messages))
    strict.fail_on_warnings(app)  # no warning: nothing to say
    app.mgcourse_warnings.emit(logging.LogRecord("sphinx", logging.WARNING, __file__, 1, "a probe warning", (), None))
    with pytest.raises(strict.StrictBuildError, match=r"1 warning\(s\).*\n  - a probe warning"):
        strict.fail_on_warnings(app)


def test_every_notebook_depends_on_the_data_the_package_and_the_versions(tmp_path):
    record = tmp_path / "installed.txt"
    for notebook in CHAPTERS:
        files = set(freshness.dependencies(notebook, installed=record))
        assert set(course.data_dir().glob("*.csv")) | {course.data_dir() / "datapackage.json"} <= files
        assert set(course.self_check_dir().glob("*.yml")) | {course.bibliography(), record} <= files
        package = Path(freshness.__file__).resolve().parents[1]
        assert {package / "charts" / "labs.py", package / "models" / "nmda.py", package / "data.py"} <= files


def _fake_distribution(site: Path, version: str) -> None:
    for old in site.glob("course_test_lib-*.dist-info"):
        for file in old.iterdir():
            file.unlink()
        old.rmdir()
    info = site / f"course_test_lib-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: course-test-lib\nVersion: {version}\n", "utf-8")


def test_the_version_record_changes_only_when_an_installed_version_does(tmp_path, monkeypatch):
    site = tmp_path / "site"
    _fake_distribution(site, "1.0")
    monkeypatch.syspath_prepend(str(site))
    record = environment.write_record(tmp_path / "doctrees")
    assert "course-test-lib==1.0\n" in record.read_text("utf-8")
    stamp = record.stat().st_mtime_ns
    assert environment.write_record(tmp_path / "doctrees").stat().st_mtime_ns == stamp
    _fake_distribution(site, "1.1")
    importlib.invalidate_caches()
    assert "course-test-lib==1.1\n" in environment.write_record(tmp_path / "doctrees").read_text("utf-8")
