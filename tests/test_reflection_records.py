"""The SAFEST planner and the question sets in Chromium: answers survive a reload and a reworded
question, clear asks first, download and print hold every answer, and a browser that refuses
storage still gets a working page that warns."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import build, copy_project, serve

pytestmark = pytest.mark.browser

PLANNER = "safest/planner/"
READY = "form.hub-record[data-hub-ready]"


def open_set(page, url):
    page.goto(url)
    page.wait_for_selector(READY)


def status(page) -> str:
    return page.locator(".hub-record__status").inner_text()


def pdf_text(page) -> tuple[int, str]:
    """Print the page as Chromium would on A4: its number of sheets and its text."""
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_planner_answers_survive_a_reload(page, base_url):
    open_set(page, base_url + PLANNER)
    assert status(page) == "0 of 25 answered"
    page.fill("#safest--setting-where", "The interview room at the custody suite")
    page.fill("#safest--enough-amount", "One sentence.\nNo more.")
    page.fill("#safest--timing-for-you", "")
    assert status(page) == "2 of 25 answered"
    page.reload()
    page.wait_for_selector(READY)
    assert page.input_value("#safest--setting-where") == "The interview room at the custody suite"
    assert page.input_value("#safest--enough-amount") == "One sentence.\nNo more."
    assert status(page) == "2 of 25 answered"
    assert "never sent anywhere" in page.locator(".hub-record__notice").inner_text()


def test_a_reworded_question_keeps_its_answer(page, tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    server, url = serve(site)
    try:
        open_set(page, url + PLANNER)
        page.fill("#safest--setting-where", "At the drop-in centre")
        data = project / "data" / "safest.yml"
        old = "text: Where will you be when you share?"
        assert old in data.read_text(encoding="utf-8")
        data.write_text(data.read_text(encoding="utf-8").replace(old, "text: Where are you going to be?"), encoding="utf-8")
        result = build(project, site)
        assert result.returncode == 0, result.stderr
        open_set(page, url + PLANNER)
        assert page.locator('label[for="safest--setting-where"]').inner_text() == "Where are you going to be?"
        assert page.input_value("#safest--setting-where") == "At the drop-in centre"
    finally:
        server.shutdown()


def test_clear_empties_the_answers_only_after_confirmation(page, base_url):
    open_set(page, base_url + "reflection/managers/")
    page.fill("#reflection-managers--unsuitable-volunteer", "Talk to them first")
    page.fill("#reflection-managers--notes-after-complaint", "No")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("text=Clear your answers")
    assert page.input_value("#reflection-managers--unsuitable-volunteer") == "Talk to them first"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=Clear your answers")
    assert page.input_value("#reflection-managers--unsuitable-volunteer") == ""
    assert page.input_value("#reflection-managers--notes-after-complaint") == ""
    assert status(page) == "0 of 3 answered"
    page.reload()
    page.wait_for_selector(READY)
    assert page.input_value("#reflection-managers--notes-after-complaint") == ""


def fill_every_box(page) -> dict[str, str]:
    """A distinct answer in every answer box, follow-ups included: label text -> answer."""
    answers = {}
    boxes = page.locator("textarea[data-hub-item]")
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box_id = box.get_attribute("id")
        answer = f"Answer {i + 1} for {box.get_attribute('data-hub-item')}"
        box.fill(answer)
        answers[page.locator(f'label[for="{box_id}"]').inner_text()] = answer
    return answers


def test_the_download_holds_every_question_and_answer(page, base_url):
    open_set(page, base_url + "reflection/interview-preparation/")
    answers = fill_every_box(page)
    assert len(answers) == 16  # 7 ice breaker prompts, 7 questions, 2 follow-ups
    assert status(page) == "14 of 14 answered"
    with page.expect_download() as info:
        page.click("text=Download your answers")
    text = open(info.value.path(), encoding="utf-8").read()
    assert text.startswith("# Prepare for a peer support worker interview")
    assert "## Ice breaker: an object that tells your story" in text and "## Interview questions" in text
    for label, answer in answers.items():
        assert f"### {label}\n\n{answer}\n" in text


def test_printing_shows_the_answers_and_no_navigation(page, base_url):
    open_set(page, base_url + PLANNER)
    page.fill("#safest--setting-where", "Printed answer about the setting")
    page.fill("#safest--timing-relationship", "We have met three times")
    _, text = pdf_text(page)
    flat = squash(text)
    assert "Printed answer about the setting" in flat and "We have met three times" in flat
    assert "Where will you be when you share?" in flat
    for chrome in ["Table of contents", "Download your answers", "Questions for managers", "Previous", "Search"]:
        assert chrome not in flat


def test_the_pocket_card_prints_on_one_sheet_with_all_six_elements(page, base_url):
    page.goto(base_url + "safest/pocket-card/")
    sheets, text = pdf_text(page)
    flat = squash(text)
    assert sheets == 1
    for title in ["Setting", "Appropriate", "Feelings", "Enough", "Support (strategy)", "Timing"]:
        assert title in flat
    assert "Have you worked together long enough to share this?" in flat
    assert "Only the card prints" not in flat  # the page around the card stays on screen


def test_without_storage_the_planner_renders_and_warns(browser, base_url):
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }})")
    page = context.new_page()
    errors = []  # Material's own scripts also throw here (its __md_get does not catch); only ours matter
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    try:
        open_set(page, base_url + PLANNER)
        assert "will not be kept" in page.locator(".hub-record__notice").inner_text()
        assert page.locator("textarea[data-hub-item]").count() == 25
        page.fill("#safest--feelings-yours", "Nervous")
        assert status(page) == "1 of 25 answered"
        assert [e for e in errors if "/assets/hub/" in e] == []
    finally:
        context.close()


def test_the_planner_keeps_answers_in_the_offline_bundle(page, offline_site):
    url = (offline_site / "safest" / "planner.html").as_uri()  # the offline build has no directory URLs
    open_set(page, url)
    page.fill("#safest--support-debrief", "My manager, on Friday")
    page.reload()
    page.wait_for_selector(READY)
    assert page.input_value("#safest--support-debrief") == "My manager, on Friday"
    assert "never sent anywhere" in page.locator(".hub-record__notice").inner_text()
