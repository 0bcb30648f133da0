"""Print does not depend on the screen (issue 9, fault 7), and the SAFEST wallet card (issue 12,
item 4), checked in Chromium's own PDFs.

- Every kind of page (guidance, question set with answers, checklist with ticks, handout, card)
  prints dark on white with the system in dark mode: every piece of text in the PDF reaches
  4.5:1 against white paper (it was 1.2:1 for titles and source lines).
- A 300-character unbroken word in an answer wraps inside the printed form, at desktop and phone
  width, and a long answer starts on the sheet of its question instead of leaving it blank.
- The wallet card: four bank-card-size cards (85 x 55 mm once folded) on one A4 sheet, each
  face holding all its text.
"""

from __future__ import annotations

import re

import pytest

from pdf import contrast, printed

pytestmark = pytest.mark.browser

READY = "form.hub-record[data-hub-ready]"
WALLET = "safest/wallet-card/"
LONG_WORD = "Unbroken" + "x" * 292  # 300 characters, no space to break at
MM = 96 / 25.4  # CSS pixels in a millimetre


def fill_managers(page):
    page.fill("#reflection-managers--unsuitable-volunteer", "We would talk it through first.")


def mark_plan(page):
    page.check("#preparation-plan--preparing-the-team--in-place")
    page.fill("#preparation-plan--preparing-the-team--note", "Team day booked.")


# One page of each kind, and what a reader does to it before printing.
PAGE_KINDS = {
    "guidance": ("secure-services/background/", None),
    "question set with answers": ("reflection/managers/", fill_managers),
    "checklist with answers": ("checklists/preparation-plan/", mark_plan),
    "handout": ("handouts/induction-six-day/", None),
    "pocket card": ("safest/pocket-card/", None),
    "wallet card": (WALLET, None),
}
SCREEN_PAGES = {"guidance", "question set with answers", "checklist with answers"}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_kind_of_page_prints_dark_on_white_in_either_colour_scheme(browser, base_url, kind, scheme):
    path, prepare = PAGE_KINDS[kind]
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        if prepare:
            page.wait_for_selector(READY)
            prepare(page)
        if kind in SCREEN_PAGES:  # handouts keep the light scheme on screen too
            assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        sheet = printed(page)
        faint = sorted({(round(contrast(run.colour), 2), run.text.strip()[:50]) for run in sheet.runs
                        if contrast(run.colour) < 4.5})
        assert sheet.runs and not faint, f"{path} printed in {scheme} mode: text below 4.5:1 on paper: {faint[:8]}"
    finally:
        context.close()


def test_print_styles_restore_the_light_scheme_under_dark_mode_print_emulation(page, base_url):
    """The same, read from computed styles: the page title and source lines resolve to dark text."""
    page.emulate_media(color_scheme="dark")
    page.goto(base_url + "secure-services/background/")
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("""() => [document.querySelector('h1'), document.querySelector('.hub-source')]
        .map(e => getComputedStyle(e).color)""")
    for colour in colours:
        r, g, b, *alpha = (float(x) for x in re.findall(r"[\d.]+", colour))
        a = alpha[0] if alpha else 1.0
        on_paper = tuple((c / 255) * a + (1 - a) for c in (r, g, b))
        assert contrast(on_paper) >= 4.5, colour


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_a_long_unbroken_word_wraps_inside_the_printed_form(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(base_url + "reflection/managers/")
        page.wait_for_selector(READY)
        page.fill("#reflection-managers--unsuitable-volunteer", LONG_WORD)
        page.emulate_media(media="print")
        widths = page.evaluate("""() => ({
            page: document.documentElement.scrollWidth, window: innerWidth,
            form: document.querySelector('form.hub-record').getBoundingClientRect().right,
            answer: document.querySelector('#reflection-managers--unsuitable-volunteer + .hub-print-answer').scrollWidth,
            box: document.querySelector('#reflection-managers--unsuitable-volunteer + .hub-print-answer').clientWidth})""")
        assert widths["page"] <= widths["window"] and widths["form"] <= widths["window"], widths
        assert widths["answer"] <= widths["box"], widths
        sheet = printed(page)
        lines = [line for line in sheet.text.splitlines() if "xxxxx" in line]
        assert len(lines) >= 3, "the word should wrap over several printed lines"
        assert LONG_WORD in "".join(squash(sheet.text).split()), "every character of the word is printed"
    finally:
        context.close()


def test_a_long_answer_starts_on_the_sheet_of_its_question(page, base_url):
    """No break-inside: avoid on a whole question: a long answer flows on to the next sheet."""
    page.goto(base_url + "reflection/managers/")
    page.wait_for_selector(READY)
    page.fill("#reflection-managers--unsuitable-volunteer", "Short answer.")
    answer = "\n".join(f"Line {n} of a long answer about a complaint." for n in range(1, 91))
    page.fill("#reflection-managers--notes-after-complaint", answer)
    sheet = printed(page)
    question = next(n for n, text in enumerate(sheet.pages) if "Line 1 of a long answer" in text)
    assert "Short answer." in sheet.pages[question], "the long answer jumped to a sheet of its own"
    assert "Line 90 of a long answer" in sheet.text


def test_a_sheet_of_wallet_cards_holds_four_cards_on_one_a4_page(page, base_url):
    page.goto(base_url + WALLET)
    page.emulate_media(media="print")
    faces = page.evaluate("""() => [...document.querySelectorAll('.hub-wallet__face')].map(face => {
        const box = face.getBoundingClientRect();
        return {width: box.width, height: box.height, fits: face.scrollHeight <= face.clientHeight};
    })""")
    assert len(faces) == 8  # four cards, front and back
    for face in faces:
        assert face["width"] == pytest.approx(85 * MM, abs=1) and face["height"] == pytest.approx(55 * MM, abs=1)
        assert face["fits"], "a card face's text runs past its edge"
    sheet = printed(page)
    assert len(sheet.pages) == 1
    assert sheet.sizes[0] == pytest.approx((210, 297), abs=1)
    flat = squash(sheet.text)
    assert flat.count("Before you share, ask yourself") == 4
    assert flat.count("Where will you be when you share?") == 4
    for title in ["Setting", "Appropriate", "Feelings", "Enough", "Support (strategy)", "Timing"]:
        assert flat.count(f"{title}.") >= 4
    assert "Cut each one out" not in flat  # the instructions stay on screen
    assert "Samaritans" in flat  # the handout's footer still prints, on the same sheet


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_on_screen_the_wallet_card_shows_once_and_fits_the_screen(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.goto(base_url + WALLET)
        assert page.locator(".hub-wallet__card:visible").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()


def test_the_wallet_card_is_linked_from_the_handouts_and_the_pocket_card(page, base_url):
    for path in ["handouts/", "safest/pocket-card/", "safest/"]:
        page.goto(base_url + path)
        assert page.locator('.md-content a[href$="wallet-card/"]').count() >= 1, path


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}])
def test_the_wallet_card_page_has_no_axe_violations(browser, base_url, viewport):
    from axe import axe_violations, describe

    context = browser.new_context(viewport=viewport, has_touch=viewport["width"] < 500)
    try:
        page = context.new_page()
        page.goto(base_url + WALLET)
        violations = axe_violations(page)
        assert violations == [], describe(violations)
    finally:
        context.close()


def mark_recommendation(page):
    page.check("#recommendations-for-services--take-account-of-difference--in-place")
    page.check("#recommendations-for-services--many-kinds-of-peer--partly")


def fill_planner(page):
    page.locator("textarea[data-hub-item]").first.fill("Walk to the park")


def judge_disclosure(page):
    page.check("#readiness-indicators-panel--disclosure--ready")


# Every kind of form with a status line, and a change that makes its count non-zero.
COUNTED_FORMS = {
    "checklist": ("checklists/recommendations-for-services/", mark_recommendation, "1 of 16 in place, 1 partly"),
    "question set": ("reflection/managers/", fill_managers, "1 of "),
    "planner": ("safest/planner/", fill_planner, "1 of "),
    "panel sheet": ("recruitment/panel-sheet/", judge_disclosure, "1 of "),
}


@pytest.mark.parametrize("kind", list(COUNTED_FORMS))
def test_a_printed_form_carries_its_count_but_not_its_buttons(page, base_url, kind):
    path, prepare, start = COUNTED_FORMS[kind]
    page.goto(base_url + path)
    page.wait_for_selector(READY)
    prepare(page)
    status = squash(page.locator(".hub-record__status").first.inner_text())
    assert status.startswith(start), status
    text = squash(" ".join(printed(page).pages))
    assert status in text, f"{path}: {status!r} is not on the printed page"
    for button in ("Print with your answers", "Clear your answers"):
        assert button not in text, f"{path}: the button {button!r} printed"
