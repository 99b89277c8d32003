"""Live code in the page (Thebe): served by the book, a plain message when no kernel can be reached,
and, given a kernel, the chapter's live widgets running in the page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import CHAPTERS, DRAWN, chapter_pages, jupyter_app, visit


pytestmark = [pytest.mark.browser, pytest.mark.build]

ROOT = Path(__file__).resolve().parents[1]
ANYWIDGET = ROOT / "tools" / "node_modules" / "anywidget" / "dist" / "index.js"
CHAPTER = "book/01-energy.html"


def start_live_code(page) -> None:
    page.locator(".dropdown-launch-buttons button").first.click()
    page.locator(".btn-launch-thebe").click()


def test_chapters_offer_live_code_served_by_the_book(built_book):
    assert len(chapter_pages(built_book)) == len(CHAPTERS)
    for chapter in chapter_pages(built_book):
        html = chapter.read_text("utf-8")
        assert "btn-launch-thebe" in html, chapter.name
        assert 'THEBE_JS_URL = "../_static/vendor/thebe-' in html, chapter.name
        assert '"repo": "magnesium-course/magnesium-course"' in html and '"mathjaxUrl": false' in html
    thebe = next((built_book / "_static" / "vendor").glob("thebe-*"))
    assert (thebe / "index.js").is_file() and (thebe / "thebe.css").is_file()
    assert any("MGCOURSE_REQUIREJS_URL" in js.read_text("utf-8") for js in thebe.glob("*.js"))
    assert next((built_book / "_static" / "vendor").glob("requirejs-*/require.js")).is_file()


def test_live_code_asks_binder_for_the_image_the_binder_button_opens(built_book):
    """Live Code and the Binder button name the same repository, branch and BinderHub, so both get the
    one image built from binder/ (replayed in test_launch_paths.py)."""
    checked = 0
    for chapter in chapter_pages(built_book):
        page = chapter.read_text("utf-8")
        config = json.loads(re.search(r'<script type="text/x-thebe-config">(.*?)</script>', page, re.S)[1])
        binder = re.search(r'href="(https://mybinder\.org/v2/gh/[^"]+)"', page)[1]
        hub, spec = html.unescape(binder).split("/v2/")
        provider, owner, name, ref = spec.split("?")[0].split("/")[:4]
        options = config["binderOptions"]
        assert (options["binderUrl"], options["repoProvider"], options["repo"], options["ref"]) == (
            hub,
            {"gh": "github"}[provider],
            f"{owner}/{name}",
            ref,
        ), chapter.name
        assert config["kernelOptions"]["path"] == "book"  # the notebooks' folder, as in the Binder image
        checked += 1
    assert checked == len(CHAPTERS)


def test_without_a_kernel_live_code_says_so_and_the_page_keeps_working(built_book, book_server, browser):
    context, page, record = visit(browser, f"{book_server}/{CHAPTER}")
    start_live_code(page)
    message = page.locator("#mgc-live-message.mgc-live-problem")
    message.wait_for(timeout=60000)
    assert "Live code could not start" in message.inner_text()
    assert "Everything else on this page works without it" in message.inner_text()
    # Thebe itself came from the book; the only request to another host was the one to mybinder.org.
    assert record["offhost"] and all(url.startswith("https://mybinder.org/") for url in record["offhost"])
    assert not record["errors"], record["errors"]
    # The static chart still answers its control.
    figure = page.locator("figure.mgc-interactive").first
    figure.scroll_into_view_if_needed()
    plot = figure.locator(".mgc-plot")
    plot.locator(".main-svg").first.wait_for(timeout=10000)
    before = plot.evaluate(DRAWN)
    control = figure.locator("[data-axis]").first
    control.focus()
    control.press("ArrowRight")
    page.wait_for_timeout(200)
    assert plot.evaluate(DRAWN) != before
    context.close()


@pytest.fixture
def jupyter_server():
    """A local Jupyter server standing in for mybinder.org's kernel (same package, same notebooks)."""
    token = "mgcourse-test"
    with jupyter_app("server", token, "--ServerApp.allow_origin=*", "--ServerApp.disable_check_xsrf=True") as url:
        yield url, token


# Thebe always asks mybinder.org for a kernel; the test points that one call at the local server.
USE_LOCAL_SERVER = """async ({url, token}) => {
  await new Promise((resolve, reject) => {
    const tag = document.createElement("script");
    tag.src = THEBE_JS_URL; tag.onload = resolve; tag.onerror = reject;
    document.head.appendChild(tag);
  });
  const bootstrap = window.thebelab.bootstrap;
  window.thebelab.bootstrap = (options) => bootstrap({...(options || {}), useBinder: false,
    serverSettings: {baseUrl: url, token: token, appendToken: true}});
}"""


def test_live_code_runs_the_chapter_with_live_widgets(built_book, book_server, browser, jupyter_server):
    if not ANYWIDGET.exists():
        pytest.fail("run `npm ci --prefix tools --omit=optional` (scripts/test.sh does) to get anywidget's front-end")
    url, token = jupyter_server
    context, page, record = visit(browser, f"{book_server}/{CHAPTER}")

    def serve_anywidget(route):  # thebe fetches third-party widget code from jsdelivr
        route.fulfill(path=str(ANYWIDGET), content_type="text/javascript")

    page.route("https://cdn.jsdelivr.net/npm/anywidget@*/**", serve_anywidget)
    page.evaluate(USE_LOCAL_SERVER, {"url": url, "token": token})
    start_live_code(page)
    message = page.locator("#mgc-live-message")
    page.wait_for_function(
        "() => /running|could not/.test(document.getElementById('mgc-live-message').textContent)", timeout=120000
    )
    assert "Live code is running" in message.inner_text(), message.inner_text()

    run_buttons = page.locator(".thebe-run-button")
    assert run_buttons.count() >= 2
    run_buttons.nth(0).click()  # the chapter's imports
    page.wait_for_timeout(3000)
    run_buttons.nth(1).click()  # its interactive
    live_plot = page.locator(".thebe-cell .js-plotly-plot").first
    live_plot.locator(".main-svg").first.wait_for(timeout=120000)
    sliders = page.locator(".thebe-cell .widget-slider")
    assert sliders.count() >= 3, "every parameter has a live control"

    before = live_plot.evaluate(DRAWN)
    handle = sliders.first.locator("[role='slider'], .noUi-handle").first
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    page.wait_for_timeout(3000)
    assert live_plot.evaluate(DRAWN) != before, "the live figure did not follow its control"
    assert not record["errors"], record["errors"]
    context.close()
