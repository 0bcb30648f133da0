"""The interview panel's candidates (issue 12, item 2), in Chromium.

A panel keeps a sheet per candidate: the interview's details (candidate, role, date, panel
members), notes per indicator and an outcome with reasons; candidates are added, switched,
renamed (their name field) and deleted after confirmation, and kept apart; each download is named
after its candidate and says inside whom it is about; the printed sheet names the candidate and
leaves out the DBS guidance, which prints once, on a sheet of its own; blank sheets still print
(without JavaScript, the guidance on a sheet of its own at the end); storage blocked and the
offline bundle work; no axe violations at desktop or phone size.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from axe import axe_violations, describe
from conftest import blocked_storage_context
from pdf import printed

pytestmark = pytest.mark.browser

PANEL = "recruitment/panel-sheet/"
READY = "form.hub-record[data-hub-ready]"
BAR = ".hub-candidates[data-hub-ready]"
P = "#readiness-indicators-panel--"
DBS = "Guiding principles for Disclosure and Barring Service"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def open_panel(page, url):
    page.goto(url)
    page.wait_for_selector(READY)
    page.wait_for_selector(BAR)


def interview(page, name, evidence, outcome="ready", reasons=""):
    page.fill(P + "candidate", name)
    page.fill(P + "role", "Peer support worker")
    page.fill(P + "date", "2027-03-04")
    page.fill(P + "panel", "Sam Lee, Priya Shah")
    page.fill(P + "disclosure--evidence", evidence)
    page.check(f"{P}outcome--{outcome}")
    page.fill(P + "outcome-reasons", reasons)


def add_candidate(page):
    page.get_by_role("button", name="Add a candidate").click()
    page.wait_for_selector(BAR)
    page.wait_for_selector(READY)


def switch_to(page, name):
    page.get_by_label("Candidate shown").select_option(label=name)
    page.wait_for_selector(BAR)
    page.wait_for_selector(READY)


def download(page) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download your answers").first.click()
    return info.value.suggested_filename, open(info.value.path(), encoding="utf-8").read()


def names(page) -> list[str]:
    return page.locator("[data-hub-candidate-pick] option").all_text_contents()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_two_candidates_are_kept_apart_and_their_downloads_are_named_after_them(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    try:
        page = context.new_page()
        open_panel(page, base_url + PANEL)
        for label in ["Candidate shown", "Candidate (name or reference)", "Role", "Date", "Panel members",
                      "Reasons for the outcome"]:
            assert page.get_by_label(label, exact=True).is_visible(), label
        assert page.get_by_text("The panel's outcome", exact=True).is_visible()
        interview(page, "Jane Doe", "Shared only to help, in the role play", "ready", "Strong on boundaries")
        add_candidate(page)
        assert page.input_value(P + "candidate") == "" and page.input_value(P + "disclosure--evidence") == ""
        assert not page.is_checked(P + "outcome--ready")
        interview(page, "R-1042", "Held back when asked more", "not-yet", "Recovery very recent")
        assert names(page) == ["Jane Doe", "R-1042"]

        filename, text = download(page)
        assert filename.startswith("panel-sheet-r-1042-") and filename.endswith(".md")
        assert "R-1042" in text.splitlines()[0]
        assert "Held back when asked more" in text and "Recovery very recent" in text
        assert "Jane" not in text and "Shared only to help" not in text

        switch_to(page, "Jane Doe")
        assert page.input_value(P + "candidate") == "Jane Doe"
        assert page.input_value(P + "disclosure--evidence") == "Shared only to help, in the role play"
        assert page.is_checked(P + "outcome--ready")
        filename, text = download(page)
        assert filename.startswith("panel-sheet-jane-doe-")
        assert "Jane Doe" in text.splitlines()[0]
        assert "**The panel's outcome** Ready" in text and "Strong on boundaries" in text
        # each field once: a view or the outcome is one bold line with its answer, never also a heading
        assert "## Panel's view" not in text and text.count("Panel's view on disclosure") == 1
        assert text.count("The panel's outcome") == 1
        outcome = text.index("## Outcome")
        assert outcome < text.index("**The panel's outcome** Ready") < text.index("### Reasons for the outcome")
        assert "R-1042" not in text and "Held back" not in text

        page.reload()  # the shown candidate and both sheets survive a reload
        page.wait_for_selector(BAR)
        assert page.input_value(P + "candidate") == "Jane Doe" and names(page) == ["Jane Doe", "R-1042"]
    finally:
        context.close()


def test_renaming_a_candidate_renames_their_sheet_and_download(browser, base_url):
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        open_panel(page, base_url + PANEL)
        page.fill(P + "candidate", "J Smith")
        assert names(page) == ["J Smith"]
        page.fill(P + "candidate", "Jo Smith-Ávila")
        assert names(page) == ["Jo Smith-Ávila"]
        filename, text = download(page)
        assert filename.startswith("panel-sheet-jo-smith-ávila-")
        page.reload()
        page.wait_for_selector(BAR)
        assert names(page) == ["Jo Smith-Ávila"]
    finally:
        context.close()


def test_deleting_a_candidate_asks_first_and_keeps_the_others(page, base_url):
    open_panel(page, base_url + PANEL)
    interview(page, "Jane Doe", "Jane's evidence")
    add_candidate(page)
    interview(page, "R-1042", "Second evidence")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Delete this candidate's sheet").click()
    assert names(page) == ["Jane Doe", "R-1042"]
    messages = []

    def accept(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.get_by_role("button", name="Delete this candidate's sheet").click()
    page.wait_for_selector(BAR)
    expect(page.locator("[data-hub-candidate-pick] option")).to_have_count(1)  # no string eval: the CSP forbids it
    assert "R-1042" in messages[0]
    page.wait_for_selector(READY)
    expect(page.locator(P + "disclosure--evidence")).to_have_value("Jane's evidence")
    assert names(page) == ["Jane Doe"]
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hub:v1:readiness-indicators-panel'))")
    assert not [key for key in kept if "Second evidence" in (page.evaluate(f"localStorage.getItem({key!r})") or "")]


def test_a_printed_sheet_names_its_candidate_and_the_dbs_guidance_prints_once_on_its_own(page, base_url):
    open_panel(page, base_url + PANEL)
    interview(page, "Jane Doe", "Jane's evidence", "unclear", "Ask for a second interview")
    sheet = squash(printed(page).text)
    assert "Candidate Jane Doe" in sheet and "Role Peer support worker" in sheet and "4 March 2027" in sheet
    assert "Sam Lee, Priya Shah" in sheet and "Ask for a second interview" in sheet
    assert DBS not in sheet  # not on every candidate's pages
    page.evaluate("window.print = () => { window.hubPrintedGuidance = document.querySelector('.hub-pairs').className; }")
    page.get_by_role("button", name="Print the guidance sheet").click()
    assert "hub-pairs--guidance-only" in page.evaluate("window.hubPrintedGuidance")
    page.evaluate("document.querySelector('.hub-pairs').classList.add('hub-pairs--guidance-only')")
    guidance = printed(page)
    assert len(guidance.pages) == 1
    flat = squash(guidance.text)
    assert flat.count(DBS) == 1 and "Jane Doe" not in flat and "Evidence heard" not in flat


def test_every_printed_page_of_a_candidates_sheet_names_them(page, base_url):
    """Walkthrough F5: loose pages from several candidates must be told apart."""
    open_panel(page, base_url + PANEL)
    interview(page, "Jane Doe", "Jane's evidence", "unclear", "Ask for a second interview")
    sheet = printed(page)
    assert len(sheet.pages) > 1
    for number, text in enumerate(sheet.pages, 1):
        flat = squash(text)
        assert "Candidate: Jane Doe" in flat, f"page {number} does not name the candidate"
        assert "panel sheet" in flat.lower(), f"page {number} has no title"
    page.fill(P + "candidate", 'Ref "J\\D" 7')  # quotes and a backslash cannot break the header
    assert "Candidate: Ref 'J D' 7" in squash(printed(page).pages[-1])


def test_a_blank_sheet_prints_without_answers_and_leaves_the_candidates_alone(page, base_url):
    """Walkthrough F4: with candidates saved, the sheet still prints blank to fill in by hand."""
    open_panel(page, base_url + PANEL)
    interview(page, "Jane Doe", "Jane's evidence", "unclear", "Ask for a second interview")
    kept = page.evaluate("JSON.stringify(Object.entries(localStorage).sort())")
    page.evaluate("window.print = () => { window.hubPrintedBlank = document.querySelector('.hub-pairs').className; }")
    page.get_by_role("button", name="Print a blank sheet").click()
    assert "hub-pairs--blank" in page.evaluate("window.hubPrintedBlank")
    sheet = printed(page)  # page.pdf fires no afterprint, so the class is still on
    flat = squash(sheet.text)
    for answer in ["Jane Doe", "Jane's evidence", "Ask for a second interview", "Peer support worker",
                   "4 March 2027", "Sam Lee"]:
        assert answer not in flat, answer
    assert "Evidence heard" in flat and "Candidate" in flat and "Reasons for the outcome" in flat
    assert " answered" not in flat  # not even how many were answered
    assert page.evaluate("JSON.stringify(Object.entries(localStorage).sort())") == kept
    assert page.input_value(P + "candidate") == "Jane Doe"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")  # printing done: the sheet is Jane's again
    assert "Jane's evidence" in squash(printed(page).text)


def test_without_javascript_a_blank_sheet_prints_with_the_guidance_on_its_own_sheet(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + PANEL)
        assert page.locator(".hub-candidates").is_hidden()
        sheet = printed(page)
        assert squash(sheet.text).count("Evidence heard") == 5
        first = next(n for n, text in enumerate(sheet.pages) if DBS in squash(text))
        assert first > 0 and "Evidence heard" not in sheet.pages[first] and "Outcome" not in sheet.pages[first]
        for label in ["Candidate", "Role", "Date", "Panel members", "Reasons for the outcome"]:
            assert label in sheet.text
    finally:
        context.close()


def test_a_sheet_kept_before_candidates_becomes_the_first_candidates(page, base_url):
    page.goto(base_url + PANEL)
    page.evaluate("""() => { localStorage.clear();
        localStorage.setItem('hub:v1:readiness-indicators-panel:disclosure--evidence', JSON.stringify('Older notes'));
        localStorage.setItem('hub:v1:readiness-indicators-panel:disclosure', JSON.stringify('ready')); }""")
    open_panel(page, base_url + PANEL)
    assert page.input_value(P + "disclosure--evidence") == "Older notes"
    assert page.is_checked(P + "disclosure--ready")
    assert page.evaluate("localStorage.getItem('hub:v1:readiness-indicators-panel:disclosure--evidence')") is None


def test_with_storage_blocked_there_is_one_sheet_that_works_and_says_so(browser, base_url, tmp_path):
    context = blocked_storage_context(browser.browser_type, tmp_path / "profile")
    try:
        page = context.new_page()
        errors = []  # Material's own inline helpers may throw here (issue 9.5); ours must not
        page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
        open_panel(page, base_url + PANEL)
        assert "not letting the page keep candidates" in page.locator(".hub-candidates__notice").inner_text()
        assert page.get_by_role("button", name="Add a candidate").is_disabled()
        interview(page, "Jane Doe", "Jane's evidence")
        assert "Jane Doe" in printed(page).text
        assert not [error for error in errors if "/assets/hub/" in error], errors
    finally:
        context.close()


def test_the_offline_bundle_keeps_candidates_apart(browser, offline_site):
    page = browser.new_page()
    try:
        open_panel(page, (offline_site / "recruitment" / "panel-sheet.html").as_uri())
        interview(page, "Jane Doe", "Jane's evidence")
        add_candidate(page)
        interview(page, "R-1042", "Second evidence")
        switch_to(page, "Jane Doe")
        assert page.input_value(P + "disclosure--evidence") == "Jane's evidence"
    finally:
        page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_panel_sheet_with_candidates_has_no_axe_violations(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE)
    try:
        page = context.new_page()
        open_panel(page, base_url + PANEL)
        interview(page, "Jane Doe", "Jane's evidence")
        violations = axe_violations(page)
        assert violations == [], describe(violations)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()


def test_an_unreadable_list_of_candidates_leaves_one_working_sheet_and_says_so(page, base_url):
    page.goto(base_url + PANEL)
    page.evaluate("""() => { localStorage.clear();
        localStorage.setItem('hub:v1:readiness-indicators-panel-candidates:list', '{not json'); }""")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_panel(page, base_url + PANEL)
    assert "could not be read" in page.locator(".hub-candidates__notice").inner_text()
    assert page.get_by_role("button", name="Add a candidate").is_disabled()
    page.fill(P + "candidate", "Jane Doe")
    assert "Jane Doe" in printed(page).text
    assert page.evaluate("localStorage.getItem('hub:v1:readiness-indicators-panel-candidates:list')") == "{not json"
    assert errors == []
