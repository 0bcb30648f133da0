"""Browsers that refuse storage (issue 9.5): in a Chromium profile that blocks all site data (the
browser's own setting, not a mock), everything but saving works with no uncaught error: the
colour toggle, search, navigation, the forms and their "answers will not be kept" notice, served
and from the offline bundle. Material's storage helpers are made safe in
overrides/partials/javascripts/base.html; without that, the toggle disappears and search never
starts (Material's palette code throws a SecurityError and stops the bundle)."""

from __future__ import annotations

import pytest

from test_browser_foundation import search
from test_csp import LISTEN, offline_address, served_address

pytestmark = pytest.mark.browser

STORAGE_ERROR = "() => { try { return localStorage.length >= 0 && 'allowed' } catch (e) { return e.name } }"


@pytest.fixture(params=["served", "offline"])
def where(request):
    """(base address, address of a page by its source path) for each build."""
    if request.param == "served":
        return request.getfixturevalue("base_url"), served_address
    return request.getfixturevalue("offline_site").as_uri() + "/", offline_address


@pytest.fixture
def tab(storage_blocked):
    context = storage_blocked()
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors
    page.close()


def test_everything_but_saving_works(tab, where):
    page, errors = tab
    base, address = where
    page.goto(base + address("index.md"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate(STORAGE_ERROR) == "SecurityError", "the profile should refuse storage"

    toggle = page.locator("[data-md-component='palette'] label:visible")
    assert toggle.count() == 1, "the colour toggle is missing"
    before = page.locator("body").get_attribute("data-md-color-scheme")
    toggle.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != before
    page.locator("[data-md-component='palette'] label:visible").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == before

    results = search(page, "peer")
    results.first.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("article.md-content__inner h1").count() == 1

    page.goto(base + address("safest/planner.md"))
    page.wait_for_load_state("networkidle")
    notice = page.locator("form.hub-record .hub-record__notice").first
    assert "will not be kept" in notice.inner_text()
    answer = page.locator("form.hub-record textarea").first
    answer.fill("Typed, not kept")
    assert answer.input_value() == "Typed, not kept"

    assert errors == [], "uncaught errors"
    assert page.evaluate("window.__violations") == []
