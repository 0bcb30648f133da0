"""Downloads made from the offline bundle opened from disk (file://) never carry a file: URL:
that address holds the reader's folders (on Windows their account name) and is dead on any other
computer. With the public address (SITE_URL) the files link the published pages; without it they
name the page and the day the offline copy was made (storage.js `address`/`source`)."""

from __future__ import annotations

import pytest

from conftest import ROOT, build

pytestmark = pytest.mark.browser

SITE_URL = "https://example.github.io/peer-support-hub/"
READY = "form.hub-record[data-hub-ready]"
CHECKLIST = "checklists/recommendations-for-services.html"
QUESTIONS = "reflection/managers.html"


@pytest.fixture(scope="module")
def public_offline_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("offline-public-downloads")
    result = build(ROOT, site, offline=True, settings={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


def downloads(browser, site) -> dict[str, str]:
    """The checklist's report and CSV and a question set's answers, made from file://."""
    context = browser.new_context(accept_downloads=True)
    files = {}
    try:
        page = context.new_page()
        page.goto((site / CHECKLIST).as_uri())
        page.wait_for_selector(READY)
        page.check("#recommendations-for-services--take-account-of-difference--in-place")
        for button in ["Download the report (web page)", "Download for a spreadsheet (CSV)"]:
            with page.expect_download() as info:
                page.get_by_role("button", name=button).first.click()
            files[info.value.suggested_filename] = open(info.value.path(), encoding="utf-8-sig").read()
        page.goto((site / QUESTIONS).as_uri())
        page.wait_for_selector(READY)
        page.fill("#reflection-managers--unsuitable-volunteer", "Talk it through first.")
        with page.expect_download() as info:
            page.get_by_role("button", name="Download your answers").first.click()
        files[info.value.suggested_filename] = open(info.value.path(), encoding="utf-8").read()
    finally:
        context.close()
    assert len(files) == 3 and {name.rsplit(".", 1)[1] for name in files} == {"html", "csv", "md"}
    return files


def test_offline_downloads_without_a_public_address_hold_no_file_path(browser, offline_site):
    for name, text in downloads(browser, offline_site).items():
        assert "file:" not in text, f"{name} holds a local path"
        assert str(offline_site) not in text, name
        if not name.endswith(".csv"):
            assert "offline copy made on" in text, name
        else:  # the Guidance column names the page to read instead of linking it
            assert "Who can offer peer support" in text


def test_offline_downloads_with_a_public_address_link_the_published_pages(browser, public_offline_site):
    files = downloads(browser, public_offline_site)
    for name, text in files.items():
        assert "file:" not in text, f"{name} holds a local path"
    report = next(text for name, text in files.items() if name.endswith(".html"))
    csv = next(text for name, text in files.items() if name.endswith(".csv"))
    answers = next(text for name, text in files.items() if name.endswith(".md"))
    assert SITE_URL + "checklists/recommendations-for-services/" in report
    assert SITE_URL + "secure-services/what-is-a-peer/#who-can-offer-peer-support" in report
    assert SITE_URL + "secure-services/what-is-a-peer/#who-can-offer-peer-support" in csv
    assert SITE_URL + "reflection/managers/" in answers
