"""Two tabs of one browser on the same form (issue 9, fault 6), in Chromium: a change or a clear
in one tab shows in the other at once (the `storage` event, through storage.js), and a tab never
writes back answers that were cleared elsewhere. Desktop and phone sizes."""

from __future__ import annotations

import json

import pytest

from conftest import SIZES

pytestmark = pytest.mark.browser

PLANNER = "safest/planner/"
CHECKLIST = "checklists/preparation-plan/"
READY = "form.hub-record[data-hub-ready]"


@pytest.fixture(params=list(SIZES))
def tabs(browser, request):
    """Two pages (tabs) in one browser context: they share localStorage, as tabs do."""
    context = browser.new_context(**SIZES[request.param])
    errors: list[str] = []
    pages = [context.new_page(), context.new_page()]
    for page in pages:
        page.on("pageerror", lambda error: errors.append(str(error)))
    yield pages
    context.close()
    assert errors == []


def open_form(page, url):
    page.goto(url)
    page.wait_for_selector(READY)


def stored(page) -> dict:
    return json.loads(page.evaluate("JSON.stringify(Object.assign({}, localStorage))"))


def test_a_clear_in_one_tab_empties_the_other_and_is_never_undone(tabs, base_url):
    a, b = tabs
    open_form(a, base_url + PLANNER)
    a.fill("#safest--setting-where", "The quiet room")
    a.fill("#safest--feelings-yours", "Nervous")
    open_form(b, base_url + PLANNER)
    assert b.input_value("#safest--setting-where") == "The quiet room"
    b.once("dialog", lambda dialog: dialog.accept())
    b.click("text=Clear your answers")
    a.wait_for_function("() => document.querySelector('#safest--setting-where').value === ''")
    assert a.input_value("#safest--feelings-yours") == ""
    assert a.locator(".hub-record__status").inner_text() == "0 of 25 answered"
    a.fill("#safest--timing-for-you", "After the ward round")
    a.reload()
    a.wait_for_selector(READY)
    assert a.input_value("#safest--timing-for-you") == "After the ward round"
    assert a.input_value("#safest--setting-where") == "" and a.input_value("#safest--feelings-yours") == ""
    assert [k for k in stored(a) if k.startswith("hub:v1:safest:")] == ["hub:v1:safest:timing-for-you"]


def test_an_edit_in_one_tab_shows_in_the_other(tabs, base_url):
    a, b = tabs
    open_form(a, base_url + PLANNER)
    open_form(b, base_url + PLANNER)
    b.fill("#safest--enough-amount", "One sentence")
    a.wait_for_function("() => document.querySelector('#safest--enough-amount').value === 'One sentence'")
    assert a.locator(".hub-record__status").inner_text() == "1 of 25 answered"
    a.emulate_media(media="print")  # the printed copy follows too
    assert a.locator("#safest--enough-amount + .hub-print-answer").inner_text() == "One sentence"
    a.emulate_media(media="screen")
    a.fill("#safest--enough-amount", "")
    b.wait_for_function("() => document.querySelector('#safest--enough-amount').value === ''")


def test_choices_and_notes_on_a_checklist_follow_too(tabs, base_url):
    a, b = tabs
    open_form(a, base_url + CHECKLIST)
    open_form(b, base_url + CHECKLIST)
    first = a.locator("form.hub-record .hub-status input[value=partly]").first
    item = first.get_attribute("data-hub-item")
    first.check()
    b.wait_for_function(f"() => document.querySelector('[data-hub-item=\"{item}\"]:checked')?.value === 'partly'")
    a.fill(f"[data-hub-item='{item}--note']", "Agreed at the board")
    b.wait_for_function(f"() => document.querySelector('[data-hub-item=\"{item}--note\"]').value === 'Agreed at the board'")


def test_a_value_another_tab_cannot_have_written_is_kept_and_reported(tabs, base_url):
    a, b = tabs
    open_form(a, base_url + PLANNER)
    a.fill("#safest--setting-where", "Mine")
    open_form(b, base_url + PLANNER)
    b.evaluate("localStorage.setItem('hub:v1:safest:setting-where', '{broken')")
    a.wait_for_function("() => document.querySelector('.hub-record__notice').textContent.includes('could not be read')")
    assert a.input_value("#safest--setting-where") == "Mine"  # what the reader sees stays
    a.fill("#safest--setting-where", "Mine, edited")
    assert stored(a)["hub:v1:safest:setting-where"] == "{broken"  # and the unreadable value is not overwritten
