"""Accessibility of every page of the built book, measured in headless chromium.

test_browser.py opens each page once, with every chart drawn, and runs these checks in turn before
it moves the page's controls and types its exercises' answers:
* on a 375 px wide phone screen in dark mode (``check_on_a_phone_in_dark_mode``): keyboard focus is
  visible on controls, answers and links; every self-check question is answered (a right answer and
  a wrong one, so both kinds of feedback show); the page fits the screen and its charts follow the
  page's text colour; turned sideways, and then on a laptop's width, each chart takes its box's
  width; axe-core (tools/node_modules) finds no serious or critical violation. The phone is the
  visit's first screen because a laptop's page resized to 375 px lays some charts out otherwise than
  a phone opening it (plotly keeps margins it made for the wider chart). axe-core runs once the page
  is widened, so that it also reads the sidebar, which only a wider screen shows;
* switched to light mode on the laptop's screen (``check_in_light_mode``): the charts follow the
  page's text colour again, keyboard focus is visible (on an answered question, Tab reaches the
  answer chosen), axe-core finds no serious or critical violation, and every chart is an image
  described by its text alternative.
What spans pages (each kind of control is somewhere; no two charts share a text alternative) is read
from the built HTML.
"""

from __future__ import annotations

import json

import pytest

from conftest import BOOK_PAGES, CHART, ROOT, built_html, checking, draw_chart, found_in_html, visit

pytestmark = [pytest.mark.browser, pytest.mark.build]

AXE = ROOT / "tools" / "node_modules" / "axe-core" / "axe.min.js"
# Rules axe leaves off by default that Lighthouse's accessibility audit turns on: WCAG 2.2's target
# size, headers of data cells in large tables, and tables faking a caption.
LIGHTHOUSE_RULES = ["target-size", "td-has-header", "table-fake-caption"]
BLOCKING_IMPACTS = ("serious", "critical")

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


QUESTION = ".mgc-selfcheck fieldset"


def draw_every_chart(page) -> int:
    """Draw every chart of the page; returns how many there were."""
    figures = page.locator(CHART)
    for i in range(figures.count()):
        draw_chart(figures.nth(i))
    return figures.count()


def answer_every_question(page) -> int:
    """Choose the right answer in odd-numbered questions and a wrong one in the others, so that both
    kinds of feedback are on the page; returns how many questions there were."""
    questions = page.locator(QUESTION)
    for i in range(questions.count()):
        verdict = "mgc-right" if i % 2 == 0 else "mgc-wrong"
        questions.nth(i).locator(f".mgc-option:has(.{verdict}) input").first.check()
    return questions.count()


LAPTOP = (1280, 900)


def seen_as(name: str, mode: str, viewport=LAPTOP) -> str:
    """How a visit's failures name the page: its name, colour mode and, unless a laptop's, screen width."""
    return f"{name} ({mode} mode{'' if viewport == LAPTOP else f', {viewport[0]} px wide'})"


def open_page(browser, built_book, book_server, name, mode="light", viewport=LAPTOP):
    """The built page ``name`` in the given colour mode, with every chart drawn (as many as its HTML
    holds); returns the context, the page and the record of its console errors, page errors and
    requests to other hosts (conftest.visit)."""
    context, page, record = visit(browser, f"{book_server}/{name}", viewport=viewport, mode=mode)
    try:
        with checking(seen_as(name, mode, viewport), "opened with every chart drawn"):
            assert page.evaluate("document.documentElement.dataset.theme") == mode
            drawn = draw_every_chart(page)
            assert drawn == found_in_html(built_book, name, CHART), f"{name}: not every chart was drawn"
    except BaseException:
        context.close()
        raise
    return context, page, record


def show_feedback(page, built_book, name) -> None:
    """Answer every self-check question of the page (as many as its HTML holds), so that its feedback shows."""
    assert answer_every_question(page) == found_in_html(built_book, name, QUESTION), f"{name}: a question was missed"


def blocking_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in tools/ (scripts/test.sh does)")
    page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE, LIGHTHOUSE_RULES) if v["impact"] in BLOCKING_IMPACTS]


FOCUSABLE = {
    "range input": "figure.mgc-interactive input[type=range]",
    "menu": "figure.mgc-interactive select",
    "typed value box": "figure.mgc-interactive input[data-kind=typed]",
    # The chosen answer of an answered question (Tab reaches it, not the first), any of an unanswered one.
    "self-check answer": ".mgc-selfcheck :is(input[type=radio]:checked, fieldset:not(:has(:checked)) input[type=radio])",
    "exercise answer box": ".mgc-exercise input",
    "exercise check button": ".mgc-exercise button",
    "worked solution": ".mgc-exercise-solution summary",
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


def check_focus_rings(page, name) -> None:
    """The first of each kind of focusable element on the page shows a clear ring when reached by Tab."""
    for what, selector in FOCUSABLE.items():
        element = page.locator(selector).first
        if not element.count():
            continue
        tab_to(page, element)
        ring = element.evaluate(FOCUS_RING)
        where = f"{name}, first {what}"
        assert ring["focused"], f"{where}: not reached with the Tab key"
        assert ring["style"] != "none" and ring["width"] >= 2, f"{where}: no focus ring: {ring}"
        contrast = page.evaluate(CONTRAST, [ring["colour"], ring["background"]])
        assert contrast >= 3, f"{where}: the focus ring is faint ({contrast:.2f}:1): {ring}"


def test_every_kind_of_focusable_element_is_on_some_page(built_book):
    found = {
        what for what, selector in FOCUSABLE.items() for name in BOOK_PAGES if found_in_html(built_book, name, selector)
    }
    assert found == set(FOCUSABLE), f"no page has a {', '.join(sorted(set(FOCUSABLE) - found))} to check"


def check_text_alternatives(page, name) -> None:
    """Every chart is an image, labelled by its title and described by a text alternative that says
    more than the title, in sentences."""
    figures = page.locator(CHART)
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


def test_no_two_charts_share_a_text_alternative(built_book):
    alternatives = [
        alt.get_text(" ", strip=True) for name in BOOK_PAGES for alt in built_html(built_book, name).select(".mgc-alt")
    ]
    assert len(alternatives) == sum(found_in_html(built_book, name, CHART) for name in BOOK_PAGES) >= 10
    assert len(alternatives) == len(set(alternatives)), "two charts share a text alternative"


def test_the_self_checks_give_feedback_to_check(built_book):
    assert sum(found_in_html(built_book, name, QUESTION) for name in BOOK_PAGES) >= 10


def check_in_light_mode(page, built_book, name) -> None:
    """The page of ``check_on_a_phone_in_dark_mode``, switched to light mode on a laptop's screen, its
    questions answered: the charts' text follows the page's, keyboard focus is visible, axe-core finds
    no serious or critical violation, and every chart is described by its text alternative."""
    where = seen_as(name, "light")
    # The page script redraws every chart when the reader switches modes.
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    page.wait_for_timeout(300)
    with checking(where, "the charts' text follows the page's once switched to light mode"):
        assert_charts_follow_the_page(page, name)
    with checking(where, "keyboard focus is visible"):
        check_focus_rings(page, name)
    # After the focus rings: the focus is left on a link of the text, whose colours axe-core reads too.
    with checking(where, "axe-core finds no serious or critical violation"):
        violations = blocking_violations(page)
        assert not violations, json.dumps(violations, indent=1)
    with checking(where, "every chart is an image described by its text alternative"):
        check_text_alternatives(page, name)


def assert_clean_offline(page, record, where: str) -> None:
    """From the page's load to now: no console error, no page error and nothing asked of another host."""
    page.wait_for_timeout(200)
    with checking(where, "no console error and no request to another host"):
        found = {k: v for k, v in record.items() if v}
        assert not found, json.dumps(found, indent=1)


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


def fit_problems(page, name) -> dict:
    """Where the page or a chart is wider than the screen."""
    problems = {}
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1] + 1:
        problems[name] = f"the page is {width[0]} px wide on a {width[1]} px screen"
    figures = page.locator(CHART)
    for i in range(figures.count()):
        fit = figures.nth(i).evaluate(CHART_FIT)
        if fit["figureOverflow"] > 1 or fit["svgWidth"] > fit["plotWidth"] + 1 or fit["legendOverflow"] > 1:
            problems[f"{name}, chart {i + 1}"] = fit
    return problems


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
    figures = page.locator(CHART)
    with_text = 0
    for i in range(figures.count()):
        text = figures.nth(i).evaluate(CHART_TEXT)
        where = f"{name}, chart {i + 1} in {page.evaluate('document.documentElement.dataset.theme')} mode"
        assert set(text["chart"]) <= {text["page"]}, f"{where}: {text}"
        assert page.evaluate(CONTRAST, [text["page"], text["background"]]) >= 4.5, f"{where}: {text}"
        with_text += bool(text["chart"])
    return with_text


SIDEWAYS = {"width": 812, "height": 375}
# Each drawn chart's width and its box's, in CSS pixels.
CHART_AND_BOX_WIDTHS = """() => Array.from(document.querySelectorAll("figure.mgc-interactive .mgc-plot"),
    (box) => [Math.round(box.querySelector(".main-svg").getBoundingClientRect().width), box.clientWidth])"""


def check_on_a_phone_in_dark_mode(page, built_book, name) -> None:
    """The page opened on a phone in dark mode (``open_page(..., mode="dark", viewport=NARROW)``), in the
    order of the module's docstring: focus before the questions are answered (once one is, Tab reaches
    its chosen answer, not its first); axe-core on a laptop's width, over the answered questions and
    the charts redrawn to that width. Leaves the page on a laptop's screen."""
    where = seen_as(name, "dark", NARROW)
    with checking(where, "keyboard focus is visible"):
        check_focus_rings(page, name)
    with checking(where, "every self-check question answered"):
        show_feedback(page, built_book, name)
    with checking(where, "the page and its charts fit the screen"):
        problems = fit_problems(page, name)
        assert not problems, json.dumps(problems, indent=1)
    with checking(where, "the charts' text follows the page's"):
        with_text = assert_charts_follow_the_page(page, name)
        assert with_text or not found_in_html(built_book, name, CHART), f"{name}: no chart text found to check"
    # A phone turned sideways: the page script redraws every chart to its box's new width.
    page.set_viewport_size(SIDEWAYS)
    page.wait_for_timeout(1000)
    with checking(where, f"every chart as wide as its box once the screen is {SIDEWAYS['width']} px wide"):
        assert_charts_as_wide_as_their_boxes(page, built_book, name, wider_than=NARROW[0])
    page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
    page.wait_for_timeout(1000)
    laptop = seen_as(name, "dark")
    with checking(laptop, "every chart as wide as its box on a laptop's width"):
        assert_charts_as_wide_as_their_boxes(page, built_book, name, wider_than=NARROW[0])
    with checking(laptop, "axe-core finds no serious or critical violation"):
        violations = blocking_violations(page)
        assert not violations, json.dumps(violations, indent=1)


def assert_charts_as_wide_as_their_boxes(page, built_book, name: str, wider_than: int) -> None:
    """Every chart of the page is drawn as wide as its box, and every box is wider than ``wider_than`` px
    (the phone's screen: the charts were redrawn for the wider one)."""
    widths = page.evaluate(CHART_AND_BOX_WIDTHS)
    assert len(widths) == found_in_html(built_book, name, CHART), widths
    assert all(abs(chart - box) <= 1 and box > wider_than for chart, box in widths), widths
