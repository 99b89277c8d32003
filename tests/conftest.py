"""Shared fixtures and helpers: the built book, a copy of the project to break, a local web server,
chromium and pages visited in it, and every interactive the chapters use."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import pickle
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from bs4 import BeautifulSoup
from filelock import FileLock

from mgcourse import chapters, mode
from mgcourse.charts import all_charts
from mgcourse.chromium import CHROMIUM_FLAGS
from mgcourse.data import load_table

ROOT = Path(__file__).resolve().parents[1]
# The log file of each Jupyter server a test started, by its URL.
SERVER_LOGS: dict[str, Path] = {}
BUILD_HTML = ROOT / "_build" / "html"
# The book's notebooks and its chapters (NN-name.ipynb), as the package finds them; and every chart.
NOTEBOOKS = chapters.notebook_paths(ROOT / "book")
CHAPTERS = chapters.chapter_paths(ROOT / "book")
CHARTS = list(all_charts().items())


# A test that uses one of these fixtures is in the slow tier, whatever its module says (pyproject.toml).
SLOW_FIXTURES = {"built_book": "build", "book_server": "build", "browser": "browser", "binder_image": "launch"}


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        for fixture, marker in SLOW_FIXTURES.items():
            if fixture in fixtures:
                item.add_marker(marker)
    items[:] = in_start_order(items, int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))


# Tests that share a fixture made once per module (a JupyterLab server) stay on one worker.
MODULE_FIXTURES = ("jupyterlab",)


def in_start_order(items: list, workers: int) -> list:
    """The order that keeps every worker of the full run busy to the end.

    The full run hands the tests out with pytest-xdist's "worksteal": each of the ``workers`` is
    given one run of consecutive tests, and a worker that has run all of its own takes half of what
    another has not started, from the end. So the tests are first put in the order they should
    start in: the longest test (the first marked ``long``), the first test that needs the built book
    and the first that needs the Binder image (each of those makes it); then the other long tests and
    the notebooks in kernels, which need neither; then the rest of the book's and the image's tests,
    which find them made; the fast tier last, short tests that fill each worker's end. Then that
    order is dealt out in turn, one test to each worker's run, so that every run starts with its
    share of the long tests and ends with short ones (tests that share a JupyterLab server are dealt
    as one). Within a group, the collection order."""

    def group(item) -> int:
        if item.get_closest_marker("long"):
            return 0
        if item.get_closest_marker("kernel"):
            return 1
        return 2 if any(item.get_closest_marker(m) for m in ("build", "browser", "launch")) else 3

    ordered = sorted(items, key=group)
    head = [i for i in ordered[:1] if group(i) == 0]
    for fixture in ("built_book", "binder_image"):
        first = next((i for i in ordered if fixture in getattr(i, "fixturenames", ())), None)
        if first is not None and first not in head:
            head.append(first)
    ordered = head + [i for i in ordered if i not in head]
    units: list[list] = []
    shared: dict[str, list] = {}
    for item in ordered:
        fixture = next((f for f in MODULE_FIXTURES if f in getattr(item, "fixturenames", ())), None)
        if fixture is None:
            units.append([item])
        elif fixture in shared:
            shared[fixture].append(item)
        else:
            units.append(shared.setdefault(fixture, [item]))
    runs: list[list] = [[] for _ in range(max(workers, 1))]
    for n, unit in enumerate(units):
        runs[n % len(runs)].extend(unit)
    return [item for run in runs for item in run]


# A drawn chart's state as plotly.js holds it (what each trace shows), to see that a control changed it.
DRAWN = """(plot) => JSON.stringify((plot._fullData || []).map(t => [
    t.visible, Array.from(t.x || []), Array.from(t.y || []), Array.from(t.labels || []), Array.from(t.values || []),
    t.opacity, t.line && t.line.dash, t.line && t.line.width]))"""

# The data tables whose text cells a reader reads.
TEXT_TABLES = ("claims", "depletion_factors", "lab_tests", "enzymes", "vitamin_d_steps", "upper_levels")


def reader_texts() -> dict[str, str]:
    """Everything a reader reads, by source, with runs of white space collapsed: the Markdown pages,
    the notebooks' Markdown cells, the self-checks, the instructor notes, the text cells of the data
    and the captions, readings and boxes written in the package (its code and its templates)."""
    texts = {p.name: p.read_text("utf-8") for p in sorted((ROOT / "book").glob("*.md"))}
    for notebook in sorted((ROOT / "book").glob("*.ipynb")):
        cells = nbformat.read(notebook, as_version=4).cells
        texts[notebook.name] = "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
    for path in sorted((ROOT / "book" / "self-checks").glob("*.yml")) + [ROOT / "book" / "instructor-notes.yml"]:
        texts[path.relative_to(ROOT).as_posix()] = path.read_text("utf-8")
    for name in TEXT_TABLES:
        table = load_table(name)
        cells = [v for column in table.columns for v in table[column] if isinstance(v, str) and v]
        texts[f"data/{name}.csv"] = "\n\n".join(cells)
    for path in sorted((ROOT / "src" / "mgcourse").rglob("*")):
        if path.suffix in (".py", ".html", ".md"):
            texts[path.relative_to(ROOT).as_posix()] = path.read_text("utf-8")
    return {name: re.sub(r"\s+", " ", text) for name, text in texts.items()}


def chapter_pages(html_root: Path) -> list[Path]:
    """The built chapters' pages, in course order."""
    return [p for p in sorted((html_root / "book").glob("*.html")) if chapters.is_chapter(p.stem)]


def jupyter_book(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build`` on ``project`` the way an author does; returns the finished process."""
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(project), *args]
    run_env = dict(os.environ, **(env or {}))
    run_env.pop(mode.RENDER_VARIABLE, None)
    return subprocess.run(command, cwd=project, env=run_env, capture_output=True, text=True, timeout=600)


def copy_project(destination: Path) -> Path:
    """A copy of the tracked project files (no build output), importable through PYTHONPATH."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


# pip, in the environments a test installs into, does not compile the installed modules ahead: they
# run the same (Python compiles each on its first import), and the installs of numpy, pandas, plotly
# and JupyterLab take about 12 s less processor time each.
WITHOUT_AHEAD_COMPILING = {"PIP_COMPILE": "false"}


def clean_env(**extra: str) -> dict:
    """This machine's environment without this checkout's course settings or its virtual environment
    (and pip set not to compile ahead what it installs)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MGCOURSE_", "VIRTUAL_ENV", "PYTHONPATH"))}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    return dict(env, **WITHOUT_AHEAD_COMPILING, **extra)


def without_handouts(project: Path) -> Path:
    """Set a copy's book to leave the printable handouts out (its builds are the tests' drafts: the
    session's book, built_book, prints them and its tests check them)."""
    config = project / "_config.yml"
    text = config.read_text("utf-8")
    assert "  config:\n" in text
    config.write_text(text.replace("  config:\n", "  config:\n    mgcourse_handouts: false\n", 1), "utf-8")
    return project


def env_for_copy(project: Path) -> dict:
    """Make the build and its kernels import the copy's package, for tests that change the package.
    (Without it a copy is built by this checkout's package, reading the copy's own course files.)"""
    return {"PYTHONPATH": str(project / "src")}


def shared_folder(tmp_path_factory, worker_id: str) -> Path:
    """A folder every worker of this run sees (the run's own temporary folder when there is one worker)."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


# A kernel that dies before it answers its first request has run none of the notebook's code. This
# happens, rarely, when several processes start kernels at once (jupyter_client picks a kernel's
# ports before the kernel takes them); the session's book build tries once more, with a warning.
KERNEL_LOST_AT_START = "Kernel died before replying to kernel_info"


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id) -> Path:
    """The book built once for the run, from scratch, into a folder of the run's own (as CI builds it;
    an author's ``_build`` is left alone). When the suite runs on several workers, the first to need
    it builds it and the others wait for it (a failed build fails them all, without building again).
    With ``MGCOURSE_REUSE_BUILD=1`` the tests read the author's last build, ``_build/html``, instead."""
    if os.environ.get("MGCOURSE_REUSE_BUILD") and (BUILD_HTML / "index.html").exists():
        return BUILD_HTML
    shared = shared_folder(tmp_path_factory, worker_id)
    output, failure = shared / "book-build", shared / "book-build-failed.txt"
    with FileLock(str(shared / "book-build.lock")):
        if not failure.exists() and not (output / "_build" / "html" / "index.html").exists():
            result = jupyter_book(ROOT, "--path-output", str(output))
            if result.returncode != 0 and KERNEL_LOST_AT_START in result.stdout + result.stderr:
                warnings.warn(
                    f"the book build lost a kernel before it ran a cell; built again:\n{result.stderr[-1500:]}"
                )
                result = jupyter_book(ROOT, "--path-output", str(output))
            if result.returncode != 0:
                failure.write_text(result.stdout[-4000:] + result.stderr[-4000:], "utf-8")
    if failure.exists():
        pytest.fail(f"the book did not build:\n{failure.read_text('utf-8')}")
    return output / "_build" / "html"


def html_pages(html_root: Path) -> list[Path]:
    return sorted(p for p in html_root.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


# Every page the build makes, known before it is built (tests are made one per page): one per
# Markdown page and notebook of book/, the landing index and Sphinx's own pages. A build test holds
# it to the built pages.
BOOK_PAGES = sorted(
    [f"book/{p.stem}.html" for p in (ROOT / "book").iterdir() if p.suffix in (".md", ".ipynb")]
    + ["genindex.html", "index.html", "search.html"]
)
CHART = "figure.mgc-interactive"


@functools.cache
def built_html(html_root: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((html_root / name).read_text("utf-8"), "html.parser")


def found_in_html(html_root: Path, name: str, selector: str) -> int:
    """How many elements of the built page match the CSS ``selector``: what a browser test must find there."""
    return len(built_html(html_root, name).select(selector))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def book_server(built_book):
    """The built book served on 127.0.0.1 (a random free port)."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        pytest.fail("no chromium found: on Debian, apt-get install chromium; the browser tests need it")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


def visit(browser, url, viewport=(1280, 900), mode="light"):
    """Open a page in a fresh context; collect console errors, page errors and off-host requests.

    ``mode="dark"`` stores the theme's dark mode before the page loads, as a reader's earlier choice
    would be.
    """
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    if mode != "light":
        context.add_init_script(f"localStorage.setItem('mode', {mode!r}); localStorage.setItem('theme', {mode!r});")
    page = context.new_page()
    record = {"console": [], "errors": [], "offhost": []}
    local = urlparse(url).hostname

    def route(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == local:
            return route.continue_()
        record["offhost"].append(route.request.url)
        return route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and record["console"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return context, page, record


@contextlib.contextmanager
def checking(where: str, what: str):
    """One check of several run on one visit of a page: its failure starts with the page (and how it
    was opened) and the check, as the name of a test of its own would say them."""
    try:
        yield
    except AssertionError as failure:
        failure.args = (f"{where}: {what}: {failure.args[0] if failure.args else ''}", *failure.args[1:])
        raise
    except Exception as failure:  # a wait that timed out, a script that failed in the page
        failure.add_note(f"while checking {where}: {what}")
        raise


def draw_chart(figure) -> None:
    """Bring a chart (a figure.mgc-interactive locator) into view and wait until plotly has drawn it:
    charts are drawn as the reader reaches them."""
    figure.scroll_into_view_if_needed()
    figure.locator(".mgc-plot .main-svg").first.wait_for(timeout=10000)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyter_app(
    app: str, token: str, *options: str, env: dict | None = None, python: Path | None = None, root: Path = ROOT
):
    """Run ``jupyter <app>`` (server or lab) of ``python``'s environment (this one by default) on a
    free local port over ``root`` (the repository by default); yields its URL.

    The notebooks run live there, as on Binder: the build's static rendering switch is not passed on.
    """
    port = free_port()
    command = [str(python or sys.executable), "-m", "jupyter", app, "--no-browser", "--ip=127.0.0.1", f"--port={port}"]
    command += [f"--ServerApp.token={token}", f"--ServerApp.root_dir={root}", *options]
    if os.geteuid() == 0:
        command.append("--allow-root")
    run_env = mode.live_environment(env or os.environ)
    # The server's log is kept beside its root's temporary files, for a failing test to quote.
    log = open(Path(tempfile.gettempdir()) / f"jupyter-{app}-{port}.log", "w")
    server = subprocess.Popen(command, env=run_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    SERVER_LOGS[url] = Path(log.name)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"jupyter {app} did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="session")
def binder_image(tmp_path_factory, worker_id):
    """The image mybinder.org would build of this checkout, replayed from repo2docker's own plan
    (see repo2docker_replay.py): a copy of the project as Binder clones it, and its environment.
    Made once for the run: the first worker to need it replays it, the others wait and share it."""
    from repo2docker_replay import replay

    shared = shared_folder(tmp_path_factory, worker_id)
    record, failure = shared / "binder-image.pickle", shared / "binder-image-failed.txt"
    with FileLock(str(shared / "binder-image.lock")):
        if not record.exists() and not failure.exists():
            where = shared / "binder"
            try:
                image = replay(copy_project(where / "clone"), where / "image")
            except Exception as err:
                failure.write_text(f"{type(err).__name__}: {err}", "utf-8")
                raise
            record.write_bytes(pickle.dumps(image))
    if failure.exists():
        pytest.fail(f"the Binder image was not made:\n{failure.read_text('utf-8')}")
    return pickle.loads(record.read_bytes())
