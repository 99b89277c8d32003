"""The weekly link check: Sphinx's linkcheck builder over the book, reported by scripts/links.py,
run on a schedule and never on a pull request."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import jupyter_book

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "scripts" / "links.py"


def _result(status: str, uri: str, filename: str = "book/01-energy.ipynb", info: str = "") -> dict:
    return {"filename": filename, "lineno": 7, "status": status, "code": 0, "uri": uri, "info": info}


def run_report(tmp_path: Path, results: list[dict]) -> subprocess.CompletedProcess:
    output = tmp_path / "output.json"
    output.write_text("".join(json.dumps(r) + "\n" for r in results), "utf-8")
    return subprocess.run([sys.executable, str(REPORT), str(output)], capture_output=True, text=True)


def test_a_broken_link_fails_the_check_and_is_listed_where_it_is(tmp_path):
    result = run_report(
        tmp_path,
        [
            _result("working", "https://doi.org/10.1000/ok"),
            _result("broken", "https://lab.example.org/gone", "book/04-nervous-system.ipynb", "404 Client Error"),
        ],
    )
    assert result.returncode == 1
    assert "| book/04-nervous-system.ipynb:7 | https://lab.example.org/gone | 404 Client Error |" in result.stdout
    assert "1 broken, 1 working" in result.stdout


def test_working_redirected_and_timed_out_links_pass_and_timeouts_are_listed(tmp_path):
    result = run_report(
        tmp_path,
        [
            _result("working", "https://doi.org/10.1000/ok"),
            _result("redirected", "https://doi.org/10.1000/moved", info="https://publisher.example.org/moved"),
            _result("timeout", "https://slow.example.org/"),
        ],
    )
    assert result.returncode == 0, result.stdout
    assert "### Timeout (1)" in result.stdout and "https://slow.example.org/" in result.stdout
    assert "### Broken" not in result.stdout


def test_a_check_that_checked_nothing_fails(tmp_path):
    result = run_report(tmp_path, [])
    assert result.returncode == 1 and "No link was checked" in result.stdout
    missing = subprocess.run([sys.executable, str(REPORT), str(tmp_path / "none.json")], capture_output=True, text=True)
    assert missing.returncode == 1 and "no link-check results" in missing.stderr


def test_the_link_check_runs_weekly_and_never_on_a_pull_request():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "links.yml").read_text("utf-8"))
    triggers = workflow[True]  # PyYAML reads the key "on" as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}, triggers
    steps = workflow["jobs"]["linkcheck"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert any("jupyter-book build . --builder custom --custom-builder linkcheck" in run for run in runs)
    (report,) = [step for step in steps if "scripts/links.py" in step.get("run", "")]
    assert report.get("if") == "always()" and "GITHUB_STEP_SUMMARY" in report["run"]


@pytest.mark.build
def test_the_link_check_builds_through_the_course_extension_and_checks_the_bibliography(built_book):
    # The workflow's command over the session's book, into the same output folder: Sphinx reuses the
    # book's environment, so the pages are checked as built and no notebook runs again. Offline here,
    # every external link is reported broken; what is checked is that the builder runs with the
    # course's extension, reads every page and finds the references' DOIs.
    output = built_book.parents[1]  # the folder the book was built into: <output>/_build/html
    result = jupyter_book(ROOT, "--path-output", str(output), "--builder", "custom", "--custom-builder", "linkcheck")
    assert "Executing notebook" not in result.stdout, result.stdout[-3000:]
    results = [json.loads(line) for line in (output / "_build" / "linkcheck" / "output.json").read_text().splitlines()]
    pages = {r["filename"] for r in results}
    assert len(results) > 50 and {"book/01-energy.ipynb", "book/04-nervous-system.ipynb"} <= pages, pages
    assert any(r["uri"].startswith("https://doi.org/") for r in results)
    assert not (built_book / "output.json").exists()
