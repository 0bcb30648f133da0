"""A trainer's own programme on a schedule handout (issue 12, item 1), in Chromium.

The trainer's organisation, venue, dates, session times and facilitators survive a reload and
print as text; each day's date follows the one before (next weekday) unless changed; a
participant copy prints without facilitator notes, a facilitator copy with them; one day still
prints alone; without JavaScript the handout prints with blank lines; with storage blocked (a
real Chromium profile that refuses site data) the fields still work and print, with a notice; the
offline bundle (file://) works; another tab keeps in step; any schedule dataset gets the fields;
no axe violations at desktop or phone size.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from axe import axe_violations, describe
from conftest import add_page, blocked_storage_context, build, copy_project, serve
from pdf import printed

pytestmark = pytest.mark.browser

HANDOUT = "handouts/induction-six-day/"
READY = "[data-hub-programme][data-hub-ready]"
N = "#induction-six-day--"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NOTE = "For the facilitator"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def open_handout(page, url):
    page.goto(url)
    page.wait_for_selector(READY)


def fill_details(page):
    page.fill(N + "organisation", "Northgate Peer Service")
    page.fill(N + "venue", "Room 4, Civic Centre")
    page.fill(N + "start-date", "2027-03-01")  # a Monday
    page.fill(N + "welcome-and-introduction--time", "10:00 to 12:30")
    page.fill(N + "welcome-and-introduction--facilitators", "Amira Khan and Joe Price")
    page.fill(N + "safe-disclosure--facilitators", "Dee Owusu")


def day_dates(page) -> list[str]:
    return [page.input_value(f"{N}day-{n}--date") for n in range(1, 7)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_trainers_details_survive_a_reload_and_print_as_text(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        open_handout(page, base_url + HANDOUT)
        for label in ["Organisation", "Venue", "Start date", "Date of day 2", "Printed copy"]:
            assert page.get_by_text(label, exact=True).first.is_visible(), label
        fill_details(page)
        page.reload()
        page.wait_for_selector(READY)
        assert page.input_value(N + "organisation") == "Northgate Peer Service"
        assert page.input_value(N + "venue") == "Room 4, Civic Centre"
        assert page.input_value(N + "welcome-and-introduction--time") == "10:00 to 12:30"
        assert page.input_value(N + "safe-disclosure--facilitators") == "Dee Owusu"
        assert day_dates(page)[0] == "2027-03-01"
        flat = squash(printed(page).text)
        for text in ["Northgate Peer Service", "Room 4, Civic Centre", "1 March 2027", "10:00 to 12:30",
                     "Amira Khan and Joe Price", "Dee Owusu", "8 March 2027"]:
            assert text in flat, text
        assert "2027-03-01" not in flat  # dates are written out, not printed as typed into the field
    finally:
        context.close()


def test_each_days_date_follows_on_the_next_weekday_and_can_be_changed(page, base_url):
    open_handout(page, base_url + HANDOUT)
    page.fill(N + "start-date", "2027-03-01")
    assert day_dates(page) == ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-08"]
    page.fill(N + "day-3--date", "2027-03-10")  # day 3 moves to the next Wednesday: the rest follow it
    assert day_dates(page) == ["2027-03-01", "2027-03-02", "2027-03-10", "2027-03-11", "2027-03-12", "2027-03-15"]
    page.fill(N + "day-1--date", "2027-02-22")  # day 1's date is the start date; day 3 moves with it
    assert page.input_value(N + "start-date") == "2027-02-22"
    assert day_dates(page)[:3] == ["2027-02-22", "2027-02-23", "2027-03-03"]
    page.reload()
    page.wait_for_selector(READY)
    assert day_dates(page) == ["2027-02-22", "2027-02-23", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-08"]
    page.fill(N + "day-3--date", "")  # emptied: day 3 follows day 2 again
    assert day_dates(page)[2:] == ["2027-02-24", "2027-02-25", "2027-02-26", "2027-03-01"]


def test_a_new_start_date_moves_the_days_set_by_hand_and_never_leaves_them_behind(page, base_url):
    """Walkthrough F15: a later start date used to leave day 3 (set by hand) before day 2."""
    open_handout(page, base_url + HANDOUT)
    page.fill(N + "start-date", "2026-12-07")
    page.fill(N + "day-3--date", "2026-12-15")
    assert day_dates(page) == ["2026-12-07", "2026-12-08", "2026-12-15", "2026-12-16", "2026-12-17", "2026-12-18"]
    page.fill(N + "start-date", "2026-12-14")  # a week later: the trainer's gap moves with it
    assert day_dates(page) == ["2026-12-14", "2026-12-15", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25"]
    page.fill(N + "start-date", "2026-12-25")
    dates = day_dates(page)
    assert dates == sorted(set(dates)), dates
    assert page.locator(".hub-programme__order").count() == 0
    page.reload()
    page.wait_for_selector(READY)
    assert day_dates(page) == dates


def test_a_day_typed_before_the_day_before_it_is_flagged_beside_its_field(page, base_url):
    open_handout(page, base_url + HANDOUT)
    page.fill(N + "start-date", "2027-03-01")
    page.fill(N + "day-3--date", "2027-02-26")  # before day 2 (2 March)
    warning = page.locator("#induction-six-day--day-3--date-order")
    assert warning.is_visible()
    assert "Day 3 is before day 2" in warning.inner_text()
    assert page.get_attribute(N + "day-3--date", "aria-describedby") == "induction-six-day--day-3--date-order"
    assert page.get_attribute(N + "day-3--date", "aria-invalid") == "true"
    page.fill(N + "day-3--date", "2027-03-02")  # the same day as day 2
    assert "Day 3 is on the same day as day 2" in warning.inner_text()
    page.fill(N + "day-3--date", "2027-03-10")  # in order again: no warning
    assert warning.count() == 0
    assert page.get_attribute(N + "day-3--date", "aria-describedby") is None


def test_a_participant_copy_prints_without_facilitator_notes_and_a_facilitator_copy_with_them(page, base_url):
    open_handout(page, base_url + HANDOUT)
    fill_details(page)
    notes = page.locator(".hub-schedule__notes").count()
    assert notes >= 1
    note = squash(page.locator(".hub-schedule__notes").first.inner_text()).replace(NOTE + ":", "").strip()[:30]
    assert page.is_checked(N + "copy-participant")  # the default: no facilitator notes by mistake
    assert "participant copy" in page.locator(".hub-programme__copy-note").inner_text()
    default = squash(printed(page).text)
    assert NOTE not in default and note not in default
    page.get_by_label("Facilitator copy, with facilitator notes").check()
    facilitator = squash(printed(page).text)
    assert facilitator.count(NOTE) == notes
    assert note in facilitator
    page.get_by_label("Participant copy, without facilitator notes").check()
    participant = printed(page)
    assert NOTE not in participant.text and note not in squash(participant.text)
    assert "Northgate Peer Service" in participant.text and "Amira Khan and Joe Price" in squash(participant.text)
    assert page.locator(".hub-schedule__notes").first.is_visible()  # the trainer still sees them on screen
    page.reload()
    page.wait_for_selector(READY)
    assert page.is_checked(N + "copy-participant")  # the choice is kept too
    assert NOTE not in printed(page).text


def test_one_day_still_prints_alone_with_its_details(page, base_url):
    open_handout(page, base_url + HANDOUT)
    fill_details(page)
    page.goto(base_url + HANDOUT + "#induction-six-day--day-3")
    page.wait_for_selector(READY)
    sheet = printed(page)
    flat = squash(sheet.text)
    assert len(sheet.pages) == 1
    assert "Day 3" in flat and "Day 2" not in flat and "Day 4" not in flat
    assert "3 March 2027" in flat and "Dee Owusu" in flat and "Northgate Peer Service" in flat


def test_without_javascript_the_handout_prints_with_blank_lines_to_write_on(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + HANDOUT)
        assert page.locator(".hub-programme__details").is_hidden()
        assert page.locator("[data-hub-detail]:visible").count() == 0
        sheet = printed(page)
        flat = squash(sheet.text)
        assert len(sheet.pages) == 6
        for label in ["Organisation", "Venue", "Date", "Time", "Facilitators"]:
            assert label in flat, label
        # the same copy as with JavaScript by default: the participant copy, and the page says so
        assert page.locator(".hub-schedule__notes").first.is_visible()
        assert NOTE not in flat
        assert "participant copy" in page.locator(".hub-programme__copy-note").inner_text()
        assert page.locator(".hub-write-in dd").count() > 10
        assert all(text == "" for text in page.locator(".hub-write-in dd").all_text_contents())
    finally:
        context.close()


def test_with_storage_blocked_the_fields_work_print_and_say_they_are_not_kept(browser, base_url, tmp_path):
    context = blocked_storage_context(browser.browser_type, tmp_path / "profile")
    try:
        page = context.new_page()
        errors = []  # Material's own inline helpers may throw here (issue 9.5); ours must not
        page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
        open_handout(page, base_url + HANDOUT)
        assert "will not be kept" in page.locator(".hub-programme__notice").inner_text()
        fill_details(page)
        assert day_dates(page)[1] == "2027-03-02"
        assert "Northgate Peer Service" in printed(page).text
        assert not [error for error in errors if "/assets/hub/" in error], errors
    finally:
        context.close()


def test_the_offline_bundle_keeps_and_prints_the_details(browser, offline_site):
    page = browser.new_page()
    try:
        open_handout(page, (offline_site / "handouts" / "induction-six-day.html").as_uri())
        fill_details(page)
        page.reload()
        page.wait_for_selector(READY)
        assert page.input_value(N + "organisation") == "Northgate Peer Service"
        assert "Room 4, Civic Centre" in printed(page).text
    finally:
        page.close()


def test_another_tab_keeps_in_step(context, base_url):
    first, second = context.new_page(), context.new_page()
    open_handout(first, base_url + HANDOUT)
    open_handout(second, base_url + HANDOUT)
    first.fill(N + "venue", "The Old Library")
    expect(second.locator(N + "venue")).to_have_value("The Old Library")  # no string eval: the CSP forbids it
    first.once("dialog", lambda dialog: dialog.accept())
    first.click("[data-hub-programme-clear]")
    expect(second.locator(N + "venue")).to_have_value("")
    assert second.locator(".hub-write-in dd[data-hub-shows=venue]").first.text_content() == ""


def test_clear_asks_first_and_removes_every_detail(page, base_url):
    open_handout(page, base_url + HANDOUT)
    fill_details(page)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-hub-programme-clear]")
    assert page.input_value(N + "organisation") == "Northgate Peer Service"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-hub-programme-clear]")
    page.reload()
    page.wait_for_selector(READY)
    assert page.input_value(N + "organisation") == "" and day_dates(page)[1] == ""
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hub:v1:induction-six-day:'))") == []


SCHEDULE = """# yaml-language-server: $schema=schemas/schedule.schema.json
kind: schedule
title: Two-day refresher
source: {id: liaison-and-diversion, section: Example Induction Programme}
days:
  - id: first
    sessions:
      - id: boundaries
        theme: Boundaries
        topics: [Saying no]
        notes: Keep this one short.
  - id: second
    sessions:
      - id: supervision
        theme: Supervision
        topics: [Using supervision well]
"""


@pytest.fixture(scope="module")
def refresher_url(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("programme") / "project")
    (project / "data" / "two-day-refresher.yml").write_text(SCHEDULE, encoding="utf-8")
    add_page(project, "refresher.md", "---\ntitle: Two-day refresher\ndescription: A schedule added as data.\ntemplate: handout.html\n"
             "last_reviewed: 2026-11-29\nnext_review: 2028-11-29\n---\n\n# Two-day refresher\n\n"
             "<!-- hub: two-day-refresher handout -->\n")
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    server, url = serve(site)
    yield url + "refresher/"
    server.shutdown()


def test_a_schedule_a_trainer_adds_as_data_gets_the_same_fields(page, refresher_url):
    open_handout(page, refresher_url)
    page.fill("#two-day-refresher--organisation", "Southside Recovery College")
    page.fill("#two-day-refresher--start-date", "2027-05-07")  # a Friday: day 2 is the Monday
    page.fill("#two-day-refresher--supervision--time", "14:00")
    assert page.input_value("#two-day-refresher--second--date") == "2027-05-10"
    page.reload()
    page.wait_for_selector(READY)
    assert page.evaluate("localStorage.getItem('hub:v1:two-day-refresher:supervision--time')") == '"14:00"'
    flat = squash(printed(page).text)
    assert "Southside Recovery College" in flat and "10 May 2027" in flat and "14:00" in flat


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_handout_with_its_fields_has_no_axe_violations(browser, base_url, viewport):
    context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE)
    try:
        page = context.new_page()
        open_handout(page, base_url + HANDOUT)
        fill_details(page)
        violations = axe_violations(page)
        assert violations == [], describe(violations)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()
