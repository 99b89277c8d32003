"""Accessibility of every page of the built book, measured in headless chromium.

axe-core (tools/node_modules) runs on every page in the theme's light and dark modes, with every
chart drawn and an answer chosen in every self-check question; every chart has a text alternative
that describes it; keyboard focus is visible; pages fit a 375 px wide screen; charts follow the
page's text colour when the reader switches modes.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, draw_chart, html_pages, visit

pytestmark = [pytest.mark.browser, pytest.mark.build]

AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
# Rules axe leaves off by default that Lighthouse's accessibility audit turns on: WCAG 2.2's target
# size, headers of data cells in large tables, and tables faking a caption.
LIGHTHOUSE_RULES = ["target-size", "td-has-header", "table-fake-caption"]
BLOCKING_IMPACTS = ("serious", "critical")
MODES = ["light", "dark"]

RUN_AXE = """async (rules) => {
    const options = {resultTypes: ["violations"], rules: Object.fromEntries(rules.map(r => [r, {enabled: true}]))};
    const results = await axe.run(document, options);
    return results.violations.map(v => ({rule: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.replace(/\\s+/g, " "))}));
}"""

# WCAG's contrast ratio of two CSS colours "rgb(r, g, b)" / "rgba(r, g, b, a)" (alpha ignored).
CONTRAST = """([first, second]) => {
    const luminance = (css) => {
        const [r, g, b] = css.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => c / 255)
            .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}"""


def pages(built_book) -> list[str]:
    names = [p.relative_to(built_book).as_posix() for p in html_pages(built_book)]
    assert {"index.html", "search.html", "genindex.html", "book/09-measuring.html"} <= set(names)
    return names


def charts_in(built_book, name: str) -> int:
    """How many charts the built page holds, read from its HTML (what a browser test must find)."""
    return (built_book / name).read_text("utf-8").count('<figure class="mgc-interactive"')


def pages_with_charts(built_book) -> list[str]:
    names = [name for name in pages(built_book) if charts_in(built_book, name)]
    assert len(names) >= 10, names  # the ten chapters at least
    return names


def draw_every_chart(page) -> int:
    """Draw every chart of the page; returns how many there were."""
    figures = page.locator("figure.mgc-interactive")
    for i in range(figures.count()):
        draw_chart(figures.nth(i))
    return figures.count()


def answer_every_question(page) -> int:
    """Choose the right answer in odd-numbered questions and a wrong one in the others, so that both
    kinds of feedback are on the page; returns how many questions there were."""
    questions = page.locator(".mgc-selfcheck fieldset")
    for i in range(questions.count()):
        verdict = "mgc-right" if i % 2 == 0 else "mgc-wrong"
        questions.nth(i).locator(f".mgc-option:has(.{verdict}) input").first.check()
    return questions.count()


def open_page(browser, built_book, book_server, name, mode="light", viewport=(1280, 900)):
    """The built page ``name`` in the given colour mode, with every chart drawn (as many as its HTML
    holds) and every self-check answered; returns the context, the page and how many questions."""
    context, page, _ = visit(browser, f"{book_server}/{name}", viewport=viewport, mode=mode)
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    assert draw_every_chart(page) == charts_in(built_book, name), f"{name}: not every chart was found"
    return context, page, answer_every_question(page)


def blocking_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in tools/ (scripts/test.sh does)")
    page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE, LIGHTHOUSE_RULES) if v["impact"] in BLOCKING_IMPACTS]


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_serious_or_critical_violation_on_any_page(built_book, book_server, browser, mode):
    found, answered = {}, 0
    for name in pages(built_book):
        context, page, questions = open_page(browser, built_book, book_server, name, mode)
        answered += questions
        violations = blocking_violations(page)
        if violations:
            found[name] = violations
        context.close()
    assert answered >= 10, "the pages were checked without their self-checks' feedback showing"
    assert not found, json.dumps(found, indent=1)


def test_every_chart_is_an_image_described_by_its_text_alternative(built_book, book_server, browser):
    alternatives = []
    for name in pages_with_charts(built_book):
        context, page, _ = open_page(browser, built_book, book_server, name)
        figures = page.locator("figure.mgc-interactive")
        for i in range(figures.count()):
            figure = figures.nth(i)
            plot = figure.locator(".mgc-plot")
            where = f"{name}, chart {i + 1}"
            assert plot.get_attribute("role") == "img", where
            title = figure.locator("figcaption strong").inner_text()
            described_by = plot.get_attribute("aria-describedby").split()
            alt = figure.locator(".mgc-alt")
            assert alt.get_attribute("id") in described_by, where
            assert figure.locator(f"figcaption #{alt.get_attribute('id')}").count() == 1, where
            assert page.locator(f"#{plot.get_attribute('aria-labelledby')}").inner_text() == title, where
            text = alt.inner_text().removeprefix("Text alternative:").strip()
            # A description, not a label: several sentences' worth, saying more than the title does.
            assert len(text.split()) >= 15 and text.rstrip(".") not in title, f"{where}: {text!r}"
            alternatives.append(text)
        context.close()
    assert len(alternatives) == len(set(alternatives)), "two charts share a text alternative"


FOCUSABLE = {
    "range input": "figure.mgc-interactive input[type=range]",
    "menu": "figure.mgc-interactive select",
    "self-check answer": ".mgc-selfcheck input[type=radio]",
    "link in the text": ".bd-article p a[href]",
}

FOCUS_RING = """(element) => {
    const style = getComputedStyle(element);
    return {focused: document.activeElement === element && element.matches(":focus-visible"),
            style: style.outlineStyle, width: parseFloat(style.outlineWidth), colour: style.outlineColor,
            background: getComputedStyle(document.body).backgroundColor};
}"""


def tab_to(page, element) -> None:
    """Reach an element with the Tab key, from the element before it."""
    element.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")


@pytest.mark.parametrize("mode", MODES)
def test_keyboard_focus_is_visible_on_controls_answers_and_links(built_book, book_server, browser, mode):
    missing = set(FOCUSABLE)
    for name in pages_with_charts(built_book):
        context, page, _ = visit(browser, f"{book_server}/{name}", mode=mode)
        assert draw_every_chart(page) == charts_in(built_book, name), f"{name}: not every chart was found"
        for what, selector in FOCUSABLE.items():
            element = page.locator(selector).first
            if not element.count():
                continue
            missing.discard(what)
            tab_to(page, element)
            ring = element.evaluate(FOCUS_RING)
            where = f"{name}, first {what}"
            assert ring["focused"], f"{where}: not reached with the Tab key"
            assert ring["style"] != "none" and ring["width"] >= 2, f"{where}: no focus ring: {ring}"
            contrast = page.evaluate(CONTRAST, [ring["colour"], ring["background"]])
            assert contrast >= 3, f"{where}: the focus ring is faint ({contrast:.2f}:1): {ring}"
        context.close()
    assert not missing, f"no page has a {', '.join(sorted(missing))} to check"


NARROW = (375, 812)

CHART_FIT = """(figure) => {
    const plot = figure.querySelector(".mgc-plot");
    const box = plot.getBoundingClientRect();
    const svg = plot.querySelector(".main-svg").getBoundingClientRect();
    const legendRight = Math.max(box.left, ...Array.from(plot.querySelectorAll(".legendtext"),
        (t) => t.getBoundingClientRect().right));
    return {figureOverflow: figure.scrollWidth - figure.clientWidth, svgWidth: svg.width, plotWidth: box.width,
            legendOverflow: legendRight - svg.right};
}"""


def test_every_page_fits_a_375_px_screen(built_book, book_server, browser):
    problems = {}
    for name in pages(built_book):
        context, page, _ = open_page(browser, built_book, book_server, name, viewport=NARROW)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1] + 1:
            problems[name] = f"the page is {width[0]} px wide on a {width[1]} px screen"
        figures = page.locator("figure.mgc-interactive")
        for i in range(figures.count()):
            fit = figures.nth(i).evaluate(CHART_FIT)
            if fit["figureOverflow"] > 1 or fit["svgWidth"] > fit["plotWidth"] + 1 or fit["legendOverflow"] > 1:
                problems[f"{name}, chart {i + 1}"] = fit
        context.close()
    assert not problems, json.dumps(problems, indent=1)


# The colours of a chart's own text (axes, their titles, the legend, labels and notes it writes on
# the plot; not the text inside bars and tiles, which contrasts with its fill) and of the page.
CHART_TEXT = """(figure) => ({
    page: getComputedStyle(figure).color,
    background: getComputedStyle(document.body).backgroundColor,
    chart: Array.from(new Set(Array.from(figure.querySelectorAll(
        ".main-svg :is(.xtick, .ytick, .g-xtitle, .g-ytitle, .textpoint) text, .main-svg :is(.legendtext, .annotation-text)"),
        (t) => getComputedStyle(t).fill))),
})"""


def assert_charts_follow_the_page(page, name) -> int:
    """Check every chart's text against the page; returns how many charts have text of their own."""
    figures = page.locator("figure.mgc-interactive")
    with_text = 0
    for i in range(figures.count()):
        text = figures.nth(i).evaluate(CHART_TEXT)
        where = f"{name}, chart {i + 1} in {page.evaluate('document.documentElement.dataset.theme')} mode"
        assert set(text["chart"]) <= {text["page"]}, f"{where}: {text}"
        assert page.evaluate(CONTRAST, [text["page"], text["background"]]) >= 4.5, f"{where}: {text}"
        with_text += bool(text["chart"])
    return with_text


def test_charts_follow_the_page_in_dark_mode_and_back(built_book, book_server, browser):
    for name in pages_with_charts(built_book):
        context, page, _ = open_page(browser, built_book, book_server, name, mode="dark", viewport=NARROW)
        assert assert_charts_follow_the_page(page, name), f"{name}: no chart text found to check"
        # The page script redraws every chart when the reader switches modes.
        page.evaluate("document.documentElement.dataset.theme = 'light'")
        page.wait_for_timeout(300)
        assert_charts_follow_the_page(page, name)
        context.close()
