"""Speed, weight and Lighthouse figures of the book, printed (a report, not a test).

    bash scripts/build-book.sh && bash scripts/test.sh -x -q tests/test_models.py   # both environments, once
    . .venv-test/bin/activate && python scripts/benchmark.py     # everything (about 10 minutes)
    python scripts/benchmark.py --no-lighthouse --no-build        # reuse _build/html, skip Lighthouse

It runs in the test environment (it drives chromium with Playwright) and times the builds with the
authors' own environment, .venv, when there is one: the test tools make every jupyter-book start
several seconds slower (they bring a URI grammar that jsonschema compiles at import).

What it measures, and the course's budget for each:

* build: a clean build (<= 60 s on 2 cores), a rebuild with nothing changed (<= 5 s), and a rebuild
  after editing one chapter, which must execute that notebook only;
* each page's own HTML (chapter pages <= 100 KB; median and max) and the bytes a first visit
  transfers with gzip, on arrival and after reading to the end of the page (<= 2 MB), served as a
  static host serves it (scripts/serve.py);
* Lighthouse 12 (npm, installed on first use into tools/lighthouse) on every page, mobile and
  desktop: performance >= 90 / >= 98 and accessibility 100;
* in chromium, the time from moving a static control to the chart redrawn (<= 50 ms);
* in Python, each live control's callback, model plus figure update (median <= 20 ms);
* Binder: the time, size and package count of what binder/ installs (a figure to watch, no budget).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
LIGHTHOUSE_DIR = ROOT / "tools" / "lighthouse"
LIGHTHOUSE_VERSION = "12.2.3"

sys.path.insert(0, str(ROOT / "scripts"))
import serve  # noqa: E402  (the gzip server beside this script)

from mgcourse import mode  # noqa: E402
from mgcourse.chromium import CHROMIUM_FLAGS  # noqa: E402


def kb(size: float) -> str:
    return f"{size / 1000:,.1f} KB"


# ---------------------------------------------------------------- build


def jupyter_book_command() -> str:
    authors = ROOT / ".venv" / "bin" / "jupyter-book"
    found = str(authors) if authors.exists() else shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    if found is None:
        sys.exit("jupyter-book is not installed: run bash scripts/build-book.sh first")
    return found


def jupyter_book(*args: str) -> tuple[float, str]:
    command = jupyter_book_command()
    env = mode.live_environment(os.environ)
    start = time.perf_counter()
    result = subprocess.run([command, "build", str(ROOT), *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return time.perf_counter() - start, result.stdout


def executed(output: str) -> list[str]:
    return [Path(line.split(":")[0]).name for line in output.splitlines() if "Executing notebook" in line]


def measure_builds() -> None:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    clean, _ = jupyter_book()
    noop, noop_output = jupyter_book()
    chapter = sorted((ROOT / "book").glob("*.ipynb"))[0]
    original = chapter.read_bytes()
    try:
        notebook = json.loads(original)
        first_markdown = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
        first_markdown["source"] = [*first_markdown["source"], "\n"]
        chapter.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")
        edited, edited_output = jupyter_book()
    finally:
        chapter.write_bytes(original)
    jupyter_book()  # back to the committed chapter
    print("== build (budget: clean <= 60 s, no-op <= 5 s, an edited chapter re-runs only itself)")
    print(f"jupyter-book: {jupyter_book_command()}")
    print(f"clean build               {clean:6.1f} s")
    print(f"no-op rebuild             {noop:6.1f} s   notebooks executed: {executed(noop_output) or 'none'}")
    print(f"one chapter edited        {edited:6.1f} s   notebooks executed: {executed(edited_output)}")


# ---------------------------------------------------------------- page weight


def pages() -> list[str]:
    found = [p for p in HTML.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts]
    return sorted(p.relative_to(HTML).as_posix() for p in found if p.stat().st_size > 1000)  # not redirects


def is_chapter(page: str) -> bool:
    return Path(page).name[:2].isdigit()


def first_visits(browser, base: str) -> dict[str, tuple[int, int]]:
    """Bytes transferred (gzip) by a first visit: on arrival, and after scrolling to the end."""
    found = {}
    for page_name in pages():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        transferred = []

        def count(response, transferred=transferred):
            try:
                sizes = response.request.sizes()
                transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])
            except Exception:  # a request cut short by the page itself
                pass

        page.on("response", count)
        page.goto(f"{base}/{page_name}", wait_until="load")
        page.wait_for_load_state("networkidle")
        on_arrival = sum(transferred)
        for figure in page.locator("figure.mgc-interactive").all():
            figure.scroll_into_view_if_needed()
            figure.locator(".main-svg").first.wait_for(timeout=20000)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        found[page_name] = (on_arrival, sum(transferred))
        context.close()
    return found


def report_weights(visits: dict[str, tuple[int, int]]) -> None:
    print("\n== page weight (budget: a chapter's own HTML <= 100 KB; a first visit <= 2 MB with gzip)")
    print(f"{'page':30} {'own HTML':>10} {'gzip':>9} {'visit: arrival':>15} {'read to end':>12}")
    own_chapters = []
    for name in pages():
        size = (HTML / name).stat().st_size
        gz = len(gzip.compress((HTML / name).read_bytes(), 6))
        arrival, read = visits.get(name, (0, 0))
        if is_chapter(name):
            own_chapters.append(size)
        print(f"{name:30} {kb(size):>10} {kb(gz):>9} {kb(arrival):>15} {kb(read):>12}")
    print(f"chapter pages' own HTML: median {kb(statistics.median(own_chapters))}, max {kb(max(own_chapters))}")
    reads = [v[1] for k, v in visits.items() if is_chapter(k)]
    if reads:
        print(f"chapter first visit read to the end: median {kb(statistics.median(reads))}, max {kb(max(reads))}")
    total = sum(f.stat().st_size for f in HTML.rglob("*") if f.is_file())
    print(f"whole static output: {kb(total)} in {sum(1 for f in HTML.rglob('*') if f.is_file())} files")


# ---------------------------------------------------------------- static redraw


REDRAW = """async ({figure, axis}) => {
  const control = figure.querySelector(`[data-axis="${axis}"]`);
  const steps = control.tagName === "SELECT" ? control.options.length : Number(control.max) + 1;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const times = [];
  for (let i = 0; i < Math.min(steps, 12); i++) {
    await frame();
    const start = performance.now();
    control.value = String((Number(control.value) + 1) % steps);
    control.dispatchEvent(new Event("input", {bubbles: true}));
    await frame();
    times.push(performance.now() - start);
  }
  return times;
}"""


def static_redraws(browser, base: str) -> list[tuple[str, float, float]]:
    rows = []
    for page_name in [p for p in pages() if is_chapter(p)]:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/{page_name}", wait_until="load")
        for figure in page.locator("figure.mgc-interactive").all():
            figure.scroll_into_view_if_needed()
            figure.locator(".main-svg").first.wait_for(timeout=20000)
            name = figure.get_attribute("id")
            for axis in range(figure.locator("[data-axis]").count()):
                handle = figure.element_handle()
                times = page.evaluate(REDRAW, {"figure": handle, "axis": axis})
                rows.append((f"{name} control {axis + 1}", statistics.median(times), max(times)))
        context.close()
    return rows


# ---------------------------------------------------------------- live callbacks


def live_callbacks() -> list[tuple[str, float]]:
    """Median time of each live control's callback (model and figure update), moved over its range."""
    from mgcourse import chartkit as helper
    from mgcourse.charts import all_charts

    os.environ.pop(mode.RENDER_VARIABLE, None)
    rows = []
    for name, chart in all_charts().items():
        live = chart.show()
        for param in live.interactive.params:
            control = live.controls[param.name]
            if isinstance(param, helper.Choice):
                values = list(param.options) * 3
            elif param.control == "entry":  # typed values: stay near the default, in the unit shown
                values = [f"{param.default * (0.8 + 0.02 * k):.3g}" for k in range(20)]
            else:
                values = [param.minimum + (param.maximum - param.minimum) * k / 20 for k in range(1, 20)]
            times = []
            for value in values:
                start = time.perf_counter()
                control.value = value
                times.append((time.perf_counter() - start) * 1000)
            typed = isinstance(param, helper.Number) and param.control == "entry"
            control.value = f"{param.default:g}" if typed else param.default
            rows.append((f"{name}: {param.name}", statistics.median(times)))
    return rows


# ---------------------------------------------------------------- Lighthouse


def lighthouse_command() -> Path:
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit", "--no-fund", "--silent", "-E"]
            + [f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True,
        )
    return binary


def lighthouse(base: str) -> list[tuple[str, dict, dict]]:
    binary = lighthouse_command()
    env = dict(os.environ, CHROME_PATH=shutil.which("chromium") or "")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for page_name in pages():
            scores = {}
            for preset in ("mobile", "desktop"):
                report = Path(folder) / f"{preset}.json"
                command = [str(binary), f"{base}/{page_name}", "--quiet", "--output=json", f"--output-path={report}"]
                command += [
                    "--only-categories=performance,accessibility",
                    f"--chrome-flags={' '.join(['--headless=new', *CHROMIUM_FLAGS])}",
                ]
                if preset == "desktop":
                    command.append("--preset=desktop")
                subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
                result = json.loads(report.read_text())
                audits = result["audits"]
                scores[preset] = {
                    "performance": round(result["categories"]["performance"]["score"] * 100),
                    "accessibility": round(result["categories"]["accessibility"]["score"] * 100),
                    "FCP": audits["first-contentful-paint"]["numericValue"] / 1000,
                    "LCP": audits["largest-contentful-paint"]["numericValue"] / 1000,
                    "TBT": audits["total-blocking-time"]["numericValue"],
                }
            rows.append((page_name, scores["mobile"], scores["desktop"]))
    return rows


def report_lighthouse(rows) -> None:
    print("\n== Lighthouse 12, served with gzip (budget: performance >= 90 mobile, >= 98 desktop; accessibility 100)")
    print(
        f"{'page':30} {'mobile perf':>11} {'a11y':>5} {'FCP':>6} {'LCP':>6} {'TBT':>7}  {'desktop perf':>12} {'a11y':>5}"
    )
    for name, mobile, desktop in rows:
        print(
            f"{name:30} {mobile['performance']:>11} {mobile['accessibility']:>5} {mobile['FCP']:5.1f}s "
            f"{mobile['LCP']:5.1f}s {mobile['TBT']:5.0f}ms  {desktop['performance']:>12} {desktop['accessibility']:>5}"
        )
    print(
        f"lowest: mobile performance {min(r[1]['performance'] for r in rows)}, desktop performance "
        f"{min(r[2]['performance'] for r in rows)}, accessibility {min(min(r[1]['accessibility'], r[2]['accessibility']) for r in rows)}"
    )


# ---------------------------------------------------------------- Binder


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def measure_binder_environment() -> None:
    """What binder/ adds to repo2docker's own environment: binder/requirements.txt and postBuild run
    as repo2docker runs them (no pip cache, so every package is downloaded, as on mybinder.org) into
    an empty virtual environment of the Binder Python; its install time, size and package count."""
    version = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    with tempfile.TemporaryDirectory() as scratch:
        clone, venv = Path(scratch) / "clone", Path(scratch) / "env"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        subprocess.run([f"python{version}", "-m", "venv", str(venv)], check=True)
        env = dict(os.environ, PATH=f"{venv}/bin:{os.environ['PATH']}")
        env.pop("VIRTUAL_ENV", None)
        started = time.perf_counter()
        for step in ('pip install -q --no-cache-dir -r "binder/requirements.txt"', "./binder/postBuild"):
            subprocess.run(["bash", "-c", step], cwd=clone, env=env, check=True, capture_output=True)
        seconds = time.perf_counter() - started
        listed = subprocess.run([venv / "bin" / "pip", "list", "--format=json"], capture_output=True, text=True)
        packages = len(json.loads(listed.stdout))
        print("\n== Binder: what binder/ installs on top of repo2docker's environment (committed files only)")
        print(f"install {seconds:.1f} s (downloads included), {folder_mb(venv):.0f} MB, {packages} packages")


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description="Print the book's speed, weight and Lighthouse figures.")
    parser.add_argument("--no-build", action="store_true", help="reuse _build/html instead of timing the builds")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    parser.add_argument("--no-binder", action="store_true", help="skip installing Binder's environment")
    args = parser.parse_args()
    if not args.no_binder:
        measure_binder_environment()
    if args.no_build:
        if not (HTML / "index.html").exists():
            sys.exit("no _build/html: build the book first (bash scripts/build-book.sh)")
    else:
        measure_builds()

    from playwright.sync_api import sync_playwright

    server = serve.start(HTML)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS, headless=True
            )
            report_weights(first_visits(browser, base))
            redraws = static_redraws(browser, base)
            browser.close()
        print("\n== static control to chart redrawn, in chromium (budget: <= 50 ms)")
        for name, median, worst in redraws:
            print(f"{name:48} median {median:5.1f} ms   max {worst:5.1f} ms")
        medians = [r[1] for r in redraws]
        print(f"all static controls: median {statistics.median(medians):.1f} ms, worst median {max(medians):.1f} ms")

        callbacks = live_callbacks()
        print("\n== live callback, model plus figure update (budget: median <= 20 ms)")
        for name, median in callbacks:
            print(f"{name:70} {median:5.1f} ms")
        values = [c[1] for c in callbacks]
        print(f"all {len(values)} live controls: median {statistics.median(values):.1f} ms, worst {max(values):.1f} ms")

        if not args.no_lighthouse:
            report_lighthouse(lighthouse(base))
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
