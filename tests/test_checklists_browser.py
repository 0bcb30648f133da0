"""In Chromium: checklist ticks and panel notes survive reloads and download; print output is
A4 without the site's navigation or search, one induction day a page (or one day alone), with
empty boxes to tick; and the pages have no axe violations."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from axe import axe_violations

pytestmark = pytest.mark.browser

READY = "form.hub-record[data-hub-ready]"
HANDOUT = "handouts/induction-six-day/"
# Text that only the site's header, navigation, search and page footer carry.
# Words only the site's header, navigation or footer links print ("Next review due" is the page's own).
NAV_OR_SEARCH = ["Search", "Core values of peer support", "Glossary", "Previous", r"Next(?! review)", "All handouts"]


def nav_or_search(text: str) -> list[str]:
    """The navigation or search words found in printed text."""
    return [word for word in NAV_OR_SEARCH if re.search(rf"\b{word}", text)]


def open_form(page, url):
    page.goto(url)
    page.wait_for_selector(READY)


def status(page):
    return page.locator(".hub-record__status").inner_text()


def printed(page) -> list[str]:
    """The page as Chromium prints it on A4: the text of each PDF page."""
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def stub_print(page):
    """Count calls to window.print instead of opening the dialog."""
    page.evaluate("() => { window.print = () => { window.hubPrinted = (window.hubPrinted || 0) + 1; }; }")


def test_checklist_marks_and_notes_survive_a_reload(page, base_url):
    url = base_url + "checklists/preparation-plan/"
    open_form(page, url)
    assert status(page) == "0 of 5 in place, 0 partly"
    page.check("#preparation-plan--preparing-the-team--in-place")
    page.check("#preparation-plan--creating-the-role--partly")
    page.fill("#preparation-plan--creating-the-role--note", "Workshop booked for March")
    assert status(page) == "1 of 5 in place, 1 partly"
    page.reload()
    page.wait_for_selector(READY)
    assert page.is_checked("#preparation-plan--preparing-the-team--in-place")
    assert page.is_checked("#preparation-plan--creating-the-role--partly")
    assert page.locator("#preparation-plan--bespoke-recruitment input:checked").count() == 0
    assert page.input_value("#preparation-plan--creating-the-role--note") == "Workshop booked for March"
    assert status(page) == "1 of 5 in place, 1 partly"
    stored = json.loads(page.evaluate("JSON.stringify(Object.assign({}, localStorage))"))
    assert stored["hub:v1:preparation-plan:preparing-the-team"] == '"in-place"'


def test_a_tick_saved_before_the_choices_is_kept_as_in_place(page, base_url):
    """Ticks saved by the hub before items had three choices were `true`: they must survive."""
    url = base_url + "checklists/recommendations-for-services/"
    page.goto(url)
    page.evaluate("""() => { localStorage.setItem('hub:v1:recommendations-for-services:peer-support-in-crisis', 'true');
                             localStorage.setItem('hub:v1:recommendations-for-services:peer-support-in-crisis--note', '"Crisis team asked"'); }""")
    open_form(page, url)
    assert page.is_checked("#recommendations-for-services--peer-support-in-crisis--in-place")
    assert page.input_value("#recommendations-for-services--peer-support-in-crisis--note") == "Crisis team asked"
    assert status(page) == "1 of 16 in place, 0 partly"
    assert page.evaluate("localStorage.getItem('hub:v1:recommendations-for-services:peer-support-in-crisis')") == '"in-place"'
    assert "never sent anywhere" in page.locator(".hub-record__notice").inner_text()


def test_a_list_marked_as_a_checklist_reports_its_marks(page, base_url):
    open_form(page, base_url + "recruitment/induction/")
    for item in ["pace-for-experience-of-work", "no-sudden-leaps", "whole-team-sessions"]:
        page.check(f"#induction-programme-aims--{item}--in-place")
    page.check("#induction-programme-aims--involve-the-whole-team--not-yet")
    page.fill("#induction-programme-aims--room-for-reflection--note", "Add a weekly review")
    page.reload()
    page.wait_for_selector(READY)
    assert status(page) == "3 of 5 in place, 0 partly"
    with page.expect_download() as info:
        page.locator("[data-hub-action=report-html]").first.click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename.startswith("induction-programme-aims-")
    assert info.value.suggested_filename.endswith(".html")
    assert "<h1>Five things your induction programme should do</h1>" in text
    assert "3 of 5 in place, 0 partly, 1 not yet, 1 not marked" in text
    assert "Fit the pace to people’s experience of work." in text
    assert "Add a weekly review" in text


def test_panel_sheet_keeps_its_notes_apart_from_the_self_check(page, base_url):
    open_form(page, base_url + "recruitment/panel-sheet/")
    page.fill("#readiness-indicators-panel--disclosure--evidence", "Shared only to help the person in the role play")
    page.check("#readiness-indicators-panel--disclosure--ready")
    page.check("#readiness-indicators-panel--criminal-justice-experience")
    assert status(page) == "1 of 5 answered"
    page.reload()
    page.wait_for_selector(READY)
    assert page.is_checked("#readiness-indicators-panel--disclosure--ready")
    assert page.input_value("#readiness-indicators-panel--disclosure--evidence").startswith("Shared only")
    with page.expect_download() as info:
        page.click("text=Download your answers")
    text = open(info.value.path(), encoding="utf-8").read()
    assert "## 5. Disclosure" in text and "**Panel's view on disclosure** Ready" in text
    open_form(page, base_url + "recruitment/self-check/")
    assert not page.is_checked("#readiness-indicators-self-check--disclosure--ready")
    assert not page.is_checked("#readiness-indicators-self-check--criminal-justice-experience")
    assert status(page) == "0 of 5 answered"


def test_print_buttons_print(page, base_url):
    open_form(page, base_url + "recruitment/panel-sheet/")
    stub_print(page)
    page.click("text=Print with your answers")
    assert page.evaluate("window.hubPrinted") == 1
    assert page.locator("[data-hub-handout-print]").is_hidden()  # the form's own button prints this sheet
    page.goto(base_url + HANDOUT)
    stub_print(page)
    page.click("text=Print this handout")
    assert page.evaluate("window.hubPrinted") == 1


def test_whole_programme_prints_one_day_a_page(page, base_url):
    page.goto(base_url + HANDOUT)
    pages = printed(page)
    assert len(pages) == 6
    for number, text in enumerate(pages, start=1):
        assert f"Day {number}" in text
        assert [n for n in range(1, 7) if n != number and f"Day {n}" in text] == []
        assert f"Page {number} of 6" in text
        assert nav_or_search(text) == []
    assert "Safe disclosure" in pages[2] and "Wellbeing" in pages[5]
    assert "This version:" in pages[5]


def test_one_day_prints_alone(page, base_url):
    page.goto(base_url + HANDOUT)
    page.click("text=Day 3 only")
    pages = printed(page)
    assert len(pages) == 1
    text = pages[0]
    assert "Day 3" in text and "What is peer support?" in text and "Safe disclosure" in text
    assert [n for n in (1, 2, 4, 5, 6) if f"Day {n}" in text] == []
    assert "Notes" in text and "This version:" in text
    assert nav_or_search(text) == []


def test_blank_panel_sheet_prints_with_room_to_write(page, base_url):
    open_form(page, base_url + "recruitment/panel-sheet/")
    text = "\n".join(printed(page))
    assert text.count("Evidence heard") == 5 and "Candidate" in text and "Panel members" in text
    assert "Download your answers" not in text
    assert nav_or_search(text) == []


@pytest.mark.parametrize("path", ["checklists/preparation-plan/", "recruitment/induction/", "checklists/safety-recommendations/",
                                  "checklists/recommendations-for-services/"])
def test_checklists_print_as_empty_boxes_without_navigation(page, base_url, path):
    open_form(page, base_url + path)
    text = "\n".join(printed(page))
    assert nav_or_search(text) == []
    page.emulate_media(media="print")
    boxes = page.evaluate("""() => [...document.querySelectorAll('form.hub-record input[type=checkbox], form.hub-record input[type=radio]')].map(box => {
        const style = getComputedStyle(box), rect = box.getBoundingClientRect();
        return {checked: box.checked, width: rect.width, height: rect.height, appearance: style.appearance,
                border: parseFloat(style.borderTopWidth), borderColor: style.borderTopColor, background: style.backgroundColor};
    })""")
    assert len(boxes) >= 5
    for box in boxes:
        assert not box["checked"] and box["appearance"] == "none"
        assert box["width"] >= 10 and box["height"] >= 10 and box["border"] >= 1
        assert box["borderColor"] == "rgb(0, 0, 0)" and box["background"] == "rgb(255, 255, 255)"


def test_every_control_has_a_visible_label(page, base_url):
    for path in ["checklists/preparation-plan/", "checklists/recommendations-for-services/", "recruitment/induction/",
                 "recruitment/panel-sheet/", "recruitment/self-check/", "safest/planner/"]:
        open_form(page, base_url + path)
        unlabelled = page.evaluate("""() => [...document.querySelectorAll('form.hub-record input, form.hub-record textarea')]
            .filter(c => !c.labels.length || !c.labels[0].innerText.trim()).map(c => c.id)""")
        assert unlabelled == [], path


@pytest.mark.parametrize("path", [
    "recruitment/readiness/", "recruitment/panel-sheet/", "recruitment/self-check/", "recruitment/induction/",
    HANDOUT, HANDOUT + "#induction-six-day--day-3", "checklists/", "checklists/preparation-plan/",
    "checklists/recruitment-good-practice/", "checklists/ongoing-support/", "checklists/managing-setbacks/",
    "checklists/safety-recommendations/", "checklists/recommendations-for-services/", "handouts/",
])
def test_pages_have_no_axe_violations(page, base_url, path):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert errors == []
