"""Every page of the built book in headless chromium, offline, one test a page, opened once for all
of these checks, in this order:
* first the accessibility checks of test_accessibility.py, which read the page without moving a
  chart's control or typing an answer: on a phone's screen in dark mode (focus, every self-check
  question answered, fit, the charts' colours, the charts' widths turned sideways and on a laptop's
  screen, axe-core), then on the laptop's screen switched to light mode (the charts' colours, focus,
  axe-core, the charts' text alternatives);
* then what changes it: every chart drawn, every static control changes its chart, and each
  exercise checks answers typed from the keyboard as the live course does;
* last, from the page's load to its last redraw: no console error and no request to another host.
The other tests open the pages they need on their own.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import BOOK_PAGES, CHART, CHARTS, DRAWN, ROOT, checking, draw_chart, found_in_html, visit
from mgcourse import course, exercises
from mgcourse.chartkit import InputError
from test_accessibility import (
    NARROW,
    assert_clean_offline,
    check_in_light_mode,
    check_on_a_phone_in_dark_mode,
    open_page,
    seen_as,
)

pytestmark = [pytest.mark.browser, pytest.mark.build]


def test_math_renders_offline_with_the_books_fonts(built_book, book_server, browser):
    context, page, record = visit(browser, f"{book_server}/book/04-nervous-system.html")
    formula = page.locator(".math-display .katex-display").first
    formula.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    box = formula.bounding_box()
    assert box and box["height"] > 30 and box["width"] > 100, box  # a fraction, laid out by KaTeX's styles
    fonts = page.evaluate(
        "async () => { await document.fonts.ready; return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family); }"
    )
    assert any(family.strip('"').startswith("KaTeX_") for family in fonts), fonts
    assert not any(record.values()), record
    context.close()


COUNT_REDRAWS = """() => {
  if (window.mgcTestRedraws !== undefined) { return; }
  window.mgcTestRedraws = 0;
  const react = window.Plotly.react;
  window.Plotly.react = function () { window.mgcTestRedraws += 1; return react.apply(this, arguments); };
}"""

# Each static control's axis and what it holds: a step's or an option's index, or the text typed.
CONTROLS_SHOW = """(figure) => Array.from(figure.querySelectorAll("[data-axis]"),
    (c) => [Number(c.dataset.axis), c.dataset.kind === "typed" ? c.value : Number(c.value)])"""

# The charts of the book by their figure's id, to ask the live chart what the page should show.
INTERACTIVES = {f"mgc-{chart.interactive().name}": chart for _, chart in CHARTS}


def page_settings(figure, interactive) -> dict:
    """The settings the page's static controls show, as the live controls would hold them."""
    static = [p for p in interactive.params if p.static]
    values = interactive.defaults()
    for axis, shown in figure.evaluate(CONTROLS_SHOW):
        param = static[axis]
        values[param.name] = shown if param.static_kind == "typed" else param.static_values()[shown]
    return values


def assert_page_reads_as_live(figure, interactive, where: str) -> None:
    """The reading and the text alternative on the page are the live chart's for the settings shown."""
    view = interactive.compute(**page_settings(figure, interactive))
    paragraphs = [BeautifulSoup(p, "html.parser").get_text() for p in view.reading]
    assert figure.locator(".mgc-reading p").all_inner_texts() == paragraphs, where
    assert figure.locator(".mgc-alt").inner_text() == f"Text alternative: {view.alt}", where


def live_message(interactive, settings: dict) -> str:
    """What the live chart says of these settings ("" when it takes them)."""
    try:
        interactive.compute(**settings)
    except InputError as refused:
        return str(refused)
    return ""


def check_typed_value(page, figure, interactive, control, name: str) -> None:
    """A typed value, from the keyboard: a value typed in another unit (the unit's menu moved first)
    and Enter redraw the chart once, as the live chart reads it; a value outside the chart's range, an
    empty box and a word each get the live chart's message in the box's status line, and leave the
    chart as it was; a good value then clears the message."""
    plot = figure.locator(".mgc-plot")
    static = [p for p in interactive.params if p.static]
    param = static[int(control.get_attribute("data-axis"))]
    status = figure.locator(f"#{control.get_attribute('id')}-message")
    assert status.get_attribute("role") == "status", name
    unit_menu = figure.locator(
        f'[data-axis="{static.index(next(p for p in static if p.name == param.units.unit_param))}"]'
    )
    settings = page_settings(figure, interactive)
    base = param.parse(settings[param.name]) / param.units.per_unit[settings[param.units.unit_param]]
    options = unit_menu.locator("option")
    unit_menu.select_option(str((int(unit_menu.input_value()) + 1) % options.count()))
    page.wait_for_timeout(150)
    unit = page_settings(figure, interactive)[param.units.unit_param]
    low, high = param.units.bounds(unit)
    typed = f"{base * 0.9 * param.units.per_unit[unit]:.3g}"
    if not low <= float(typed) <= high:
        typed = f"{base * 1.1 * param.units.per_unit[unit]:.3g}"
    before, redraws = plot.evaluate(DRAWN), page.evaluate("() => window.mgcTestRedraws")
    control.fill(typed)
    control.press("Enter")
    page.wait_for_timeout(150)
    where = f"{name}: '{param.label}' typed {typed} {unit}"
    assert plot.evaluate(DRAWN) != before, f"{where} did not change the chart"
    assert page.evaluate("() => window.mgcTestRedraws") - redraws == 1, f"{where} did not draw the chart once"
    assert status.inner_text() == "" and live_message(interactive, page_settings(figure, interactive)) == "", where
    assert_page_reads_as_live(figure, interactive, where)
    # A value exactly halfway between two readings to two decimals (0.625 reads 0.62, as Python rounds
    # to the even digit, where JavaScript's toFixed would give 0.63).
    halfway = min(
        (k + share for k in range(int(high) + 1) for share in (0.125, 0.625) if low <= k + share <= high),
        key=lambda v: abs(v - float(typed)),
    )
    control.fill(f"{halfway:g}")
    control.press("Enter")
    page.wait_for_timeout(100)
    assert_page_reads_as_live(figure, interactive, f"{name}: '{param.label}' typed {halfway:g} {unit}")
    good = (plot.evaluate(DRAWN), figure.locator(".mgc-reading").inner_text())
    for refused in (f"{high * 1.5:g}", "", "a lot"):
        control.fill(refused)
        control.press("Enter")
        page.wait_for_timeout(100)
        expected = live_message(interactive, page_settings(figure, interactive))
        assert expected and status.inner_text() == expected, f"{name}: '{param.label}' given {refused!r}"
        assert (plot.evaluate(DRAWN), figure.locator(".mgc-reading").inner_text()) == good, refused
    control.fill(typed)
    control.press("Enter")
    page.wait_for_timeout(100)
    assert status.inner_text() == "", f"{where}: the message stayed"


def check_static_controls(page, figure, name: str, number: int) -> None:
    """Each static control of a drawn chart, moved one step from the keyboard (or a menu set to its
    next option, or a value typed), changes what plotly draws, draws it exactly once and shows the
    reading and text alternative the live chart gives for the same settings."""
    plot = figure.locator(".mgc-plot")
    controls = figure.locator("[data-axis]")
    interactive = INTERACTIVES[figure.get_attribute("id")].interactive()
    assert controls.count() >= 1, f"{name}: chart {number} has no static control"
    # Count redraws: a key press fires "input" and "change", and must draw the chart once.
    page.evaluate(COUNT_REDRAWS)
    for c in range(controls.count()):
        control = controls.nth(c)
        if control.get_attribute("data-kind") == "typed":
            check_typed_value(page, figure, interactive, control, name)
            continue
        before = plot.evaluate(DRAWN)
        redraws = page.evaluate("() => window.mgcTestRedraws")
        before_reading = figure.locator(".mgc-reading").inner_text()
        if control.evaluate("(el) => el.tagName") == "SELECT":
            count = control.locator("option").count()
            current = int(control.input_value())
            control.select_option(str((current + 1) % count))
        else:
            # Keyboard, as a learner without a mouse would: focus and press an arrow key.
            control.focus()
            at_max = control.evaluate("(el) => el.value === el.max")
            control.press("ArrowLeft" if at_max else "ArrowRight")
        page.wait_for_timeout(150)
        after = plot.evaluate(DRAWN)
        after_reading = figure.locator(".mgc-reading").inner_text()
        label = control.evaluate("(el) => el.labels[0].textContent")
        refused = live_message(interactive, page_settings(figure, interactive))
        if refused:  # a unit in which a value typed is out of range: said, and the chart kept
            assert refused in figure.locator(".mgc-message").all_inner_texts(), f"{name}: '{label}'"
            assert (after, after_reading) == (before, before_reading), f"{name}: '{label}' redrew a refused state"
            continue
        assert before != after or before_reading != after_reading, f"{name}: '{label}' changed nothing"
        assert before != after, f"{name}: '{label}' did not change the chart's data"
        drawn = page.evaluate("() => window.mgcTestRedraws") - redraws
        assert drawn == 1, f"{name}: '{label}' drew the chart {drawn} times for one step"
        assert_page_reads_as_live(figure, interactive, f"{name}: '{label}' moved")


def check_every_chart_and_its_static_controls(page, built_book, name: str) -> None:
    """Every chart the page's HTML holds is on the page, drawn by plotly with a reading, and every one
    of its static controls changes it (check_static_controls)."""
    figures = page.locator(CHART)
    assert figures.count() == found_in_html(built_book, name, CHART), f"{name}: a chart is missing"
    for i in range(figures.count()):
        figure = figures.nth(i)
        draw_chart(figure)
        plot = figure.locator(".mgc-plot")
        drawn = plot.evaluate("(p) => p.classList.contains('js-plotly-plot') && p._fullData.length > 0")
        assert drawn, f"{name}: chart {i + 1} is not drawn by plotly"
        assert figure.locator(".mgc-reading").inner_text(), f"{name}: chart {i + 1} has no reading"
        check_static_controls(page, figure, name, i + 1)


# The pages that show exercises worked on the page, known before the book is built.
EXERCISE_PAGES = [f"book/{path.stem}.html" for path in sorted(course.exercise_dir().glob("*.yml"))]


def check_exercises(page, built_book, name: str) -> None:
    """Each exercise of the page (as many as its exercise file holds, and its HTML; none on a page
    without a file), from the keyboard: a right answer (in another unit when there is one), a wrong
    one, a unit typo and an empty box each get the message mgcourse.exercises.check gives live; the
    worked solution opens from its summary with Enter."""
    stem = name.removeprefix("book/").removesuffix(".html")
    items = exercises.load_exercises(stem) if name in EXERCISE_PAGES else []
    assert items or name not in EXERCISE_PAGES, f"{name}: its exercise file holds no exercise"
    sections = page.locator("section.mgc-exercise")
    assert sections.count() == len(items) == found_in_html(built_book, name, "section.mgc-exercise"), name
    for item in items:
        section = page.locator(f"#mgc-exercise-{item.id}")
        box = section.locator("input")
        feedback = section.locator(".mgc-exercise-feedback")
        other_unit = next((u for u in item.scales if u != item.unit), item.unit)
        right = f"{item.answer / item.scales[other_unit]:.6g} {other_unit}"
        for typed in (right, f"{item.answer + 3 * item.tolerance:g}", f"{item.answer:g} kg", ""):
            box.fill(typed)
            box.press("Enter")
            expected = exercises.check(item, typed)
            page.wait_for_function(
                "([f, kind]) => f.dataset.verdict === kind && f.textContent.length > 0",
                arg=[feedback.element_handle(), expected.kind],
                timeout=5000,
            )
            assert feedback.inner_text() == expected.message, (item.id, typed)
        assert exercises.check(item, right).kind == "right"
        solution = section.locator("details.mgc-exercise-solution")
        assert not solution.evaluate("d => d.open"), item.id
        solution.locator("summary").focus()
        page.keyboard.press("Enter")
        assert solution.evaluate("d => d.open") and item.shown_answer in solution.inner_text(), item.id


@pytest.mark.parametrize("name", BOOK_PAGES)
def test_page_from_a_phone_in_dark_mode_to_a_laptop_in_light_mode_is_accessible_and_its_controls_and_exercises_work_offline(
    built_book, book_server, browser, name
):
    """One visit, the checks in the order of this module's docstring: those that read the page as it
    came before those that change it."""
    context, page, record = open_page(browser, built_book, book_server, name, mode="dark", viewport=NARROW)
    try:
        check_on_a_phone_in_dark_mode(page, built_book, name)
        check_in_light_mode(page, built_book, name)
        laptop = seen_as(name, "light")
        with checking(laptop, "every chart drawn and every static control changes it"):
            check_every_chart_and_its_static_controls(page, built_book, name)
        with checking(laptop, "every exercise checks answers from the keyboard as live"):
            check_exercises(page, built_book, name)
        assert_clean_offline(page, record, f"{seen_as(name, 'dark', NARROW)}, then {laptop}")
    finally:
        context.close()


def test_every_page_with_exercises_is_a_page_the_browser_opens():
    assert EXERCISE_PAGES and set(EXERCISE_PAGES) <= set(BOOK_PAGES), sorted(set(EXERCISE_PAGES) - set(BOOK_PAGES))


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the book and records every path asked for and every request refused."""

    def __init__(self, *args, asked: list, refused: list, **kwargs):
        self.asked, self.refused = asked, refused
        super().__init__(*args, **kwargs)

    def log_request(self, code="-", size="-"):
        self.asked.append(self.path)
        if int(code) >= 400:
            self.refused.append(f"{int(code)} {self.path}")

    def log_message(self, *args):
        pass


def test_a_first_visit_asks_the_host_for_nothing_it_lacks_not_even_an_icon(built_book, browser):
    """Chromium asks for a page's icon only when no request is intercepted (the other browser tests
    intercept every one), and asks the host root for /favicon.ico when the page names no icon: here
    each kind of page is opened as a reader opens it, and the server refuses nothing."""
    asked, refused = [], []
    handler = functools.partial(_RecordingHandler, directory=str(built_book), asked=asked, refused=refused)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for name in ("index.html", "book/intro.html", "book/04-nervous-system.html", "search.html"):
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{name}", wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            context.close()
    finally:
        server.shutdown()
    assert any(path.endswith("/favicon.svg") for path in asked), asked  # the icon the pages name
    assert not refused, refused


def test_course_level_check_scores_answers_given_from_the_keyboard(built_book, book_server, browser):
    from playwright.sync_api import expect

    questions = yaml.safe_load((ROOT / "book" / "self-checks" / "final-check.yml").read_text("utf-8"))["questions"]
    total = len(questions)
    context, page, record = visit(browser, f"{book_server}/book/final-check.html")
    score = page.locator(".mgc-scored .mgc-score")
    assert score.get_attribute("role") == "status" and score.get_attribute("aria-live") == "polite"
    expect(score).not_to_contain_text("You have answered")

    def chosen(n: int) -> dict:
        """The option of question n that the focused radio stands for, found by its label in the YAML."""
        label = page.evaluate("() => document.querySelector(`label[for='${document.activeElement.id}']`).textContent")
        return next(o for o in questions[n - 1]["options"] if o["text"] == label)

    # From the quiz's opening line, Tab to each question's first option and answer it with Space.
    page.locator(".mgc-scored > p").first.evaluate("(el) => { el.tabIndex = -1; el.focus(); }")
    right = []
    for n in (1, 2):
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.name") == f"mgc-final-check-q{n}":
                break
        else:
            pytest.fail(f"Tab never reached question {n}")
        page.keyboard.press("Space")
        radio = page.locator(f"#{page.evaluate('() => document.activeElement.id')}")
        assert radio.is_checked()
        option = chosen(n)
        right.append(option["correct"])
        feedback = page.locator(f"#{radio.get_attribute('id')} ~ .mgc-feedback")
        expect(feedback).to_be_visible()
        expect(feedback).to_contain_text("Correct." if option["correct"] else "Not quite.")
        expect(score).to_have_text(f"You have answered {n} of {total}; {sum(right)} correct.")

    # Changing an answer (an arrow key moves to the next option of question 2) still counts two answers.
    page.keyboard.press("ArrowDown")
    right[1] = chosen(2)["correct"]
    expect(score).to_have_text(f"You have answered 2 of {total}; {sum(right)} correct.")
    assert not record["console"] and not record["errors"] and not record["offhost"], record
    context.close()
