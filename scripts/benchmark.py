"""Speed, weight and Lighthouse figures of the book, printed (a report, not a test).

    bash scripts/build-book.sh && bash scripts/test.sh -x -q tests/test_models.py   # both environments, once
    . .venv-test/bin/activate && python scripts/benchmark.py     # everything (about 10 minutes)
    python scripts/benchmark.py --no-lighthouse --no-build        # reuse _build/html, skip Lighthouse
    python scripts/benchmark.py --phone-only --no-build           # only the phone figures against the peer page
    python scripts/benchmark.py --phone-only --no-build --screenshots before/   # and every chart's picture
    python scripts/benchmark.py --phone-only --no-build --compare-screenshots before/
    python scripts/benchmark.py --phone-only --html ../other-checkout/_build/html   # another build
    python scripts/benchmark.py --phone-only --no-build --baseline ../main/_build/html   # beside main's

It runs in the test environment (it drives chromium with Playwright) and times the builds with the
authors' own environment, .venv, when there is one: the test tools make every jupyter-book start
several seconds slower (they bring a URI grammar that jsonschema compiles at import).

What it measures, and the course's budget for each:

* build: a clean build (<= 60 s on 2 cores), a rebuild with nothing changed (<= 5 s), and a rebuild
  after editing one chapter, which must execute that notebook only;
* each page's own HTML (chapter pages <= 100 KB; median and max) and the bytes a first visit
  transfers with gzip, on arrival and after reading to the end of the page (<= 650 KB), served as a
  static host serves it (scripts/serve.py);
* Lighthouse 12 (npm, installed on first use into tools/lighthouse) on every page, mobile and
  desktop: performance >= 90 / >= 98 and accessibility 100;
* on a phone (chromium 412 px wide, processor slowed four times), each chapter's first visit: the
  time to its first chart drawn (<= 2.5 s) and the bytes transferred with gzip once read to the end
  (<= 650 KB), beside the same figures of a peer built in the same run, a one-page default Jupyter
  Book drawing chapter 4's NMDA chart the usual way (plotly's ``notebook`` renderer, a native
  plotly slider over the same steps), and each chapter's ratios to it, so that the gap reads the
  same on any machine;
* every chart's picture, at its first state and after each static control moved one step, saved
  (``--screenshots DIR``) or compared pixel by pixel with pictures saved before
  (``--compare-screenshots DIR``), to show that a change to plotly.js or the page script draws
  every chart as before;
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
    print("\n== page weight (budget: a chapter's own HTML <= 100 KB; a first visit <= 650 KB with gzip)")
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


# ---------------------------------------------------------------- phone, beside a default Jupyter Book page

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
CPU_SLOWDOWN = 4
PEER_PAGE = "nmda.html"

# The moment the first plotly chart of the page has a trace drawn, whoever draws it (the course's
# page script or plotly's own renderer), in milliseconds since the navigation started. The reader goes
# straight to the course's first chart as soon as the page is there (the peer draws its chart at
# once): scrolled from the page itself, so that no round trip to the benchmark delays it.
FIRST_CHART_DRAWN = """(() => {
  new MutationObserver((records, observer) => {
    if (document.querySelector('.js-plotly-plot .main-svg g.trace')) {
      window.benchmarkFirstChart = performance.now();
      observer.disconnect();
    }
  }).observe(document, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", () => {
    const chart = document.querySelector("figure.mgc-interactive");
    if (chart) { chart.scrollIntoView({block: "center"}); }
  });
})();"""

PEER_NOTEBOOK_CODE = """\
import plotly.io as pio

pio.renderers.default = "notebook"
with open("nmda-figure.json", encoding="utf-8") as saved:
    figure = pio.from_json(saved.read())
figure.show()"""


def peer_figure_json() -> str:
    """Chapter 4's NMDA chart as a plotly figure with a native slider: one set of traces per static
    step of its magnesium control, the other settings at their defaults, as an author who does not
    use the course's page script would draw it."""
    import plotly.graph_objects as go

    from mgcourse.charts import nmda

    interactive = nmda.mg_block.interactive()
    (axis,) = [p for p in interactive.params if p.static]
    values = [axis.parse(v) for v in axis.static_values()]
    labels = axis.static_labels()
    defaults = {p.name: p.parse(p.default) for p in interactive.params}
    first = min(range(len(values)), key=lambda i: abs(values[i] - defaults[axis.name]))
    views = [interactive.view(**dict(defaults, **{axis.name: v})) for v in values]
    per_step = len(views[0].figure["data"])
    figure = go.Figure(layout=views[first].figure["layout"])
    for i, view in enumerate(views):
        figure.add_traces([dict(trace, visible=i == first) for trace in view.figure["data"]])
    steps = [
        {
            "label": label,
            "method": "update",
            "args": [
                {"visible": [j // per_step == i for j in range(len(views) * per_step)]},
                {"yaxis2.range": view.figure["layout"]["yaxis2"]["range"]},
            ],
        }
        for i, (view, label) in enumerate(zip(views, labels))
    ]
    figure.update_layout(
        sliders=[{"active": first, "currentvalue": {"prefix": f"{axis.label}: "}, "steps": steps}], margin={"b": 140}
    )
    return figure.to_json()


def build_peer_book(folder: Path) -> Path:
    """A one-page Jupyter Book with Jupyter Book's defaults and the NMDA chart drawn by plotly's
    renderer; returns its built HTML folder."""
    import nbformat

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_config.yml").write_text(
        'title: "A default Jupyter Book"\nexecute:\n  execute_notebooks: force\n', "utf-8"
    )
    (folder / "_toc.yml").write_text("format: jb-book\nroot: nmda\n", "utf-8")
    (folder / "nmda-figure.json").write_text(peer_figure_json(), "utf-8")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(
            "# The NMDA receptor's magnesium block\n\nThe same chart as chapter 4 of the course."
        ),
        nbformat.v4.new_code_cell(PEER_NOTEBOOK_CODE),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "nmda.ipynb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MGCOURSE_")}
    result = subprocess.run(
        [jupyter_book_command(), "build", str(folder)], cwd=folder, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"the peer book did not build:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    html = folder / "_build" / "html"
    if "js-plotly-plot" not in (html / PEER_PAGE).read_text("utf-8"):
        sys.exit("the peer page holds no plotly chart: plotly's notebook renderer wrote nothing the page shows")
    return html


def phone_visit(browser, url: str) -> dict:
    """One first visit on the phone: time to the first chart drawn, then every chart drawn and the
    page read to the end; the bytes transferred with gzip, the requests refused by the server, and
    those to other hosts (blocked, not counted)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(FIRST_CHART_DRAWN)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    transferred, refused, offhost = [], [], []
    host = url.split("/")[2]

    def count(response):
        if response.status >= 400:
            refused.append(f"{response.status} {response.url}")
        try:
            sizes = response.request.sizes()
            transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])
        except Exception:  # a request cut short by the page itself
            pass

    def only_this_host(route):
        if route.request.url.split("/")[2] == host or route.request.url.startswith(("data:", "blob:")):
            return route.continue_()
        offhost.append(route.request.url)
        return route.abort()

    page.route("**/*", only_this_host)
    page.on("response", count)
    pending = set()
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => window.benchmarkFirstChart !== undefined", timeout=120000)
    first_chart = page.evaluate("() => window.benchmarkFirstChart") / 1000
    for figure in page.locator("figure.mgc-interactive").all():
        figure.scroll_into_view_if_needed()
        figure.locator(".main-svg").first.wait_for(timeout=60000)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # Read to the end once no request has been open for a second. Playwright's "networkidle" sometimes
    # never came on the peer page, after its request to another host was refused.
    quiet_since, deadline = time.monotonic(), time.monotonic() + 120  # a slowed processor on a busy machine
    while time.monotonic() - quiet_since < 1 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if pending:
            quiet_since = time.monotonic()
    context.close()
    return {"first_chart": first_chart, "bytes": sum(transferred), "refused": refused, "offhost": offhost}


PEER = "default Jupyter Book page"
BASELINE = "baseline "  # the name's prefix of a page of the baseline build


def phone_figures(browser, base: str, peer_base: str, runs: int, baseline_base: str | None = None) -> dict[str, dict]:
    """Median of ``runs`` first visits of the peer page and of every chapter (and of every chapter
    of the baseline build, when there is one), visited in turns: a machine that gets busier or
    quieter during the run moves every page's figures alike."""
    chapters = [name for name in pages() if is_chapter(name)]
    targets = {PEER: f"{peer_base}/{PEER_PAGE}"}
    targets.update({name: f"{base}/{name}" for name in chapters})
    if baseline_base:
        targets.update({BASELINE + name: f"{baseline_base}/{name}" for name in chapters})
    visits: dict[str, list[dict]] = {name: [] for name in targets}
    for _ in range(runs):
        for name, url in targets.items():
            visits[name].append(phone_visit(browser, url))
    return {
        name: {
            "first_chart": statistics.median(v["first_chart"] for v in found),
            "bytes": statistics.median(v["bytes"] for v in found),
            "refused": sorted({r for v in found for r in v["refused"]}),
            "offhost": sorted({r for v in found for r in v["offhost"]}),
        }
        for name, found in visits.items()
    }


def report_phone(figures: dict[str, dict], runs: int) -> None:
    print(
        f"\n== phone: chromium {PHONE['viewport']['width']} px wide, processor slowed {CPU_SLOWDOWN}x, first visit, "
        f"median of {runs} (budget: first chart <= 2.5 s, read to the end <= 650 KB with gzip)"
    )
    peer = figures[PEER]
    print(f"{'page':40} {'first chart':>12} {'x peer':>7} {'read to end':>12} {'x peer':>7}")
    for name, found in figures.items():
        print(
            f"{name:40} {found['first_chart']:10.2f} s {found['first_chart'] / peer['first_chart']:7.2f} "
            f"{kb(found['bytes']):>12} {found['bytes'] / peer['bytes']:7.2f}"
        )
    for which in ("", BASELINE):
        chapters = [f for name, f in figures.items() if name != PEER and name.startswith(BASELINE) == bool(which)]
        if not chapters:
            continue
        slowest = max(f["first_chart"] for f in chapters)
        heaviest = max(f["bytes"] for f in chapters)
        print(
            f"{which or 'this build: '}chapters: slowest first chart {slowest:.2f} s ({slowest / peer['first_chart']:.2f} "
            f"of the peer's), heaviest {kb(heaviest)} ({heaviest / peer['bytes']:.2f} of the peer's)"
        )
    for name, found in figures.items():
        for refused in found["refused"]:
            print(f"{name}: the server refused {refused}")
        if found["offhost"]:
            print(
                f"{name}: {len(found['offhost'])} requests to other hosts blocked, not counted: {found['offhost'][:3]}"
            )


# ---------------------------------------------------------------- every chart's picture

# Each picture compared in the page of a blank context: both PNGs decoded onto canvases, the largest
# difference of any colour channel and the number of pixels that differ.
COMPARE_PICTURES = """async ([before, after]) => {
  const pixels = async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const drawing = canvas.getContext("2d");
    drawing.drawImage(image, 0, 0);
    return drawing.getImageData(0, 0, image.width, image.height);
  };
  const [a, b] = [await pixels(before), await pixels(after)];
  if (a.width !== b.width || a.height !== b.height) {
    return {size: [a.width, a.height, b.width, b.height], largest: 255, pixels: Math.max(a.width * a.height, b.width * b.height)};
  }
  let largest = 0, differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    let here = 0;
    for (let c = 0; c < 4; c++) { here = Math.max(here, Math.abs(a.data[i + c] - b.data[i + c])); }
    if (here) { differing += 1; largest = Math.max(largest, here); }
  }
  return {size: null, largest: largest, pixels: differing};
}"""

STEP_CONTROL = """(control) => {
  if (control.dataset.kind === "typed") {  // a value typed: a tenth less, read as on Enter
    control.value = String(Number(control.value) * 0.9);
    control.dispatchEvent(new Event("change", {bubbles: true}));
    return;
  }
  const steps = control.tagName === "SELECT" ? control.options.length : Number(control.max) + 1;
  control.value = String((Number(control.value) + 1) % steps);
  control.dispatchEvent(new Event("input", {bubbles: true}));
}"""


def chart_pictures(browser, base: str, folder: Path) -> list[Path]:
    """Every chart of every page as drawn on a laptop screen in light mode: at its first state, then
    after each static control moved one step (the earlier steps kept). Returns the pictures saved."""
    saved = []
    for page_name in pages():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
        page = context.new_page()
        page.goto(f"{base}/{page_name}", wait_until="load")
        page.wait_for_load_state("networkidle")
        for figure in page.locator("figure.mgc-interactive").all():
            figure.scroll_into_view_if_needed()
            figure.locator(".mgc-plot .main-svg").first.wait_for(timeout=20000)
            page.wait_for_timeout(300)
            name = figure.get_attribute("id")
            plot = figure.locator(".mgc-plot")
            shots = [folder / f"{name}.png"]
            plot.screenshot(path=shots[0], animations="disabled")
            for axis in range(figure.locator("[data-axis]").count()):
                figure.locator(f'[data-axis="{axis}"]').evaluate(STEP_CONTROL)
                page.wait_for_timeout(300)
                shots.append(folder / f"{name}-control-{axis + 1}-moved.png")
                plot.screenshot(path=shots[-1], animations="disabled")
            saved += shots
        context.close()
    return saved


def compare_pictures(browser, before: Path, after: list[Path]) -> None:
    import base64

    def data_url(path: Path) -> str:
        return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()

    context = browser.new_context()
    page = context.new_page()
    page.goto("about:blank")
    rows, missing = [], []
    for picture in after:
        old = before / picture.name
        if not old.exists():
            missing.append(picture.name)
            continue
        rows.append((picture.name, page.evaluate(COMPARE_PICTURES, [data_url(old), data_url(picture)])))
    context.close()
    gone = sorted({p.name for p in before.glob("*.png")} - {p.name for p in after})
    print(f"\n== every chart's picture against {before} (1280 px, light mode; first state, then each control moved)")
    for name, found in rows:
        if found["pixels"]:
            print(f"{name:60} differs: {found['pixels']} pixels, largest channel difference {found['largest']}/255")
    print(
        f"{len(rows)} pictures compared, {sum(1 for _, f in rows if not f['pixels'])} identical; largest channel "
        f"difference {max((f['largest'] for _, f in rows), default=0)}/255, at most "
        f"{max((f['pixels'] for _, f in rows), default=0)} pixels differing in one picture"
    )
    for name in missing:
        print(f"{name}: new, nothing to compare with")
    for name in gone:
        print(f"{name}: saved before, not drawn now")


# ---------------------------------------------------------------- static redraw


REDRAW = """async ({figure, axis}) => {
  const control = figure.querySelector(`[data-axis="${axis}"]`);
  let steps, next, event = "input";
  if (control.dataset.kind === "typed") {
    // Values typed across what the chart takes in the unit chosen, each read as on Enter.
    const spec = window.mgcourseModels[figure.id].typed.find((t) => t.axis === axis);
    const unit = Number(figure.querySelector(`[data-axis="${spec.unit_axis}"]`).value);
    const low = spec.low[unit], high = spec.high[unit];
    steps = 12;
    next = (i) => String(low + ((high - low) * (i + 0.5)) / steps);
    event = "change";
  } else {
    steps = control.tagName === "SELECT" ? control.options.length : Number(control.max) + 1;
    next = () => String((Number(control.value) + 1) % steps);
  }
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const times = [];
  for (let i = 0; i < Math.min(steps, 12); i++) {
    await frame();
    const start = performance.now();
    control.value = next(i);
    control.dispatchEvent(new Event(event, {bubbles: true}));
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
    parser.add_argument("--phone-only", action="store_true", help="only the phone figures against the peer page")
    parser.add_argument("--html", type=Path, help="measure the book built in this folder (implies --no-build)")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="DIR",
        help="on the phone, also the chapters built in DIR (say, before a change)",
    )
    parser.add_argument("--runs", type=int, default=3, help="first visits of each page on the phone (median)")
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="save every chart's picture into DIR")
    parser.add_argument(
        "--compare-screenshots", type=Path, metavar="DIR", help="compare every chart's picture with those saved in DIR"
    )
    args = parser.parse_args()
    if args.html:  # another build, say of the commit before a change, measured the same way
        global HTML
        HTML, args.no_build = args.html.resolve(), True
    if not args.no_binder and not args.phone_only:
        measure_binder_environment()
    if args.no_build:
        if not (HTML / "index.html").exists():
            sys.exit("no _build/html: build the book first (bash scripts/build-book.sh)")
    else:
        measure_builds()

    from playwright.sync_api import sync_playwright

    server = serve.start(HTML)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as scratch:
        peer_server = serve.start(build_peer_book(Path(scratch) / "peer"))
        peer_base = f"http://127.0.0.1:{peer_server.server_address[1]}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS, headless=True
                )
                baseline_base = None
                if args.baseline:
                    baseline_server = serve.start(args.baseline.resolve())
                    baseline_base = f"http://127.0.0.1:{baseline_server.server_address[1]}"
                report_phone(phone_figures(browser, base, peer_base, args.runs, baseline_base), args.runs)
                if args.baseline:
                    baseline_server.shutdown()
                if args.screenshots or args.compare_screenshots:
                    folder = args.screenshots or Path(scratch) / "pictures"
                    folder.mkdir(parents=True, exist_ok=True)
                    pictures = chart_pictures(browser, base, folder)
                    print(f"\n{len(pictures)} chart pictures saved in {folder}")
                    if args.compare_screenshots:
                        compare_pictures(browser, args.compare_screenshots, pictures)
                if not args.phone_only:
                    report_weights(first_visits(browser, base))
                    redraws = static_redraws(browser, base)
                browser.close()
            if not args.phone_only:
                report_redraws_callbacks_lighthouse(redraws, base, args.no_lighthouse)
        finally:
            peer_server.shutdown()
            server.shutdown()


def report_redraws_callbacks_lighthouse(redraws, base: str, no_lighthouse: bool) -> None:
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

    if not no_lighthouse:
        report_lighthouse(lighthouse(base))


if __name__ == "__main__":
    main()
