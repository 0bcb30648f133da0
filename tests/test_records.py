"""records.js in Chromium, on a page built with a small form that follows the records contract:
answers survive reloads, download, clear after confirmation, and storage trouble never breaks
the page."""

from __future__ import annotations

import json

import pytest

from conftest import add_page, build, copy_project, serve

pytestmark = pytest.mark.browser

FORM = """---
title: Records test
description: A form for the records test.
last_reviewed: 2026-01-10
next_review: 2028-01-10
---

# Records test

<form class="hub-record" data-hub-dataset="test-set" data-hub-title="A test set" novalidate>
<div class="hub-record__bar" hidden>
<p class="hub-record__notice"></p>
<p class="hub-record__status" role="status"></p>
<button type="button" data-hub-action="download">Download your answers</button>
<button type="button" data-hub-action="print">Print with your answers</button>
<button type="button" data-hub-action="clear">Clear your answers</button>
</div>
<fieldset id="test-set--feelings"><legend>Feelings</legend>
<div class="hub-field">
<label for="test-set--how">How do you feel?</label>
<textarea id="test-set--how" data-hub-item="how" data-hub-count rows="3"></textarea>
</div>
<div class="hub-field">
<label for="test-set--why">Why?</label>
<textarea id="test-set--why" data-hub-item="why" data-hub-count rows="3"></textarea>
</div>
</fieldset>
<fieldset id="test-set--checks"><legend>Checks</legend>
<div class="hub-field hub-field--check">
<input type="checkbox" id="test-set--plan" data-hub-item="plan" data-hub-count><label for="test-set--plan">We have a plan</label>
<label for="test-set--plan--note">Note</label>
<textarea id="test-set--plan--note" data-hub-item="plan--note" rows="2"></textarea>
</div>
<fieldset><legend>Ready?</legend>
<input type="radio" id="test-set--ready-yes" name="ready" value="yes" data-hub-item="ready"><label for="test-set--ready-yes">Ready</label>
<input type="radio" id="test-set--ready-no" name="ready" value="no" data-hub-item="ready"><label for="test-set--ready-no">Not yet</label>
</fieldset>
</fieldset>
</form>
"""


@pytest.fixture(scope="module")
def form_url(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("records") / "project")
    add_page(project, "records-test.md", FORM)
    site = project / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    server, url = serve(site)
    yield url + "records-test/"
    server.shutdown()


def open_form(page, url):
    page.goto(url)
    page.wait_for_selector("form.hub-record[data-hub-ready]")


def status(page):
    return page.locator(".hub-record__status").inner_text()


def test_answers_ticks_and_choices_survive_a_reload(page, form_url):
    open_form(page, form_url)
    assert status(page) == "0 of 3 answered"
    page.fill("#test-set--how", "Nervous but ready")
    page.check("#test-set--plan")
    page.fill("#test-set--plan--note", "Agreed in May")
    page.check("#test-set--ready-no")
    assert status(page) == "2 of 3 answered"
    page.reload()
    page.wait_for_selector("form.hub-record[data-hub-ready]")
    assert page.input_value("#test-set--how") == "Nervous but ready"
    assert page.is_checked("#test-set--plan") and page.is_checked("#test-set--ready-no")
    assert page.input_value("#test-set--plan--note") == "Agreed in May"
    assert status(page) == "2 of 3 answered"
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert json.loads(stored)["hub:v1:test-set:how"] == json.dumps("Nervous but ready")
    assert "never sent anywhere" in page.locator(".hub-record__notice").inner_text()


def test_download_holds_every_answer(page, form_url):
    open_form(page, form_url)
    page.fill("#test-set--how", "Calm")
    page.fill("#test-set--why", "Slept well\nand ate")
    page.check("#test-set--plan")
    page.check("#test-set--ready-yes")
    with page.expect_download() as info:
        page.click("text=Download your answers")
    text = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename.startswith("test-set-") and info.value.suggested_filename.endswith(".md")
    for expected in ["# A test set", "## Feelings", "### How do you feel?", "Calm", "Slept well\nand ate",
                     "## Checks", "- [x] We have a plan", "**Ready?** Ready"]:
        assert expected in text


def test_clear_asks_first_and_then_empties_everything(page, form_url):
    open_form(page, form_url)
    page.fill("#test-set--how", "Keep me")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("text=Clear your answers")
    assert page.input_value("#test-set--how") == "Keep me"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=Clear your answers")
    assert page.input_value("#test-set--how") == ""
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hub:v1:test-set:')).length") == 0
    assert status(page) == "0 of 3 answered"


def test_without_storage_the_form_works_and_warns(browser, form_url):
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }})")
    page = context.new_page()
    open_form(page, form_url)
    assert "will not be kept" in page.locator(".hub-record__notice").inner_text()
    page.fill("#test-set--how", "Still typing")
    assert status(page) == "1 of 3 answered"
    context.close()


def test_a_corrupt_saved_value_is_reported_and_never_overwritten(page, form_url):
    page.goto(form_url)
    page.evaluate("localStorage.setItem('hub:v1:test-set:how', '{not json')")
    open_form(page, form_url)
    assert "could not be read" in page.locator(".hub-record__notice").inner_text()
    page.fill("#test-set--how", "New text")
    assert page.evaluate("localStorage.getItem('hub:v1:test-set:how')") == "{not json"


def test_print_shows_answers_not_boxes(page, form_url):
    open_form(page, form_url)
    page.fill("#test-set--how", "Printed answer")
    page.emulate_media(media="print")
    assert page.locator("#test-set--how").is_hidden()
    assert page.locator(".hub-print-answer").first.inner_text() == "Printed answer"
    # the count prints (the intro promises it); the buttons and the storage notice do not
    assert page.locator(".hub-record__status").is_visible()
    assert page.locator(".hub-record__notice").is_hidden()
    assert all(button.is_hidden() for button in page.locator(".hub-record button").all())


def test_without_javascript_the_sheet_is_complete_and_quiet(browser, form_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(form_url)
    assert page.locator("textarea").count() == 3
    assert page.locator(".hub-record__bar").is_hidden()
    context.close()
