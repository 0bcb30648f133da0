"""Everything the hub keeps on a device, on the privacy page (issue 12, item 5), in Chromium:
downloaded in one versioned file, cleared after confirmation (open forms follow), loaded back
after a check; a clash with answers already here is shown item by item and never silently
overwritten; files of the wrong kind, version or keys are refused with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SIZES

from axe import axe_violations

pytestmark = pytest.mark.browser

PRIVACY = "about/privacy/"
PLANNER = "safest/planner/"
CHECKLIST = "checklists/recommendations-for-services/"
READY = "form.hub-record[data-hub-ready]"
TOOL = "[data-hub-device-data][data-hub-ready]"


@pytest.fixture(params=list(SIZES))
def context(browser, request):
    context = browser.new_context(accept_downloads=True, **SIZES[request.param])
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert page.errors == []


def hub_keys(page) -> dict:
    return json.loads(page.evaluate(
        "JSON.stringify(Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('hub:v1:'))))"))


def fill_some_answers(page, base_url):
    page.goto(base_url + PLANNER)
    page.wait_for_selector(READY)
    page.fill("#safest--setting-where", "The quiet room")
    page.fill("#safest--enough-amount", "Two lines,\nno more")
    page.goto(base_url + CHECKLIST)
    page.wait_for_selector(READY)
    page.check("#recommendations-for-services--peer-support-in-crisis--partly")
    page.fill("#recommendations-for-services--assessment--service", "Ashdown")


def open_tool(page, base_url):
    page.goto(base_url + PRIVACY)
    page.wait_for_selector(TOOL)


def message(page) -> str:
    return page.locator(".hub-device-data__message").inner_text()


def export(page, tmp_path) -> Path:
    with page.expect_download() as info:
        page.click("[data-hub-action=export]")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def load(page, path: Path):
    page.set_input_files("#hub-device-data-file", str(path))
    page.wait_for_function("() => document.querySelector('.hub-device-data__message').textContent.trim() !== ''")


def test_everything_exported_cleared_and_loaded_comes_back(page, base_url, tmp_path):
    fill_some_answers(page, base_url)
    open_tool(page, base_url)
    before = hub_keys(page)
    assert len(before) == 4
    assert page.locator(".hub-device-data__summary").inner_text() == "This browser holds 4 answers from 2 forms of the hub."
    path = export(page, tmp_path)
    assert path.name.startswith("peer-support-hub-answers-") and path.suffix == ".json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "peer-support-knowledge-hub/answers" and data["version"] == 1
    assert data["answers"] == {key: json.loads(value) for key, value in before.items()}

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-hub-action=clear-all]")
    assert hub_keys(page) == before
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.click("[data-hub-action=clear-all]")
    assert asked and asked[0].endswith("Files you have downloaded are not touched."), asked
    assert hub_keys(page) == {}
    assert "Removed 4 answers" in message(page) and "Files you have downloaded are not touched" in message(page)
    page.evaluate("localStorage.setItem('__palette', '{}')")  # not the hub's answers: left alone by a clear
    assert path.exists()

    page.goto(base_url + PLANNER)
    page.wait_for_selector(READY)
    assert page.input_value("#safest--setting-where") == ""

    open_tool(page, base_url)
    load(page, path)
    assert "holds 4 answers this browser does not have" in page.locator(".hub-device-data__import").inner_text()
    assert hub_keys(page) == {}  # nothing is written before the reader says so
    page.click("[data-hub-action=load]")
    assert message(page).startswith("Loaded 4 answers.")
    assert hub_keys(page) == before
    page.goto(base_url + PLANNER)
    page.wait_for_selector(READY)
    assert page.input_value("#safest--enough-amount") == "Two lines,\nno more"
    page.goto(base_url + CHECKLIST)
    page.wait_for_selector(READY)
    assert page.is_checked("#recommendations-for-services--peer-support-in-crisis--partly")


def test_a_clash_is_shown_item_by_item_and_the_reader_chooses(page, base_url, tmp_path):
    fill_some_answers(page, base_url)
    open_tool(page, base_url)
    path = export(page, tmp_path)
    # This device has moved on since the file was made: two answers now differ.
    page.evaluate("""() => {
        localStorage.setItem('hub:v1:safest:setting-where', JSON.stringify('The garden'));
        localStorage.setItem('hub:v1:recommendations-for-services:assessment--service', JSON.stringify('Ashdown Unit'));
    }""")
    load(page, path)
    clashes = page.locator(".hub-clash")
    assert clashes.count() == 2
    text = page.locator(".hub-device-data__import").inner_text()
    assert "2 answers it already has, and 2 answers that differ" in text
    assert "Keep this device\u2019s: The garden" in text and "Use the file\u2019s: The quiet room" in text
    assert "setting-where (in safest)" in text
    assert all(page.is_checked(f"#hub-clash-{i}-mine") for i in range(2))  # kept unless the reader chooses
    assert axe_violations(page) == []
    page.check(f"label:has-text('Use the file\u2019s: The quiet room')")
    page.click("[data-hub-action=load]")
    assert "1 answer kept as it was on this device" in message(page)
    stored = hub_keys(page)
    assert json.loads(stored["hub:v1:safest:setting-where"]) == "The quiet room"
    assert json.loads(stored["hub:v1:recommendations-for-services:assessment--service"]) == "Ashdown Unit"


@pytest.mark.parametrize("content, expected", [
    ("not json at all", "not a file of answers downloaded from this hub"),
    (json.dumps({"answers": {}}), "not a file of answers downloaded from this hub"),
    (json.dumps({"format": "peer-support-knowledge-hub/answers", "version": 2, "answers": {}}), "newer version of the hub"),
    (json.dumps({"format": "peer-support-knowledge-hub/answers", "version": "1", "answers": {}}), "is not one this hub knows"),
    (json.dumps({"format": "peer-support-knowledge-hub/answers", "version": 1, "answers": []}), "has no answers"),
    (json.dumps({"format": "peer-support-knowledge-hub/answers", "version": 1, "answers": {"__palette": "x"}}),
     "not a hub answer (\u201c__palette\u201d)"),
    (json.dumps({"format": "peer-support-knowledge-hub/answers", "version": 1, "answers": {"hub:v1:safest": "x"}}),
     "not a hub answer"),
    (json.dumps({"format": "peer-support-knowledge-hub/answers", "version": 1, "answers": {"hub:v1:safest:x": None}}),
     "is empty"),
])
def test_a_wrong_file_is_refused_and_nothing_changes(page, base_url, tmp_path, content, expected):
    fill_some_answers(page, base_url)
    open_tool(page, base_url)
    before = hub_keys(page)
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    load(page, path)
    assert message(page).startswith("Nothing was loaded from \u201canswers.json\u201d: ")
    assert expected in message(page)
    assert page.locator(".hub-clash, [data-hub-action=load]").count() == 0
    assert hub_keys(page) == before


def test_clear_everything_empties_forms_open_in_other_tabs(context, base_url):
    form, tool = context.new_page(), context.new_page()
    fill_some_answers(form, base_url)
    form.goto(base_url + PLANNER)
    form.wait_for_selector(READY)
    assert form.input_value("#safest--setting-where") == "The quiet room"
    open_tool(tool, base_url)
    tool.once("dialog", lambda dialog: dialog.accept())
    tool.click("[data-hub-action=clear-all]")
    form.wait_for_function("() => document.querySelector('#safest--setting-where').value === ''")
    assert form.locator(".hub-record__status").inner_text() == "0 of 25 answered"
    form.fill("#safest--timing-for-you", "Later")  # the tool's count follows the form
    tool.wait_for_function("() => document.querySelector('.hub-device-data__summary').textContent.includes('1 answer from 1 form')")


def test_with_storage_blocked_the_page_says_so_without_errors(browser, base_url):
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }})")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.goto(base_url + PRIVACY)
    page.wait_for_selector(TOOL)
    assert "not letting the hub keep anything" in page.locator(".hub-device-data__summary").inner_text()
    page.click("[data-hub-action=clear-all]")
    assert "nothing to clear" in message(page)
    context.close()
    assert [e for e in errors if "/assets/hub/" in e] == []


def test_the_privacy_page_has_no_axe_violations(page, base_url):
    open_tool(page, base_url)
    assert axe_violations(page) == []
